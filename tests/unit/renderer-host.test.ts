// Which file of the built renderer a request may have (electron/renderer-host.ts), the
// one check both the desktop app:// protocol and browser mode serve through: a request
// never leaves the renderer folder, however its path is spelled, and not by a link.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, rendererFile } from '../../electron/renderer-host';
import { CONTENT_SECURITY_POLICY as WEB_POLICY, startWebServer, type WebServer } from '../../electron/web';

let dir: string;
let root: string;
const SECRET = 'mật khẩu của văn phòng';

beforeAll(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'renderer-host-')));
  root = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Tổng hợp CCTP</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1);');
  fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  // A folder beside the renderer whose name starts like it: "renderer-old" is not inside "renderer".
  fs.mkdirSync(path.join(dir, 'renderer-old'));
  fs.writeFileSync(path.join(dir, 'renderer-old', 'index.html'), SECRET);
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'assets', 'link-out.txt'));
  fs.symlinkSync(dir, path.join(root, 'assets', 'folder-out'));
  fs.symlinkSync(path.join(root, 'assets', 'app.js'), path.join(root, 'inside-link.js'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the renderer file a request names', () => {
  it('is the page for "/" and the file for a path inside the folder', () => {
    expect(rendererFile(root, '/')).toBe(path.join(root, 'index.html'));
    expect(rendererFile(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(rendererFile(root, '/assets/%61pp.js')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it('is none for a path that climbs out with "..", plain or percent-encoded', () => {
    for (const climb of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5Csecret.txt', '/../renderer-old/index.html']) {
      expect(rendererFile(root, climb), climb).toBeNull();
    }
  });

  it('is none for an absolute path, a NUL or a malformed encoding', () => {
    expect(rendererFile(root, path.join(dir, 'secret.txt'))).toBeNull();
    expect(rendererFile(root, `/${encodeURIComponent(path.join(dir, 'secret.txt'))}`)).toBeNull();
    expect(rendererFile(root, '/index.html%00.js')).toBeNull();
    expect(rendererFile(root, '/%E0%A4%A')).toBeNull();
  });

  it('is none for a folder or a missing file', () => {
    expect(rendererFile(root, '/assets')).toBeNull();
    expect(rendererFile(root, '/assets/')).toBeNull();
    expect(rendererFile(root, '/missing.js')).toBeNull();
  });

  it('is none for a link inside the folder that leads out of it, and the target for one that stays in', () => {
    expect(rendererFile(root, '/assets/link-out.txt')).toBeNull();
    expect(rendererFile(root, '/assets/folder-out/secret.txt')).toBeNull();
    expect(rendererFile(root, '/inside-link.js')).toBe(path.join(root, 'assets', 'app.js'));
  });
});

describe('browser mode serving the renderer', () => {
  let server: WebServer;

  beforeAll(async () => {
    server = await startWebServer({ dbPath: path.join(dir, 'tonghop.sqlite'), rendererDir: root });
  });

  afterAll(async () => {
    await server.close();
  });

  /** A raw request: the path goes on the wire as written, not normalised by a URL parser. */
  function get(rawPath: string): Promise<{ status: number; body: string; csp: string | undefined }> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, path: rawPath, method: 'GET', headers: { host: `127.0.0.1:${server.port}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), csp: res.headers['content-security-policy'] as string | undefined }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('serves a file of the renderer, and the page with the policy', async () => {
    expect((await get('/assets/app.js')).body).toBe('console.log(1);');
    const page = await get('/');
    expect(page.body).toContain('Tổng hợp CCTP');
    expect(page.csp).toBe(CONTENT_SECURITY_POLICY);
    expect(WEB_POLICY).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers a path out of the folder with the page, never the file', async () => {
    for (const climb of ['/../secret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/assets/link-out.txt', '/assets/folder-out/secret.txt', '/..%5csecret.txt', '/%E0%A4%A']) {
      const res = await get(climb);
      expect(res.status, climb).toBe(200);
      expect(res.body, climb).not.toContain(SECRET);
      expect(res.body, climb).toContain('Tổng hợp CCTP');
    }
  });
});
