// The check a workbook passes before exceljs sees it (excel.md §5). exceljs (through
// JSZip) inflates every part into memory and expands every merge into cells, so an
// archive that lies about its sizes, inflates a thousandfold, or merges a whole sheet
// would take the app down. Here every entry is inflated once, streaming, counting the
// bytes that really come out (declared sizes can lie), and the worksheet parts are read
// for their <dimension> and <mergeCell> areas on the way.
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { Readable } from 'node:stream';
import { problem, type Problem } from '../../shared/problems';
import { formatNumber } from '../../shared/numbers';
import { sniffWorkbook, type SniffResult } from './sniff';

/** The file as received. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;
/** A filled report form has about a dozen parts; a workbook with pictures, a few dozen. */
export const MAX_ZIP_ENTRIES = 1_000;
/** All parts together once inflated, counted on the bytes that really come out. */
export const MAX_INFLATED_BYTES = 300 * 1024 * 1024;
/** Inflated : compressed, per entry. Spreadsheet XML stays well under 100; bombs are near 1,000. */
export const MAX_COMPRESSION_RATIO = 100;
/**
 * An entry that inflates to no more than this is never a bomb, whatever its ratio: tiny
 * parts (a 2 KB styles.xml of repeated attributes) can legitimately compress 150:1, and
 * 1,000 entries of this size stay under the total limit anyway.
 */
export const RATIO_EXEMPT_BYTES = 1024 * 1024;
/** A sheet's declared <dimension>, and the cells under merges in the whole workbook. */
export const MAX_SHEET_CELLS = 1_000_000;
/**
 * Merges in one sheet. exceljs checks each new merge against every earlier one of the
 * sheet (quadratic): measured on the 2-core machine, 1,000 merges load in 0.2 s, 2,000
 * in 0.6 s, 5,000 in 6.5 s and 10,000 in 20 s (the whole parse time limit). A report
 * form has a few dozen merges and an agency's own layout a few hundred, so 2,000 leaves
 * ample room; 30,000 one-row merges, harmless in area, are refused all the same.
 */
export const MAX_MERGES_PER_SHEET = 2_000;
/** Merges in the whole workbook, so many sheets of "just under" cannot add up. */
export const MAX_MERGES = 10_000;
/**
 * Cells under defined names ("$A$1:$J$100" forms), in all. exceljs creates an object for
 * every one of them when it loads the workbook (a 1,000,000-cell name exhausts a 512 MB
 * heap); print areas and named input cells come to a few thousand.
 */
export const MAX_DEFINED_NAME_CELLS = 200_000;
/** One XML tag longer than this in a worksheet is no spreadsheet: refuse, don't guess. */
export const MAX_XML_TAG_CHARS = 1024 * 1024;

function quoted(fileName: string): string {
  return `"${fileName}"`;
}

const SAVE_AS_XLSX = 'Hãy mở tệp trong Excel và chọn Lưu thành (Save As) → Sổ làm việc Excel (.xlsx), rồi nhập lại.';

/** The problem a sniff result means, or null when the bytes are a zip worth scanning. */
export function sniffProblem(sniff: SniffResult, fileName: string): Problem | null {
  const f = quoted(fileName);
  switch (sniff.kind) {
    case 'zip':
      return null;
    case 'empty':
      return problem('FILE_EMPTY', 'error', '', `Tệp ${f} rỗng (0 byte). Có thể tệp chưa được lưu xong hoặc bị hỏng khi sao chép; hãy xin đơn vị gửi lại.`);
    case 'other':
      return problem('NOT_A_WORKBOOK', 'error', '', `Tệp ${f} không phải là sổ làm việc Excel (.xlsx). Hãy kiểm tra đã chọn đúng tệp báo cáo chưa.`);
    case 'ole':
      switch (sniff.ole) {
        case 'xls':
          return problem('XLS_OLD_FORMAT', 'error', '', `Tệp ${f} là định dạng Excel 97-2003 (.xls). ${SAVE_AS_XLSX}`);
        case 'encrypted':
          return problem('ENCRYPTED', 'error', '', `Tệp ${f} được đặt mật khẩu nên không đọc được. Hãy mở tệp trong Excel bằng mật khẩu, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, để trống), lưu lại rồi nhập lại; hoặc xin đơn vị gửi bản không đặt mật khẩu.`);
        case 'not-excel':
          return problem('NOT_A_WORKBOOK', 'error', '', `Tệp ${f} là tài liệu Word hoặc PowerPoint, không phải sổ làm việc Excel. Hãy kiểm tra đã chọn đúng tệp báo cáo chưa.`);
        case 'either':
          return problem('XLS_OR_ENCRYPTED', 'error', '', `Tệp ${f} là định dạng Excel 97-2003 (.xls) hoặc được đặt mật khẩu. ${SAVE_AS_XLSX} Nếu Excel hỏi mật khẩu, hãy gỡ mật khẩu trước khi lưu.`);
      }
  }
}

