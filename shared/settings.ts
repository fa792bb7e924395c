// The office's preferences, with their defaults.
import { z } from 'zod';

export const settingsSchema = z.object({
  /** Back up the database before every batch of imported files. */
  backupBeforeImport: z.boolean(),
  /** Back up once a day, when the app first opens that day. */
  backupDaily: z.boolean(),
  /** How many automatic backups to keep; older ones are deleted. Manual backups are never deleted. */
  backupKeep: z.number().int().min(1).max(365),
  language: z.enum(['vi', 'en']),
  /** The clerk's name, recorded with the operating-system user on every report and audit entry. */
  clerkName: z.string().trim().max(100),
});

export type Settings = z.output<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  backupBeforeImport: true,
  backupDaily: true,
  backupKeep: 14,
  language: 'vi',
  clerkName: '',
};
