// Moving the office's SQLite file onto a PostgreSQL server (issue #16, `migrate-to`):
// every table, row for row with its ids, into an empty database, in one transaction
// on the server that also makes the schema. Before it commits, the copy is held to the
// file: the same rows in every table, and the same consolidation for every period. A
// refusal or a failure at any point leaves the server as it was (empty) and the file
// untouched: there is never a half-filled server to clean up.
import path from 'node:path';
import { CompiledQuery, type Transaction } from 'kysely';
import { AppError } from '../../shared/errors';
import type { ParsedArgsOf } from '../../shared/api';
import type { MigrateToResult } from '../../shared/domain';
import type { Database } from '../../db/schema';
import { isPermissionDenied, isServerLocation, redactedLocation } from '../../db/handle';
import { migrateEmptyInTransaction, openPostgres } from '../../db/postgres';
import { copyOrder, copyTable, countRows, MIGRATION_TABLE, resetIdentities, schemaContents, serverTables, sqliteTables, tableDigest, type RowsDigest, type ServerTable } from '../../db/copy-to-server';
import { insertAudit } from '../../db/queries/audit';
import { listPeriodRows } from '../../db/queries/periods';
import { createContext, currentActor, nowText, type AppContext } from './context';
import { getConsolidation } from './consolidation';

export interface MigrateHooks {
  /** Runs on the server's transaction once every row is in, before the checks (tests break the copy here). */
  afterCopy?: (trx: Transaction<Database>) => Promise<void>;
}

/** At most this many of what a refused database holds are named; the count says the rest. */
const NAMED = 8;

function notEmpty(server: string, contents: readonly string[]): AppError {
  const ours = contents.includes(MIGRATION_TABLE);
  const named = contents.slice(0, NAMED).join(', ') + (contents.length > NAMED ? ', …' : '');
  return new AppError(
    'MIGRATE_TARGET_NOT_EMPTY',
    `Cơ sở dữ liệu ${server} không trống: đã có ${contents.length} bảng hoặc đối tượng (${named})` +
      (ours ? ', là dữ liệu của Tổng hợp CCTP (có thể tệp này đã được chuyển lên từ trước)' : '') +
      '. Chỉ chuyển vào một cơ sở dữ liệu trống, để không ghi lẫn vào dữ liệu đã có: hãy nhờ người quản trị máy chủ tạo một cơ sở dữ liệu mới (CREATE DATABASE … OWNER <tài khoản>) rồi chạy lại lệnh. Chưa có gì thay đổi.',
    { contents },
    { server, count: contents.length, found: named },
  );
}

