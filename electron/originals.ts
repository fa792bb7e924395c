// An agency's original file, opened in its own program (Excel) from the desktop. The
// page names only the report (its id); the main process fetches the bytes through the
// Api and chooses the name and folder, so nothing from the page decides what is written
// where or what the system is asked to open.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Handlers } from '../shared/api';
import type { ApiError } from '../shared/errors';
import { dispatch } from './app/dispatch';

/**
 * Only a workbook without macros is handed to the system to open: any other name gets
 * ".xlsx", so no stored name can make the system run a program (a ".bat", a ".lnk")
 * and Excel never runs a macro workbook under its own extension.
 */
const OPENABLE = new Set(['.xlsx']);

/** Copies older than this are removed when the app starts (one the clerk still has open is left). */
export const ORIGINAL_COPY_DAYS = 7;

/** A name becomes a plain file name: no folders, nothing Windows refuses. */
export function safeName(name: string, fallback = 'tep.xlsx'): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what Windows refuses in names
  return path.basename(name).replace(/[<>:"/\\|?*\u0000-\u001f]/gu, '_') || fallback;
}

export function openableName(name: string): string {
  const safe = safeName(name);
  return OPENABLE.has(path.extname(safe).toLowerCase()) ? safe : `${safe}.xlsx`;
}

/**
 * On Windows the copy is marked as coming from elsewhere (the Mark of the Web), so Excel
 * opens an agency's file in Protected View, as it would a download or an e-mail
 * attachment. Not every volume keeps the mark (FAT on a USB stick); then it is simply absent.
 */
async function markAsFromElsewhere(file: string): Promise<void> {
  if (process.platform !== 'win32') return;
  try {
    await fs.promises.writeFile(`${file}:Zone.Identifier`, '[ZoneTransfer]\r\nZoneId=3\r\n');
  } catch {
    // No alternate data streams on this volume.
  }
}

async function sameBytes(file: string, bytes: Uint8Array): Promise<boolean> {
  try {
    return Buffer.from(bytes).equals(await fs.promises.readFile(file));
  } catch {
    return false;
  }
}

export type PlacedOriginal = { ok: true; path: string; name: string } | { ok: false; error: ApiError };

/**
 * Writes a report's original into the app's own folder, ready to open: one folder per
 * content, so the same original opens from the same place and a copy still open in
 * Excel (locked on Windows) is not overwritten by another file's bytes; a copy the clerk
 * changed is put back to what the agency sent.
 */
export async function placeOriginal(handlers: Handlers, folder: string, id: unknown): Promise<PlacedOriginal> {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    return { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'Không rõ báo cáo nào cần mở tệp gốc.' } };
  }
  const result = await dispatch(handlers, 'submissions.original', { id });
  if (!result.ok) return result;
  const { name, bytes } = result.value;
  const dir = path.join(folder, createHash('sha256').update(bytes).digest('hex').slice(0, 16));
  const target = path.join(dir, openableName(name));
  try {
    await fs.promises.mkdir(dir, { recursive: true });
    if (!(await sameBytes(target, bytes))) await fs.promises.writeFile(target, bytes);
    await markAsFromElsewhere(target);
    // Opened now: the sweep counts its days from here.
    const now = new Date();
    await fs.promises.utimes(dir, now, now);
  } catch (err) {
    return { ok: false, error: { code: 'WRITE_FAILED', message: `Không ghi được bản sao của tệp ${name} để mở (${err instanceof Error ? err.message : String(err)}).` } };
  }
  return { ok: true, path: target, name };
}

/**
 * Removes the copies of originals opened more than ORIGINAL_COPY_DAYS ago: they are
 * copies (the database keeps every original), and agencies' files should not pile up in
 * the temporary folder. A copy still open (locked on Windows) is left for next time.
 */
export function sweepOriginals(folder: string, now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return removed;
  }
  for (const name of names) {
    const dir = path.join(folder, name);
    try {
      if (now - fs.statSync(dir).mtimeMs <= ORIGINAL_COPY_DAYS * 86_400_000) continue;
      fs.rmSync(dir, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Held open, or taken away already.
    }
  }
  return removed;
}
