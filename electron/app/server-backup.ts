// Backups of a PostgreSQL database (issue #16) by the server's own programs: pg_dump
// writes a custom-format archive, pg_restore puts one back in a single transaction.
// The app finds the programs on this machine (they come with PostgreSQL, or its client
// tools); where there are none, or only older ones than the server, it says so and
// changes nothing. The password reaches the programs through PGPASSWORD only: a command
// line is visible to every user of the machine (ps, Task Manager).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index';
import { schemaTooNewError } from '../../db/connection';
import { APP_OBJECTS } from '../../db/postgres';
import type { ServerLink } from '../../db/handle';

export interface ServerPrograms {
  dump: string;
  restore: string;
}

const exe = (name: string) => (process.platform === 'win32' ? `${name}.exe` : name);

function isProgram(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The version folders under `root` holding both programs, newest first (17 before 9.6, by number not by name). */
function versionFolders(root: string, bin: (version: string) => string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return [];
  }
  const number = (v: string) => v.split('.').map(Number).reduce((sum, n, i) => sum + (Number.isFinite(n) ? n : 0) / 1000 ** i, 0);
  return names.sort((a, b) => number(b) - number(a)).map(bin);
}

/**
 * Where pg_dump and pg_restore are, or the places looked in. TONGHOP_PG_BIN, when set,
 * is the only place: whoever set it chose the programs (the server's version), and a
 * wrong folder must be said rather than another version quietly taken. Otherwise PATH,
 * then Debian's /usr/lib/postgresql/<version>/bin, then Windows' installer folders,
 * each newest version first: a newer pg_dump reads an older server, not the reverse.
 */
export function findServerPrograms(env: NodeJS.ProcessEnv = process.env): { found: ServerPrograms } | { lookedIn: string } {
  const both = (dir: string): ServerPrograms | null => {
    const dump = path.join(dir, exe('pg_dump'));
    const restore = path.join(dir, exe('pg_restore'));
    return isProgram(dump) && isProgram(restore) ? { dump, restore } : null;
  };
  const chosen = env.TONGHOP_PG_BIN?.trim();
  if (chosen) {
    const found = both(chosen);
    return found ? { found } : { lookedIn: `thư mục ${chosen} (biến TONGHOP_PG_BIN)` };
  }
  const pathDirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter((d) => d !== '');
  const programFiles = env.ProgramFiles ?? 'C:\\Program Files';
  const candidates = [
    ...pathDirs,
    ...(process.platform === 'win32' ? [] : versionFolders('/usr/lib/postgresql', (v) => path.join('/usr/lib/postgresql', v, 'bin'))),
    ...(process.platform === 'win32' ? versionFolders(path.join(programFiles, 'PostgreSQL'), (v) => path.join(programFiles, 'PostgreSQL', v, 'bin')) : []),
  ];
  for (const dir of candidates) {
    const found = both(dir);
    if (found) return { found };
  }
  return { lookedIn: process.platform === 'win32' ? `PATH và ${path.join(programFiles, 'PostgreSQL')}` : 'PATH và /usr/lib/postgresql' };
}

/** A program's run: its exit code, what it printed (when asked to keep it) and its error output. */
interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function run(program: string, args: string[], link: ServerLink, keepStdout: boolean): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      env: { ...process.env, ...link.env },
      stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'pipe'],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** The first line of what a program said went wrong, without the password should it ever quote it. */
function firstLine(stderr: string, link: ServerLink): string {
  let line = stderr.split(/\r?\n/u).find((l) => l.trim() !== '')?.trim() ?? 'không có thông báo lỗi';
  if (link.password) line = line.split(link.password).join('***');
  return line;
}

/** Runs a program; when it fails, the first line of its error output (or why it did not start). */
async function attempt(program: string, args: string[], link: ServerLink, keepStdout = false): Promise<{ ok: true; stdout: string } | { ok: false; why: string }> {
  try {
    const ran = await run(program, args, link, keepStdout);
    return ran.code === 0 ? { ok: true, stdout: ran.stdout } : { ok: false, why: `${path.basename(program)} báo "${firstLine(ran.stderr, link)}"` };
  } catch (err) {
    return { ok: false, why: `không chạy được ${program} (${err instanceof Error ? err.message : String(err)})` };
  }
}

/** Runs a program and fails, in words, with the first line of its error output when it does. */
async function runOrFail(program: string, args: string[], link: ServerLink, what: string, keepStdout = false): Promise<string> {
  const ran = await attempt(program, args, link, keepStdout);
  if (!ran.ok) throw new AppError('BACKUP_FAILED', `${what} không thành công: ${ran.why}. Dữ liệu không bị thay đổi.`);
  return ran.stdout;
}

