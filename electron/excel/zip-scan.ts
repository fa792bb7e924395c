// The check a workbook passes before anything reads its XML (excel.md §5), and the
// inflating of its parts, in one pass: every entry is inflated once, with a hard cap on
// what may come out (declared sizes can lie), and the parts the reader needs are kept.
// An archive that lies about its sizes, inflates a thousandfold, hides entries or is
// damaged stops here with its own problem.
import zlib from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { problem, ProblemStop, type Problem } from '../../shared/problems';
import { formatNumber } from '../../shared/numbers';
import { sniffWorkbook, type SniffResult } from './sniff';
import { workbookPartOf } from './workbook-reader';

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
      return problem('FILE_EMPTY', 'error', '', `Tệp ${f} rỗng (0 byte). Có thể tệp chưa được lưu xong hoặc bị hỏng khi sao chép; hãy xin đơn vị gửi lại.`, { file: fileName });
    case 'other':
      return problem('NOT_A_WORKBOOK', 'error', '', `Tệp ${f} không phải là sổ làm việc Excel (.xlsx). Hãy kiểm tra đã chọn đúng tệp báo cáo chưa.`, { file: fileName });
    case 'ole':
      switch (sniff.ole) {
        case 'xls':
          return problem('XLS_OLD_FORMAT', 'error', '', `Tệp ${f} là định dạng Excel 97-2003 (.xls). ${SAVE_AS_XLSX}`, { file: fileName });
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
// The scan


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
  // Entries are inflated by inflateEntry, not yauzl's streams: its size validation would never run.
  const zip = await yauzl.fromBufferPromise(asBuffer(bytes), { lazyEntries: true, strictFileNames: false });
  // An 'error' with no listener would throw out of the event loop and take the process with it.
  zip.on('error', () => undefined);
  return zip;
}

/**
 * The central directory's entries, read in one go (one promise per archive, not per
 * entry); stops reading past `max`, and the caller refuses the file then.
 */
function readEntries(zip: ZipFile, max: number): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      if (entries.length > max) resolve(entries);
      else zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (err: unknown) => reject(err instanceof Error ? err : new Error(String(err))));
    zip.readEntry();
  });
}

const LOCAL_HEADER = 0x04034b50;

/** Why an entry's bytes cannot be had; zipErrorProblem turns the message into the clerk's problem. */
class EntryError extends Error {}

/**
 * Inflates one entry in one synchronous call (zlib, native), never past what the central
 * directory declares: `maxOutputLength` makes zlib stop the moment more comes out, so a
 * part that lies about its size costs at most its declared size (already checked against
 * the limits) and is refused. A stream per entry would cost more than the inflating
 * itself on a report form's dozen small parts.
 */
function inflateEntry(bytes: Buffer, entry: Entry): Buffer {
  const at = entry.relativeOffsetOfLocalHeader;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER) throw new EntryError('invalid local file header signature');
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new EntryError('unexpected EOF inside an entry');
  const data = bytes.subarray(start, end);
  const declared = entry.uncompressedSize;
  let out: Buffer;
  if (entry.compressionMethod === 0) {
    out = data;
  } else if (entry.compressionMethod === 8) {
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, declared + 1) });
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') throw new EntryError('too many bytes in the stream: size mismatch');
      throw new EntryError(`invalid deflate data: ${err instanceof Error ? err.message : String(err)}`);
    }
  } else {
    throw new EntryError(`unsupported compression method ${entry.compressionMethod}`);
  }
  if (out.length !== declared) throw new EntryError(`not enough bytes in the stream: size mismatch (${out.length} of ${declared})`);
  // A bit flipped on the way (USB sticks, mail gateways) is caught here rather than read as a figure.
  if (zlib.crc32(out) !== entry.crc32) throw new EntryError('CRC-32 mismatch');
  return out;
}

/** Parts the workbook reader may need: XML and relationships, not pictures or printer settings. */
function isReadablePart(lowerName: string): boolean {
  return lowerName.endsWith('.xml') || lowerName.endsWith('.rels');
}

export interface ZipScanReport {
  problems: Problem[];
  /** Every entry name, as the archive spells it. */
  entryNames: string[];
  /**
   * The inflated XML and relationship parts, keyed by their lower-cased name without a
   * leading "/" (package part names are case-insensitive). Empty when a problem blocks.
   */
  parts: Map<string, Buffer>;
}

/**
 * Sniffs, pre-scans and inflates an untrusted workbook. Stops at the first blocking
 * problem: one clear reason is what the clerk needs, and going on would only spend time
 * on a bad file.
 */
