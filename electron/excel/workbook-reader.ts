// Reading a workbook's cells straight from its SpreadsheetML parts (ECMA-376 part 1,
// §18), into the plain model of workbook-model.ts. Only what the import looks at is
// read: the sheet list, shared strings, the number format and font of each cell style,
// and each worksheet's cells and merges. Drawings, data validations, conditional
// formats, defined names and the theme are never parsed, so none of them can cost time
// or memory, and nothing taken from the file is ever used as an object key.
//
// Why not exceljs here (it still writes every workbook the app makes): a full exceljs
// load inflates with a JavaScript zlib, parses every part, and builds a style object
// per cell; on a report form that is ten times what this costs (tests/bench), and the
// import has to be no slower than a bare exceljs load. tests/unit/workbook-reader.test.ts
// holds this reader to exceljs's reading of the same bytes.
//
// One module per package part (reader/): xml, package-parts (relationships and the
// workbook part), shared-strings, styles, worksheet (with cells, merges, day-numbers),
// and the limits every part is read within. This one puts them together.
import { ProblemStop, type Problem } from '../../shared/problems';
import type { ModelSheet, WorkbookModel } from './workbook-model';
import type { WorkbookLimits } from './reader/limits';
import { readRelationships, readWorkbookPart, relationshipKind, workbookPartOf, type Relationship } from './reader/package-parts';
import { readSharedStrings } from './reader/shared-strings';
import { readStyles } from './reader/styles';
import { readWorksheet } from './reader/worksheet';
import { partText } from './reader/xml';

export { MAX_CELL_TEXT, MAX_MERGES, MAX_MERGES_PER_SHEET, MAX_MODEL_TEXT, MAX_SHEET_CELLS } from './reader/limits';
export { workbookPartOf } from './reader/package-parts';
export { isDateFormat } from './reader/styles';
export { serialToIso } from './reader/day-numbers';
export { slideFormula } from './reader/cells';

export interface WorkbookRead {
  /** Null when a limit stopped the read. */
  model: WorkbookModel | null;
  problems: Problem[];
}

const EXTERNAL_LINK_PART = /(^|\/)xl\/externalLinks\/[^/]+\.xml$/iu;

/**
 * Builds the model from the parts scanWorkbook inflated. A sheet over a limit comes back
 * as a problem; XML that is not well formed, or a part the workbook names and the
 * archive lacks, throws (the worker reports it as a file it cannot read).
 */
export function readWorkbook(parts: ReadonlyMap<string, Buffer>, entryNames: readonly string[], fileName: string): WorkbookRead {
  const text = (part: string): string | null => {
    const bytes = parts.get(part);
    return bytes === undefined ? null : partText(bytes);
  };
  const workbookPart = workbookPartOf(parts) ?? 'xl/workbook.xml';
  const workbookText = text(workbookPart);
  if (workbookText === null) throw new Error(`${workbookPart} missing`);
  const { sheets, date1904 } = readWorkbookPart(workbookText);
  // The workbook's own relationships sit beside it: xl/_rels/workbook.xml.rels for xl/workbook.xml.
  const cut = workbookPart.lastIndexOf('/') + 1;
  const baseDir = workbookPart.slice(0, cut);
  const relsText = text(`${baseDir}_rels/${workbookPart.slice(cut)}.rels`);
  const rels = relsText === null ? new Map<string, Relationship>() : readRelationships(relsText, baseDir);
  const ofKind = (kind: string): Relationship | undefined => [...rels.values()].find((r) => relationshipKind(r.type) === kind);

  const stringsPart = ofKind('sharedStrings')?.part ?? `${baseDir}sharedstrings.xml`;
  const stylesPart = ofKind('styles')?.part ?? `${baseDir}styles.xml`;
  const stringsText = text(stringsPart);
  const stylesText = text(stylesPart);
  const strings = stringsText === null ? [] : readSharedStrings(stringsText);
  const styles = stylesText === null ? [] : readStyles(stylesText);
  const limits: WorkbookLimits = { fileName, merges: 0, mergedCells: 0, textChars: 0 };

  const modelSheets: ModelSheet[] = [];
  try {
    for (const entry of sheets) {
      const rel = entry.relationshipId === undefined ? undefined : rels.get(entry.relationshipId);
      // Chart sheets and dialog sheets hold no cells to read.
      if (!rel || relationshipKind(rel.type) !== 'worksheet') continue;
      const sheetText = text(rel.part);
      if (sheetText === null) throw new Error(`worksheet part ${rel.part} missing`);
      const sheet = readWorksheet(sheetText, { name: entry.name, strings, styles, date1904, limits });
      modelSheets.push({ ...sheet, state: entry.state });
    }
  } catch (err) {
    if (err instanceof ProblemStop) return { model: null, problems: [err.found] };
    throw err;
  }
  return {
    model: { sheets: modelSheets, date1904, externalLinks: entryNames.filter((n) => EXTERNAL_LINK_PART.test(n)) },
    problems: [],
  };
}
