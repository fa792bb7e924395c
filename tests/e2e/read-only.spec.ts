// A leader's read-only account on the shared server (#16): the same screens, without the
// controls that change data. The office's database on a real PostgreSQL server
// (TONGHOP_TEST_PG; skipped with its reason where there is none) gets the demo reports
// and, through `server-setup`, a reader's login; browser mode opens it as that reader.
// The frame says "Chỉ xem" with the account, the menu has no Nhận báo cáo, Nhập tay or
// Mẫu bố cục (a link to one says why it is not there), Tổng quan and Tổng hợp show the
// figures and still export, and Kế hoạch, Đơn vị, Kỳ báo cáo and Cài đặt show what is
// set without a button that changes it. Screenshots at 1366×768, and axe.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { findTestPostgres, skipNote } from '../helpers/capabilities';
import { runSql } from '../helpers/pg-client';
import { seriousViolations } from './axe';
import { OFFICE_TIME_ZONE, startApp, type RunningApp } from './server';

const DIR = 'test-results/screenshots';
const server = findTestPostgres();

/** The CLI in its own process, as an administrator runs it; its stdout. */
function cli(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], { env: { ...process.env, TZ: OFFICE_TIME_ZONE } });
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`cli ${args.join(' ')} exited ${code}:\n${err}${out}`))));
  });
}


test.describe('a leader on the shared server', () => {
  test.skip(!server.ok, server.ok ? '' : skipNote(server));

  const name = `tonghop_e2e_${randomBytes(3).toString('hex')}`;
  const readerName = `${name}_lanhdao`;
  let databaseUrl = '';
  let readerUrl = '';
  let app: RunningApp | null = null;

  test.beforeAll(async () => {
    if (!server.ok) return;
    await runSql(server.url, [`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`]);
    const u = new URL(server.url);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    await cli('init', '--demo', '--db', databaseUrl);
    const setup = JSON.parse(await cli('server-setup', '--db', databaseUrl, '--reader', readerName, '--json')) as { accounts: { name: string; password?: string }[] };
    const reader = new URL(databaseUrl);
    reader.username = readerName;
    reader.password = setup.accounts.find((a) => a.name === readerName)?.password ?? '';
    readerUrl = reader.toString();
  });

  test.afterAll(async () => {
    await app?.stop();
    if (!server.ok || databaseUrl === '') return;
    // The database first: its GRANTs go with it, and then the roles can go.
    await runSql(server.url, [`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, `DROP ROLE IF EXISTS "${readerName}"`, `DROP ROLE IF EXISTS "${name}_chi_xem"`, `DROP ROLE IF EXISTS "${name}_van_thu"`]);
  });

  test('sees every figure and no control that changes data; the server account is said', async ({ page }) => {
    app = await startApp({ location: readerUrl });
    // The nine months, where the demo's reports are.
    await page.addInitScript(() => window.localStorage.setItem('tonghop.period', '2022-9M'));
    await page.goto(app.url);

    const note = page.locator('.read-only-note');
    await expect(note).toContainText('Chỉ xem');
    await expect(note).toContainText(readerName);
    const nav = page.getByRole('navigation', { name: 'Chức năng' });
    await expect(nav.getByRole('link', { name: /Tổng quan/u })).toBeVisible();
    for (const hidden of [/Nhận báo cáo/u, /Nhập tay/u, /Mẫu bố cục/u]) await expect(nav.getByRole('link', { name: hidden })).toHaveCount(0);
    // Tổng quan shows the demo's figures as it does for a clerk; an agency's name leads nowhere it cannot go.
    await expect(page.locator('.ant-table-row').first()).toBeVisible();
    await expect(page.getByText('Đã nhận').first()).toBeVisible();
    await expect(page.locator('.ant-table-row a[href*="intake"]')).toHaveCount(0);
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${DIR}/read-only-overview.png` });
    expect(await seriousViolations(page)).toEqual([]);

    // A link to a screen that only changes data says why it is not there.
    await page.goto(`${app.url}#/intake`);
    await expect(page.getByText('Màn hình này dùng để nhận, nhập hoặc sửa số liệu')).toBeVisible();
    await expect(page.locator('input[type=file]')).toHaveCount(0);

    // Tổng hợp keeps its exports: reading is what a leader is for.
    await page.goto(`${app.url}#/consolidation`);
    await expect(page.getByRole('button', { name: 'Xuất biểu tổng hợp' })).toBeVisible();

    await page.goto(`${app.url}#/plan`);
    await expect(page.locator('.task-card').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Xuất kế hoạch (Excel)' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^(Sửa|Thêm|Chuyển)/u })).toHaveCount(0);
    await expect(page.getByRole('columnheader', { name: 'Thao tác' })).toHaveCount(0);
    await page.screenshot({ path: `${DIR}/read-only-plan.png` });

    await page.goto(`${app.url}#/agencies`);
    await expect(page.locator('.ant-table-row').first()).toBeVisible();
    await expect(page.getByRole('button', { name: /^(Sửa|Thêm)/u })).toHaveCount(0);

    await page.goto(`${app.url}#/periods`);
    await expect(page.locator('.ant-table-row').first()).toBeVisible();
    await expect(page.getByRole('button', { name: /^(Sửa|Thêm)/u })).toHaveCount(0);

    await page.goto(`${app.url}#/settings`);
    await expect(page.locator('.data-where dt').first()).toHaveText('Máy chủ dữ liệu');
    await expect(page.locator('.data-where')).toContainText(`${readerName} · chỉ được xem`);
    // The office's settings are not a reader's to change; which server this workstation opens is.
    for (const gone of ['Sao lưu ngay', 'Lưu', 'Lưu tiêu đề', 'Khôi phục từ tệp khác…']) await expect(page.getByRole('button', { name: gone, exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Kiểm tra kết nối' })).toBeVisible();
    await page.screenshot({ path: `${DIR}/read-only-settings.png` });
    expect(await seriousViolations(page)).toEqual([]);
  });
});
