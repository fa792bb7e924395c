// Cài đặt's backups on a shared PostgreSQL server (#16), as the database's owner in
// browser mode on a real server (TONGHOP_TEST_PG; skipped with its reason where there is
// none): the automatic-backup card says the app makes none there and whose the server's
// backups are, "Khôi phục từ tệp khác…" chooses .dump archives, not SQLite files, and
// "Sao lưu ngay" lists a pg_dump archive in the data folder's backups (never the working
// folder's). Restoring it through the chooser brings back what was there.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { findTestPostgres, skipNote } from '../helpers/capabilities';
import { onDatabase } from '../helpers/pg-client';
import { seriousViolations } from './axe';
import { startApp, type RunningApp } from './server';

const DIR = 'test-results/screenshots';
const server = findTestPostgres();


test.describe('backups on the shared server', () => {
  test.skip(!server.ok, server.ok ? '' : skipNote(server));

  const name = `tonghop_e2e_${randomBytes(3).toString('hex')}`;
  let databaseUrl = '';
  let app: RunningApp | null = null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-e2e-data-'));

  test.beforeAll(async () => {
    if (!server.ok) return;
    await onDatabase(server.url, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`));
    const u = new URL(server.url);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
  });

  test.afterAll(async () => {
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (server.ok && databaseUrl !== '') await onDatabase(server.url, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });

  test('says the app makes no automatic backups there, chooses .dump archives, and backs up and restores by pg_dump', async ({ page }) => {
    const inWorkingFolder = () => [path.resolve('backups'), path.resolve('data', 'backups')].map((d) => (fs.existsSync(d) ? fs.readdirSync(d).sort() : []));
    const before = inWorkingFolder();
    app = await startApp({ location: databaseUrl, dataDir });
    await page.goto(`${app.url}#/settings`);

    const auto = page.locator('.ant-card').filter({ has: page.getByText('Sao lưu tự động', { exact: true }) });
    await expect(auto).toContainText('ứng dụng không tự sao lưu');
    await expect(auto).toContainText('người quản trị máy chủ');
    await expect(auto.getByRole('switch')).toHaveCount(0);

    const card = page.locator('#backups');
    await expect(card).toContainText('tệp .dump do pg_dump ghi');
    await expect(card.locator('input[type=file]')).toHaveAttribute('accept', '.dump,application/octet-stream');

    await card.getByRole('button', { name: 'Sao lưu ngay' }).click();
    const row = card.locator('.ant-table-row').filter({ hasText: /tonghop-\d{8}-\d{6}\.dump/u });
    await expect(row).toHaveCount(1);
    await expect(card).toContainText(path.join(dataDir, 'backups'));
    const made = fs.readdirSync(path.join(dataDir, 'backups')).filter((n) => n.endsWith('.dump'));
    expect(made).toHaveLength(1);
    expect(inWorkingFolder()).toEqual(before);
    await page.screenshot({ path: `${DIR}/server-backups.png` });
    expect(await seriousViolations(page)).toEqual([]);

    // A change, then the archive chosen as from a USB stick: the change is gone, a safety archive is listed.
    await onDatabase(databaseUrl, (c) => c.query("UPDATE plan SET title = 'đã sửa sau sao lưu'"));
    await card.locator('input[type=file]').setInputFiles(path.join(dataDir, 'backups', made[0] ?? ''));
    await expect(page.getByRole('dialog')).toContainText('Chọn một bản sao lưu .dump của máy chủ');
    await page.getByRole('dialog').getByRole('button', { name: 'Khôi phục' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã khôi phục dữ liệu từ tệp' })).toBeVisible();
    await expect(card.locator('.ant-table-row').filter({ hasText: /tonghop-truoc-khoi-phuc-\d{8}-\d{6}\.dump/u })).toHaveCount(1);
    const title = await onDatabase(databaseUrl, async (c) => (await c.query<{ title: string }>('SELECT title FROM plan')).rows[0]?.title);
    expect(title).not.toBe('đã sửa sau sao lưu');
    expect(inWorkingFolder()).toEqual(before);
  });
});
