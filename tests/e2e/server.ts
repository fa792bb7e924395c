// Starts browser mode (`electron/web.ts`) in a child process on a fresh temporary
// database and hands the test its URL with the per-run token.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningApp {
  url: string;
  origin: string;
  token: string;
  dir: string;
  db: string;
  stop(): Promise<void>;
}

/**
 * The office's time zone, which the browser runs in too (playwright.config.ts). The
 * server must share it: a page that says "today" and a server that says "yesterday"
 * would refuse a report received today as received in the future.
 */
export const OFFICE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface StartOptions {
  /** The sample reports of `init --demo`. */
  demo?: boolean;
  /** Changes the initialised database before the app opens it (a state the seed never makes: no period, no agency). */
  prepare?: (db: string) => void | Promise<void>;
  /** A database made beforehand (a PostgreSQL URL with its role): opened as it is, nothing initialised, nothing removed after. */
  location?: string;
  /** Browser mode's data folder (--data-dir), as the desktop app has its own: the file and the Máy chủ dữ liệu setting live there; kept after stop. */
  dataDir?: string;
}

export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const dir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-e2e-'));
  const db = options.location ?? path.join(dir, 'tonghop.sqlite');
  const tsx = ['--import', 'tsx'];
  const env = { ...process.env, TZ: OFFICE_TIME_ZONE };
  if (!options.location && (options.demo || options.prepare)) {
    const args = ['init', ...(options.demo ? ['--demo'] : []), '--db', db];
    await new Promise<void>((resolve, reject) => {
      const init = spawn(process.execPath, [...tsx, 'electron/cli.ts', ...args], { stdio: 'ignore', env });
      init.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`))));
    });
    await options.prepare?.(db);
  }
  // A data folder alone lets the app choose (its Máy chủ dữ liệu setting); with a location, that location in that folder.
  const where = [...(options.dataDir ? ['--data-dir', options.dataDir] : []), ...(options.location || !options.dataDir ? ['--db', db] : [])];
  const child: ChildProcess = spawn(process.execPath, [...tsx, 'electron/web.ts', ...where, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${log}`)), 60_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/u.exec(log);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`browser mode exited ${code}:\n${log}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dir,
    db,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dataDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
