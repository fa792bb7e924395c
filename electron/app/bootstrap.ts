// Opening the app's data: find the file (or the server), open and migrate it, and on
// first run seed the Lạng Sơn 2022 plan. Shared by the desktop shell, browser mode and the CLI.
import path from 'node:path';
import { openStore, type OpenOptions } from '../../db/connection';
import { isServerLocation } from '../../db/handle';
import { seedDatabase } from '../../db/seed';
import { createContext, type AppContext } from './context';
import { sweepLeftovers } from './backup';
import { savedServer } from './data-server';

export const DEFAULT_DB_RELATIVE = path.join('data', 'tonghop.sqlite');

/**
 * --db PATH, else TONGHOP_DB, else the server saved as Máy chủ dữ liệu in the data folder
 * (data-server.ts), else the data folder's tonghop.sqlite (architecture.md). The data
 * folder is data/ in the working folder unless the front-end has one of its own (the
 * desktop app's user data folder). A postgres://user@host:port/db address names a
 * PostgreSQL server instead, and is taken as it is.
 */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), dataDir?: string): string {
  const folder = dataDir ?? path.resolve(cwd, path.dirname(DEFAULT_DB_RELATIVE));
  const chosen = flag ?? env.TONGHOP_DB ?? savedServer(folder) ?? path.join(folder, path.basename(DEFAULT_DB_RELATIVE));
  return isServerLocation(chosen) ? chosen : path.resolve(cwd, chosen);
}

/**
 * The backups folder: TONGHOP_BACKUP_DIR when set (resolved in the working folder);
 * else a SQLite file's go beside it (undefined: the handle's own default), and a
 * server's into the data folder's backups/ (resolveDbPath's: the user data folder for
 * the desktop app, data/ in the working folder for the command line and browser mode,
 * where the default file's go too). A server has no
 * file to put them beside, and the working folder is wherever the program was started
 * from (a test run's checkout, C:\\Windows\\System32 for a shortcut).
 */
export function resolveBackupDir(dbPath: string, dataDir: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  const chosen = env.TONGHOP_BACKUP_DIR?.trim();
  if (chosen) return path.resolve(cwd, chosen);
  return isServerLocation(dbPath) ? path.join(path.resolve(cwd, dataDir), 'backups') : undefined;
}

export interface OpenAppOptions extends OpenOptions {
  now?: () => Date;
  /** Who the operating system says is acting (tests pin it); default: the account the app runs as. */
  osUser?: string | null;
  /** Seed the Lạng Sơn plan into an empty database (default true). */
  seed?: boolean;
}

export async function openApp(dbPath: string, options: OpenAppOptions = {}): Promise<AppContext & { seeded: boolean }> {
  const handle = await openStore(dbPath, options);
  const ctx = createContext(handle, { now: options.now, backupDir: options.backupDir, osUser: options.osUser });
  let seeded = false;
  try {
    // Under the setup lock: of two clients opening an empty server at once, one seeds.
    if (options.seed !== false) seeded = await handle.exclusively('setup', () => seedDatabase(handle.db, undefined, ctx.now()));
    sweepLeftovers(ctx);
  } catch (err) {
    await handle.close();
    throw err;
  }
  return { ...ctx, seeded };
}