export async function scanWorkbook(bytes: Uint8Array, fileName: string): Promise<ZipScanReport> {
  const parts = new Map<string, Buffer>();
  const sniffed = sniffProblem(sniffWorkbook(bytes, fileName), fileName);
  if (sniffed) return { problems: [sniffed], entryNames: [], parts };
  const f = quoted(fileName);
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      problems: [problem('FILE_TOO_LARGE', 'error', '', `Tệp ${f} nặng ${formatNumber(bytes.length / 1048576)} MB, vượt giới hạn ${MAX_FILE_BYTES / 1048576} MB cho một báo cáo. Hãy xóa các trang tính, hình ảnh không cần thiết rồi lưu lại, hoặc xin đơn vị gửi bản gọn hơn.`)],
      entryNames: [],
      parts,
    };
  }

  let zip: ZipFile;
  try {
    zip = await openZip(bytes);
  } catch (err) {
    return { problems: [zipErrorProblem(err, fileName)], entryNames: [], parts };
  }
  const buffer = asBuffer(bytes);
  const entryNames: string[] = [];
  try {
    if (zip.entryCount > MAX_ZIP_ENTRIES) {
      throw new ProblemStop(problem('ZIP_TOO_MANY_ENTRIES', 'error', '', `Tệp ${f} chứa ${formatNumber(zip.entryCount, 'integer')} phần, quá giới hạn ${formatNumber(MAX_ZIP_ENTRIES, 'integer')} của một sổ làm việc bình thường. Hãy kiểm tra lại tệp, hoặc mở bằng Excel, sao chép nội dung báo cáo sang một sổ làm việc mới rồi nhập lại.`));
    }
    let declaredTotal = 0;
    const tooLarge = (): ProblemStop =>
      new ProblemStop(problem('ZIP_TOO_LARGE', 'error', '', `Tệp ${f} khi giải nén vượt ${MAX_INFLATED_BYTES / 1048576} MB, quá lớn đối với một báo cáo. Hãy xóa các trang tính, hình ảnh không cần thiết rồi lưu lại, hoặc xin đơn vị gửi bản gọn hơn.`));
    const bomb = (name: string): ProblemStop =>
      new ProblemStop(problem('ZIP_BOMB', 'error', '', `Tệp ${f} có phần "${name}" nén với tỷ lệ bất thường (hơn ${MAX_COMPRESSION_RATIO} lần), dấu hiệu của tệp độc hại hoặc hỏng. Tệp không được đọc; hãy xin đơn vị gửi lại bản lưu trực tiếp từ Excel.`));

    // Package part names are case-insensitive: two entries that differ only in case are
    // the same part to the format, and readers pick different ones (one figure in Excel,
    // another here). Such a file is refused, never read one way or the other.
    const seen = new Set<string>();
    for (const entry of await readEntries(zip, MAX_ZIP_ENTRIES)) {
      const name = entry.fileName;
      entryNames.push(name);
      const key = (name.startsWith('/') ? name.slice(1) : name).toLowerCase();
      if (seen.has(key)) {
        throw new ProblemStop(
          problem(
            'ZIP_DUPLICATE_PART',
            'error',
            '',
            `Tệp ${f} có hai phần cùng tên "${name}" (có thể chỉ khác chữ hoa, chữ thường), nên mỗi chương trình có thể đọc ra một nội dung khác. Tệp không được đọc; hãy mở tệp bằng Excel, lưu lại thành .xlsx rồi nhập lại, hoặc xin đơn vị gửi lại.`,
          ),
        );
      }
      seen.add(key);
      if (entryNames.length > MAX_ZIP_ENTRIES) throw new ProblemStop(problem('ZIP_TOO_MANY_ENTRIES', 'error', '', `Tệp ${f} chứa quá ${formatNumber(MAX_ZIP_ENTRIES, 'integer')} phần.`));
      if (name.endsWith('/')) continue;
      if (entry.isEncrypted()) throw new ProblemStop(zipErrorProblem(new Error('entry is encrypted'), fileName, name));

      // What the headers claim, checked before a byte is inflated. Inflating then never
      // goes past the declared size, so these limits hold for what really comes out.
      const ratioLimit = Math.max(RATIO_EXEMPT_BYTES, entry.compressedSize * MAX_COMPRESSION_RATIO);
      if (entry.uncompressedSize > ratioLimit) throw bomb(name);
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > MAX_INFLATED_BYTES) throw tooLarge();

      let inflated: Buffer;
      try {
        inflated = inflateEntry(buffer, entry);
      } catch (err) {
        throw new ProblemStop(zipErrorProblem(err, fileName, name));
      }
      const part = (name.startsWith('/') ? name.slice(1) : name).toLowerCase();
      if (isReadablePart(part)) parts.set(part, inflated);
    }

    // Central-directory records past the count the end record gives are something a
    // lenient reader would still find; a file like that is damaged or made to deceive.
    // (@types/yauzl calls the cursor a boolean; it is the byte offset.)
    if (hasHiddenEntries(bytes, (zip as unknown as { readEntryCursor: number }).readEntryCursor)) {
      throw new ProblemStop(problem('ZIP_CORRUPT', 'error', '', `Tệp ${f} bị hỏng: mục lục của tệp nén không khớp với số phần khai báo. Hãy mở tệp bằng Excel, lưu lại thành .xlsx rồi nhập lại, hoặc xin đơn vị gửi lại.`));
    }

    const lowerNames = entryNames.map((n) => (n.startsWith('/') ? n.slice(1) : n).toLowerCase());
    // The workbook is the part the package relationships name, xl/workbook.xml as Excel writes it or elsewhere.
    if (!lowerNames.includes('[content_types].xml') || workbookPartOf(parts) === null) {
      throw new ProblemStop(notAWorkbookZip(lowerNames, fileName));
    }
    return { problems: [], entryNames, parts };
  } catch (err) {
    parts.clear();
    const found = err instanceof ProblemStop ? err.found : zipErrorProblem(err, fileName);
    return { problems: [found], entryNames, parts };
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
