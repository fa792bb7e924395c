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
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { problem, ProblemStop, type Problem } from '../../shared/problems';
import { columnLetters, columnNumber, MAX_COLUMN, MAX_ROW, parseCellAddress, parseRange, rangeArea, type CellRange } from '../../shared/cells';
import { formatNumber } from '../../shared/numbers';
import { hasExternalReference, type ModelCell, type ModelResultType, type ModelSheet, type ModelValue, type SheetState, type WorkbookModel } from './workbook-model';

/**
 * The cells a sheet really holds, one merge's area, and the cells under merges in the
 * whole workbook. A sheet's declared <dimension> is not held to it: it is what the
 * writer claims, not what the sheet holds (Gnumeric declares A1:XFD1048576 for 22
 * cells), and nothing is ever allocated by it.
 */
export const MAX_SHEET_CELLS = 1_000_000;
/**
 * Merges in one sheet, and in the whole workbook. A report form has a few dozen and an
 * agency's own layout a few hundred; a layout profile looks merges up one by one
 * (profile-reader.ts), so 30,000 one-row merges, harmless in area, are refused all the same.
 */
export const MAX_MERGES_PER_SHEET = 2_000;
export const MAX_MERGES = 10_000;
/** Excel's own limit for the text of one cell: a longer one was not written by Excel. */
export const MAX_CELL_TEXT = 32_767;
/**
 * The text all cells of a workbook may carry to the main thread together (characters).
 * A shared string is stored once in the file but travels once per cell that uses it, so
 * this, not the file's size, bounds what the model costs (about 2 bytes a character).
 */
export const MAX_MODEL_TEXT = 4_000_000;

// ---------------------------------------------------------------------------------
// XML

/** Part text: UTF-8 as Excel writes it, UTF-16 when a byte-order mark says so. */
function partText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An attribute in any namespace ("r:id", "x:id"): relationship ids carry whatever prefix the writer chose. */
function prefixedAttribute(tag: SaxesTagPlain, name: string): string | undefined {
  for (const key of Object.keys(tag.attributes)) {
    if (localName(key) === name && key.includes(':')) return tag.attributes[key];
  }
  return undefined;
}

