// Figures a clerk can sign, at 1366×768 on the demo database: a 9-month batch in which
// the unfilled form is refused (the agency stays missing), a cumulative figure below
// the agency's 6-month one is put right with a note in the preview, and a file that
// came after the due date is recorded as late; then the reports received say so, and
// give back the very file that was dropped. On a report already received: its received
// date put right, and a figure corrected that a rule refuses until the clerk gives a
// reason. And a typed paper report: nothing in it is no report; a figure a rule refuses
// is let through with a reason. Screenshots go to test-results/screenshots/.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { fillForm, sampleValue, type FillValue } from '../fixtures/fill-form';
import { startApp, type RunningApp } from './server';
import { callApi } from './pages/api';
import { AppPage } from './pages/AppPage';
import { EntryPage, goTo } from './pages/EntryChartsWizardPages';
import { IntakePage, XLSX_MIME } from './pages/IntakePage';
import { OverviewPage } from './pages/OverviewPage';

const DIR = 'test-results/screenshots';
const NINE = '2022-9M'; // due 16/09/2022

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${DIR}/${name}.png`, fullPage });
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

/** The agency's current figures for a period, by form field ("indicator:NV1.01" → 17). */
async function figuresOnRecord(running: RunningApp, period: string, agency: string): Promise<Map<string, number>> {
  const current = (await callApi(running, 'submissions.list', { period, agency })).find((s) => s.current);
  if (!current) throw new Error(`${agency} has no ${period} report in the demo`);
  const detail = await callApi(running, 'submissions.get', { id: current.id });
  return new Map(detail.values.filter((v) => v.number !== null).map((v) => [`indicator:${v.indicatorCode}`, v.number ?? 0]));
}

/**
 * A 9-month report that obeys the rules: each figure the agency's 6-month one plus what
 * came since (nothing where there was nothing), so it never falls below it and a part
 * never passes its whole; statuses and results as the agency would write them.
 */
async function nineMonths(form: Uint8Array, sixMonths: Map<string, number>, seed: number, override: Record<string, FillValue> = {}): Promise<Uint8Array> {
  const { bytes } = await fillForm(form, (entry) => {
    if (Object.hasOwn(override, entry.field)) return override[entry.field] ?? null;
    const before = sixMonths.get(entry.field);
    if (before !== undefined) return before === 0 ? 0 : before + (entry.kind === 'decimal' ? 12.5 : 3);
    return entry.field.startsWith('indicator:') ? null : sampleValue(entry, seed);
  });
  return bytes;
}

test('a 9-month batch: the unfilled form refused, a falling figure corrected with a note, a late file; the received reports say so and give back their files', async ({ page }) => {
  test.setTimeout(180_000);
  app = await startApp({ demo: true });
  const periods = await callApi(app, 'periods.list', { year: 2022 });
  if (!periods.some((p) => p.code === NINE)) await callApi(app, 'periods.create', { year: 2022, kind: 'nine-months' });
  const forms = await callApi(app, 'forms.generate', { period: NINE, agencies: ['HU-DL', 'TA', 'VKS'] });
  const formOf = (agency: string) => {
    const f = forms.find((x) => x.name.endsWith(`_${agency}.xlsx`));
    if (!f) throw new Error(`no form for ${agency}`);
    return f;
  };
  // The court typed its third quarter alone into NV1.01 (5), below its 6-month 17.
  const taSix = await figuresOnRecord(app, '2022-H1', 'TA');
  expect(taSix.get('indicator:NV1.01')).toBe(17);
  const ta = await nineMonths(formOf('TA').bytes, taSix, 9, { 'indicator:NV1.01': 5 });
  const vks = await nineMonths(formOf('VKS').bytes, await figuresOnRecord(app, '2022-H1', 'VKS'), 11);
  const files = [
    { name: 'BaoCao_2022-9M_HU-DL.xlsx', mimeType: XLSX_MIME, buffer: Buffer.from(formOf('HU-DL').bytes) },
    { name: 'BaoCao_2022-9M_TA.xlsx', mimeType: XLSX_MIME, buffer: Buffer.from(ta) },
    { name: 'BaoCao_2022-9M_VKS.xlsx', mimeType: XLSX_MIME, buffer: Buffer.from(vks) },
  ];

  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('9 tháng năm 2022');
  await shell.go('Nhận báo cáo');
  const intake = new IntakePage(page);
  // The batch came in on 15/09/2022, the day before the due date.
  await expect(intake.batch.getByText('Hạn nộp kỳ này: 16/09/2022')).toBeVisible();
  await intake.setDate(intake.batchDate, '15/09/2022');
  await intake.drop(files);
  await intake.expectChecked(3);

  // The unfilled form is no report.
  await expect(intake.fileRow('BaoCao_2022-9M_HU-DL.xlsx')).toContainText('Bị từ chối');
  await expect(intake.fileDetail('BaoCao_2022-9M_HU-DL.xlsx')).toContainText('chưa điền gì');
  // The falling figure is refused at its cell, with what can be done.
  const taFile = 'BaoCao_2022-9M_TA.xlsx';
  await expect(intake.fileRow(taFile)).toContainText('Bị từ chối');
  const taDetail = intake.fileDetail(taFile);
  await expect(taDetail).toContainText('NV1.01');
  await expect(taDetail).toContainText('là 5, nhỏ hơn kỳ 6 tháng đầu năm 2022 (17)');
  await expect(intake.detailButton(taFile, 'Chấp nhận có lý do NV1.01')).toBeVisible();
  await expect(intake.fileRow('BaoCao_2022-9M_VKS.xlsx')).toContainText('Hợp lệ, chưa lưu');
  await taDetail.scrollIntoViewIfNeeded();
  await shot(page, 'trust-preview-problems');

  // The clerk phones the court: 21 meetings in nine months. The office's figure, with the note.
  await intake.detailButton(taFile, 'Sửa số liệu NV1.01').first().click();
  const dialog = intake.dialog('Sửa số liệu báo cáo của Tòa án nhân dân tỉnh');
  await expect(dialog).toContainText('NV1.01 – ');
  await expect(dialog.getByRole('button', { name: /Sửa và kiểm tra lại/u })).toBeDisabled();
  await dialog.getByLabel('Số liệu đúng').fill('21');
  await dialog.getByLabel('Ghi chú (bắt buộc)').fill('Theo điện thoại với đ/c Hà, Văn phòng TAND tỉnh, ngày 15/09/2022: tệp ghi số của riêng quý III.');
  await shot(page, 'trust-correction-modal');
  await dialog.getByRole('button', { name: 'Sửa và kiểm tra lại' }).click();
  await expect(dialog).toBeHidden();
  await intake.expectSettled(taFile);
  await expect(intake.fileRow(taFile)).toContainText('Hợp lệ, chưa lưu');
  await expect(intake.fileRow(taFile)).toContainText('Văn phòng sửa 1 ô');
  await expect(taDetail).toContainText(/Ô Báo cáo!E\d+ \(NV1\.01\): tệp ghi “5” → Văn phòng sửa thành 21\. Ghi chú: Theo điện thoại với đ\/c Hà/u);
  // The court's first nine-month report: said as such, not as changes against a revision that does not exist.
  await expect(taDetail).toContainText('Số liệu của lần nộp đầu tiên');
  await expect(taDetail).not.toContainText('Thay đổi so với');
  await expect(intake.fileRow(taFile)).toContainText('Lần nộp đầu tiên');
  await expect(intake.fileRow(taFile)).not.toContainText(/\d+ thay đổi/u);
  // No internal key of a task's part ("NV1:status") is shown, only its words.
  await expect(taDetail).not.toContainText(/NV\d+:(status|results|difficulties|proposals)/u);
  await taDetail.scrollIntoViewIfNeeded();
  await shot(page, 'trust-preview-corrected');

  // The procuracy's file came on 19/09, after the due date: its own day, and its document.
  const vksFile = 'BaoCao_2022-9M_VKS.xlsx';
  await intake.fileRow(vksFile).locator('.ant-table-row-expand-icon').click();
  const vksDetail = intake.fileDetail(vksFile);
  await expect(vksDetail).toContainText('Để trống: theo ngày nhận của cả đợt (15/09/2022).');
  await expect(intake.fileRow(vksFile)).not.toContainText('Nộp muộn');
  await intake.setDate(vksDetail.getByLabel('Ngày nhận tệp này'), '19/09/2022');
  await intake.expectSettled(vksFile);
  await expect(intake.fileRow(vksFile)).toContainText('Nộp muộn');
  await vksDetail.getByLabel('Số văn bản đến').fill('45/BC-VKS');
  await vksDetail.getByLabel('Số văn bản đến').press('Enter');
  await intake.setDate(vksDetail.getByLabel('Ngày văn bản'), '18/09/2022');
  await intake.expectSettled(vksFile);
  await expect(intake.fileRow(vksFile)).toContainText('Hợp lệ, chưa lưu');

  // The commit sends each file as its last check did.
  await expect(intake.commit).toHaveText('Nhận các tệp hợp lệ (2)');
  await intake.commit.click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã nhận 2 báo cáo.' })).toBeVisible();
  // Two files, one call each, one batch: one automatic backup before the first landed.
  const beforeImport = (await callApi(app, 'backup.list', {})).filter((b) => b.name.startsWith('tonghop-truoc-nhap-'));
  expect(beforeImport).toHaveLength(1);
  await expect(intake.fileRow(taFile)).toContainText('Đã nhận');
  await expect(intake.fileRow(vksFile)).toContainText('Đã nhận');
  await expect(intake.fileRow(vksFile)).toContainText('Nộp muộn');
  // Each file's detail closed, the batch reads as one list.
  for (const name of ['BaoCao_2022-9M_HU-DL.xlsx', taFile, vksFile]) await intake.fileRow(name).locator('.ant-table-row-expand-icon').click();
  await expect(intake.batch.locator('tr.ant-table-expanded-row:visible')).toHaveCount(0);
  await page.getByRole('status').filter({ hasText: 'Đã nhận 2 báo cáo.' }).scrollIntoViewIfNeeded();
  await shot(page, 'trust-committed');

  // The reports received: the court on time with its correction, the procuracy late with its number; Đình Lập still missing.
  const taRow = intake.receivedRow('Tòa án nhân dân tỉnh');
  await expect(taRow).toContainText('15/09/2022');
  await expect(taRow).toContainText('Đúng hạn');
  await expect(taRow).toContainText('Văn phòng sửa 1 ô');
  const vksRow = intake.receivedRow('Viện Kiểm sát nhân dân tỉnh');
  await expect(vksRow).toContainText('19/09/2022');
  await expect(vksRow).toContainText('Nộp muộn');
  await expect(vksRow).toContainText('45/BC-VKS');
  await expect(intake.receivedRow('Huyện ủy Đình Lập')).toHaveCount(0);
  await taRow.click();
  const taReceived = intake.receivedDetail('Tòa án nhân dân tỉnh');
  await expect(taReceived).toContainText('Văn phòng đã sửa trong lần nộp hiện hành');
  await expect(taReceived).toContainText('tệp ghi “5” → Văn phòng sửa thành 21.');
  await intake.received.scrollIntoViewIfNeeded();
  await shot(page, 'trust-received');

  // The original is the very file dropped (a download in browser mode).
  const download = page.waitForEvent('download');
  await taRow.getByRole('button', { name: 'Mở tệp gốc: Tòa án nhân dân tỉnh' }).click();
  const original = await download;
  expect(original.suggestedFilename()).toBe(taFile);
  expect(sha256(fs.readFileSync(await original.path()))).toBe(sha256(ta));
  // …and from the revision history, the same.
  const fromHistory = page.waitForEvent('download');
  await taReceived.getByRole('button', { name: 'Mở tệp gốc lần 1 của Tòa án nhân dân tỉnh' }).click();
  expect(sha256(fs.readFileSync(await (await fromHistory).path()))).toBe(sha256(ta));

  // The overview agrees: two received, one of them late; Đình Lập is missing.
  await shell.go('Tổng quan');
  const overview = new OverviewPage(page);
  await expect(overview.agencyRow('Huyện ủy Đình Lập')).toContainText('Chưa nộp');
  await expect(overview.agencyRow('Viện Kiểm sát nhân dân tỉnh')).toContainText('Nộp muộn');
});

test('a report already received: its received date put right, and a figure a rule refuses let through with a reason', async ({ page }) => {
  app = await startApp({ demo: true });
  const calls: string[] = [];
  page.on('request', (r) => {
    const m = /\/api\/([\w.]+)$/u.exec(r.url());
    if (m?.[1]) calls.push(m[1]);
  });
  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');
  await shell.go('Nhận báo cáo');
  const intake = new IntakePage(page);
  const row = intake.receivedRow('Viện Kiểm sát nhân dân tỉnh');
  await expect(row).toContainText('Đúng hạn');

  // The paper copy is stamped 21/03/2022: after the due date (18/03).
  await row.getByRole('button', { name: 'Sửa ngày nhận: Viện Kiểm sát nhân dân tỉnh' }).click();
  const receipt = intake.dialog('Sửa ngày nhận báo cáo của Viện Kiểm sát nhân dân tỉnh');
  await intake.setDate(receipt.getByLabel('Ngày nhận', { exact: true }), '21/03/2022');
  await receipt.getByLabel('Số văn bản đến').fill('12/BC-VKS');
  await receipt.getByRole('button', { name: 'Lưu ngày nhận' }).click();
  await expect(receipt).toBeHidden();
  await expect(row).toContainText('21/03/2022');
  await expect(row).toContainText('Nộp muộn');
  await expect(row).toContainText('12/BC-VKS');

  // NV4.01 in the first quarter cannot be above the 6-month figure on record (6): refused, then accepted with a reason.
  const six = await figuresOnRecord(app, '2022-H1', 'VKS');
  const above = (six.get('indicator:NV4.01') ?? 0) + 2;
  await row.getByRole('button', { name: 'Sửa số liệu: Viện Kiểm sát nhân dân tỉnh' }).click();
  const dialog = intake.dialog('Sửa số liệu báo cáo của Viện Kiểm sát nhân dân tỉnh');
  const field = dialog.getByRole('combobox', { name: 'Chỉ tiêu hoặc nhiệm vụ cần sửa' });
  await field.click();
  await field.fill('NV4.01');
  await page.keyboard.press('Enter');
  await expect(dialog).toContainText(/Hiện tại: \d+/u);
  await dialog.getByLabel('Số liệu đúng').fill(String(above));
  await dialog.getByLabel('Ghi chú (bắt buộc)').fill('Theo công văn bổ sung số 14/VKS ngày 22/03/2022.');
  await dialog.getByRole('button', { name: 'Lưu số liệu đã sửa' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Chưa sửa được');
  await dialog.getByLabel('Lý do chấp nhận NV4.01').fill('Báo cáo 6 tháng của VKS ghi thiếu 2 cuộc kiểm tra; đơn vị sẽ gửi lại.');
  await shot(page, 'trust-received-refused');
  await dialog.getByRole('button', { name: 'Lưu số liệu đã sửa' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('Văn phòng sửa 1 ô');
  await row.click();
  await expect(intake.receivedDetail('Viện Kiểm sát nhân dân tỉnh')).toContainText(`Văn phòng sửa thành ${above}.`);
  // Refused once, then sent again with the reason.
  expect(calls.filter((c) => c === 'submissions.correct')).toHaveLength(2);
  const [entry] = await callApi(app, 'audit.list', { limit: 1 });
  expect(entry).toMatchObject({ action: 'correct', entity: 'submission' });
});

test('Nhập liệu: an empty report is refused as it is; a figure above the 6-month one is let through with a reason', async ({ page }) => {
  app = await startApp({ demo: true });
  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');
  await goTo(page, 'Nhập liệu');
  const entry = new EntryPage(page);
  // Bắc Sơn sent nothing for the first quarter; its 6-month report says 10 meetings (NV1.01).
  await entry.chooseAgency('Huyện ủy Bắc Sơn');
  await entry.save.click();
  await expect(page.getByRole('alert').first()).toContainText('Báo cáo chưa được lưu vì chưa có số liệu, tình trạng hay nội dung nào');

  await entry.figure('NV1.01').fill('12');
  await entry.figure('NV8.01').fill('2');
  await entry.save.click();
  const row = entry.indicatorRow('NV1.01');
  await expect(row.getByRole('alert')).toContainText('lớn hơn kỳ 6 tháng đầu năm 2022 (10)');
  await row.getByRole('button', { name: 'Chấp nhận có lý do NV1.01' }).click();
  const dialog = page.getByRole('dialog', { name: 'Chấp nhận số liệu NV1.01 có lý do' });
  await dialog.getByLabel('Lý do chấp nhận (bắt buộc)').fill('Huyện ủy xác nhận 12 hội nghị trong quý I; báo cáo 6 tháng ghi thiếu, sẽ gửi lại.');
  await shot(page, 'trust-entry-accept');
  await dialog.getByRole('button', { name: 'Chấp nhận', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu: lần nộp thứ 1' })).toBeVisible();
  await expect(row.getByRole('alert')).toHaveCount(0);
  const [s] = await callApi(app, 'submissions.list', { period: '2022-Q1', agency: 'HU-BS' });
  const detail = await callApi(app, 'submissions.get', { id: s?.id ?? 0 });
  expect(detail.acceptances).toMatchObject([{ rule: 'CUMULATIVE_FALLS', indicatorCode: 'NV1.01', reason: 'Huyện ủy xác nhận 12 hội nghị trong quý I; báo cáo 6 tháng ghi thiếu, sẽ gửi lại.' }]);
});
