// Screenshots of every screen at 1366×768 (the common office screen), for a person to
// look at: an empty database, the demo database, an error state, and the intake
// preview with a rejected file. Written to test-results/screenshots/.
import { expect, test, type Page } from '@playwright/test';
import { fillForm, sampleValue } from '../fixtures/fill-form';
import { startApp, type RunningApp } from './server';
import { callApi } from './pages/api';
import { AppPage, type ScreenName } from './pages/AppPage';
import { IntakePage, XLSX_MIME } from './pages/IntakePage';
import { OverviewPage } from './pages/OverviewPage';
import { ConsolidationPage } from './pages/ConsolidationPage';

const DIR = 'test-results/screenshots';

async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  // Let antd's motion settle (tabs, expanding rows, messages) before the picture.
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${DIR}/${name}.png`, fullPage: options.fullPage ?? false });
}

const SCREENS: [ScreenName, string][] = [
  ['Tổng quan', 'overview'],
  ['Biểu mẫu', 'forms'],
  ['Nhận báo cáo', 'intake'],
  ['Tổng hợp', 'consolidation'],
];

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

test('empty database: every screen says what to do next', async ({ page }) => {
  app = await startApp();
  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');
  for (const [screen, file] of SCREENS) {
    await shell.go(screen);
    if (screen !== 'Biểu mẫu') await expect(page.getByText('Chưa có báo cáo nào cho kỳ này').first()).toBeVisible();
    await shot(page, `empty-${file}`);
  }
  // The period survives a reload, and so does the screen (it is in the URL hash).
  await page.reload();
  await expect(shell.heading).toHaveText('Tổng hợp');
  await expect(page.locator('.period-select')).toContainText('Quý I năm 2022');
});

test('demo database: every screen, details open', async ({ page }) => {
  // The bundle must run under the strict CSP: no inline script, no eval.
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/iu.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(e.message));
  app = await startApp({ demo: true });
  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');
  const overview = new OverviewPage(page);
  await overview.expectReceived('/21');
  await shot(page, 'demo-overview');
  await shot(page, 'demo-overview-full', { fullPage: true });
  // A completeness figure filters the list to the agencies behind it, by name.
  await overview.completeness.getByRole('button', { name: /^Chưa nộp:/u }).click();
  await expect(overview.agencyRow('Huyện ủy Bắc Sơn')).toBeVisible();
  await shot(page, 'demo-overview-missing');
  // …and that list goes out as a workbook, straight from here.
  const missingList = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất danh sách chưa nộp' }).click();
  expect((await missingList).suggestedFilename()).toBe('DonViChuaNop_2022-Q1.xlsx');

  await shell.go('Biểu mẫu');
  await shot(page, 'demo-forms');

  await shell.go('Nhận báo cáo');
  const intake = new IntakePage(page);
  // Công an tỉnh sent twice: open its revision history.
  await intake.receivedRow('Công an tỉnh').click();
  await expect(page.getByText('Các lần nộp của Công an tỉnh')).toBeVisible();
  await intake.receivedRow('Công an tỉnh').scrollIntoViewIfNeeded();
  await shot(page, 'demo-intake-history');
  await intake.receivedRow('Sở Tư pháp').getByRole('button', { name: 'Trả lại để sửa' }).click();
  await page.getByLabel('Lý do trả lại').fill('Thiếu số liệu chỉ tiêu NV3.01; đề nghị bổ sung và gửi lại.');
  await shot(page, 'demo-intake-return');
  await page.getByRole('button', { name: 'Trả lại báo cáo' }).click();
  await expect(intake.receivedRow('Sở Tư pháp')).toContainText('Trả lại để chỉnh sửa');

  await shell.go('Tổng hợp');
  const consolidation = new ConsolidationPage(page);
  await shot(page, 'demo-consolidation');
  await consolidation.indicatorRow('NV2.03').click();
  await consolidation.indicatorRow('NV2.03').scrollIntoViewIfNeeded();
  await shot(page, 'demo-consolidation-ratio');
  await consolidation.tab(/^Nhiệm vụ/u);
  await page.locator('tr.ant-table-row[data-row-key="NV1"]').click();
  await shot(page, 'demo-consolidation-tasks');

  // A cumulative period: the in-quarter column is derived, and says so.
  await shell.choosePeriod('6 tháng đầu năm 2022');
  await consolidation.tab(/^Chỉ tiêu/u);
  await expect(page.getByRole('columnheader', { name: /tính từ số lũy kế/u })).toBeVisible();
  await consolidation.indicatorRow('NV1.01').click();
  await shot(page, 'demo-consolidation-h1');

  // English follows key for key.
  await page.locator('.sider-foot').getByText('EN', { exact: true }).click();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Overview' }).click();
  await expect(shell.heading).toHaveText('Overview');
  await shot(page, 'demo-overview-en');
  expect(violations).toEqual([]);
});

test('keyboard: screens by Alt+number, table rows by arrows and Enter', async ({ page }) => {
  app = await startApp({ demo: true });
  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');
  // Menu entries are links in the Tab order.
  await shell.nav.getByRole('link', { name: 'Biểu mẫu' }).focus();
  await page.keyboard.press('Enter');
  await expect(shell.heading).toHaveText('Biểu mẫu');
  await page.keyboard.press('Alt+1');
  await expect(shell.heading).toHaveText('Tổng quan');
  // Past nine: hold Alt, type the two digits the menu shows, let go.
  const altDigits = async (digits: string) => {
    await page.keyboard.down('Alt');
    for (const d of digits) await page.keyboard.press(d);
    await page.keyboard.up('Alt');
  };
  await altDigits('12');
  await expect(shell.heading).toHaveText('Cài đặt');
  await altDigits('10');
  await expect(shell.heading).toHaveText('Kỳ báo cáo');
  await altDigits('1');
  await expect(shell.heading).toHaveText('Tổng quan');
  // One row of a table is a tab stop; arrows move, Enter opens the detail.
  const overview = new OverviewPage(page);
  await overview.agencies.locator('tr.nav-row[tabindex="0"]').focus();
  await page.keyboard.press('ArrowDown');
  await expect(overview.agencyRow('Công an tỉnh')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(shell.heading).toHaveText('Nhận báo cáo');
  await expect(page.getByText('Đang xem: Công an tỉnh')).toBeVisible();
  await expect(page.getByText('Các lần nộp của Công an tỉnh')).toBeVisible();
  // An indicator opens in the consolidation, expanded and focused.
  await page.keyboard.press('Alt+1');
  const indicators = page.locator('.ant-card').filter({ has: page.getByText('Chỉ tiêu so với mục tiêu', { exact: true }) });
  await indicators.locator('tr.nav-row[tabindex="0"]').focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(shell.heading).toHaveText('Tổng hợp');
  const last = page.locator('tr.nav-row[data-row-key="NV8.03"]');
  await expect(last).toBeFocused();
  await expect(last.locator('xpath=following-sibling::tr[1]')).toContainText('Số liệu theo đơn vị');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Số liệu theo đơn vị')).toBeHidden();
});

test('intake preview: accepted files with their changes, rejected ones with every problem and its cell', async ({ page }) => {
  app = await startApp({ demo: true });
  const forms = await callApi(app, 'forms.generate', { period: '2022-Q1', agencies: ['CA', 'HU-BS'] });
  const ca = forms.find((f) => f.name.endsWith('_CA.xlsx'));
  const bs = forms.find((f) => f.name.endsWith('_HU-BS.xlsx'));
  if (!ca || !bs) throw new Error('forms missing');
  // Công an tỉnh's third revision: its figures on record with three put right, so the
  // quarter stays within its 6-month report and what was solved within what was received.
  const current = (await callApi(app, 'submissions.list', { period: '2022-Q1', agency: 'CA' })).find((s) => s.current);
  const onRecord = await callApi(app, 'submissions.get', { id: current?.id ?? 0 });
  const figures = new Map<string, number | null>(onRecord.values.map((v) => [`indicator:${v.indicatorCode}`, v.number]));
  figures.set('indicator:NV1.01', 4);
  figures.set('indicator:NV2.01', 215);
  figures.set('indicator:NV7.03', 80);
  const good = await fillForm(ca.bytes, (entry) => (entry.field.startsWith('indicator:') ? (figures.get(entry.field) ?? null) : sampleValue(entry, 7)));
  // Words where a number belongs, and a negative count: each is an error at its cell.
  const bad = await fillForm(bs.bytes, (entry) => {
    if (entry.kind === 'integer') return entry.field.endsWith('1') ? 'mười hai' : -3;
    return sampleValue(entry, 3);
  });
  const files = [
    { name: 'BaoCao_2022-Q1_CA_lan3.xlsx', mimeType: XLSX_MIME, buffer: Buffer.from(good.bytes) },
    { name: 'BaoCao_2022-Q1_HU-BS.xlsx', mimeType: XLSX_MIME, buffer: Buffer.from(bad.bytes) },
    { name: 'BaoCao_hong.xlsx', mimeType: XLSX_MIME, buffer: Buffer.from('đây không phải tệp Excel'.repeat(50)) },
  ];

  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');
  await shell.go('Nhận báo cáo');
  const intake = new IntakePage(page);
  await intake.drop(files);
  await intake.expectChecked(3);
  await expect(intake.fileRow('BaoCao_2022-Q1_HU-BS.xlsx')).toContainText('Bị từ chối');
  await expect(intake.fileDetail('BaoCao_2022-Q1_HU-BS.xlsx')).toContainText('Báo cáo!');
  await expect(intake.fileRow('BaoCao_2022-Q1_CA_lan3.xlsx')).toContainText('sẽ là lần nộp thứ 3');
  await intake.fileRow('BaoCao_2022-Q1_CA_lan3.xlsx').getByRole('button').first().click();
  await shot(page, 'intake-preview');
  await shot(page, 'intake-preview-full', { fullPage: true });
});

test('error state: the Api’s message is shown as it is, with a retry', async ({ page }) => {
  app = await startApp();
  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');
  await expect(page.getByText('Chưa có báo cáo nào cho kỳ này').first()).toBeVisible();
  await app.stop();
  app = null;
  await shell.go('Tổng hợp');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Không kết nối được với ứng dụng Tổng hợp CCTP');
  // What to do, in the app: no command for the clerk to type.
  await expect(alert).toContainText('Hãy mở lại ứng dụng rồi tải lại trang');
  await expect(alert).not.toContainText(/npm|dòng lệnh/u);
  await expect(alert.getByRole('button', { name: 'Thử lại' })).toBeVisible();
  await shot(page, 'error-consolidation');
});