// ---------------------------------------------------------------------------------
// Ranges

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Cells covered by a reference ("A1", "A1:XFD1048576", or several separated by spaces); null if unreadable. */
export function rangeArea(ref: string): number | null {
  let total = 0;
  for (const part of ref.trim().split(/\s+/u)) {
    if (part === '') continue;
    const ends = part.split(':');
    if (ends.length > 2) return null;
    const cells = ends.map((end) => /^\$?([A-Za-z]{1,10})\$?(\d{1,12})$/u.exec(end));
    if (cells.some((m) => m === null)) return null;
    const [a, b] = cells as RegExpExecArray[];
    const from = { col: columnNumber(a![1]!), row: Number(a![2]) };
    const to = b ? { col: columnNumber(b[1]!), row: Number(b[2]) } : from;
    total += (Math.abs(to.row - from.row) + 1) * (Math.abs(to.col - from.col) + 1);
  }
  return total;
}

// ---------------------------------------------------------------------------------
// Worksheet tags, read from a stream of text chunks

const TAG_START = /<(?:[A-Za-z_][\w.-]*:)?(dimension|mergeCell)(?=[\s/>])/gu;
const WHOLE_TAG = /^<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*\/?>/u;
const ATTRIBUTE = /\s+([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gu;

/** The value of one attribute of a whole tag, read attribute by attribute (a value may hold ' ref="…"'). */
function attributeOf(tag: string, name: string): string | null {
  const afterName = tag.search(/[\s/>]/u);
  ATTRIBUTE.lastIndex = 0;
  const attrs = tag.slice(afterName);
  for (let m = ATTRIBUTE.exec(attrs); m !== null; m = ATTRIBUTE.exec(attrs)) {
    const attrName = m[1] ?? '';
    if (attrName === name || attrName.endsWith(`:${name}`)) return m[2] ?? m[3] ?? '';
  }
  return null;
}

interface SheetFacts {
  dimensionArea: number;
  dimensionRef: string;
  merges: number;
  mergedCells: number;
}

/**
 * Reads <dimension ref> and <mergeCell ref> out of worksheet XML arriving in chunks.
 * '<' cannot occur inside an attribute value or unescaped in text, so everything before
 * the last '<' is whole tags and text; the rest waits for the next chunk.
 */
class SheetTagReader {
  readonly facts: SheetFacts = { dimensionArea: 0, dimensionRef: '', merges: 0, mergedCells: 0 };
  private carry = '';
  tagTooLong = false;

  push(text: string): void {
    const buffer = this.carry + text;
    const lastLt = buffer.lastIndexOf('<');
    if (lastLt < 0) {
      this.carry = '';
      return;
    }
    this.scan(buffer.slice(0, lastLt));
    this.carry = buffer.slice(lastLt);
    if (this.carry.length > 64 * 1024) {
      // A long text node after a short tag: settle the tag now and drop the text.
      const whole = WHOLE_TAG.exec(this.carry);
      if (whole) {
        this.scan(whole[0]);
        this.carry = '';
      } else if (this.carry.length > MAX_XML_TAG_CHARS) {
        this.tagTooLong = true;
        this.carry = '';
      }
    }
  }

  end(): void {
    this.scan(this.carry);
    this.carry = '';
  }

  private scan(text: string): void {
    TAG_START.lastIndex = 0;
    for (let m = TAG_START.exec(text); m !== null; m = TAG_START.exec(text)) {
      const rest = text.slice(m.index);
      const whole = WHOLE_TAG.exec(rest);
      const value = whole ? (attributeOf(whole[0], 'ref') ?? '') : '';
      // An unreadable reference is left to exceljs, which rejects it or ignores it.
      const area = rangeArea(value) ?? 0;
      if (m[1] === 'dimension') {
        if (area > this.facts.dimensionArea) {
          this.facts.dimensionArea = area;
          this.facts.dimensionRef = value;
        }
      } else {
        this.facts.merges++;
        this.facts.mergedCells += area;
      }
    }
  }
}

// ---------------------------------------------------------------------------------
// Workbook parts that name the sheets, for messages a clerk understands

const WORKSHEET_PART = /xl\/worksheets\/[^/]*\.xml/iu; // unanchored, like exceljs's own match
const NAMING_PARTS = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels']);
const MAX_NAMING_PART_CHARS = 4 * 1024 * 1024;

function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/giu, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function attr(tag: string, name: string): string | null {
  const value = attributeOf(tag, name);
  return value === null ? null : decodeXmlText(value);
}

/** Cells named by the workbook's defined names, counted the way exceljs expands them ("$A$1:$B$2" only). */
function definedNameCells(workbookXml: string): number {
  let total = 0;
  for (const m of workbookXml.matchAll(/<(?:\w+:)?definedName\b[^>]*>([^<]*)</gu)) {
    for (const ref of decodeXmlText(m[1] ?? '').matchAll(/\$([A-Za-z]{1,10})\$(\d{1,12})(?::\$([A-Za-z]{1,10})\$(\d{1,12}))?/gu)) {
      total += rangeArea(ref[3] ? `${ref[1]}${ref[2]}:${ref[3]}${ref[4]}` : `${ref[1]}${ref[2]}`) ?? 0;
    }
  }
  return total;
}

/** Part path → sheet name, from workbook.xml and its relationships; best effort. */
function sheetNamesByPart(workbookXml: string, relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const tag of relsXml.match(/<(?:\w+:)?Relationship\b[^>]*>/gu) ?? []) {
    const id = attr(tag, 'Id');
    const target = attr(tag, 'Target');
    if (id === null || target === null) continue;
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    targets.set(id, path.toLowerCase());
  }
  const names = new Map<string, string>();
  for (const tag of workbookXml.match(/<(?:\w+:)?sheet\b[^>]*>/gu) ?? []) {
    const name = attr(tag, 'name');
    const id = attr(tag, 'id'); // r:id, whatever the prefix
    const path = id === null ? undefined : targets.get(id);
    if (name !== null && path !== undefined) names.set(path, name);
  }
  return names;
}

// ---------------------------------------------------------------------------------
// The scan

/** Ends a scan early with the problem found. */
class ScanStop extends Error {
  constructor(readonly found: Problem) {
    super(found.code);
  }
}

function zipErrorProblem(error: unknown, fileName: string, entryName?: string): Problem {
  const message = error instanceof Error ? error.message : String(error);
  const f = quoted(fileName);
  const part = entryName ? ` (phần "${entryName}")` : '';
  if (/too many bytes|not enough bytes|size mismatch/iu.test(message)) {
    return problem('ZIP_SIZE_MISMATCH', 'error', '', `Tệp ${f} bị hỏng: kích thước ghi trong tệp nén không khớp với dữ liệu thật${part}. Hãy mở tệp bằng Excel, lưu lại thành .xlsx rồi nhập lại, hoặc xin đơn vị gửi lại.`);
  }
  if (/encrypt/iu.test(message)) {
    return problem('ENCRYPTED', 'error', '', `Tệp ${f} có phần được mã hóa nên không đọc được. Hãy gỡ mật khẩu trong Excel, lưu lại rồi nhập lại.`);
  }
  if (/end of central directory|central directory|unexpected EOF|overflows|out of range|invalid comment length|zip64/iu.test(message)) {
    return problem('ZIP_TRUNCATED', 'error', '', `Tệp ${f} bị cắt cụt hoặc hỏng (không đọc được mục lục của tệp nén). Có thể tệp chưa tải/sao chép xong; hãy xin đơn vị gửi lại.`);
  }
  return problem('ZIP_CORRUPT', 'error', '', `Tệp ${f} bị hỏng, không đọc được${part}. Hãy mở tệp bằng Excel, lưu lại thành .xlsx rồi nhập lại, hoặc xin đơn vị gửi lại.`);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

async function openZip(bytes: Uint8Array): Promise<ZipFile> {
  const zip = await yauzl.fromBufferPromise(asBuffer(bytes), { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  // An 'error' with no listener would throw out of the event loop and take the process with it.
  zip.on('error', () => undefined);
  return zip;
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: Entry): void => {
      done();
      resolve(entry);
    };
    const onEnd = (): void => {
      done();
      resolve(null);
    };
    const onError = (err: unknown): void => {
      done();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** Inflates one entry, handing each chunk to `onChunk`; `onChunk` throws ScanStop to abort. */
async function drainEntry(zip: ZipFile, entry: Entry, onChunk: (chunk: Buffer) => void): Promise<void> {
  const stream: Readable = await zip.openReadStreamPromise(entry);
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      if (err === undefined) resolve();
      else reject(err);
    };
    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      try {
        onChunk(chunk);
      } catch (err) {
        stream.destroy();
        finish(err);
      }
    });
    stream.on('error', (err) => {
      stream.destroy();
      finish(err);
    });
    stream.on('end', () => finish());
  });
}

