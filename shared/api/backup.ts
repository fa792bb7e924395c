// The Api's part for backups of the database.
import { z } from 'zod';
import { fileBytes, method, none } from './method';

export interface BackupInfo {
  name: string;
  path: string;
  createdAt: string;
  sizeBytes: number;
}

export const backupApi = {
  'backup.create': method<BackupInfo>()(none),
  'backup.list': method<BackupInfo[]>()(none),
  'backup.restore': method<{ restoredFrom: string; safetyBackup: string }>()(
    z.object({ name: z.string().regex(/^[\w.-]+\.sqlite$/u, { message: 'Tên bản sao lưu không hợp lệ' }) }),
  ),
  /** A backup the clerk chose from anywhere (a USB stick), sent as bytes, proven before it replaces anything. */
  'backup.restoreFile': method<{ restoredFrom: string; safetyBackup: string }>()(z.object({ file: fileBytes })),
} as const;
