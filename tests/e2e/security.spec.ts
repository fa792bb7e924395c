// Browser mode's security baseline (architecture.md): 127.0.0.1 only, a per-run token,
// the Host header checked, a strict CSP, and a page that cannot be turned into a
// launch pad for other origins.
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { expect, test } from '@playwright/test';
import { startApp, type RunningApp } from './server';

let app: RunningApp;
let other: Recorder;

/**
 * Another origin on this machine, on two loopback ports: it records every request it
 * gets, and serves a page without any CSP from its first port. A probe that reaches it
 * is a probe the CSP failed to stop; one aimed at a name that never resolves would pass
 * with or without a CSP.
 */
interface Recorder {
  first: string;
  second: string;
  hits: string[];
  close(): Promise<void>;
}

async function recorder(): Promise<Recorder> {
  const hits: string[] = [];
  const make = () =>
    http.createServer((req, res) => {
      hits.push(`${req.method ?? ''} ${req.url ?? ''}`);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Access-Control-Allow-Origin': '*' });
      res.end('<!doctype html><title>khác</title><p>trang của nơi khác</p>');
    });
  const servers = [make(), make()];
  const ports = await Promise.all(servers.map((server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)))));
  return {
    first: `http://127.0.0.1:${ports[0]}`,
    second: `http://127.0.0.1:${ports[1]}`,
    hits,
    close: () => Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())))).then(() => undefined),
  };
}

/** Whether a TCP connection to the address is accepted. */
function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(2000, () => done(false));
  });
}

/** A GET with the path sent exactly as written: a browser or a URL parser would tidy "/../" away first. */
function rawGet(port: number, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'GET', path: rawPath, headers: { Host: `127.0.0.1:${port}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test.beforeAll(async () => {
  app = await startApp();
  other = await recorder();
});

test.afterAll(async () => {
  await app.stop();
  await other.close();
});

test.describe('the Api over HTTP', () => {
  test('refuses a request without the token, or with a wrong one', async ({ request }) => {
    const none = await request.post(`${app.origin}/api/periods.list`, { data: {} });
    expect(none.status()).toBe(401);
    expect((await none.json()).error.message).toContain('mã phiên làm việc');
    const wrong = await request.post(`${app.origin}/api/periods.list`, { data: {}, headers: { 'X-Tonghop-Token': `${app.token}x` } });
    expect(wrong.status()).toBe(401);
    const right = await request.post(`${app.origin}/api/periods.list`, { data: {}, headers: { 'X-Tonghop-Token': app.token } });
    expect(right.status()).toBe(200);
    expect((await right.json()).ok).toBe(true);
  });

  test('refuses a foreign Host header even with the right token (DNS rebinding)', async ({ request }) => {
    const res = await request.post(`${app.origin}/api/periods.list`, { data: {}, headers: { 'X-Tonghop-Token': app.token, Host: 'attacker.example:80' } });
    expect(res.status()).toBe(421);
    const page = await request.get(`${app.origin}/`, { headers: { Host: 'attacker.example' } });
    expect(page.status()).toBe(421);
  });

  test('refuses a request from another origin', async ({ request }) => {
    const res = await request.post(`${app.origin}/api/periods.list`, { data: {}, headers: { 'X-Tonghop-Token': app.token, Origin: 'http://attacker.example' } });
    expect(res.status()).toBe(403);
  });

  test('does not serve files outside the built UI, whatever the raw path', async () => {
    const port = Number(new URL(app.origin).port);
    const probes = ['/../../package.json', '/../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/.%2e/.%2e/package.json', '/..\\..\\package.json', '/../../../../../../etc/passwd', '/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd'];
    for (const probe of probes) {
      const res = await rawGet(port, probe);
      expect(res.body, probe).not.toContain('"name": "tonghop-cctp"');
      expect(res.body, probe).not.toContain('root:');
    }
    // The same server does serve its own files: the probes reached it and were refused, not lost.
    expect((await rawGet(port, '/index.html')).body).toContain('<div id="root">');
  });

  test('listens on the loopback address only: other addresses of this machine are refused', async () => {
    const port = Number(new URL(app.origin).port);
    expect(await connects('127.0.0.1', port)).toBe(true);
    // Bound to 127.0.0.1, not to every address: 127.0.0.2 is this machine too, and is refused.
    expect(await connects('127.0.0.2', port)).toBe(false);
    const own = Object.values(os.networkInterfaces())
      .flat()
      .filter((a): a is os.NetworkInterfaceInfo => a !== undefined && a.family === 'IPv4' && !a.internal)
      .map((a) => a.address);
    for (const address of own) expect(await connects(address, port), address).toBe(false);
  });
});

test.describe('the page', () => {
  test('is served with a strict Content-Security-Policy', async ({ page }) => {
    const response = await page.goto(app.url);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  // eval is ruled out by the header (no 'unsafe-eval', checked above); code evaluated by the test
  // driver itself is exempt from CSP, so it cannot be probed from here.
  test('runs no injected inline script', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/iu.test(m.text())) violations.push(m.text());
    });
    await page.goto(app.url);
    const result = await page.evaluate(async () => {
      const w = window as unknown as { injected?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.injected = true;';
      document.body.append(script);
      return { injected: w.injected === true };
    });
    expect(result).toEqual({ injected: false });
    expect(violations.length).toBeGreaterThan(0);
  });

  test('reaches no other origin: the CSP stops a request to a server that is listening', async ({ page }) => {
    const probe = async (target: string): Promise<void> => {
      await page.evaluate(async (url) => {
        try {
          await fetch(url, { method: 'POST', body: 'x', mode: 'no-cors' });
        } catch {
          // Refused: what the CSP does.
        }
        await new Promise((resolve) => setTimeout(resolve, 300));
      }, target);
    };
    // The control: a page without a CSP does reach the other origin (so the probe can bite).
    await page.goto(other.first);
    await probe(`${other.second}/control`);
    expect(other.hits).toContain('POST /control');
    // The app's page does not.
    await page.goto(app.url);
    await probe(`${other.second}/steal`);
    expect(other.hits).not.toContain('POST /steal');
  });

  test('cannot frame another site: the frame is never loaded', async ({ page }) => {
    await page.goto(app.url);
    await page.evaluate((url) => {
      const frame = document.createElement('iframe');
      frame.src = url;
      document.body.append(frame);
    }, `${other.second}/framed`);
    await page.waitForTimeout(800);
    expect(other.hits).not.toContain('GET /framed');
    // Without a CSP the same frame loads: the check can fail.
    await page.goto(other.first);
    await page.evaluate((url) => {
      const frame = document.createElement('iframe');
      frame.src = url;
      document.body.append(frame);
    }, `${other.second}/framed-control`);
    await expect.poll(() => other.hits.includes('GET /framed-control')).toBe(true);
  });

  test('cannot be framed by another site', async ({ page }) => {
    await page.goto(other.first);
    await page.evaluate((url) => {
      const frame = document.createElement('iframe');
      frame.src = url;
      frame.id = 'app';
      document.body.append(frame);
    }, app.url);
    await page.waitForTimeout(1500);
    // frame-ancestors 'none': the browser refuses to show the app inside another page.
    const shown = page.frames().filter((f) => f.url().startsWith(app.origin));
    for (const f of shown) expect(await f.locator('#root').count()).toBe(0);
  });

  test('links nowhere outside the app', async ({ page }) => {
    await page.goto(app.url);
    await page.waitForLoadState('networkidle');
    const external = await page.evaluate(() =>
      [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href).filter((href) => !href.startsWith(location.origin) && !href.startsWith('blob:')),
    );
    expect(external).toEqual([]);
  });
});
