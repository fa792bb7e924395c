// Can a clerk trust the consolidated figures? On the demo database, prepared through the
// Api with what real reporting brings: (a) Công an tỉnh's 6-month NV2.02 below its Q1
// figure, let through with a reason; (b) Sở Tư pháp reported NV1.03 and was then taken
// off its reporters; (c) the office corrected Viện Kiểm sát's NV1.03 and a task status;
// (d) Huyện ủy Bắc Sơn missed Q1 but reported the 6 months (so it is out of the derived
// Quý II); plus last year's 6 months from other agencies, and an agency taken off a
// task after it reported. Tổng hợp for 2022-H1 must say all of it in words, and its
// totals must be the sum of the rows it counts. Screenshots at 1366×768 go to
// test-results/screenshots/ for a person to look at.
import { seriousViolations } from './axe';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { SubmissionDetail } from '../../shared/domain';
import { startApp, type RunningApp } from './server';
import { callApi } from './pages/api';
import { AdminPage } from './pages/AdminPage';
import { AppPage } from './pages/AppPage';
import { AuditLogPage } from './pages/AuditLogPage';
import { ConsolidationPage } from './pages/ConsolidationPage';
import { ChartsPage } from './pages/EntryChartsWizardPages';
import { OverviewPage } from './pages/OverviewPage';
import { SettingsPage } from './pages/SettingsPage';

const DIR = 'test-results/screenshots';
const CLERK = 'Nguyễn Thị Lan';
const FALL_REASON = 'Công an tỉnh rà soát lại, loại 8 vụ đã tính trùng ở quý I';
const CORRECTION_NOTE = 'Theo điện thoại với đ/c Hoàng Văn Nam (VKS) ngày 20/06/2022: tệp ghi nhầm dòng';