/** "pg_dump (PostgreSQL) 15.18 (Debian …)" → 15; 9.6.24 → 9.6 (before 10 the major version had two parts). */
export function programMajor(versionLine: string): number | null {
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/u.exec(versionLine) ?? /(\d+)(?:\.(\d+))?/u.exec(versionLine);
  if (!m) return null;
  const major = Number(m[1]);
  return major >= 10 ? major : major + Number(m[2] ?? 0) / 10;
}

/** 150018 → 15; 90624 → 9.6. */
export function serverMajor(versionNum: number): number {
  return versionNum >= 100_000 ? Math.floor(versionNum / 10_000) : Math.floor(versionNum / 10_000) + (Math.floor(versionNum / 100) % 100) / 10;
}

/**
 * The programs, each checked to be no older than the server: an older pg_dump refuses a
 * newer server outright, and an older pg_restore may not read the archive of a newer one.
 */
export async function serverProgramsFor(link: ServerLink, where: string, env: NodeJS.ProcessEnv = process.env): Promise<ServerPrograms> {
  const located = findServerPrograms(env);
  if ('lookedIn' in located) {
    throw new AppError(
      'BACKUP_ON_SERVER',
      `Dữ liệu nằm trên máy chủ PostgreSQL (${where}), nhưng máy này không có chương trình pg_dump và pg_restore (đã tìm trong ${located.lookedIn}), nên ứng dụng không sao lưu hay khôi phục được: việc sao lưu máy chủ (pg_dump) thuộc về người quản trị máy chủ. Muốn sao lưu từ ứng dụng, hãy cài công cụ PostgreSQL cùng phiên bản với máy chủ hoặc đặt TONGHOP_PG_BIN là thư mục chứa chúng.`,
    );
  }
  const server = serverMajor(await link.serverVersionNum());
  for (const program of [located.found.dump, located.found.restore]) {
    const line = (await runOrFail(program, ['--version'], link, 'Kiểm tra phiên bản công cụ PostgreSQL', true)).trim();
    const major = programMajor(line);
    if (major === null || major < server) {
      throw new AppError(
        'PG_TOOLS_TOO_OLD',
        `${path.basename(program)} trên máy này là phiên bản ${major ?? line}, cũ hơn máy chủ PostgreSQL (phiên bản ${server}), nên không sao lưu hay khôi phục được. Hãy cài công cụ PostgreSQL phiên bản ${server} trở lên, hoặc đặt TONGHOP_PG_BIN là thư mục chứa chúng. Dữ liệu không bị thay đổi.`,
      );
    }
  }
  return located.found;
}

/** A name pg_dump's --schema takes literally, whatever its case or characters. */
function schemaPattern(schema: string): string {
  return `"${schema.replace(/"/gu, '""')}"`;
}

/** pg_dump of the app's schema into `file` (which it creates or overwrites): the caller writes beside and renames. */
export async function dumpInto(link: ServerLink, programs: ServerPrograms, file: string): Promise<void> {
  const schema = await link.schema();
  await runOrFail(programs.dump, ['--format=custom', '--no-owner', '--no-privileges', `--schema=${schemaPattern(schema)}`, `--file=${file}`, `--dbname=${link.url}`], link, 'Sao lưu máy chủ (pg_dump)');
}

/** What an archive holds, once proven to be one of ours. */
export interface ProvenArchive {
  version: number;
  tables: ReadonlySet<string>;
  functions: ReadonlySet<string>;
  /**
   * Its table of contents for pg_restore --use-list, the schema's own entries left out:
   * pg_dump --schema writes the schema itself (CREATE SCHEMA, its comment), which --clean
   * would drop and make again, and only the schema's owner may; the app's user need not be.
   */
  useList: string;
}

/** The kinds of entry a dump of our schema has: a DBA's dump may add privileges and comments, which a restore skips or keeps harmlessly. */
const ENTRY_TYPES = ['SCHEMA', 'FK CONSTRAINT', 'TABLE DATA', 'SEQUENCE SET', 'SEQUENCE OWNED BY', 'DEFAULT ACL', 'TABLE', 'SEQUENCE', 'CONSTRAINT', 'INDEX', 'TRIGGER', 'FUNCTION', 'DEFAULT', 'COMMENT', 'ACL'];

/**
 * Proves an archive before anything is touched: pg_restore reads its table of contents,
 * which must hold the app's tables (submission, schema_migration…) and nothing the app
 * does not make, in the database's own schema; then its schema_migration rows give its
 * version (a newer one is refused); then the whole archive is read through once, so a
 * truncated or damaged one fails here rather than halfway through a restore.
 */
