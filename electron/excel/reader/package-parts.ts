// The package's relationships (ECMA-376 part 2, §9.3) and the workbook part: which part
// is the workbook, which sheets it lists and where each one's part is.
import type { SheetState } from '../workbook-model';
import { parseXml, partText, prefixedAttribute } from './xml';

export interface Relationship {
  type: string;
  /** Lower-cased part name, as ZipScanReport.parts keys it. */
  part: string;
}

/** "worksheets/sheet1.xml" against "xl/" → "xl/worksheets/sheet1.xml"; "/xl/…" is absolute. */
function resolvePart(baseDir: string, target: string): string {
  const segments = target.startsWith('/') ? [] : baseDir.split('/').filter(Boolean);
  for (const segment of target.replace(/\\/gu, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/').toLowerCase();
}

export function readRelationships(text: string, baseDir: string): Map<string, Relationship> {
  const out = new Map<string, Relationship>();
  parseXml(text, {
    open(name, tag) {
      if (name !== 'Relationship' || tag.attributes.TargetMode === 'External') return;
      const { Id: id, Type: type, Target: target } = tag.attributes;
      if (id !== undefined && type !== undefined && target !== undefined) out.set(id, { type, part: resolvePart(baseDir, target) });
    },
  });
  return out;
}

/** The relationship type's last segment: transitional and strict OOXML name the same kinds differently before it. */
export function relationshipKind(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1);
}

/**
 * The package's main part, the workbook, as the package relationships (_rels/.rels)
 * name it (ECMA-376 part 2, §9.3; lower-cased, as ZipScanReport.parts keys it). Excel
 * writes xl/workbook.xml, but part names are the writer's choice: a generator may put
 * the workbook at the root. Null when the package names no workbook part it holds.
 */
export function workbookPartOf(parts: ReadonlyMap<string, Buffer>): string | null {
  const rels = parts.get('_rels/.rels');
  if (rels !== undefined) {
    try {
      for (const rel of readRelationships(partText(rels), '').values()) {
        if (relationshipKind(rel.type) === 'officeDocument' && parts.has(rel.part)) return rel.part;
      }
    } catch {
      // Package relationships that are not well-formed XML name nothing; the usual name may still be there.
    }
  }
  return parts.has('xl/workbook.xml') ? 'xl/workbook.xml' : null;
}

export interface SheetEntry {
  name: string;
  state: SheetState;
  relationshipId: string | undefined;
}

export function readWorkbookPart(text: string): { sheets: SheetEntry[]; date1904: boolean } {
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  parseXml(text, {
    open(name, tag) {
      if (name === 'workbookPr') {
        const v = tag.attributes.date1904;
        date1904 = v === '1' || v === 'true';
      } else if (name === 'sheet') {
        const state: string | undefined = tag.attributes.state;
        sheets.push({
          name: tag.attributes.name ?? '',
          state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
          relationshipId: prefixedAttribute(tag, 'id'),
        });
      }
    },
  });
  return { sheets, date1904 };
}
