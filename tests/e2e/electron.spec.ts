// The desktop shell end to end, with Playwright's Electron driver. It needs the
// Electron runtime and the Electron-ABI build of better-sqlite3 (npm run
// rebuild:electron); where either is missing it reports itself skipped, with the reason.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
// @ts-expect-error -- a plain .mjs helper shared with the start script
import { findElectron } from '../../build/electron-runtime.mjs';

const runtime = findElectron() as { path: string | null; reason: string | null };
const nativeBuilt = fs.existsSync('dist/native/better_sqlite3.node');
const missing = !runtime.path ? `no Electron runtime here: ${runtime.reason}` : !nativeBuilt ? 'no Electron-ABI build of better-sqlite3 (npm run rebuild:electron)' : null;

// Say why in the run's output too, not only in the report's annotations.
if (missing) console.log(`Electron end-to-end test skipped: ${missing}.`);

test.describe('desktop shell', () => {
  test.skip(missing !== null, missing ?? '');

  test('opens the plan in a sandboxed window that cannot navigate away or open windows', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-electron-'));
    const app = await electron.launch({
      executablePath: runtime.path ?? undefined,
      args: ['.'],
      env: { ...process.env, TONGHOP_DB: path.join(dir, 'tonghop.sqlite') },
    });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveTitle(/Tổng hợp CCTP/u);
      expect(page.url()).toMatch(/^app:\/\/tonghop\//u);
      const isolated = await page.evaluate(() => ({
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        bridge: Object.keys((window as unknown as { tonghop: object }).tonghop).sort(),
      }));
      expect(isolated).toEqual({ require: 'undefined', process: 'undefined', bridge: ['api', 'shell'] });
      const periods = await page.evaluate(() => (window as unknown as { tonghop: { api: { 'periods.list': (a: unknown) => Promise<{ ok: boolean }> } } }).tonghop.api['periods.list']({}));
      expect(periods.ok).toBe(true);

      const windowsBefore = app.windows().length;
      await page.evaluate(() => window.open('https://example.com'));
      await page.evaluate(() => {
        window.location.href = 'https://example.com';
      });
      await page.waitForTimeout(500);
      expect(app.windows().length).toBe(windowsBefore);
      expect(page.url()).toMatch(/^app:\/\/tonghop\//u);

      // A second launch must not open a second window on the same database.
      const second = await electron.launch({ executablePath: runtime.path ?? undefined, args: ['.'], env: { ...process.env, TONGHOP_DB: path.join(dir, 'tonghop.sqlite') } }).catch(() => null);
      if (second) {
        await expect.poll(() => second.windows().length, { timeout: 5000 }).toBe(0);
        await second.close().catch(() => undefined);
      }
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
