// What a dropped file really is, from its first bytes, before anything parses it
// (architecture.md, "The import pipeline"). The extension is the sender's claim;
// the bytes are the fact.

export type OleKind =
  /** An Excel 97-2003 workbook (a "Workbook" or "Book" stream). */
  | 'xls'
  /** An Office file saved with a password: the real .xlsx is an encrypted stream inside. */
  | 'encrypted'
  /** A Word or PowerPoint file, or another compound file that is no workbook. */
  | 'not-excel'
  /** The directory could not be read: an old workbook or a password-protected one. */
  | 'either';

export type SniffResult =
  | { kind: 'empty' }
  | { kind: 'zip' }
  | { kind: 'ole'; ole: OleKind; streams: string[] }
  | { kind: 'other' };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/**
 * Sniffs the bytes. `fileName` is not trusted for the answer; it is taken so callers
 * have one place to ask, and so an empty zip named ".xlsx" and a real one differ only
 * by their bytes.
 */
export function sniffWorkbook(bytes: Uint8Array, _fileName: string): SniffResult {
  if (bytes.length === 0) return { kind: 'empty' };
  if (startsWith(bytes, ZIP_MAGIC)) return { kind: 'zip' };
  if (startsWith(bytes, OLE_MAGIC)) {
    const streams = readCfbStreamNames(bytes);
    return { kind: 'ole', ole: classifyOle(bytes, streams), streams: streams ?? [] };
  }
  return { kind: 'other' };
}

/** Excel's owner file beside an open workbook ("~$BaoCao.xlsx"): skipped, never an error. */
export function isExcelLockFile(name: string): boolean {
  const base = name.split(/[\\/]/u).pop() ?? '';
  return base.startsWith('~$');
}

function classifyOle(bytes: Uint8Array, streams: string[] | null): OleKind {
  if (streams === null) {
    // The directory is damaged or truncated; the stream names may still be there.
    if (containsUtf16(bytes, 'EncryptedPackage') || containsUtf16(bytes, 'EncryptionInfo')) return 'encrypted';
    return 'either';
  }
  const has = (name: string): boolean => streams.some((s) => s.toLowerCase() === name.toLowerCase());
  if (has('EncryptionInfo') || has('EncryptedPackage')) return 'encrypted';
  if (has('Workbook') || has('Book')) return 'xls';
  if (has('WordDocument') || has('PowerPoint Document')) return 'not-excel';
  return 'either';
}

const END_OF_CHAIN = 0xfffffffe;
const MAX_REGULAR_SECTOR = 0xfffffffa;

/**
 * The names in a compound file's directory (MS-CFB): header → FAT (via the DIFAT) →
 * the directory's sector chain → 128-byte entries, names in UTF-16LE. Null when the
 * structure does not hold together. Every loop is bounded by the file's own size, so a
 * hostile chain cannot spin.
 */
export function readCfbStreamNames(bytes: Uint8Array): string[] | null {
  if (bytes.length < 512) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sectorShift = view.getUint16(0x1e, true);
  if (sectorShift !== 9 && sectorShift !== 12) return null;
  const sectorSize = 1 << sectorShift;
  const maxSectors = Math.ceil(bytes.length / sectorSize) + 1;
  const sectorOffset = (s: number): number => (s + 1) * sectorSize;
  const readU32 = (offset: number): number | null => (offset + 4 <= bytes.length ? view.getUint32(offset, true) : null);

  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = view.getUint32(0x4c + i * 4, true);
    if (s < MAX_REGULAR_SECTOR) fatSectors.push(s);
  }
  let difat = view.getUint32(0x44, true);
  for (let hops = 0; difat < MAX_REGULAR_SECTOR && hops < maxSectors; hops++) {
    const base = sectorOffset(difat);
    const perSector = sectorSize / 4 - 1;
    for (let i = 0; i < perSector; i++) {
      const s = readU32(base + i * 4);
      if (s === null) return null;
      if (s < MAX_REGULAR_SECTOR) fatSectors.push(s);
    }
    const next = readU32(base + perSector * 4);
    if (next === null) return null;
    difat = next;
  }

  const perFatSector = sectorSize / 4;
  const nextSector = (s: number): number | null => {
    const fat = fatSectors[Math.floor(s / perFatSector)];
    if (fat === undefined) return null;
    return readU32(sectorOffset(fat) + (s % perFatSector) * 4);
  };

  const names: string[] = [];
  let sector: number | null = view.getUint32(0x30, true);
  for (let hops = 0; sector !== null && sector !== END_OF_CHAIN; hops++) {
    if (sector >= MAX_REGULAR_SECTOR || hops > maxSectors) return null;
    const base = sectorOffset(sector);
    if (base + sectorSize > bytes.length) return null;
    for (let e = 0; e < sectorSize / 128; e++) {
      const entry = base + e * 128;
      const nameBytes = view.getUint16(entry + 64, true);
      const type = bytes[entry + 66];
      if (type === 0 || nameBytes < 2 || nameBytes > 64) continue;
      let name = '';
      for (let i = 0; i < nameBytes - 2; i += 2) name += String.fromCharCode(view.getUint16(entry + i, true));
      names.push(name);
    }
    sector = nextSector(sector);
  }
  return names.length > 0 ? names : null;
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) needle[i * 2] = text.charCodeAt(i);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
