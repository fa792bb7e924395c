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
  /**
   * Who signs the documents the office sends (the written report, reminder letters, the
   * consolidated workbook): the capacity line ("T/M BAN CHỈ ĐẠO"), the title ("TRƯỞNG
   * BAN") and the name, printed under the space for the signature.
   */
  signer: z.object({
    capacity: z.string().trim().max(100),
    title: z.string().trim().max(100),
    name: z.string().trim().max(100),
  }),
  /** "Nơi nhận:" of the documents the office sends, one line each ("- Như trên;", "- Lưu VP."). */
  recipients: z.array(z.string().trim().min(1).max(200)).max(30),
  /**
   * Days off the government announces each year beyond the public holidays (a bridge
   * day by Tết, say), as ISO dates: a new due date is never set on one.
   */
  extraDaysOff: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, { message: 'Ngày có dạng YYYY-MM-DD' })).max(100),
  /** Make-up working days (a Saturday worked for a bridge day), as ISO dates: a due date may fall on one. */
  extraWorkingDays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, { message: 'Ngày có dạng YYYY-MM-DD' })).max(100),
});

export type Settings = z.output<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  backupBeforeImport: true,
  backupDaily: true,
  backupKeep: 14,
  language: 'vi',
  clerkName: '',
  signer: { capacity: 'T/M BAN CHỈ ĐẠO', title: 'TRƯỞNG BAN', name: '' },
  recipients: ['Ban Chỉ đạo Cải cách tư pháp Trung ương (b/c),', 'Thường trực Tỉnh ủy (b/c),', 'Các đồng chí thành viên Ban Chỉ đạo,', 'Lưu Văn phòng.'],
  extraDaysOff: [],
  extraWorkingDays: [],
};
