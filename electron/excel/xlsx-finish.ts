// The last touches on a workbook exceljs has written, which exceljs 4.4 cannot make
// itself: the Normal style's font, and manual column page breaks.
//
// - exceljs always makes Calibri 11 the workbook's Normal font. Excel and LibreOffice
//   measure every column width in that font's digits, so a sheet laid out for Times New
//   Roman would print wider or narrower wherever Calibri is missing or replaced (on a
//   Linux box LibreOffice falls back to DejaVu Sans, a third wider). With Times New
//   Roman 12 as the Normal font (Liberation Serif has its metrics), a width means the
//   same on the clerk's Excel, in LibreOffice and in the pages the tests render, and a
//   cell the clerk adds later is in the office's font too.
// - exceljs writes row breaks only. "Theo đơn vị" prints its agencies a group at a time,
//   which takes a break between two columns (<colBreaks>, ECMA-376 Part 1, §18.3.1.14).
// - exceljs writes a print area as "$A2:$H57", absolute in its columns only, and
//   LibreOffice then prints the whole sheet: made "$A$2:$H$57", as Excel writes it.
// - exceljs marks every row it gives a height as set by hand (customHeight="1"), and
//   neither Excel nor LibreOffice ever re-fits such a row to its text. A row of a form
//   where the agency types its answers gets a height to start from, without that mark,
//   so it grows with the answer (§18.3.1.73: customHeight is "1 if the row height has
//   been manually set").
//
// The workbook is our own, just written, so the zip is read plainly: its central
// directory, each entry's data copied as it is, only the parts changed are recompressed.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { FONT_NAME, BODY_SIZE } from './heading';

interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  time: number;
  date: number;
  data: Buffer;
  uncompressedSize: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

