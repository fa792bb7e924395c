// Cài đặt → Máy chủ dữ liệu (#16), as a clerk moving her workstation onto the office's
// shared server: the card says the data is this computer's file, "Kiểm tra kết nối"
// on a real PostgreSQL server's empty database says what it is and what the account may
// do, a mistyped address is refused in words, "Lưu" keeps it for the next start, and
// after a restart the app is on the server (the card says so, Tổng quan shows the
// seeded plan's agencies); "Dùng lại tệp dữ liệu trên máy này" goes back. Browser mode
// keeps the setting in its data folder (--data-dir) as the desktop app keeps it in its
// own. Skipped with its reason where there is no server (TONGHOP_TEST_PG).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { findTestPostgres, skipNote } from '../helpers/capabilities';
import { runSql } from '../helpers/pg-client';
import { seriousViolations } from './axe';
import { startApp, type RunningApp } from './server';

const DIR = 'test-results/screenshots';
const server = findTestPostgres();


async function card(page: Page) {
  const c = page.locator('.ant-card').filter({ has: page.getByText('Nơi lưu dữ liệu', { exact: true }) });
  await expect(c).toBeVisible();
  return c;
}

test.describe('Máy chủ dữ liệu', () => {
  test.skip(!server.ok, server.ok ? '' : skipNote(server));

  const name = `tonghop_e2e_ds_${randomBytes(3).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-e2e-data-'));
  let app: RunningApp | null = null;

  test.afterAll(async () => {
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (server.ok) await runSql(server.url, [`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`]);
  });

  test('a clerk checks the office server, saves it, and works on it after a restart', async ({ page }) => {
    if (!server.ok) return;
    await runSql(server.url, [`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`]);
    const address = new URL(server.url);
    address.pathname = `/${name}`;

    app = await startApp({ dataDir });
    await page.goto(`${app.url}#/settings`);
    let c = await card(page);
    await expect(c).toContainText('Tệp dữ liệu trên máy này');
    await expect(c).toContainText(path.join(dataDir, 'tonghop.sqlite'));

    // A mistyped address (no account) is refused in words before any connection.
    await c.getByLabel('Địa chỉ máy chủ').fill(`postgres://${address.host}/${name}`);
    await c.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
    await expect(c.getByRole('alert')).toContainText('chưa đúng dạng');

    await c.getByLabel('Địa chỉ máy chủ').fill(address.toString());
    await c.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
    const says = c.getByRole('status').first();
    await expect(says).toContainText('Kết nối được: PostgreSQL');
    await expect(says).toContainText(`Cơ sở dữ liệu ${name} còn trống`);
    await expect(says).toContainText('được nhận, nhập và sửa số liệu');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${DIR}/data-server-tested.png`, fullPage: false });
    expect(await seriousViolations(page)).toEqual([]);

    await c.getByRole('button', { name: 'Lưu và dùng từ lần khởi động sau' }).click();
    await expect(c).toContainText(`Đã lưu. Khởi động lại ứng dụng để làm việc trên máy chủ ${address.toString()}`);
    await expect(c).toContainText('Từ lần khởi động sau');
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'may-chu-du-lieu.json'), 'utf8'))).toEqual({ server: address.toString() });

    // The restart: the same data folder now opens the server, seeded on first open.
    await app.stop();
    app = await startApp({ dataDir });
    await page.goto(`${app.url}#/settings`);
    c = await card(page);
    await expect(c).toContainText('Máy chủ dữ liệu');
    await expect(c).toContainText(address.toString());
    await expect(c.locator('.data-where')).toContainText('được nhận, nhập và sửa số liệu');
    await page.screenshot({ path: `${DIR}/data-server-on-server.png`, fullPage: false });
    await page.goto(`${app.url}#/agencies`);
    await expect(page.getByRole('cell', { name: 'Công an tỉnh', exact: true })).toBeVisible();

    // And back to this computer's own file from the next start.
    await page.goto(`${app.url}#/settings`);
    c = await card(page);
    await c.getByRole('button', { name: 'Dùng lại tệp dữ liệu trên máy này' }).click();
    await expect(c).toContainText('làm việc lại trên tệp dữ liệu của máy này');
    expect(fs.existsSync(path.join(dataDir, 'may-chu-du-lieu.json'))).toBe(false);
  });
});
