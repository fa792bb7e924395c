// End-to-end tests drive an installed browser (CHROMIUM_PATH, Debian's Chromium, or
// Chrome or Edge through Playwright's channels; never a downloaded one) against browser
// mode; every test starts its own server on its own temporary database. Where there is
// no browser, the test runner (build/run-tests.ts) says the end-to-end tests are skipped.
import { defineConfig } from '@playwright/test';
import { findBrowser } from './tests/helpers/capabilities';

const found = findBrowser();
const browser = found.ok ? found.browser : null;
if (!found.ok) console.warn(`Không có trình duyệt cho kiểm thử đầu cuối: ${found.reason}; cài: ${found.install}`);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // In CI, a test that fails once and then passes is reported as flaky in the list (and
  // still fails the run if it fails twice): a busy CI machine's timing is not a defect,
  // but it is shown.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
    ...(browser?.channel ? { channel: browser.channel } : {}),
    launchOptions: {
      ...(browser?.executablePath ? { executablePath: browser.executablePath } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
});