export interface ZipScanReport {
  problems: Problem[];
  /** Every entry name, as the archive spells it. */
  entryNames: string[];
}

/**
 * Sniffs and pre-scans an untrusted workbook. Stops at the first blocking problem: one
 * clear reason is what the clerk needs, and going on would only spend time on a bad file.
 */
export async function scanWorkbook(bytes: Uint8Array, fileName: string): Promise<ZipScanReport> {
  const sniffed = sniffProblem(sniffWorkbook(bytes, fileName), fileName);
  if (sniffed) return { problems: [sniffed], entryNames: [] };
  const f = quoted(fileName);
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      problems: [problem('FILE_TOO_LARGE', 'error', '', `Tệp ${f} nặng ${formatNumber(bytes.length / 1048576)} MB, vượt giới hạn ${MAX_FILE_BYTES / 1048576} MB cho một báo cáo. Hãy xóa các trang tính, hình ảnh không cần thiết rồi lưu lại, hoặc xin đơn vị gửi bản gọn hơn.`)],
      entryNames: [],
    };
  }

  let zip: ZipFile;
  try {
    zip = await openZip(bytes);
  } catch (err) {
    return { problems: [zipErrorProblem(err, fileName)], entryNames: [] };
  }
  const entryNames: string[] = [];
  try {
    if (zip.entryCount > MAX_ZIP_ENTRIES) {
      throw new ScanStop(problem('ZIP_TOO_MANY_ENTRIES', 'error', '', `Tệp ${f} chứa ${formatNumber(zip.entryCount, 'integer')} phần, quá giới hạn ${formatNumber(MAX_ZIP_ENTRIES, 'integer')} của một sổ làm việc bình thường. Hãy kiểm tra lại tệp, hoặc mở bằng Excel, sao chép nội dung báo cáo sang một sổ làm việc mới rồi nhập lại.`));
    }
    const sheetFacts: { part: string; facts: SheetFacts }[] = [];
    const namingText = new Map<string, string>();
    let inflatedTotal = 0;
    let declaredTotal = 0;

    const tooLarge = (): ScanStop =>
      new ScanStop(problem('ZIP_TOO_LARGE', 'error', '', `Tệp ${f} khi giải nén vượt ${MAX_INFLATED_BYTES / 1048576} MB, quá lớn đối với một báo cáo. Hãy xóa các trang tính, hình ảnh không cần thiết rồi lưu lại, hoặc xin đơn vị gửi bản gọn hơn.`));
    const bomb = (name: string): ScanStop =>
      new ScanStop(problem('ZIP_BOMB', 'error', '', `Tệp ${f} có phần "${name}" nén với tỷ lệ bất thường (hơn ${MAX_COMPRESSION_RATIO} lần), dấu hiệu của tệp độc hại hoặc hỏng. Tệp không được đọc; hãy xin đơn vị gửi lại bản lưu trực tiếp từ Excel.`));

    for (let entry = await nextEntry(zip); entry !== null; entry = await nextEntry(zip)) {
      const name = entry.fileName;
      entryNames.push(name);
      if (entryNames.length > MAX_ZIP_ENTRIES) throw new ScanStop(problem('ZIP_TOO_MANY_ENTRIES', 'error', '', `Tệp ${f} chứa quá ${formatNumber(MAX_ZIP_ENTRIES, 'integer')} phần.`));
      if (name.endsWith('/')) continue;
      if (entry.isEncrypted()) throw new ScanStop(zipErrorProblem(new Error('entry is encrypted'), fileName, name));

      // What the headers claim, checked first because it is free.
      const ratioLimit = Math.max(RATIO_EXEMPT_BYTES, entry.compressedSize * MAX_COMPRESSION_RATIO);
      if (entry.uncompressedSize > ratioLimit) throw bomb(name);
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > MAX_INFLATED_BYTES) throw tooLarge();

      // What really comes out: counted, and cut off the moment it passes a limit.
      const bare = name.startsWith('/') ? name.slice(1) : name;
      const isSheet = WORKSHEET_PART.test(bare);
      const reader = isSheet ? new SheetTagReader() : null;
      const naming = NAMING_PARTS.has(bare.toLowerCase()) ? bare.toLowerCase() : null;
      let inflated = 0;
      try {
        await drainEntry(zip, entry, (chunk) => {
          inflated += chunk.length;
          inflatedTotal += chunk.length;
          if (inflated > ratioLimit) throw bomb(name);
          if (inflatedTotal > MAX_INFLATED_BYTES) throw tooLarge();
          // latin1 keeps the ASCII markup intact whatever the chunk boundaries split.
          if (reader) reader.push(chunk.toString('latin1'));
          if (naming) {
            // Kept whole (the defined names are read from it), so it must stay small.
            const sofar = (namingText.get(naming) ?? '') + chunk.toString('latin1');
            if (sofar.length > MAX_NAMING_PART_CHARS) {
              throw new ScanStop(problem('ZIP_CORRUPT', 'error', '', `Tệp ${f} có phần "${name}" lớn bất thường, không phải sổ làm việc bình thường. Hãy mở tệp bằng Excel, lưu lại thành .xlsx rồi nhập lại.`));
            }
            namingText.set(naming, sofar);
          }
        });
      } catch (err) {
        if (err instanceof ScanStop) throw err;
        throw new ScanStop(zipErrorProblem(err, fileName, name));
      }
      if (reader) {
        reader.end();
        if (reader.tagTooLong) {
          throw new ScanStop(problem('ZIP_CORRUPT', 'error', '', `Tệp ${f} có trang tính không đúng cấu trúc (phần "${name}"). Hãy mở tệp bằng Excel, lưu lại thành .xlsx rồi nhập lại.`));
        }
        sheetFacts.push({ part: bare.toLowerCase(), facts: reader.facts });
      }
    }

    // JSZip (inside exceljs) reads central-directory records for as long as it finds
    // them, whatever count the end record gives; yauzl stops at the count. Records past
    // the count would reach exceljs unscanned.
    // (@types/yauzl calls the cursor a boolean; it is the byte offset.)
    if (hasHiddenEntries(bytes, (zip as unknown as { readEntryCursor: number }).readEntryCursor)) {
      throw new ScanStop(problem('ZIP_CORRUPT', 'error', '', `Tệp ${f} bị hỏng: mục lục của tệp nén không khớp với số phần khai báo. Hãy mở tệp bằng Excel, lưu lại thành .xlsx rồi nhập lại, hoặc xin đơn vị gửi lại.`));
    }

    const lowerNames = entryNames.map((n) => (n.startsWith('/') ? n.slice(1) : n).toLowerCase());
    const has = (part: string): boolean => lowerNames.includes(part);
    if (!has('[content_types].xml') || !has('xl/workbook.xml')) {
      throw new ScanStop(notAWorkbookZip(lowerNames, fileName));
    }

    // Collected as latin1 so chunk boundaries cannot split a character; now read as UTF-8.
    const utf8 = (part: string): string => Buffer.from(namingText.get(part) ?? '', 'latin1').toString('utf8');
    const workbookXml = utf8('xl/workbook.xml');
    const namedCells = definedNameCells(workbookXml);
    if (namedCells > MAX_DEFINED_NAME_CELLS) {
      throw new ScanStop(problem('NAMED_RANGE_TOO_LARGE', 'error', '', `Tệp ${f} có các vùng được đặt tên (Name Manager) phủ ${formatNumber(namedCells, 'integer')} ô, vượt giới hạn ${formatNumber(MAX_DEFINED_NAME_CELLS, 'integer')} ô. Hãy xóa các tên vùng không cần thiết (Công thức → Quản lý tên), lưu lại rồi nhập lại.`));
    }
    const sheetNames = sheetNamesByPart(workbookXml, utf8('xl/_rels/workbook.xml.rels'));
    const sheetLabel = (part: string): string => {
      const name = sheetNames.get(part);
      return name !== undefined ? `trang tính "${name}"` : `phần "${part}"`;
    };
    let merges = 0;
    let mergedCells = 0;
    for (const { part, facts } of sheetFacts) {
      if (facts.dimensionArea > MAX_SHEET_CELLS) {
        throw new ScanStop(problem('SHEET_AREA_TOO_LARGE', 'error', '', `Tệp ${f}: ${sheetLabel(part)} khai báo vùng dữ liệu ${facts.dimensionRef} (${formatNumber(facts.dimensionArea, 'integer')} ô), vượt giới hạn ${formatNumber(MAX_SHEET_CELLS, 'integer')} ô. Hãy xóa các hàng, cột thừa ở cuối trang tính (chọn rồi Delete hàng/cột), lưu lại rồi nhập lại.`));
      }
      if (facts.merges > MAX_MERGES_PER_SHEET) {
        throw new ScanStop(problem('TOO_MANY_MERGES', 'error', '', `Tệp ${f}: ${sheetLabel(part)} có ${formatNumber(facts.merges, 'integer')} vùng gộp ô, quá giới hạn ${formatNumber(MAX_MERGES_PER_SHEET, 'integer')} của một trang tính. Hãy bỏ gộp các ô không cần thiết (Merge & Center → Unmerge Cells), lưu lại rồi nhập lại.`));
      }
      merges += facts.merges;
      mergedCells += facts.mergedCells;
      if (mergedCells > MAX_SHEET_CELLS) {
        throw new ScanStop(problem('SHEET_AREA_TOO_LARGE', 'error', '', `Tệp ${f}: ${sheetLabel(part)} có vùng gộp ô quá lớn (tổng cộng hơn ${formatNumber(MAX_SHEET_CELLS, 'integer')} ô được gộp). Hãy bỏ gộp các ô thừa (Merge & Center → Unmerge Cells), lưu lại rồi nhập lại.`));
      }
      if (merges > MAX_MERGES) {
        throw new ScanStop(problem('TOO_MANY_MERGES', 'error', '', `Tệp ${f} có hơn ${formatNumber(MAX_MERGES, 'integer')} vùng gộp ô (đến ${sheetLabel(part)}), quá nhiều đối với một báo cáo. Hãy bỏ gộp các ô không cần thiết, lưu lại rồi nhập lại.`));
      }
    }
    return { problems: [], entryNames };
  } catch (err) {
    const found = err instanceof ScanStop ? err.found : zipErrorProblem(err, fileName);
    return { problems: [found], entryNames };
  } finally {
    if (zip.isOpen) zip.close();
  }
}

