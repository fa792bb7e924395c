// What both shells that host the renderer share, the desktop window (main.ts, on the
// app:// protocol) and browser mode (web.ts, over HTTP): the Content-Security-Policy
// the page runs under, which file of the built renderer a request may have, and the
// start-up that opens the data and builds the Api's handlers behind the page.
import fs from 'node:fs';
import path from 'node:path';
import type { Handlers } from '../shared/api';
import { dailyBackupIfDue } from './app/backup';
import { openApp } from './app/bootstrap';
import type { AppContext } from './app/context';
import { createHandlers } from './app/handlers';
import type { DataServerStore } from './app/data-server';
import { getSettings } from './app/settings';

/** What the page may load: only itself. antd injects its styles at run time, hence 'unsafe-inline' for styles alone. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The file of the built renderer (`root`, an absolute folder) that a request's URL path
 * names, or null when it names none: a path that climbs out of the folder ("..", its
 * percent-encoded forms, a backslash), a malformed encoding, a NUL, a folder, a missing
 * file, or a symbolic link inside the folder that leads out of it. Nothing outside the
 * renderer is ever served, whatever the path says.
 */
export function rendererFile(root: string, urlPath: string): string | null {
  let wanted: string;
  try {
    wanted = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    return null;
  }
  if (wanted.includes('\0')) return null;
  const file = path.resolve(root, `.${wanted}`);
  if (!file.startsWith(root + path.sep)) return null;
  try {
    // The check again on the real paths, so a link cannot lead where the path may not.
    const realRoot = fs.realpathSync(root);
    const real = fs.realpathSync(file);
    if (!real.startsWith(realRoot + path.sep) || !fs.statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

export interface RendererServices {
  ctx: AppContext;
  handlers: Handlers;
}

export interface RendererServicesOptions {
  /** The Electron-ABI build of better-sqlite3 (native-binding.ts); none in browser mode and the tests. */
  nativeBinding?: string;
  /** Make the day's automatic backup on start (the app and the command line do; tests need not). */
  dailyBackup: boolean;
  /** Where this front-end keeps its Máy chủ dữ liệu setting; none where --db alone chooses. */
  dataServer?: DataServerStore;
  /** The backups folder (resolveBackupDir); undefined: beside a SQLite file. */
  backupDir?: string;
}

/**
 * Opens the data (migrating and, on first run, seeding it), makes the day's backup when
 * asked, and builds the handlers the page's Api calls reach: the same for IPC and HTTP.
 */
export async function startRendererServices(dbPath: string, options: RendererServicesOptions): Promise<RendererServices> {
  const ctx = await openApp(dbPath, {
    ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    ...(options.backupDir === undefined ? {} : { backupDir: options.backupDir }),
  });
  try {
    if (options.dailyBackup) await dailyBackupIfDue(ctx, await getSettings(ctx));
  } catch (err) {
    await ctx.handle.close();
    throw err;
  }
  return { ctx, handlers: createHandlers(ctx, options.dataServer ? { dataServer: options.dataServer } : {}) };
}