interface XmlHandlers {
  open(name: string, tag: SaxesTagPlain): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** One well-formed XML document through saxes (no DTD entities, no network); element names without their prefix. */
function parseXml(text: string, handlers: XmlHandlers): void {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  parser.on('opentag', (tag) => handlers.open(localName(tag.name), tag));
  const { close, text: onText } = handlers;
  if (close) parser.on('closetag', (tag) => close(localName(tag.name)));
  if (onText) {
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  parser.write(text).close();
}

// ---------------------------------------------------------------------------------
// Relationships and the workbook part

interface Relationship {
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

function readRelationships(text: string, baseDir: string): Map<string, Relationship> {
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
function relationshipKind(type: string): string {
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

interface SheetEntry {
  name: string;
  state: SheetState;
  relationshipId: string | undefined;
}

function readWorkbookPart(text: string): { sheets: SheetEntry[]; date1904: boolean } {
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

// ---------------------------------------------------------------------------------
// Shared strings and styles

interface SharedString {
  text: string;
  /** Written as runs of rich text. */
  rich: boolean;
  /** The first run's font that names one: legacy text is recognised by it. */
  fontName?: string;
}

/**
 * Text as Excel shows it: ST_Xstring (ECMA-376 part 1, §22.9.2.19) writes a character XML
 * cannot carry as _xHHHH_ (a carriage return is _x000D_), and a literal "_x" that looks
 * like one with its underscore escaped (_x005F_x000D_ is the text "_x000D_").
 */
function decodeXstring(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/gu, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Collects the text of an <si> or <is>: plain <t>, or runs <r><rPr><rFont/></rPr><t/></r>; phonetic guides (<rPh>) are not the text. */
class StringCollector {
  private text = '';
  private rich = false;
  private fontName: string | undefined;
  private inText = false;
  private inPhonetic = false;

  open(name: string, tag: SaxesTagPlain): void {
    if (name === 't') this.inText = !this.inPhonetic;
    else if (name === 'r') this.rich = true;
    else if (name === 'rPh') this.inPhonetic = true;
    else if (name === 'rFont' && this.fontName === undefined && tag.attributes.val) this.fontName = tag.attributes.val;
  }

  close(name: string): void {
    if (name === 't') this.inText = false;
    else if (name === 'rPh') this.inPhonetic = false;
  }

  add(text: string): void {
    if (this.inText) this.text += text;
  }

  take(): SharedString {
    const text = decodeXstring(this.text);
    const out: SharedString = this.fontName === undefined ? { text, rich: this.rich } : { text, rich: this.rich, fontName: this.fontName };
    this.text = '';
    this.rich = false;
    this.fontName = undefined;
    this.inText = false;
    this.inPhonetic = false;
    return out;
  }
}

function readSharedStrings(text: string): SharedString[] {
  const out: SharedString[] = [];
  const collector = new StringCollector();
  let inItem = false;
  parseXml(text, {
    open(name, tag) {
      if (name === 'si') inItem = true;
      else if (inItem) collector.open(name, tag);
    },
    close(name) {
      if (name === 'si') {
        out.push(collector.take());
        inItem = false;
      } else if (inItem) collector.close(name);
    },
    text(t) {
      if (inItem) collector.add(t);
    },
  });
  return out;
}

/** ECMA-376 part 1, §18.8.30: the number formats every reader knows by id alone. */
const BUILT_IN_FORMATS = new Map<number, string>([
  [1, '0'], [2, '0.00'], [3, '#,##0'], [4, '#,##0.00'],
  [9, '0%'], [10, '0.00%'], [11, '0.00E+00'], [12, '# ?/?'], [13, '# ??/??'],
  [14, 'mm-dd-yy'], [15, 'd-mmm-yy'], [16, 'd-mmm'], [17, 'mmm-yy'], [18, 'h:mm AM/PM'], [19, 'h:mm:ss AM/PM'], [20, 'h:mm'], [21, 'h:mm:ss'], [22, 'm/d/yy h:mm'],
  [37, '#,##0 ;(#,##0)'], [38, '#,##0 ;[Red](#,##0)'], [39, '#,##0.00;(#,##0.00)'], [40, '#,##0.00;[Red](#,##0.00)'],
  [45, 'mm:ss'], [46, '[h]:mm:ss'], [47, 'mmss.0'], [48, '##0.0E+0'], [49, '@'],
]);
/** Ids whose format depends on the system's locale; for East Asian locales they are dates. */
const LOCALE_DATE_IDS = new Set([27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Elapsed time ("[h]:mm:ss", "[mm]:ss", "[s]"): a duration in days, not a point in time. */
const ELAPSED = /\[(?:h+|m+|s+)\]/iu;

/**
 * Whether a format shows a number as a date or time: a y, m, d, h or s outside quoted
 * text, bracketed colours, locales and conditions, escaped characters, padding and fills
 * ("0.0 \"ngày\"", "[Red]0.00" and "0.00E+00" are no dates). A format with an elapsed
 * time shows a duration, which stays the number of days it is.
 */
export function isDateFormat(format: string): boolean {
  const code = format.replace(/"[^"]*"|\\.|_.|\*./gu, '');
  if (ELAPSED.test(code)) return false;
  return /[ymdhs]/iu.test(code.replace(/\[[^\]]*\]/gu, ''));
}

interface CellStyle {
  numFmt?: string;
  fontName?: string;
  isDate: boolean;
}

function readStyles(text: string): CellStyle[] {
  const formats = new Map<number, string>();
  const fonts: (string | undefined)[] = [];
  const xfs: { numFmtId: number; fontId: number }[] = [];
  let section = '';
  let fontName: string | undefined;
  let inFont = false;
  parseXml(text, {
    open(name, tag) {
      if (name === 'numFmts' || name === 'fonts' || name === 'cellXfs' || name === 'cellStyleXfs' || name === 'dxfs') section = name;
      else if (name === 'numFmt' && section === 'numFmts') {
        const id = Number(tag.attributes.numFmtId);
        if (Number.isInteger(id)) formats.set(id, tag.attributes.formatCode ?? '');
      } else if (name === 'font' && section === 'fonts') {
        inFont = true;
        fontName = undefined;
      } else if (name === 'name' && inFont) fontName = tag.attributes.val;
      else if (name === 'xf' && section === 'cellXfs') {
        xfs.push({ numFmtId: Number(tag.attributes.numFmtId ?? 0), fontId: Number(tag.attributes.fontId ?? 0) });
      }
    },
    close(name) {
      if (name === 'font' && inFont) {
        fonts.push(fontName);
        inFont = false;
      } else if (name === section) section = '';
    },
  });
  return xfs.map(({ numFmtId, fontId }) => {
    const custom = formats.get(numFmtId);
    const format = custom ?? BUILT_IN_FORMATS.get(numFmtId);
    const isDate = format !== undefined ? isDateFormat(format) : LOCALE_DATE_IDS.has(numFmtId);
    const style: CellStyle = { isDate };
    if (format !== undefined && format !== '' && format !== 'General') style.numFmt = format;
    else if (isDate) style.numFmt = 'dd/mm/yyyy';
    const font = fonts[fontId];
    if (font !== undefined && font !== '') style.fontName = font;
    return style;
  });
}

// ---------------------------------------------------------------------------------
// Cells

/** The last day number either system holds: 31/12/9999. */
const LAST_SERIAL_1900 = 2_958_465;
const LAST_SERIAL_1904 = LAST_SERIAL_1900 - 1462;
const SECONDS_PER_DAY = 86_400;

/**
 * An Excel day number as the model's ISO text: wall-clock time without a zone, to the
 * second (rounded, as Excel shows it), a whole day as a date alone. 1900 system: 1 is
 * 01/01/1900 and, as Lotus 1-2-3 had it, 60 is 29/02/1900, a day that never was: it
 * reads "1900-02-29", what Excel shows (a date field refuses it, cell-values.ts), and
 * the days before it are one day later than a plain count from 30/12/1899 gives; 0 is
 * "00/01/1900" (31/12/1899 here), the day a time alone sits on. 1904 system: 0 is
 * 01/01/1904. Null for what no calendar holds (negative, past 9999): Excel shows ####.
 */
export function serialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= (date1904 ? LAST_SERIAL_1904 : LAST_SERIAL_1900) + 1) return null;
  const seconds = Math.round(serial * SECONDS_PER_DAY);
  const day = Math.floor(seconds / SECONDS_PER_DAY);
  // 31/12/9999 23:59:59.6 rounds into a year no calendar here holds.
  if (day > (date1904 ? LAST_SERIAL_1904 : LAST_SERIAL_1900)) return null;
  const time = seconds - day * SECONDS_PER_DAY;
  let date: string;
  if (date1904) date = new Date(Date.UTC(1904, 0, 1 + day)).toISOString().slice(0, 10);
  else if (day === 60) date = '1900-02-29';
  else date = new Date(Date.UTC(1899, 11, day < 60 ? 31 + day : 30 + day)).toISOString().slice(0, 10);
  if (time === 0) return date;
  return `${date}T${new Date(time * 1000).toISOString().slice(11, 19)}`;
}

/**
 * A cell written as an ISO 8601 date (t="d"), in the model's form; a time alone
 * ("10:10:10", as openpyxl writes one) sits on day 0 of the workbook's system.
 */
function isoDate(text: string, date1904: boolean): string | null {
  const trimmed = text.trim();
  const time = /^(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z?$/u.exec(trimmed);
  if (time) return `${date1904 ? '1904-01-01' : '1899-12-31'}T${time[1]}`;
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z?)?$/u.exec(trimmed);
  if (!m) return null;
  return m[2] === undefined || m[2] === '00:00:00' ? (m[1] ?? null) : `${m[1]}T${m[2]}`;
}

/**
 * A shared formula's text as it reads in another cell: relative references move by the
 * offset, "$" parts stay; string literals and function names are left alone.
 */
export function slideFormula(formula: string, from: { row: number; col: number }, to: { row: number; col: number }): string {
  const dRow = to.row - from.row;
  const dCol = to.col - from.col;
  return formula.replace(/"(?:[^"]|"")*"|'(?:[^']|'')*'!|(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![\w(])/gu, (match: string, colAbs?: string, letters?: string, rowAbs?: string, digits?: string) => {
    if (letters === undefined || digits === undefined) return match;
    const col = columnNumber(letters);
    const row = Number(digits);
    if (col > MAX_COLUMN || row < 1) return match;
    const newCol = colAbs ? col : col + dCol;
    const newRow = rowAbs ? row : row + dRow;
    if (newCol < 1 || newRow < 1) return '#REF!';
    return `${colAbs ?? ''}${columnLetters(newCol)}${rowAbs ?? ''}${newRow}`;
  });
}

interface WorkbookLimits {
  fileName: string;
  merges: number;
  mergedCells: number;
  /** Characters of text (and formula text) in the cells read so far. */
  textChars: number;
}

interface SheetContext {
  name: string;
  strings: readonly SharedString[];
  styles: readonly CellStyle[];
  date1904: boolean;
  limits: WorkbookLimits;
}

function sheetLabel(name: string): string {
  return `trang tính "${name}"`;
}

/**
 * Holds the text of one cell to Excel's limit and the whole model's text to its bound,
 * before anything leaves the worker: a file over either stops here, at its cell.
 */
function countText(cell: ModelCell, ctx: SheetContext): void {
  const length = (typeof cell.value === 'string' ? cell.value.length : 0) + (cell.formula?.length ?? 0);
  if (length === 0) return;
  const place = `${ctx.name}!${cell.address}`;
  const file = ctx.limits.fileName;
  if (length > MAX_CELL_TEXT) {
    throw new ProblemStop(
      problem(
        'TEXT_TOO_LONG',
        'error',
        place,
        `Tệp "${file}", ${place}: ô có ${formatNumber(length, 'integer')} ký tự, quá giới hạn ${formatNumber(MAX_CELL_TEXT, 'integer')} ký tự của một ô Excel, nên tệp không do Excel lưu hoặc đã bị sửa. Hãy rút gọn nội dung ô này (hoặc gửi phần dài thành văn bản riêng), lưu lại bằng Excel rồi nhập lại.`,
      ),
    );
  }
  ctx.limits.textChars += length;
  if (ctx.limits.textChars > MAX_MODEL_TEXT) {
    throw new ProblemStop(
      problem(
        'WORKBOOK_TEXT_TOO_LARGE',
        'error',
        place,
        `Tệp "${file}": các ô chứa tổng cộng hơn ${formatNumber(MAX_MODEL_TEXT, 'integer')} ký tự (đến ô ${place}), quá nhiều đối với một báo cáo. Hãy xóa các trang tính, các ô chữ không thuộc báo cáo, lưu lại rồi nhập lại.`,
      ),
    );
  }
}

/** `ref`: where on the sheet, when one reference is to blame ("A1:XFD1048576"). */
function areaTooLarge(ctx: SheetContext, detail: string, ref?: string): ProblemStop {
  const place = ref ? `${ctx.name}!${ref}` : '';
  return new ProblemStop(
    problem('SHEET_AREA_TOO_LARGE', 'error', place, `Tệp "${ctx.limits.fileName}"${place ? `, ${place}` : ''}: ${sheetLabel(ctx.name)} ${detail} Hãy xóa các hàng, cột thừa ở cuối trang tính (chọn rồi Delete hàng/cột) và bỏ gộp các ô thừa, lưu lại rồi nhập lại.`),
  );
}

/** The cell being read, between <c> and </c>. */
interface PendingCell {
  row: number;
  col: number;
  type: string | undefined;
  style: CellStyle | undefined;
  value: string | undefined;
  formula: string | undefined;
  sharedIndex: string | undefined;
  sharedMaster: boolean;
  inline: SharedString | undefined;
}

/** A model cell at the pending cell's place, with its font and number format. Hot: no closures, no spreads. */
function modelCell(p: PendingCell, type: ModelCell['type'], value: ModelValue, fontName: string | undefined): ModelCell {
  const cell: ModelCell = { address: columnLetters(p.col) + p.row, row: p.row, col: p.col, type, value };
  if (fontName !== undefined) cell.fontName = fontName;
  const numFmt = p.style?.numFmt;
  if (numFmt !== undefined) cell.numFmt = numFmt;
  return cell;
}

function stringCell(p: PendingCell, s: SharedString | undefined, font: string | undefined): ModelCell | null {
  if (s === undefined || s.text === '') return null;
  return modelCell(p, s.rich ? 'richText' : 'string', s.text, s.fontName ?? font);
}

function cellOf(p: PendingCell, ctx: SheetContext, sharedFormulas: Map<string, { formula: string; row: number; col: number }>): ModelCell | null {
  const font = p.style?.fontName;
  let formula = p.formula;
  if (p.sharedIndex !== undefined) {
    const master = sharedFormulas.get(p.sharedIndex);
    if (p.sharedMaster && formula) sharedFormulas.set(p.sharedIndex, { formula, row: p.row, col: p.col });
    else if (!formula && master) formula = slideFormula(master.formula, master, p);
  }
  if (formula !== undefined && (formula !== '' || p.sharedIndex !== undefined)) {
    const result = formulaResult(p, ctx);
    const cell = modelCell(p, 'formula', result ? result.value : null, font);
    cell.formula = formula;
    cell.hasCachedResult = result !== null;
    if (result) cell.resultType = result.type;
    if (hasExternalReference(formula)) cell.externalRef = true;
    return cell;
  }

  const text = p.value;
  if (p.inline !== undefined || p.type === 'inlineStr') return stringCell(p, p.inline ?? { text: text ?? '', rich: false }, font);
  if (text === undefined) return null;
  switch (p.type) {
    case 's':
      // An empty index is no index: Number("") is 0, which would read the first string.
      return text.trim() === '' ? null : stringCell(p, ctx.strings[Number(text)], font);
    case 'str':
      return text === '' ? null : modelCell(p, 'string', decodeXstring(text), font);
    case 'b':
      return modelCell(p, 'boolean', text.trim() === '1' || text.trim().toLowerCase() === 'true', font);
    case 'e':
      return modelCell(p, 'error', text.trim() || '#VALUE!', font);
    case 'd': {
      const iso = isoDate(text, ctx.date1904);
      return iso === null ? modelCell(p, 'string', text, font) : modelCell(p, 'date', iso, font);
    }
    default: {
      if (text.trim() === '') return null;
      const n = Number(text);
      // Not a number after all: kept as the text it is, which the cell reader then refuses where a figure is due.
      if (!Number.isFinite(n)) return modelCell(p, 'string', text, font);
      // A day number no calendar holds stays the number it is (Excel shows ####).
      const iso = p.style?.isDate ? serialToIso(n, ctx.date1904) : null;
      return iso === null ? modelCell(p, 'number', n, font) : modelCell(p, 'date', iso, font);
    }
  }
}

/** A formula's cached result, the way the cell itself would read; null when the file carries none. */
function formulaResult(p: PendingCell, ctx: SheetContext): { value: ModelValue; type: ModelResultType } | null {
  const v = p.value;
  // A text result is written as <v> with t="str"; an empty <v/> is a formula that shows "" (IF(…;"")).
  if (p.type === 'str') return v === undefined ? null : { value: decodeXstring(v), type: 'string' };
  if (v === undefined || v === '') return null;
  switch (p.type) {
    case 'b':
      return { value: v.trim() === '1' || v.trim().toLowerCase() === 'true', type: 'boolean' };
    case 'e':
      return { value: v.trim(), type: 'error' };
    case 's': {
      const s = v.trim() === '' ? undefined : ctx.strings[Number(v)];
      return s === undefined ? null : { value: s.text, type: 'string' };
    }
    case 'd': {
      const iso = isoDate(v, ctx.date1904);
      return iso === null ? { value: v, type: 'string' } : { value: iso, type: 'date' };
    }
    default: {
      const n = Number(v);
      if (!Number.isFinite(n)) return { value: v, type: 'string' };
      const iso = p.style?.isDate ? serialToIso(n, ctx.date1904) : null;
      return iso === null ? { value: n, type: 'number' } : { value: iso, type: 'date' };
    }
  }
}

// ---------------------------------------------------------------------------------
// Worksheets

function readWorksheet(text: string, ctx: SheetContext): ModelSheet {
  const cells: ModelCell[] = [];
  const merges: string[] = [];
  const mergeRanges: CellRange[] = [];
  const sharedFormulas = new Map<string, { formula: string; row: number; col: number }>();
  let rowCount = 0;
  let columnCount = 0;
  let cellElements = 0;

  let row = 0;
  let col = 0;
  let cell: PendingCell | null = null;
  /** Which child of <c> is taking text. */
  let capture: 'v' | 'f' | null = null;
  let inline: StringCollector | null = null;

  parseXml(text, {
    open(name, tag) {
      if (inline) {
        inline.open(name, tag);
        return;
      }
      switch (name) {
        case 'row': {
          const r = Number(tag.attributes.r ?? row + 1);
          if (!Number.isInteger(r) || r < 1 || r > MAX_ROW) throw new Error(`row number "${tag.attributes.r ?? ''}" unreadable`);
          row = r;
          col = 0;
          return;
        }
        case 'c': {
          if (++cellElements > MAX_SHEET_CELLS) throw areaTooLarge(ctx, `có hơn ${formatNumber(MAX_SHEET_CELLS, 'integer')} ô, vượt giới hạn.`);
          const ref = tag.attributes.r;
          let at: { row: number; col: number } | null;
          if (ref === undefined) at = row >= 1 && col < MAX_COLUMN ? { row, col: col + 1 } : null;
          else at = parseCellAddress(ref);
          if (!at) throw new Error(`cell reference "${ref ?? ''}" unreadable`);
          col = at.col;
          const s = tag.attributes.s;
          cell = {
            row: at.row,
            col: at.col,
            type: tag.attributes.t,
            // s="" (some generators write it) is no style, not style 0.
            style: s === undefined || s.trim() === '' ? undefined : ctx.styles[Number(s)],
            value: undefined,
            formula: undefined,
            sharedIndex: undefined,
            sharedMaster: false,
            inline: undefined,
          };
          return;
        }
        case 'v':
          if (cell) {
            capture = 'v';
            cell.value ??= '';
          }
          return;
        case 'f':
          if (cell) {
            capture = 'f';
            cell.formula ??= '';
            if (tag.attributes.t === 'shared' && tag.attributes.si !== undefined) {
              cell.sharedIndex = tag.attributes.si;
              cell.sharedMaster = tag.attributes.ref !== undefined;
            }
          }
          return;
        case 'is':
          if (cell) inline = new StringCollector();
          return;
        case 'mergeCell': {
          const ref = tag.attributes.ref ?? '';
          const range = parseRange(ref);
          // An unreadable reference merges nothing, as in Excel, which drops it on opening.
          if (!range) return;
          const limits = ctx.limits;
          limits.merges++;
          limits.mergedCells += rangeArea(range);
          if (merges.length + 1 > MAX_MERGES_PER_SHEET) {
            throw new ProblemStop(
              problem('TOO_MANY_MERGES', 'error', '', `Tệp "${limits.fileName}": ${sheetLabel(ctx.name)} có hơn ${formatNumber(MAX_MERGES_PER_SHEET, 'integer')} vùng gộp ô, quá giới hạn của một trang tính. Hãy bỏ gộp các ô không cần thiết (Merge & Center → Unmerge Cells), lưu lại rồi nhập lại.`),
            );
          }
          if (rangeArea(range) > MAX_SHEET_CELLS) throw areaTooLarge(ctx, `có vùng gộp ô ${ref} (${formatNumber(rangeArea(range), 'integer')} ô), vượt giới hạn ${formatNumber(MAX_SHEET_CELLS, 'integer')} ô.`, ref);
          if (limits.mergedCells > MAX_SHEET_CELLS) throw areaTooLarge(ctx, `có vùng gộp ô quá lớn (tổng cộng hơn ${formatNumber(MAX_SHEET_CELLS, 'integer')} ô được gộp, đến vùng ${ref}).`, ref);
          if (limits.merges > MAX_MERGES) {
            throw new ProblemStop(
              problem('TOO_MANY_MERGES', 'error', '', `Tệp "${limits.fileName}" có hơn ${formatNumber(MAX_MERGES, 'integer')} vùng gộp ô (đến ${sheetLabel(ctx.name)}), quá nhiều đối với một báo cáo. Hãy bỏ gộp các ô không cần thiết, lưu lại rồi nhập lại.`),
            );
          }
          merges.push(`${columnLetters(range.c1)}${range.r1}:${columnLetters(range.c2)}${range.r2}`);
          mergeRanges.push(range);
          if (range.r2 > rowCount) rowCount = range.r2;
          if (range.c2 > columnCount) columnCount = range.c2;
          return;
        }
        default:
          return;
      }
    },
    close(name) {
      if (inline) {
        if (name === 'is') {
          if (cell) cell.inline = inline.take();
          inline = null;
        } else inline.close(name);
        return;
      }
      if (name === 'v' || name === 'f') capture = null;
      else if (name === 'c' && cell) {
        const made = cellOf(cell, ctx, sharedFormulas);
        if (made) {
          countText(made, ctx);
          cells.push(made);
          if (made.row > rowCount) rowCount = made.row;
          if (made.col > columnCount) columnCount = made.col;
        }
        cell = null;
        capture = null;
      }
    },
    text(t) {
      if (inline) inline.add(t);
      else if (capture === 'v' && cell) cell.value += t;
      else if (capture === 'f' && cell) cell.formula += t;
    },
  });

  return { name: ctx.name, state: 'visible', rowCount, columnCount, merges, cells: withoutMergedCells(cells, mergeRanges) };
}

/** Cells under a merge other than its top-left one hold nothing Excel shows: they are left out. */
function withoutMergedCells(cells: ModelCell[], merges: readonly CellRange[]): ModelCell[] {
  if (merges.length === 0) return cells;
  const rowsWithCells = new Set(cells.map((c) => c.row));
  const byRow = new Map<number, CellRange[]>();
  for (const m of merges) {
    for (let r = m.r1; r <= m.r2; r++) {
      if (!rowsWithCells.has(r)) continue;
      const list = byRow.get(r);
      if (list) list.push(m);
      else byRow.set(r, [m]);
    }
  }
  return cells.filter((c) => {
    const list = byRow.get(c.row);
    return !list?.some((m) => c.col >= m.c1 && c.col <= m.c2 && !(c.row === m.r1 && c.col === m.c1));
  });
}

// ---------------------------------------------------------------------------------
// The workbook

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
