// The Máy chủ dữ liệu setting (issue #16): which PostgreSQL server this workstation's
// app opens instead of its own SQLite file. Kept in a small file in the data folder,
// not in the database, since it chooses the database; the password in the folder's
// pgpass file (db/pgpass.ts), never in the address. It takes effect when the app next
// starts: the open database stays what every screen is showing until then.
import fs from 'node:fs';
import path from 'node:path';
import { isServerLocation, redactedLocation } from '../../db/handle';
import { keepPasswordsIn, storePassword } from '../../db/pgpass';
import { probeServer } from '../../db/server-probe';
import type { DataServerInfo, DataServerSaved, ServerProbe } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { AppContext } from './context';

export const DATA_SERVER_FILE = 'may-chu-du-lieu.json';
export const PGPASS_FILE = 'pgpass.conf';

/** Where this workstation keeps the setting: the desktop app's data folder, or browser mode's and the CLI's `data/`. */
export interface DataServerStore {
  dir: string;
  /** TONGHOP_DB or --db named the database: the setting is kept but not what opens. */
  overridden: boolean;
}

/** The server address saved in `dir` (without password), or null for the SQLite file. */
export function savedServer(dir: string): string | null {
  const file = path.join(dir, DATA_SERVER_FILE);
  if (!fs.existsSync(file)) return null;
  try {
    const value = (JSON.parse(fs.readFileSync(file, 'utf8')) as { server?: unknown }).server;
    return typeof value === 'string' && isServerLocation(value) ? value : null;
  } catch {
    // A damaged setting must not keep the app from opening its own file; Cài đặt shows none and can save again.
    return null;
  }
}

/** Passwords the setting kept in the data folder are found before the user's own pgpass file. */
export function usePgpassOf(dir: string): void {
  keepPasswordsIn(path.join(dir, PGPASS_FILE));
}

function parsedServer(address: string): URL {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    url = new URL('invalid:');
  }
  if (!isServerLocation(url.toString()) || url.hostname === '' || url.pathname.replace(/^\//u, '') === '' || url.username === '') {
    throw new AppError(
      'DATA_SERVER_ADDRESS',
      `Địa chỉ máy chủ "${redactedLocation(address)}" chưa đúng dạng. Hãy nhập theo mẫu postgres://tài_khoản@máy_chủ:5432/tên_cơ_sở_dữ_liệu (ví dụ postgres://vanthu_lan@10.0.0.5:5432/tonghop); mật khẩu nhập ở ô riêng.`,
    );
  }
  return url;
}

/** The address as stored: no password (that goes to the pgpass file), nothing after the database. */
function cleanAddress(url: URL): { address: string; password: string | null } {
  const password = url.password === '' ? null : decodeURIComponent(url.password);
  const clean = new URL(url.toString());
  clean.password = '';
  clean.search = '';
  clean.hash = '';
  return { address: redactedLocation(clean.toString()), password };
}

/** "Kiểm tra kết nối": what the address leads to, with the password typed (or the one kept), changing nothing. */
export async function testDataServer(input: { server: string; password?: string | undefined }): Promise<ServerProbe> {
  const url = parsedServer(input.server);
  if (input.password) url.password = encodeURIComponent(input.password);
  return probeServer(url.toString());
}

export function dataServerInfo(ctx: AppContext, store: DataServerStore | undefined): DataServerInfo {
  const current = { backend: ctx.handle.backend, location: ctx.handle.path } as const;
  if (!store) return { available: false, saved: null, overridden: false, current };
  return { available: true, saved: savedServer(store.dir), overridden: store.overridden, current };
}

/**
 * Saves the server to open from the next start (null: this workstation's own file again).
 * Only an address the server answers is saved, and never one that would not open: a
 * newer app's database or another program's.
 */
export async function saveDataServer(store: DataServerStore | undefined, input: { server: string | null; password?: string | undefined }): Promise<DataServerSaved> {
  if (!store) {
    throw new AppError('DATA_SERVER_NOT_HERE', 'Máy chủ dữ liệu được chọn trong ứng dụng trên máy tính. Ở chế độ trình duyệt và dòng lệnh, hãy chọn bằng --db postgres://… hoặc biến môi trường TONGHOP_DB.');
  }
  const file = path.join(store.dir, DATA_SERVER_FILE);
  if (input.server === null || input.server.trim() === '') {
    fs.rmSync(file, { force: true });
    return { saved: null, probe: null, restartNeeded: true };
  }
  const url = parsedServer(input.server);
  const { address, password: inAddress } = cleanAddress(url);
  const password = input.password || inAddress;
  const probe = await testDataServer({ server: address, password: password ?? undefined });
  if (probe.state === 'newer') throw new AppError('DB_TOO_NEW', `Cơ sở dữ liệu ${probe.location} do phiên bản mới hơn của ứng dụng ghi (phiên bản dữ liệu ${probe.schemaVersion}). Hãy cập nhật ứng dụng trên máy này trước khi dùng máy chủ đó.`);
  if (probe.state === 'not_ours') throw new AppError('DB_NOT_OURS', `Cơ sở dữ liệu ${probe.location} đã có bảng của một chương trình khác. Hãy chọn một cơ sở dữ liệu trống hoặc của Tổng hợp CCTP.`);
  if (probe.state === 'empty' && !probe.isOwner)
    throw new AppError('DB_UPGRADE_NEEDS_OWNER', `Cơ sở dữ liệu ${probe.location} còn trống, và tài khoản ${probe.role} không được tạo bảng. Hãy nhờ người quản trị máy chủ khởi tạo nó một lần bằng tài khoản chủ sở hữu (npm run cli -- init --db postgres://<chủ sở hữu>@…), rồi lưu lại.`);
  fs.mkdirSync(store.dir, { recursive: true });
  if (password) {
    storePassword(path.join(store.dir, PGPASS_FILE), address, password);
  }
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify({ server: address }, null, 2)}\n`);
  fs.renameSync(temp, file);
  return { saved: address, probe, restartNeeded: true };
}