function readEntries(zip: Buffer): ZipEntry[] {
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error('xlsx-finish: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error('xlsx-finish: damaged central directory');
    const method = zip.readUInt16LE(at + 10);
    const time = zip.readUInt16LE(at + 12);
    const date = zip.readUInt16LE(at + 14);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const uncompressedSize = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (zip.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`xlsx-finish: no local header for ${name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    entries.push({ name, method, crc, time, date, data: zip.subarray(start, start + compressedSize), uncompressedSize });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function textOf(entry: ZipEntry): string {
  return (entry.method === 8 ? inflateRawSync(entry.data) : entry.data).toString('utf8');
}

function replaceText(entry: ZipEntry, text: string): void {
  const plain = Buffer.from(text, 'utf8');
  entry.method = 8;
  entry.data = deflateRawSync(plain);
  entry.crc = crc32(plain);
  entry.uncompressedSize = plain.length;
}

function writeEntries(entries: readonly ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    // Bit 11: the name is UTF-8 (part names are ASCII, but say so if one is not).
    const flags = /^[\x20-\x7e]*$/u.test(e.name) ? 0 : 0x0800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(e.time, 10);
    local.writeUInt16LE(e.date, 12);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.uncompressedSize, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(e.method, 10);
    header.writeUInt16LE(e.time, 12);
    header.writeUInt16LE(e.date, 14);
    header.writeUInt32LE(e.crc >>> 0, 16);
    header.writeUInt32LE(e.data.length, 20);
    header.writeUInt32LE(e.uncompressedSize, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, e.data);
    central.push(header, name);
    offset += local.length + name.length + e.data.length;
  }
  const centralSize = central.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/gu, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '');
}

/** Worksheet names to their part names ("Theo đơn vị" → "xl/worksheets/sheet2.xml"), from workbook.xml and its relationships. */
function sheetParts(entries: readonly ZipEntry[]): Map<string, string> {
  const find = (name: string) => entries.find((e) => e.name === name);
  const workbook = find('xl/workbook.xml');
  const rels = find('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw new Error('xlsx-finish: no workbook part');
  const targets = new Map<string, string>();
  for (const m of textOf(rels).matchAll(/<Relationship\b[^>]*>/gu)) {
    const id = /\bId="([^"]*)"/u.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/u.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const parts = new Map<string, string>();
  for (const m of textOf(workbook).matchAll(/<sheet\b[^>]*>/gu)) {
    const name = /\bname="([^"]*)"/u.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/u.exec(m[0])?.[1];
    const part = id ? targets.get(id) : undefined;
    if (name && part) parts.set(unescapeXml(name), part);
  }
  return parts;
}

/** Times New Roman 12 as font 0, the font of the Normal style that every width is measured in. */
export function withNormalFont(stylesXml: string): string {
  const normal = `<font><sz val="${BODY_SIZE}"/><name val="${FONT_NAME}"/><family val="1"/></font>`;
  return stylesXml.replace(/(<fonts\b[^>]*>)\s*(<font\b[^>]*\/>|<font\b[^>]*>[\s\S]*?<\/font>)/u, (_, open: string) => `${open}${normal}`);
}

/** Print areas as Excel writes them, absolute in rows and columns: "'Báo cáo'!$A$2:$H$57". */
export function withAbsolutePrintAreas(workbookXml: string): string {
  const absolute = (range: string): string => {
    const cut = range.lastIndexOf('!');
    return range.slice(0, cut + 1) + range.slice(cut + 1).replace(/\$?([A-Z]{1,3})\$?(\d+)/gu, (_, column: string, row: string) => `$${column}$${row}`);
  };
  return workbookXml.replace(
    /(<definedName\b[^>]*name="_xlnm\.Print_Area"[^>]*>)([^<]*)(<\/definedName>)/gu,
    (_, open: string, ranges: string, close: string) => `${open}${ranges.split(',').map(absolute).join(',')}${close}`,
  );
}

// Elements a worksheet may have after <colBreaks>, in the schema's order (CT_Worksheet).
const AFTER_COL_BREAKS = ['customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

/** Adds manual page breaks after the given columns (1-based: 12 breaks between L and M). */
export function withColumnBreaks(sheetXml: string, afterColumns: readonly number[]): string {
  const columns = [...new Set(afterColumns)].filter((c) => Number.isInteger(c) && c > 0).sort((a, b) => a - b);
  if (columns.length === 0) return sheetXml;
  const breaks = `<colBreaks count="${columns.length}" manualBreakCount="${columns.length}">${columns.map((c) => `<brk id="${c}" max="1048575" man="1"/>`).join('')}</colBreaks>`;
  const cleaned = sheetXml.replace(/<colBreaks\b[\s\S]*?<\/colBreaks>|<colBreaks\b[^>]*\/>/u, '');
  let at = -1;
  for (const tag of AFTER_COL_BREAKS) {
    const found = new RegExp(`<${tag}[\\s/>]`, 'u').exec(cleaned);
    if (found && (at < 0 || found.index < at)) at = found.index;
  }
  if (at < 0) at = cleaned.lastIndexOf('</worksheet>');
  if (at < 0) throw new Error('xlsx-finish: not a worksheet');
  return cleaned.slice(0, at) + breaks + cleaned.slice(at);
}

/** The rows (1-based) whose height is only where they start: the mark of a height set by hand is taken off. */
export function withGrowingRows(sheetXml: string, rows: readonly number[]): string {
  const growing = new Set(rows);
  return sheetXml.replace(/<row\b[^>]*>/gu, (tag) => {
    const r = Number(/\br="(\d+)"/u.exec(tag)?.[1]);
    return growing.has(r) ? tag.replace(/\s+customHeight="(1|true)"/u, '') : tag;
  });
}

export interface FinishOptions {
  /** Per worksheet name, the columns (1-based) after which a printed page ends. */
  columnBreaks?: ReadonlyMap<string, readonly number[]>;
  /** Per worksheet name, rows that grow with their text (withGrowingRows). */
  growingRows?: ReadonlyMap<string, readonly number[]>;
}

/** The workbook's bytes with Times New Roman as its Normal font, absolute print areas, and the column breaks and growing rows asked for. */
export function finishWorkbook(bytes: Uint8Array, options: FinishOptions = {}): Buffer {
  const entries = readEntries(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const styles = entries.find((e) => e.name === 'xl/styles.xml');
  if (styles) replaceText(styles, withNormalFont(textOf(styles)));
  const workbook = entries.find((e) => e.name === 'xl/workbook.xml');
  if (workbook && textOf(workbook).includes('_xlnm.Print_Area')) replaceText(workbook, withAbsolutePrintAreas(textOf(workbook)));
  const edits: [ReadonlyMap<string, readonly number[]> | undefined, (xml: string, list: readonly number[]) => string][] = [
    [options.columnBreaks, withColumnBreaks],
    [options.growingRows, withGrowingRows],
  ];
  for (const [bySheet, edit] of edits) {
    if (!bySheet || bySheet.size === 0) continue;
    const parts = sheetParts(entries);
    for (const [sheet, list] of bySheet) {
      const entry = entries.find((e) => e.name === parts.get(sheet));
      if (!entry) throw new Error(`xlsx-finish: no sheet named ${sheet}`);
      replaceText(entry, edit(textOf(entry), list));
    }
  }
  return writeEntries(entries);
}