export async function proveArchive(link: ServerLink, programs: ServerPrograms, file: string, refused: (why: string) => AppError): Promise<ProvenArchive> {
  const listed = await attempt(programs.restore, ['--list', file], link, true);
  if (!listed.ok) throw refused(`không đọc được như một bản sao lưu pg_dump (${listed.why}).`);
  const list = listed.stdout;
  const schema = await link.schema();
  const tables = new Set<string>();
  const functions = new Set<string>();
  const data = new Set<string>();
  const strangers: string[] = [];
  const schemas = new Set<string>();
  const useList: string[] = [];
  for (const line of list.split(/\r?\n/u)) {
    useList.push(line);
    const entry = /^\d+;\s+\d+\s+\d+\s+(.*)$/u.exec(line.trim());
    if (!entry?.[1]) continue;
    const type = ENTRY_TYPES.find((t) => entry[1]!.startsWith(`${t} `));
    if (type === undefined) {
      strangers.push(entry[1]);
      continue;
    }
    const rest = entry[1].slice(type.length + 1);
    const [entrySchema = '', name = ''] = rest.split(' ');
    if (type === 'SCHEMA' || (type === 'COMMENT' && rest.startsWith('- SCHEMA '))) {
      useList[useList.length - 1] = `;${line}`;
      if (type === 'SCHEMA') schemas.add(name);
      continue;
    }
    if (type === 'COMMENT' || type === 'ACL' || type === 'DEFAULT ACL') continue;
    schemas.add(entrySchema);
    if (type === 'TABLE') tables.add(name);
    if (type === 'TABLE DATA') data.add(name);
    if (type === 'FUNCTION') functions.add(name.replace(/\(.*$/u, ''));
  }
  const notOurs = [...tables].filter((t) => !APP_OBJECTS.tables.has(t)).concat([...functions].filter((f) => !APP_OBJECTS.functions.has(f)));
  const NOT_A_BACKUP = 'không phải bản sao lưu của Tổng hợp CCTP';
  if (!tables.has('submission') || !tables.has('schema_migration') || !data.has('schema_migration')) throw refused(`${NOT_A_BACKUP} (thiếu bảng submission hoặc schema_migration).`);
  if (strangers.length > 0) throw refused(`${NOT_A_BACKUP}: có mục ứng dụng không tạo (${strangers.slice(0, 3).join('; ')}).`);
  if (notOurs.length > 0) throw refused(`${NOT_A_BACKUP}: có bảng hoặc hàm ứng dụng không tạo (${notOurs.slice(0, 4).join(', ')}).`);
  if (schemas.size !== 1 || !schemas.has(schema)) throw refused(`thuộc lược đồ ${[...schemas].join(', ')}, còn cơ sở dữ liệu hiện tại dùng lược đồ ${schema}.`);

  const migrations = await attempt(programs.restore, ['--data-only', `--schema=${schema}`, '--table=schema_migration', '--file=-', file], link, true);
  if (!migrations.ok) throw refused(`bị hỏng (${migrations.why}).`);
  const copy = /^COPY [^\n]*schema_migration[^\n]* FROM stdin;\n([\s\S]*?)^\\\.$/mu.exec(migrations.stdout.replace(/\r\n/gu, '\n'));
  const versions = (copy?.[1] ?? '').split('\n').map((l) => Number(l.split('\t')[0])).filter((v) => Number.isInteger(v) && v > 0);
  const version = versions.length === 0 ? 0 : Math.max(...versions);
  if (version < 1) throw refused(`${NOT_A_BACKUP} (bảng schema_migration trống).`);
  if (version > LATEST_SCHEMA_VERSION) throw schemaTooNewError(version);

  const whole = await attempt(programs.restore, ['--file=-', file], link);
  if (!whole.ok) throw refused(`bị hỏng hoặc bị cắt cụt khi chép (${whole.why}).`);
  return { version, tables, functions, useList: `${useList.join('\n')}\n` };
}

/** pg_restore into the database in one transaction: it replaces every object the archive holds, or, failing, nothing. */
export async function restoreArchive(link: ServerLink, programs: ServerPrograms, file: string, archive: ProvenArchive): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-pg-restore-'));
  try {
    const listFile = path.join(dir, 'toc.list');
    fs.writeFileSync(listFile, archive.useList);
    await runOrFail(
      programs.restore,
      ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--use-list=${listFile}`, `--dbname=${link.url}`, file],
      link,
      'Khôi phục máy chủ (pg_restore)',
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
