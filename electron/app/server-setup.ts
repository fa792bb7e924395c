// Setting up a shared PostgreSQL server for an office (issue #16): the administrator,
// connected as the database's owner, names the clerks and the readers; each gets a
// login role of their own (recorded on what they write, db_role) in the clerks' or the
// readers' group, whose GRANTs the server enforces. New logins get a generated password,
// shown once, for the administrator to hand over; existing ones keep theirs.
import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { ParsedArgsOf } from '../../shared/api';
import type { ServerSetupResult } from '../../shared/domain';
import { isPermissionDenied } from '../../db/handle';
import {
  addToGroup,
  createGroupRole,
  createLoginRole,
  grantGroup,
  loginRoleInfo,
  removeFromGroup,
  roleExists,
  serverPlace,
  type RoleKind,
} from '../../db/queries/server-roles';
import { audit, type AppContext } from './context';

/** The two group roles of a database: named after it, so two offices' databases on one server keep theirs apart. */
export function groupRoles(database: string): Record<RoleKind, string> {
  const base = database.slice(0, 50);
  return { clerk: `${base}_van_thu`, reader: `${base}_chi_xem` };
}

export async function setupServer(ctx: AppContext, args: ParsedArgsOf<'server.setup'>): Promise<ServerSetupResult> {
  if (ctx.handle.backend !== 'postgres') {
    throw new AppError(
      'SERVER_SETUP_SQLITE',
      'Dữ liệu đang nằm trong một tệp SQLite trên máy này, không có tài khoản máy chủ để thiết lập. Hãy chạy lệnh với --db postgres://<chủ sở hữu>@<máy chủ>/<cơ sở dữ liệu>.',
    );
  }
  const both = args.clerks.filter((n) => args.readers.includes(n));
  if (both.length > 0) {
    throw new AppError('SERVER_SETUP_BOTH', `Tài khoản ${both.join(', ')} được ghi vừa là văn thư vừa là người chỉ xem. Mỗi tài khoản chỉ thuộc một nhóm; hãy bỏ tên đó khỏi một trong hai danh sách.`);
  }
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const place = await serverPlace(trx);
      const groups = groupRoles(place.database);
      for (const kind of ['clerk', 'reader'] as const) {
        if (!(await roleExists(trx, groups[kind]))) await createGroupRole(trx, groups[kind]);
        await grantGroup(trx, place, groups[kind], kind);
      }
      const accounts: ServerSetupResult['accounts'] = [];
      const wanted: [string, RoleKind][] = [...args.clerks.map((n): [string, RoleKind] => [n, 'clerk']), ...args.readers.map((n): [string, RoleKind] => [n, 'reader'])];
      for (const [name, kind] of wanted) {
        if (name === place.owner) {
          throw new AppError('SERVER_SETUP_OWNER', `${name} là chủ sở hữu cơ sở dữ liệu (tài khoản đang chạy lệnh này), không thể là tài khoản văn thư hay chỉ xem. Hãy đặt cho mỗi người một tên khác.`);
        }
        const other = kind === 'clerk' ? groups.reader : groups.clerk;
        const existing = await loginRoleInfo(trx, name);
        if (existing?.superuser) {
          throw new AppError('SERVER_SETUP_SUPERUSER', `${name} là tài khoản quản trị toàn quyền của máy chủ (superuser): máy chủ không giới hạn quyền của tài khoản này. Hãy đặt cho người dùng một tài khoản riêng.`);
        }
        let password: string | null = null;
        if (existing) {
          await removeFromGroup(trx, name, other);
          await addToGroup(trx, name, groups[kind]);
        } else {
          // 16 random bytes: strong, and typed once into the clerk's Cài đặt or pgpass file.
          password = randomBytes(16).toString('base64url');
          await createLoginRole(trx, name, groups[kind], password);
        }
        accounts.push({ name, kind, created: existing === null, password, canLogin: existing?.canLogin ?? true });
      }
      await audit(ctx, trx, 'setup', 'server', place.database, { groups, clerks: args.clerks, readers: args.readers });
      return { database: place.database, groups, accounts };
    });
  } catch (err) {
    if (isPermissionDenied(err)) {
      throw new AppError(
        'SERVER_SETUP_DENIED',
        'Tài khoản đang chạy lệnh không đủ quyền để tạo tài khoản hoặc cấp quyền trên máy chủ. Hãy chạy lệnh bằng tài khoản chủ sở hữu cơ sở dữ liệu, có quyền CREATEROLE (ví dụ: ALTER ROLE <chủ sở hữu> CREATEROLE; do quản trị máy chủ chạy). Chưa có gì thay đổi.',
      );
    }
    throw err;
  }
}

/**
 * After a restore made the tables again (pg_restore --no-privileges, owned by whoever
 * restored), each group server-setup made gets its GRANTs as server-setup gave them:
 * the owner's default privileges alone would give the clerks back what setup took away
 * (schema_migration) and the readers not what it gave (the audit log). Returns the
 * groups regranted; none where setup never ran.
 */
export async function regrantGroups(ctx: AppContext): Promise<string[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const place = await serverPlace(trx);
    const groups = groupRoles(place.database);
    const done: string[] = [];
    for (const kind of ['clerk', 'reader'] as const) {
      if (!(await roleExists(trx, groups[kind]))) continue;
      await grantGroup(trx, place, groups[kind], kind);
      done.push(groups[kind]);
    }
    return done;
  });
}