function hasHiddenEntries(bytes: Uint8Array, cursor: number): boolean {
  if (!Number.isSafeInteger(cursor) || cursor < 0 || cursor + 4 > bytes.length) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(cursor, true) === 0x02014b50;
}

function notAWorkbookZip(lowerNames: readonly string[], fileName: string): Problem {
  const f = quoted(fileName);
  if (lowerNames.includes('xl/workbook.bin')) {
    return problem('NOT_A_WORKBOOK', 'error', '', `Tệp ${f} là sổ làm việc nhị phân Excel (.xlsb). ${SAVE_AS_XLSX}`);
  }
  if (lowerNames.includes('content.xml') && lowerNames.includes('mimetype')) {
    return problem('NOT_A_WORKBOOK', 'error', '', `Tệp ${f} là bảng tính OpenDocument (.ods). Hãy mở tệp rồi chọn Lưu thành (Save As) → Sổ làm việc Excel (.xlsx), rồi nhập lại.`);
  }
  if (lowerNames.some((n) => n.startsWith('word/') || n.startsWith('ppt/'))) {
    return problem('NOT_A_WORKBOOK', 'error', '', `Tệp ${f} là tài liệu Word hoặc PowerPoint, không phải sổ làm việc Excel. Hãy kiểm tra đã chọn đúng tệp báo cáo chưa.`);
  }
  return problem('NOT_A_WORKBOOK', 'error', '', `Tệp ${f} là tệp nén nhưng không phải sổ làm việc Excel (.xlsx). Hãy kiểm tra đã chọn đúng tệp báo cáo chưa.`);
}

/**
 * The entry names of a zip from its central directory alone (nothing inflated); for a
 * file that has passed `scanWorkbook`. Empty when the directory cannot be read.
 */
export async function listZipEntryNames(bytes: Uint8Array): Promise<string[]> {
  let zip: ZipFile;
  try {
    zip = await openZip(bytes);
  } catch {
    return [];
  }
  const names: string[] = [];
  try {
    for (let entry = await nextEntry(zip); entry !== null && names.length <= MAX_ZIP_ENTRIES; entry = await nextEntry(zip)) {
      names.push(entry.fileName);
    }
  } catch {
    // A damaged directory after some entries: what was read is still the truth so far.
  } finally {
    if (zip.isOpen) zip.close();
  }
  return names;
}
