// The Api's part for backups of the database.
import { z } from 'zod';
import { fileBytes, method, none, type FileBytes } from './method';

export interface BackupInfo {
  name: string;
  path: string;
  createdAt: string;
  sizeBytes: number;
}

export const backupApi = {
  'backup.create': method<BackupInfo>()(none),
  /**
   * A consistent copy of the live database (SQLite's online backup) as bytes, for the clerk
   * to keep where she chooses: the command line writes it to --out, a browser downloads it.
   * `name` is what the copy will be called there, for the audit log.
   */
  'backup.export': method<FileBytes>()(z.object({ name: z.string().trim().min(1).max(260).regex(/^[^/\\]+$/u, { message: 'Tên tệp không được chứa thư mục' }).optional() })),
  'backup.list': method<BackupInfo[]>()(none),
  'backup.restore': method<{ restoredFrom: string; safetyBackup: string }>()(
    z.object({ name: z.string().regex(/^[\w.-]+\.sqlite$/u, { message: 'Tên bản sao lưu không hợp lệ' }) }),
  ),
  /** A backup the clerk chose from anywhere (a USB stick), sent as bytes, proven before it replaces anything. */
  'backup.restoreFile': method<{ restoredFrom: string; safetyBackup: string }>()(z.object({ file: fileBytes })),
} as const;
