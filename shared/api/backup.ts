// The Api's part for backups of the database.
import { z } from 'zod';
import { fileBytes, method, none, type FileBytes } from './method';

export interface BackupInfo {
  name: string;
  path: string;
  createdAt: string;
  sizeBytes: number;
}

/**
 * What a backup saved where the clerk chose may be called: a file name that Windows
 * accepts too (no folder, no ":" or other reserved character, not "." or "..", not a
 * device name such as CON or NUL).
 */
const backupFileName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  // Control characters are refused too (no-control-regex would flag them in a literal).
  .refine((name) => [...name].every((c) => c.charCodeAt(0) >= 0x20), { message: 'Tên tệp không hợp lệ' })
  .regex(/^[^/\\:*?"<>|]+$/u, { message: 'Tên tệp không được chứa thư mục hay các ký tự / \\ : * ? " < > |' })
  .refine((name) => !/^\.+$/u.test(name), { message: 'Tên tệp không hợp lệ' })
  .refine((name) => !/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/iu.test(name), { message: 'Tên tệp trùng tên thiết bị của Windows (CON, NUL…); hãy đặt tên khác' });

export const backupApi = {
  'backup.create': method<BackupInfo>()(none),
  /**
   * A consistent copy of the live database (SQLite's online backup; on a server, a pg_dump archive) as bytes, for the clerk
   * to keep where she chooses: the command line writes it to --out, a browser downloads it.
   * `name` is what the copy will be called there, for the audit log.
   */
  'backup.export': method<FileBytes>()(z.object({ name: backupFileName.optional() })),
  'backup.list': method<BackupInfo[]>()(none),
  'backup.restore': method<{ restoredFrom: string; safetyBackup: string }>()(
    // A name from backup.list: SQLite's copies end .sqlite, a server's pg_dump archives .dump.
    z.object({ name: z.string().regex(/^[\w.-]+\.(?:sqlite|dump)$/u, { message: 'Tên bản sao lưu không hợp lệ' }) }),
  ),
  /** A backup the clerk chose from anywhere (a USB stick), sent as bytes, proven before it replaces anything. */
  'backup.restoreFile': method<{ restoredFrom: string; safetyBackup: string }>()(z.object({ file: fileBytes })),
} as const;