/** Where in two consolidations they first differ ("indicators[3].value"), for the message. */
function firstDifference(a: unknown, b: unknown, at = ''): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return at || '(gốc)';
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${at}.length`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    const d = firstDifference(ra[k], rb[k], at ? `${at}.${k}` : k);
    if (d) return d;
  }
  return null;
}

export async function migrateTo(ctx: AppContext, args: ParsedArgsOf<'database.migrateTo'>, hooks: MigrateHooks = {}): Promise<MigrateToResult> {
  if (ctx.handle.backend !== 'sqlite') {
    throw new AppError(
      'MIGRATE_SOURCE_NOT_SQLITE',
      `Dữ liệu đang mở đã nằm trên máy chủ PostgreSQL (${ctx.handle.path}), không phải một tệp SQLite, nên không có gì để chuyển. Hãy chạy lệnh với --db là tệp .sqlite cần chuyển lên máy chủ.`,
      undefined,
      { server: ctx.handle.path },
    );
  }
  if (!isServerLocation(args.target)) {
    const target = redactedLocation(args.target);
    throw new AppError(
      'MIGRATE_TARGET_NOT_SERVER',
      `"${target}" không phải địa chỉ của một máy chủ PostgreSQL. Hãy ghi địa chỉ của một cơ sở dữ liệu trống, dạng postgres://<tài khoản>@<máy chủ>:<cổng>/<cơ sở dữ liệu>.`,
      undefined,
      { target },
    );
  }
  const server = redactedLocation(args.target);
  const file = path.basename(ctx.handle.path);
  // Opened without its migrations: they run below, in the copy's own transaction.
  const handle = await openPostgres(args.target, { migrate: false, maxConnections: 2 });
  let stage = 'kiểm tra cơ sở dữ liệu đích';
  try {
    // Said at once, before the file is locked; asked again under the lock below.
    const before = await schemaContents(handle.db);
    if (before.length > 0) throw notEmpty(server, before);
    const target = createContext(handle, { now: ctx.now, osUser: ctx.osUser, backupDir: ctx.backupDir });

    // The file's write lock for the whole copy: what is copied, counted and consolidated
    // is one state of the file, and no clerk's write lands in it meanwhile to be left behind.
    return await ctx.db.transaction().execute(async (src) => {
      await ctx.handle.lockForWrite(src, 'migrate');
      return handle.db.transaction().execute(async (dst) => {
        // The setup lock, as the app's own opening takes it: a client opening the empty
        // database now waits, then finds it migrated and filled (and seeds nothing).
        await handle.lockForWrite(dst, 'setup');
        const now = await schemaContents(dst);
        if (now.length > 0) throw notEmpty(server, now);

        stage = 'tạo cấu trúc dữ liệu';
        const version = await migrateEmptyInTransaction((text, params) => dst.executeQuery(CompiledQuery.raw(text, params ?? [])));

        const tables = await sqliteTables(src);
        const onServer = new Map((await serverTables(dst)).map((t) => [t.name, t]));
        const differences: string[] = [];
        const differingTables = new Set<string>();
        for (const t of tables) {
          const there = onServer.get(t.name);
          const missing = there ? t.columns.filter((c) => !there.columns.includes(c)) : [];
          const extra = there ? there.columns.filter((c) => !t.columns.includes(c)) : [];
          if (!there) differences.push(`bảng ${t.name} không có trên máy chủ`);
          else if (missing.length > 0 || extra.length > 0) differences.push(`bảng ${t.name} có cột khác nhau (${[...missing, ...extra].join(', ')})`);
          else continue;
          differingTables.add(t.name);
        }
        for (const name of onServer.keys()) {
          if (!tables.some((t) => t.name === name)) {
            differences.push(`bảng ${name} có trên máy chủ nhưng không có trong tệp`);
            differingTables.add(name);
          }
        }
        if (differences.length > 0) throw mismatch(server, file, differences, [...differingTables], []);

        const copied = new Map<string, RowsDigest>();
        for (const table of copyOrder(tables.filter((t) => t.name !== MIGRATION_TABLE))) {
          stage = `chép bảng ${table.name}`;
          copied.set(table.name, await copyTable(src, dst, table, onServer.get(table.name) as ServerTable));
        }
        stage = 'đặt lại bộ đếm mã số';
        await resetIdentities(dst, [...onServer.values()]);
        await hooks.afterCopy?.(dst);

        // The copy held to the file before it is committed: every table's rows, then
        // every period's consolidation as the clerk reads it.
        stage = 'đối chiếu';
        const verified = new Map<string, number>();
        for (const table of tables) {
          // schema_migration is the server's own (when each migration ran there): its rows are counted, not compared.
          const own = table.name === MIGRATION_TABLE;
          const here = own ? { rows: await countRows(src, table.name), digest: '' } : (copied.get(table.name) as RowsDigest);
          const there = own ? { rows: await countRows(dst, table.name), digest: '' } : await tableDigest(dst, table);
          verified.set(table.name, there.rows);
          if (here.rows !== there.rows) differences.push(`bảng ${table.name}: ${here.rows} dòng trong tệp, ${there.rows} dòng trên máy chủ`);
          else if (here.digest !== there.digest) differences.push(`bảng ${table.name}: cùng ${here.rows} dòng nhưng nội dung khác`);
          else continue;
          differingTables.add(table.name);
        }
        const periods = (await listPeriodRows(src)).map((p) => p.code);
        const differingPeriods: string[] = [];
        for (const period of periods) {
          const here = await getConsolidation({ ...ctx, db: src }, { period });
          const there = await getConsolidation({ ...target, db: dst }, { period });
          const at = firstDifference(JSON.parse(JSON.stringify(here)), JSON.parse(JSON.stringify(there)));
          if (at === null) continue;
          differences.push(`số liệu tổng hợp kỳ ${period} khác nhau (tại ${at})`);
          differingPeriods.push(period);
        }
        if (differences.length > 0) throw mismatch(server, file, differences, [...differingTables], differingPeriods);

        const counts = copyOrder(tables).map((t) => ({ name: t.name, rows: verified.get(t.name) ?? 0 }));
        const rows = counts.reduce((n, t) => n + (t.name === MIGRATION_TABLE ? 0 : t.rows), 0);
        // The move is on the server's record, after the check (the copied log is the file's, row for row).
        stage = 'ghi nhật ký';
        await insertAudit(dst, {
          at: nowText(ctx),
          action: 'migrate',
          entity: 'database',
          entityKey: file,
          detail: { fileName: file, server, rows, periods },
          actor: await currentActor(ctx, src),
        });
        return { source: ctx.handle.path, target: server, schemaVersion: version, tables: counts, rows, periods };
      });
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (isPermissionDenied(err)) {
      throw new AppError(
        'MIGRATE_TARGET_DENIED',
        `Tài khoản đang chạy lệnh không có quyền tạo bảng trong cơ sở dữ liệu ${server}. Hãy chạy lệnh bằng tài khoản chủ sở hữu cơ sở dữ liệu (người quản trị máy chủ tạo bằng CREATE DATABASE … OWNER <tài khoản>). Chưa có gì thay đổi.`,
        undefined,
        { server },
      );
    }
    const detail = err instanceof Error ? err.message : String(err);
    throw new AppError(
      'MIGRATE_FAILED',
      `Không chuyển được dữ liệu lên ${server}: có lỗi khi ${stage} (${detail}). Máy chủ được giữ nguyên như trước (vẫn trống), tệp ${file} không thay đổi. Hãy báo cho bộ phận kỹ thuật.`,
      undefined,
      { server, detail },
    );
  } finally {
    await handle.close();
  }
}

function mismatch(server: string, file: string, differences: readonly string[], tables: readonly string[], periods: readonly string[]): AppError {
  const shown = differences.slice(0, NAMED).join('; ') + (differences.length > NAMED ? `; và ${differences.length - NAMED} chỗ khác` : '');
  return new AppError(
    'MIGRATE_MISMATCH',
    `Không chuyển dữ liệu lên ${server}: bản chép trên máy chủ không khớp với tệp ${file} (${shown}). Máy chủ được để trống như trước, tệp không thay đổi. Hãy báo cho bộ phận kỹ thuật.`,
    { differences },
    { server, tables: tables.join(', ') || '—', periods: periods.join(', ') || '—' },
  );
}
