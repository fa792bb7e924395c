// Making real .xlsx inputs for the intake tests out of real report forms: edit one with
// exceljs as a clerk's Excel would, rewrite its zip parts as a hostile tool would, or
// build an OLE compound file (.xls, password-protected). Plus a seeded PRNG, so random
// inputs and random kill times are the same on every run.
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { writeZip, type ZipEntryInput } from '../fixtures/zip-writer';
import { readMetaSheet, type MetaEntry } from '../fixtures/fill-form';

/** mulberry32: a small, fast, seeded generator of floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomBytesSeeded(length: number, seed: number): Uint8Array {
  const next = seededRandom(seed);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(next() * 256);
  return out;
}

export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

export async function saveWorkbook(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Opens the bytes with exceljs, lets `edit` change the workbook, and saves it again. */
export async function editWorkbook(bytes: Uint8Array, edit: (wb: ExcelJS.Workbook) => void | Promise<void>): Promise<Uint8Array> {
  const wb = await loadWorkbook(bytes);
  await edit(wb);
  return saveWorkbook(wb);
}

/** The `_meta` entries of a form, read the way a foreign tool would. */
export async function metaEntries(bytes: Uint8Array): Promise<{ keys: Map<string, string>; entries: MetaEntry[] }> {
  return readMetaSheet(await loadWorkbook(bytes));
}

/** "Báo cáo!E27" → { sheet: "Báo cáo", address: "E27" }. */
export function splitRef(ref: string): { sheet: string; address: string } {
  const cut = ref.lastIndexOf('!');
  return { sheet: ref.slice(0, cut), address: ref.slice(cut + 1) };
}

/** The input cell of a field ("indicator:NV2.01") in a form, as `_meta` names it. */
export function cellOfField(entries: readonly MetaEntry[], field: string): { sheet: string; address: string; ref: string } {
  const entry = entries.find((e) => e.field === field);
  if (!entry) throw new Error(`no _meta entry for ${field}`);
  return { ...splitRef(entry.cell), ref: entry.cell };
}

/** Every entry of a zip, inflated (for archives the test made itself, so trusted). */
export async function zipEntries(bytes: Uint8Array): Promise<{ name: string; data: Buffer }[]> {
  const zip = await yauzl.fromBufferPromise(Buffer.from(bytes), { lazyEntries: true });
  const out: { name: string; data: Buffer }[] = [];
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        zip.once('entry', resolve);
        zip.once('end', () => resolve(null));
        zip.once('error', reject);
        zip.readEntry();
      });
      zip.removeAllListeners('entry');
      zip.removeAllListeners('end');
      zip.removeAllListeners('error');
      if (!entry) break;
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
    }
  } finally {
    if (zip.isOpen) zip.close();
  }
  return out;
}

/**
 * Rewrites a workbook's zip: `change` may edit part texts (by name) and return extra
 * entries to append. What exceljs would never write, a hostile tool can.
 */
export async function rewriteZip(
  bytes: Uint8Array,
  change: { parts?: Record<string, (xml: string) => string>; extra?: ZipEntryInput[]; level?: number },
): Promise<Buffer> {
  const entries = await zipEntries(bytes);
  for (const name of Object.keys(change.parts ?? {})) {
    if (!entries.some((e) => e.name === name)) throw new Error(`no part ${name} in the workbook`);
  }
  const rewritten: ZipEntryInput[] = entries.map((e) => {
    const edit = change.parts?.[e.name];
    return { name: e.name, data: edit ? edit(e.data.toString('utf8')) : e.data, ...(change.level === undefined ? {} : { level: change.level }) };
  });
  return writeZip([...rewritten, ...(change.extra ?? [])]);
}

/** The zip part of a sheet, by its name, from workbook.xml and its relationships. */
export async function sheetPartOf(bytes: Uint8Array, sheetName: string): Promise<string> {
  const entries = await zipEntries(bytes);
  const text = (name: string) => entries.find((e) => e.name === name)?.data.toString('utf8') ?? '';
  const sheetTag = [...text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/gu)].map((m) => m[0]).find((t) => t.includes(`name="${sheetName}"`));
  const rid = sheetTag ? /r:id="([^"]+)"/u.exec(sheetTag)?.[1] : undefined;
  const rel = [...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/gu)].map((m) => m[0]).find((t) => t.includes(`Id="${rid}"`));
  const target = rel ? /Target="([^"]+)"/u.exec(rel)?.[1] : undefined;
  if (!target) throw new Error(`no part for sheet ${sheetName}`);
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/**
 * A compound file (MS-CFB v3) whose directory holds the given stream names: what an
 * Excel 97-2003 workbook ("Workbook") or a password-protected one ("EncryptionInfo",
 * "EncryptedPackage") looks like to a sniffer. At most three streams.
 */
export function compoundFile(streams: readonly string[]): Uint8Array {
  const sector = 512;
  const header = Buffer.alloc(sector, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18); // minor version
  header.writeUInt16LE(3, 0x1a); // major version 3: 512-byte sectors
  header.writeUInt16LE(0xfffe, 0x1c); // little-endian
  header.writeUInt16LE(9, 0x1e); // sector shift
  header.writeUInt16LE(6, 0x20); // mini sector shift
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // the directory starts at sector 1
  header.writeUInt32LE(4096, 0x38); // mini stream cutoff
  header.writeUInt32LE(0xfffffffe, 0x3c); // no mini FAT
  header.writeUInt32LE(0xfffffffe, 0x44); // no DIFAT sectors
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + i * 4);
  const fat = Buffer.alloc(sector, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0 is the FAT
  fat.writeUInt32LE(0xfffffffe, 4); // the directory is one sector
  const directory = Buffer.alloc(sector, 0);
  ['Root Entry', ...streams].slice(0, 4).forEach((name, i) => {
    const base = i * 128;
    Buffer.from(`${name}\0`, 'utf16le').copy(directory, base);
    directory.writeUInt16LE((name.length + 1) * 2, base + 64);
    directory[base + 66] = i === 0 ? 5 : 2; // root storage, then streams
  });
  return Buffer.concat([header, fat, directory, Buffer.alloc(sector, 0x2a)]);
}
