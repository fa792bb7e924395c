// Browser mode: the same Api over HTTP, for machines without the Electron runtime and
// for end-to-end tests. Bound to 127.0.0.1 only; every Api call needs the per-run
// token; the Host header must name this server (no DNS rebinding); the built renderer
// is served with a strict Content-Security-Policy.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { AppError } from '../shared/errors';
import { fromWire, toWire } from '../shared/wire';
import { DEFAULT_DB_RELATIVE, resolveBackupDir, resolveDbPath } from './app/bootstrap';
import { usePgpassOf, type DataServerStore } from './app/data-server';
import { dispatch, isMethodName } from './app/dispatch';
import { CONTENT_SECURITY_POLICY, rendererFile, startRendererServices } from './renderer-host';

// Benches and tests import the policy from here, where browser mode serves it.
export { CONTENT_SECURITY_POLICY };

const MAX_BODY_BYTES = 400 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export function defaultRendererDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../dist/renderer'), path.resolve(here, '../renderer')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html'))) ?? candidates[0] ?? '';
}

export interface WebServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export interface WebOptions {
  dbPath: string;
  port?: number;
  rendererDir?: string;
  /** Make the day's automatic backup on start (the command line does; tests need not). */
  dailyBackup?: boolean;
  /** Where this browser mode keeps its Máy chủ dữ liệu setting. */
  dataServer?: DataServerStore;
  /** The backups folder (resolveBackupDir); undefined: beside a SQLite file. */
  backupDir?: string;
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

function refuse(res: http.ServerResponse, status: number, code: string, message: string): void {
  send(res, status, JSON.stringify({ ok: false, error: { code, message } }));
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new AppError('TOO_LARGE', 'Dữ liệu gửi lên quá lớn. Hãy nhập ít tệp hơn trong một lần.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Serves a file of the built renderer; a path that climbs out of it is not found. */
function serveStatic(res: http.ServerResponse, root: string, urlPath: string): void {
  const file = rendererFile(root, urlPath);
  if (file === null) {
    // The UI routes in the page itself: unknown paths get the page, not a 404.
    const index = path.join(root, 'index.html');
    if (!fs.existsSync(index)) {
      send(res, 503, 'Giao diện chưa được dựng. Hãy chạy "npm run build" rồi mở lại.', 'text/plain; charset=utf-8');
      return;
    }
    send(res, 200, fs.readFileSync(index), TYPES['.html'], { 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
    return;
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  send(res, 200, fs.readFileSync(file), type, type.startsWith('text/html') ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {});
}

export async function startWebServer(options: WebOptions): Promise<WebServer> {
  const { ctx, handlers } = await startRendererServices(options.dbPath, { dailyBackup: options.dailyBackup === true, backupDir: options.backupDir, ...(options.dataServer ? { dataServer: options.dataServer } : {}) });
  const token = randomBytes(24).toString('base64url');
  const root = path.resolve(options.rendererDir ?? defaultRendererDir());
  let port = 0;

  const server = http.createServer((req, res) => {
    void (async () => {
      // Only this server's own names: a page on another origin that rebinds a DNS name to 127.0.0.1 is refused here.
      const host = req.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
        refuse(res, 421, 'BAD_HOST', 'Yêu cầu không hợp lệ (sai địa chỉ máy chủ).');
        return;
      }
      const url = new URL(req.url ?? '/', `http://${host}`);
      if (!url.pathname.startsWith('/api/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          refuse(res, 405, 'METHOD', 'Phương thức không được hỗ trợ.');
          return;
        }
        serveStatic(res, root, url.pathname);
        return;
      }
      if (req.method !== 'POST') {
        refuse(res, 405, 'METHOD', 'Phương thức không được hỗ trợ.');
        return;
      }
      const given = req.headers['x-tonghop-token'];
      if (typeof given !== 'string' || !sameToken(given, token)) {
        refuse(res, 401, 'UNAUTHORIZED', 'Thiếu hoặc sai mã phiên làm việc. Hãy mở đúng địa chỉ mà lệnh "npm run web" đã in ra.');
        return;
      }
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://${host}`) {
        refuse(res, 403, 'BAD_ORIGIN', 'Yêu cầu từ trang khác bị từ chối.');
        return;
      }
      const name = url.pathname.slice('/api/'.length);
      if (!isMethodName(name)) {
        refuse(res, 404, 'UNKNOWN_METHOD', `Ứng dụng không có thao tác "${name}".`);
        return;
      }
      let args: unknown;
      try {
        args = fromWire(JSON.parse((await readBody(req)) || '{}'));
      } catch (err) {
        refuse(res, 400, err instanceof AppError ? err.code : 'BAD_REQUEST', err instanceof AppError ? err.message : 'Dữ liệu gửi lên không phải JSON hợp lệ.');
        return;
      }
      const result = await dispatch(handlers, name, args);
      send(res, 200, JSON.stringify(toWire(result)));
    })().catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) refuse(res, 500, 'INTERNAL', 'Có lỗi ngoài dự kiến ở máy chủ của ứng dụng.');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.handle.close();
    },
  };
}

async function main(): Promise<void> {

  const { values } = parseArgs({ options: { db: { type: 'string' }, port: { type: 'string' }, 'data-dir': { type: 'string' } }, strict: true });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port phải là số cổng từ 0 đến 65535 (nhận được "${values.port}").`);
    process.exitCode = 2;
    return;
  }
  // The data folder (default data/) holds the file and the Máy chủ dữ liệu setting, as the desktop app's does.
  const dataDir = path.resolve(values['data-dir'] ?? path.dirname(DEFAULT_DB_RELATIVE));
  usePgpassOf(dataDir);
  const dbPath = resolveDbPath(values.db, process.env, process.cwd(), dataDir);
  const dataServer = { dir: dataDir, overridden: values.db !== undefined || process.env.TONGHOP_DB !== undefined };
  const server = await startWebServer({ dbPath, port, dailyBackup: true, dataServer, backupDir: resolveBackupDir(dbPath, dataDir) });
  console.log(`Tổng hợp CCTP (chế độ trình duyệt) đang chạy. Mở địa chỉ sau bằng trình duyệt:`);
  console.log(server.url);
  console.log(`Dữ liệu: ${dbPath}. Nhấn Ctrl+C để dừng.`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof AppError ? err.message : err);
    process.exitCode = 1;
  });
}