async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  // A passing "saved" message would cover the period selector: wait for it to go. Then let antd's motion settle.
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${DIR}/${name}.png`, fullPage: options.fullPage ?? false });
}

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

async function currentReport(running: RunningApp, period: string, agency: string): Promise<SubmissionDetail> {
  const found = (await callApi(running, 'submissions.list', { period, agency })).find((s) => s.current);
  if (!found) throw new Error(`no current report of ${agency} for ${period}`);
  return callApi(running, 'submissions.get', { id: found.id });
}

/** The demo database, then the cases above, each through the Api as the screens would make them. */
async function prepare(running: RunningApp): Promise<void> {
  // Last year's 6 months, from other agencies than this year's: a comparison that is not like with like.
  await callApi(running, 'plans.copyToYear', { fromYear: 2022, toYear: 2021 });
  for (const [agency, figure] of [['CA', 6], ['STP', 4], ['DLS', 3]] as const) {
    await callApi(running, 'submissions.enter', { period: '2021-H1', agency, receivedOn: '2021-06-16', taskReports: [], values: [{ indicatorCode: 'NV1.03', number: figure }] });
  }
  // (a) A cumulative figure below the quarter's, let through with the reason.
  const ca = await currentReport(running, '2022-H1', 'CA');
  await callApi(running, 'submissions.enter', {
    period: '2022-H1',
    agency: 'CA',
    receivedOn: ca.receivedOn,
    documentNumber: '125/BC-CAT',
    taskReports: ca.taskReports.map(({ taskCode, status, results, difficulties, proposals }) => ({ taskCode, status, results, difficulties, proposals })),
    values: ca.values.map(({ indicatorCode, number, text, sourceCell }) => ({ indicatorCode, number: indicatorCode === 'NV2.02' ? 170 : number, text, sourceCell })),
    accept: [{ rule: 'CUMULATIVE_FALLS', indicator: 'NV2.02', reason: FALL_REASON }],
  });
  // (b) Reported, then taken off the indicator's reporters; and an agency taken off a task it reported on.
  const plan = await callApi(running, 'plans.get', { year: 2022 });
  const nv103 = plan.tasks.flatMap((t) => t.indicators).find((i) => i.code === 'NV1.03');
  const nv3 = plan.tasks.find((t) => t.code === 'NV3');
  if (!nv103 || !nv3) throw new Error('plan without NV1.03 or NV3');
  await callApi(running, 'indicators.update', { year: 2022, code: 'NV1.03', changes: { reporters: nv103.reporters.filter((c) => c !== 'STP') } });
  await callApi(running, 'tasks.update', { year: 2022, code: 'NV3', changes: { coordinate: nv3.coordinate.filter((c) => c !== 'CA') } });
  // (c) The office's own figure and status, with the note; and the document number the report came under.
  const vks = await currentReport(running, '2022-H1', 'VKS');
  await callApi(running, 'submissions.correct', { id: vks.id, correction: { field: 'indicator:NV1.03', number: 9, note: CORRECTION_NOTE } });
  await callApi(running, 'submissions.correct', { id: vks.id, correction: { field: 'task:NV3:status', status: 'completed', note: 'VKS xác nhận đã hoàn thành qua điện thoại ngày 20/06/2022' } });
  await callApi(running, 'submissions.updateReceipt', { id: vks.id, documentNumber: '88/BC-VKS' });
  // (d) Huyện ủy Bắc Sơn missed Q1 and reported the 6 months: the demo data has it so.
}

/** The figures of a breakdown's counted rows, read as the clerk reads them (vi-VN). */

/** Scrolls a row to the top of the window, just under the sticky top bar and table header. */
async function toTop(row: Locator): Promise<void> {
  await row.evaluate((el) => {
    el.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -150);
  });
}

async function countedSum(consolidation: ConsolidationPage, code: string): Promise<number> {
  const texts = await consolidation.breakdown(code).locator('.nested-table tr.ant-table-row:not(.row-not-counted) .figure').allInnerTexts();
  return texts.reduce((sum, text) => sum + Number(text.replace(/\./gu, '').replace(',', '.')), 0);
}

test('Tổng hợp 6 tháng: coverage, the checks with an accepted error, figures not counted, a correction, the derived quarter', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  app = await startApp({ demo: true });
  const shell = new AppPage(page);
  const admin = new AdminPage(page);
  await shell.open(app.url);

  // Cài đặt: the clerk's name, recorded on every change from here on.
  await admin.go('Cài đặt');
  const settings = new SettingsPage(page);
  await settings.clerkName.fill(CLERK);
  await settings.saveClerk.click();
  await settings.expectMessage('Đã lưu tên cán bộ nhập liệu.');
  expect((await callApi(app, 'settings.get', {})).clerkName).toBe(CLERK);
  await expect(page.getByText('Tên này được ghi cùng tên tài khoản máy tính')).toBeVisible();
  await shot(page, 'trust-settings-clerk');

  await prepare(app);
  await shell.go('Tổng quan');
  await shell.choosePeriod('6 tháng đầu năm 2022');

  // Tổng quan: coverage beside each figure, last year's figure with its own label and coverage, flagged.
  const overview = new OverviewPage(page);
  await expect(overview.agencyRow('Viện Kiểm sát nhân dân tỉnh')).toContainText('Số văn bản 88/BC-VKS');
  await expect(overview.agencyRow('Viện Kiểm sát nhân dân tỉnh')).toContainText('Đủ');
  const overviewNv103 = page.locator('tr.ant-table-row[data-row-key="NV1.03"]');
  await expect(overviewNv103).toContainText('5/6 đơn vị');
  await expect(overviewNv103).toContainText('6 tháng đầu năm 2021 · 3/7 đơn vị');
  await expect(overviewNv103.getByRole('img', { name: /Không cùng các đơn vị với kỳ này/u })).toHaveAccessibleName(/Chỉ kỳ này có: Viện Kiểm sát nhân dân tỉnh/u);
  await overview.agencyRow('Viện Kiểm sát nhân dân tỉnh').scrollIntoViewIfNeeded();
  await shot(page, 'trust-overview-agencies');
  await toTop(overviewNv103);
  await shot(page, 'trust-overview');

  await shell.go('Tổng hợp');
  const consolidation = new ConsolidationPage(page);
  // The toolbar: completeness with complete/incomplete, and the checks' tally.
  await expect(page.locator('.toolbar')).toContainText('Đã nhận 18/21 báo cáo · 2 nộp muộn · 1 trả lại · 2 chưa nộp · 18 đủ · 0 chưa đủ');
  await expect(consolidation.checksSummary).toHaveText('Kiểm tra số liệu: 0 lỗi · 1 lỗi đã chấp nhận · 1 cảnh báo');

  // The indicators table: coverage, comparisons labelled as what they are, flags, check markers.
  await expect(page.getByRole('columnheader', { name: 'Số đơn vị' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Cùng kỳ năm trước' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Quý trước' })).toHaveCount(0);
  await expect(consolidation.indicatorRow('NV1.01')).toContainText('17/20 đơn vị');
  await expect(consolidation.indicatorRow('NV1.01').locator('.coverage-tag')).toBeVisible();
  await expect(consolidation.indicatorRow('NV2.02')).toContainText('3/3 đơn vị');
  await expect(consolidation.indicatorRow('NV2.02').locator('.coverage-tag')).toHaveCount(0);
  await expect(consolidation.indicatorRow('NV2.02')).toContainText('1 lỗi đã chấp nhận');
  await expect(consolidation.indicatorRow('NV1.03')).toContainText('1 cảnh báo');
  await expect(consolidation.indicatorRow('NV1.03').getByRole('img', { name: /^6 tháng đầu năm 2021: 13 · 3\/7 đơn vị/u })).toHaveAccessibleName(/Chỉ 6 tháng đầu năm 2021 có: Sở Tư pháp, Đoàn Luật sư tỉnh/u);
  // The derived Quý II leaves agencies out, and its flag names them.
  await expect(consolidation.indicatorRow('NV1.01').getByRole('img', { name: /^Quý II năm 2022: 94/u })).toHaveAccessibleName(/Không có số liệu kỳ trước: Huyện ủy Bắc Sơn/u);
  await shot(page, 'trust-consolidation');

  // Kiểm tra số liệu: the accepted error with its reason, the warning on the figure not counted.
  await consolidation.checksSummary.click();
  await expect(page.getByRole('tab', { name: 'Kiểm tra số liệu (2)' })).toHaveAttribute('aria-selected', 'true');
  await expect(consolidation.checkRows).toHaveCount(2);
  const fall = consolidation.checkRows.filter({ hasText: 'Số lũy kế giảm' });
  await expect(fall).toContainText('Lỗi đã chấp nhận');
  await expect(fall).toContainText('Công an tỉnh');
  await expect(fall).toContainText(/Báo cáo!E\d+/u);
  await expect(fall).toContainText(`Lý do chấp nhận: ${FALL_REASON}`);
  await expect(fall).toContainText(CLERK);
  const notCounted = consolidation.checkRows.filter({ hasText: 'Số liệu không được tính' });
  await expect(notCounted).toContainText('Cảnh báo');
  await expect(notCounted).toContainText('Sở Tư pháp');
  await shot(page, 'trust-checks');
  expect(await seriousViolations(page)).toEqual([]);

  // The indicator's code opens its row, expanded: the breakdown straight from the server's byAgency.
  await notCounted.getByRole('button', { name: 'Mở chỉ tiêu NV1.03 trong bảng chỉ tiêu' }).click();
  await expect(page.getByRole('tab', { name: /^Chỉ tiêu/u })).toHaveAttribute('aria-selected', 'true');
  await expect(consolidation.indicatorRow('NV1.03')).toBeFocused();
  const nv103 = consolidation.breakdown('NV1.03');
  await expect(nv103).toContainText('Số liệu theo đơn vị (5/6 đơn vị được tính)');
  await expect(nv103).toContainText('Kỳ này (6 tháng đầu năm 2022)');
  await expect(nv103).toContainText('Cùng kỳ năm trước (6 tháng đầu năm 2021)');
  await expect(nv103).toContainText('Chỉ kỳ này có: Viện Kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh, Cục Thi hành án dân sự tỉnh, Ban Pháp chế Hội đồng nhân dân tỉnh');
  // The removed reporter's figure is shown, muted, and not counted; the agency that owes it and sent nothing too.
  const stp = consolidation.agencyRow('NV1.03', 'Sở Tư pháp');
  await expect(stp).toContainText('Không còn được giao, không tính');
  await expect(stp).toHaveClass(/row-not-counted/u);
  await expect(consolidation.agencyRow('NV1.03', 'Đoàn Luật sư tỉnh')).toContainText('Chưa nộp');
  // The total is the sum of the counted rows, and says so.
  const total = nv103.locator('.total-row');
  await expect(total).toContainText('Tổng cộng các dòng “Được tính” (5 đơn vị)');
  expect(await countedSum(consolidation, 'NV1.03')).toBe(41);
  await expect(total).toContainText('41');
  await expect(consolidation.indicatorRow('NV1.03')).toContainText('41');
  await total.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await shot(page, 'trust-breakdown-total');
  // Every new control on the open breakdown is labelled (flags, the correction, "Mở tệp gốc" per row).
  expect(await seriousViolations(page)).toEqual([]);
  // The office's correction: what the file said, the note, when and who.
  const vks = consolidation.agencyRow('NV1.03', 'Viện Kiểm sát nhân dân tỉnh');
  const corrected = vks.getByRole('button', { name: /^Văn phòng sửa: Viện Kiểm sát nhân dân tỉnh/u });
  await expect(corrected).toHaveText('Văn phòng sửa');
  // The cell the figure came from; the audit below must name the same one.
  await expect(vks).toContainText(/Báo cáo!E\d+/u);
  const sourceCell = /Báo cáo!E\d+/u.exec((await vks.textContent()) ?? '')?.[0] ?? '';
  // A report typed in has no original file; a received file opens (here: downloads).
  await expect(consolidation.agencyRow('NV1.03', 'Công an tỉnh')).toContainText('Nhập tay');
  const original = page.waitForEvent('download');
  await vks.getByRole('button', { name: 'Mở tệp gốc báo cáo của Viện Kiểm sát nhân dân tỉnh' }).click();
  expect((await original).suggestedFilename()).toMatch(/_VKS\.xlsx$/u);
  // Focus (Tab, or a click) opens what the office changed.
  await corrected.focus();
  const popover = page.locator('.ant-popover:visible');
  await expect(popover).toContainText('Tệp ghi: “5”');
  await expect(popover).toContainText(`Ghi chú: ${CORRECTION_NOTE}`);
  await expect(popover).toContainText(`người sửa ${CLERK}`);
  await corrected.blur();
  await expect(popover).toHaveCount(0);
  // The row at the top, under the sticky bars, so the picture holds the comparisons and the agencies' rows.
  await toTop(consolidation.indicatorRow('NV1.03'));
  await shot(page, 'trust-breakdown');
  await corrected.hover();
  await expect(popover).toBeVisible();
  await shot(page, 'trust-correction');
  await page.mouse.move(0, 0);

  // The derived Quý II of NV1.01: how it is taken, over which agencies, who is out and why.
  await consolidation.indicatorRow('NV1.03').click();
  await consolidation.indicatorRow('NV1.01').click();
  const nv101 = consolidation.breakdown('NV1.01');
  await expect(nv101).toContainText('Quý II năm 2022 = 6 tháng đầu năm 2022 − Quý I năm 2022');
  await expect(nv101).toContainText('Tính trên 15/20 đơn vị có số liệu được tính ở cả hai kỳ.');
  await expect(nv101).toContainText('Không tính 5 đơn vị:');
  await expect(nv101).toContainText('Không có số liệu kỳ trước: Huyện ủy Bắc Sơn');
  await expect(nv101).toContainText('Báo cáo kỳ trước bị trả lại: Huyện ủy Chi Lăng');
  await expect(nv101).toContainText('Chưa có số liệu kỳ này: Đoàn Luật sư tỉnh, Huyện ủy Bình Gia, Huyện ủy Đình Lập');
  await expect(consolidation.agencyRow('NV1.01', 'Huyện ủy Bình Gia')).toContainText('Trả lại để chỉnh sửa, không tính');
  expect(await countedSum(consolidation, 'NV1.01')).toBe(211);
  await toTop(consolidation.indicatorRow('NV1.01'));
  await shot(page, 'trust-derived');

  // Nhiệm vụ: the agency taken off the task is shown, not counted; the office's status says so.
  await consolidation.tab(/^Nhiệm vụ/u);
  await page.locator('tr.ant-table-row[data-row-key="NV3"]').click();
  const narratives = page.locator('tr.ant-table-row[data-row-key="NV3"]').locator('xpath=following-sibling::tr[1]');
  const former = narratives.locator('tr.ant-table-row').filter({ hasText: 'Công an tỉnh' });
  await expect(former).toContainText('Không còn được giao');
  await expect(former).toContainText('Không tính');
  await expect(former).toHaveClass(/row-not-counted/u);
  await expect(narratives.locator('tr.ant-table-row').filter({ hasText: 'Viện Kiểm sát nhân dân tỉnh' }).getByRole('button', { name: /^Văn phòng sửa/u })).toBeVisible();
  await former.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await shot(page, 'trust-tasks');
  expect(await seriousViolations(page)).toEqual([]);

  // Biểu đồ: by agency, only the counted figures; across the periods, each period with its coverage.
  await admin.go('Biểu đồ');
  const charts = new ChartsPage(page);
  await admin.choose(page.getByRole('combobox', { name: 'Chọn chỉ tiêu' }), 'NV1.03');
  await expect(charts.canvas('Chỉ tiêu NV1.03 theo đơn vị – 6 tháng đầu năm 2022')).toBeVisible();
  await expect(page.getByText('Chỉ gồm số liệu được tính: 5/6 đơn vị.')).toBeVisible();
  await charts.canvas('Chỉ tiêu NV1.03 qua các kỳ năm 2022').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await shot(page, 'trust-charts');

  // Nhật ký: who did each of these, by name and computer account, in words.
  await admin.go('Nhật ký');
  const log = new AuditLogPage(page);
  const cell = (name: string) => page.getByRole('cell', { name, exact: true });
  const correction = log.rows.filter({ has: cell('Sửa số liệu') }).filter({ hasText: 'Chỉ tiêu NV1.03' });
  await expect(correction).toHaveCount(1);
  await expect(correction).toContainText(CLERK);
  await expect(correction).toContainText('tài khoản máy');
  await expect(correction).toContainText(`Chỉ tiêu NV1.03, ô ${sourceCell}: tệp ghi “5” → 9`);
  await expect(log.rows.filter({ has: cell('Sửa ngày nhận, số văn bản') })).toContainText('Số văn bản: ∅ → 88/BC-VKS');
  await expect(log.rows.filter({ has: cell('Nhận báo cáo') }).filter({ hasText: 'Số lũy kế giảm (NV2.02)' })).toContainText(FALL_REASON);
  await shot(page, 'trust-audit');
  expect(errors).toEqual([]);
});

test('Tổng hợp of a quarter: the quarter before is the comparison, and a consolidation in English', async ({ page }) => {
  app = await startApp({ demo: true });
  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');
  await shell.go('Tổng hợp');
  const consolidation = new ConsolidationPage(page);
  await expect(page.getByRole('columnheader', { name: 'Quý trước' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Cùng kỳ năm trước' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /tính từ số lũy kế/u })).toHaveCount(0);
  await consolidation.indicatorRow('NV2.03').click();
  // A ratio's breakdown: numerator and denominator per agency, and the total of the counted rows.
  await expect(consolidation.breakdown('NV2.03')).toContainText('Σ tử số / Σ mẫu số của các dòng “Được tính”');
  await expect(consolidation.breakdown('NV2.03')).toContainText('Quý trước');
  await page.locator('.sider-foot').getByText('EN', { exact: true }).click();
  await expect(page.getByRole('columnheader', { name: 'Previous quarter' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Data checks:/u })).toBeVisible();
  await shot(page, 'trust-quarter-en');
});
