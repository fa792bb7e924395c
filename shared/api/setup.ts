// The Api's part for the office itself: its name and heading, the settings, and the
// sample reports a newcomer starts from.
import { z } from 'zod';
import type { DataServerInfo, DataServerSaved, MigrateToResult, Organization, ServerProbe, ServerSetupResult, SessionInfo } from '../domain';
import { method, none } from './method';
import { settingsSchema, type Settings } from '../settings';

/** A PostgreSQL login as an office names one: lower-case letters, digits and _, as psql needs no quotes for. */
const roleName = z
  .string()
  .trim()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/u, { message: 'Tên tài khoản chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ, tối đa 63 ký tự (ví dụ: vanthu_lan)' })
  .refine((n) => !n.startsWith('pg_'), { message: 'Tên tài khoản không được bắt đầu bằng pg_ (tên dành riêng của PostgreSQL)' });

/** A PostgreSQL address as typed in Cài đặt; its shape is checked, in words, by the service. */
const serverAddress = z.string().trim().max(500);

export const setupApi = {
  'organization.get': method<Organization>()(none),
  'organization.update': method<Organization>()(
    z.object({
      name: z.string().trim().min(1).max(300).optional(),
      parentBody: z.string().trim().min(1).max(200).optional(),
      issuingBody: z.string().trim().min(1).max(200).optional(),
      place: z.string().trim().min(1).max(100).optional(),
      headingStyle: z.enum(['party', 'state']).optional(),
    }),
  ),
  'settings.get': method<Settings>()(none),
  'settings.update': method<Settings>()(settingsSchema.partial()),
  /**
   * Every agency's sample reports for 2022-Q1 and 2022-H1 (`init --demo`), through real
   * forms and the real import. Only into a database without reports: otherwise nothing
   * is added and `skipped` says so.
   */
  'demo.add': method<{ submissions: number; skipped: boolean }>()(none),
  /** Where the data is, as whom, and whether this clerk may change it. */
  'session.get': method<SessionInfo>()(none),
  /**
   * On a PostgreSQL server, as the database's owner: the clerks' and readers' group
   * roles with their GRANTs, and a login for each person named (server-setup).
   */
  'server.setup': method<ServerSetupResult>()(
    z.object({
      clerks: z.array(roleName).max(100).default([]),
      readers: z.array(roleName).max(100).default([]),
    }),
  ),
  /** This workstation's Máy chủ dữ liệu setting, and what is open now. */
  'dataServer.get': method<DataServerInfo>()(none),
  /** "Kiểm tra kết nối": what the address leads to, changing nothing. */
  'dataServer.test': method<ServerProbe>()(z.object({ server: serverAddress, password: z.string().max(200).optional() })),
  /** Saves the server to open from the next start (null: this workstation's own file); the password goes to the pgpass file. */
  'dataServer.save': method<DataServerSaved>()(z.object({ server: serverAddress.nullable(), password: z.string().max(200).optional() })),
  /**
   * Moves the open SQLite file onto an empty PostgreSQL database (migrate-to): every
   * table, ids kept, in one transaction there, committed only once every table's rows
   * and every period's consolidation on the server equal the file's. A refusal or a
   * failure leaves the server empty and the file as it was.
   */
  'database.migrateTo': method<MigrateToResult>()(z.object({ target: z.string().trim().min(1).max(2000) })),
} as const;
