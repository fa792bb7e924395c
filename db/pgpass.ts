// Passwords for a server address that carries none (issue #16), from pgpass files:
// PostgreSQL's own format (psql, pg_dump and pgAdmin read the same), so a clerk's
// password is never in a URL, a setting or a log. First the app's own file in its data
// folder (where Cài đặt → Máy chủ dữ liệu keeps what the clerk typed), then the user's
// (PGPASSFILE, else ~/.pgpass, or %APPDATA%\postgresql\pgpass.conf on Windows). Looked up
// here rather than left to the `pg` driver, whose pgpass support is deprecated (pg 9 drops it).
import fs from 'node:fs';
import path from 'node:path';
import pgPass from 'pgpass';

interface Entry {
  host: string;
  port: string;
  database: string;
  user: string;
}

function entryOf(location: string): Entry | null {
  try {
    const url = new URL(location);
    return {
      host: url.hostname.replace(/^\[|\]$/gu, '') || 'localhost',
      port: url.port || '5432',
      database: decodeURIComponent(url.pathname.replace(/^\//u, '')) || decodeURIComponent(url.username),
      user: decodeURIComponent(url.username),
    };
  } catch {
    return null;
  }
}

/** The app's own pgpass files, in the order they are asked (the front-end's data folder). */
const appFiles: string[] = [];

/** Passwords kept by this front-end's Máy chủ dữ liệu setting are looked up in `file` first. */
export function keepPasswordsIn(file: string): void {
  if (!appFiles.includes(file)) appFiles.unshift(file);
}

/** The fields of one pgpass line, ":" and "\" unescaped; null for a comment or a short line. */
function fieldsOf(line: string): string[] | null {
  if (line.startsWith('#')) return null;
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) current += line[++i];
    else if (c === ':' && fields.length < 4) {
      fields.push(current);
      current = '';
    } else current += c;
  }
  fields.push(current);
  return fields.length === 5 ? fields : null;
}

function fromAppFiles(entry: Entry): string | undefined {
  for (const file of appFiles) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/u)) {
      const f = fieldsOf(line);
      if (!f) continue;
      const [host, port, database, user, password] = f;
      const matches = (field: string | undefined, value: string) => field === '*' || field === value;
      if (matches(host, entry.host) && matches(port, entry.port) && matches(database, entry.database) && matches(user, entry.user) && password) return password;
    }
  }
  return undefined;
}

/** The address with the password a pgpass file holds for it, or as it is (one already there, none found). */
export async function withStoredPassword(location: string): Promise<string> {
  const entry = entryOf(location);
  if (!entry || entry.user === '') return location;
  const url = new URL(location);
  if (url.password !== '') return location;
  const password = fromAppFiles(entry) ?? (await new Promise<string | undefined>((resolve) => pgPass(entry, resolve)));
  if (password === undefined) return location;
  url.password = encodeURIComponent(password);
  return url.toString();
}

/** ":" and "\" are the pgpass file's separators and escape. */
function field(value: string): string {
  return value.replace(/([:\\])/gu, '\\$1');
}

/**
 * Keeps `password` for the address in `file`: its line replaced (or removed, for
 * null), the others kept. Readable by the user alone, or libpq and pgpass ignore it.
 */
export function storePassword(file: string, location: string, password: string | null): void {
  const entry = entryOf(location);
  if (!entry || entry.user === '') return;
  const key = [entry.host, entry.port, entry.database, entry.user].map(field).join(':') + ':';
  const kept = (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split(/\r?\n/u) : []).filter((l) => l !== '' && !l.startsWith(key));
  const lines = password === null || password === '' ? kept : [...kept, key + field(password)];
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, lines.length > 0 ? `${lines.join('\n')}\n` : '', { mode: 0o600 });
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, file);
}
