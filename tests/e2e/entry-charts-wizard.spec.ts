// Nhập liệu, Biểu đồ, Mẫu bố cục at 1366×768 on the demo database: a paper report typed
// in (a negative figure refused next to its field, then saved as a revision), the charts
// drawn and saved as PNG, and a layout profile made by pointing at a foreign workbook,
// which the intake then reads on its own. Screenshots go to test-results/screenshots/.
import { expect, test, type Page } from '@playwright/test';
import { buildJudicialWorkbook, buildPoliceWorkbook } from '../fixtures/foreign-workbooks';
import { startApp, type RunningApp } from './server';
import { AppPage } from './pages/AppPage';
import { IntakePage, XLSX_MIME } from './pages/IntakePage';
import { ChartsPage, EntryPage, goTo, WizardPage } from './pages/EntryChartsWizardPages';

const DIR = 'test-results/screenshots';

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${DIR}/${name}.png`, fullPage });
}

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

async function openDemo(page: Page): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/iu.test(m.text())) errors.push(m.text());
  });
  app = await startApp({ demo: true });
  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');
  test.info().annotations.push({ type: 'errors', description: errors.join('\n') });
  page.once('close', () => expect(errors).toEqual([]));
}

test('Nhập liệu: a paper report typed in, a negative figure refused next to its field, then saved', async ({ page }) => {
  await openDemo(page);
  await goTo(page, 'Nhập liệu');
  await shot(page, 'entry-empty');
  const entry = new EntryPage(page);
  await entry.chooseAgency('Huyện ủy Bắc Sơn');
  await expect(page.getByText('Đơn vị chưa có báo cáo nào cho kỳ này.')).toBeVisible();

  await entry.figure('NV1.01').fill('-3');
  await entry.figure('NV5.02').fill('8');
  await entry.figure('NV5.03').fill('6');
  await entry.figure('NV8.01').fill('2');
  // The ratio is shown computed from its parts, not typed.
  await expect(entry.indicatorRow('NV5.04')).toContainText('75%');
  await expect(entry.indicatorRow('NV5.04').locator('input')).toHaveCount(0);
  await entry.setStatus('Thứ nhất', 'Hoàn thành');
  await page.getByLabel('Kết quả thực hiện').first().fill('Đã tổ chức 3 hội nghị quán triệt tại các xã.');
  await page.getByLabel('Số văn bản đến').fill('15/BC-HU');
  await entry.save.click();
  // The Api's problem, in Vietnamese, next to the field it is about.
  await expect(entry.indicatorRow('NV1.01').getByRole('alert')).toContainText('số âm');
  await shot(page, 'entry-problem');

  await entry.figure('NV1.01').fill('3');
  await entry.save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu: lần nộp thứ 1' })).toBeVisible();
  await expect(entry.indicatorRow('NV1.01').getByRole('alert')).toHaveCount(0);
  await shot(page, 'entry-saved');

  // Saved again, it is a new revision; the intake lists it.
  await entry.figure('NV8.01').fill('4');
  await entry.save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu: lần nộp thứ 2' })).toBeVisible();
  await goTo(page, 'Nhận báo cáo');
  const intake = new IntakePage(page);
  await expect(intake.receivedRow('Huyện ủy Bắc Sơn')).toBeVisible();
  await expect(intake.receivedRow('Huyện ủy Bắc Sơn')).toContainText('2');

  // Back on Nhập liệu, the agency's report is prefilled from its current revision.
  await goTo(page, 'Nhập liệu');
  await entry.chooseAgency('Huyện ủy Bắc Sơn');
  await expect(page.getByText(/Đã điền sẵn theo lần nộp thứ 2/u)).toBeVisible();
  await expect(entry.figure('NV8.01')).toHaveValue('4');
  await expect(entry.figure('NV5.02')).toHaveValue('8');
});

test('Biểu đồ: the charts draw and one is saved as a PNG', async ({ page }) => {
  await openDemo(page);
  await goTo(page, 'Biểu đồ');
  const charts = new ChartsPage(page);
  await expect(charts.canvas('Tiến độ nộp báo cáo các kỳ năm 2022')).toBeVisible();
  await expect(charts.canvas(/^Tình trạng thực hiện nhiệm vụ/u)).toBeVisible();
  await expect(charts.canvas(/qua các kỳ năm 2022$/u)).toBeVisible();
  await expect(charts.canvas(/theo đơn vị/u)).toBeVisible();
  // Choose an indicator for the two lower charts.
  const select = page.getByRole('combobox', { name: 'Chọn chỉ tiêu' });
  await select.click();
  await select.fill('NV2.01');
  await page.keyboard.press('Enter');
  await expect(charts.canvas('Chỉ tiêu NV2.01 theo đơn vị – Quý I năm 2022')).toBeVisible();
  await shot(page, 'charts');

  const download = await charts.savePng('Tiến độ nộp báo cáo các kỳ năm 2022');
  expect(download.suggestedFilename()).toBe('BieuDo_TienDo_2022.png');
  const file = await download.path();
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(file);
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(bytes.length).toBeGreaterThan(2000);
});

test('Mẫu bố cục: point at a foreign workbook, confirm a suggestion, save; the intake then reads it on its own', async ({ page }) => {
  await openDemo(page);
  await goTo(page, 'Mẫu bố cục');
  const wizard = new WizardPage(page);
  await wizard.startNew();
  await shot(page, 'wizard-empty');
  const buffer = Buffer.from(await buildPoliceWorkbook());
  await wizard.fileInput.setInputFiles({ name: 'BC_CongAn_QuyI_2022.xlsx', mimeType: XLSX_MIME, buffer });
  // The table's sheet is chosen (not the help sheet), merged cells shown merged, Vietnamese intact.
  await expect(page.getByText('Trang “Báo cáo quý”')).toBeVisible();
  await expect(wizard.cell('A1')).toHaveText('CÔNG AN TỈNH LẠNG SƠN');
  await expect(wizard.cell('A1')).toHaveAttribute('colspan', '3');
  await expect(wizard.cell('D5')).toHaveAttribute('colspan', '3');
  await expect(wizard.cell('B5')).toHaveAttribute('rowspan', '2');

  // Point: header rows 5–6, the key column B, this period's column (D6: "Kỳ báo cáo"), the agency in A1.
  await wizard.rowHeader(5).click();
  await wizard.rowHeader(6).click();
  await wizard.columnHeader('B').click();
  await wizard.cell('D6').click();
  await wizard.cell('A1').click();
  await expect(page.getByLabel('Theo chữ tiêu đề', { exact: true }).last()).toHaveValue('Kỳ báo cáo');
  // Optional: the table ends at row 21 (the total and the signatures below are not read), and A3 names the period.
  await wizard.rowHeader(21).click();
  await wizard.cell('A3').click();
  await expect(page.getByLabel('Dòng cuối của bảng', { exact: true }).last()).toHaveValue('21');
  await expect(page.getByLabel('Ô ghi kỳ báo cáo', { exact: true }).last()).toHaveValue('A3');
  await shot(page, 'wizard-pointed');

  await page.getByRole('button', { name: 'Xem trước' }).click();
  await expect(page.getByText('Đơn vị: Công an tỉnh')).toBeVisible();
  await expect(page.getByText('Ô ghi kỳ: “BÁO CÁO SỐ LIỆU QUÝ I NĂM 2022”')).toBeVisible();
  await expect(wizard.previewRow(21)).toBeVisible();
  await expect(wizard.previewRow(23)).toHaveCount(0);
  await expect(wizard.previewRow(8)).toContainText('NV2.01');
  await expect(wizard.previewRow(11)).toContainText('Chưa khớp chỉ tiêu nào');
  await shot(page, 'wizard-preview', true);
  // The unit's own wording: confirm the suggested indicator.
  await wizard.previewRow(11).getByRole('button', { name: /^Xác nhận dòng 11 là NV2\.07/u }).click();
  await expect(wizard.previewRow(11)).toContainText('Đã xác nhận');
  await expect(wizard.previewRow(11)).toContainText('NV2.07');

  await page.getByRole('button', { name: 'Lưu mẫu bố cục' }).click();
  await expect(page.getByText('Đã lưu mẫu bố cục “Công an tỉnh – mẫu riêng”').first()).toBeVisible();
  await shot(page, 'wizard-saved');

  // The same workbook on Nhận báo cáo: recognised through the new profile, and it says so.
  await goTo(page, 'Nhận báo cáo');
  const intake = new IntakePage(page);
  await intake.drop([{ name: 'BC_CongAn_QuyI_2022.xlsx', mimeType: XLSX_MIME, buffer }]);
  await intake.expectChecked(1);
  // Its quarter's inspections and training (NV4.01–NV4.03) are above the 6-month report
  // on record, which cannot be for cumulative figures: refused until the clerk, having
  // asked the police, lets each through with the reason.
  await expect(intake.fileRow('BC_CongAn_QuyI_2022.xlsx')).toContainText('Bị từ chối');
  for (const code of ['NV4.01', 'NV4.02', 'NV4.03']) {
    await intake.acceptCheck('BC_CongAn_QuyI_2022.xlsx', code, 'Công an tỉnh xác nhận số quý I là đúng; báo cáo 6 tháng ghi thiếu, đơn vị sẽ gửi lại.');
  }
  await expect(intake.fileRow('BC_CongAn_QuyI_2022.xlsx')).toContainText('Hợp lệ, chưa lưu');
  await expect(intake.fileDetail('BC_CongAn_QuyI_2022.xlsx')).toContainText('Chấp nhận có lý do (3)');
  await intake.commit.click();
  await expect(intake.fileRow('BC_CongAn_QuyI_2022.xlsx')).toContainText('Đã nhận');
  // Still open from the preview: the message says how it was read.
  await expect(intake.fileDetail('BC_CongAn_QuyI_2022.xlsx')).toContainText('đọc theo mẫu bố cục "Công an tỉnh – mẫu riêng"');
  await shot(page, 'wizard-intake');
});

test('Mẫu bố cục: one column per agency, pointed at and previewed, then saved', async ({ page }) => {
  await openDemo(page);
  await goTo(page, 'Mẫu bố cục');
  const wizard = new WizardPage(page);
  await wizard.startNew();
  const buffer = Buffer.from(await buildJudicialWorkbook());
  await wizard.fileInput.setInputFiles({ name: 'SoLieu_KhoiNoiChinh_QuyI_2022.xlsx', mimeType: XLSX_MIME, buffer });
  await expect(page.getByText('Trang “Số liệu khối nội chính”')).toBeVisible();

  // Header rows 5–7 (the agencies are named in row 6, row 7 numbers the columns), codes in B.
  await wizard.rowHeader(5).click();
  await wizard.rowHeader(7).click();
  await wizard.columnHeader('B').click();
  await page.getByLabel('Khớp dòng với chỉ tiêu theo').getByText('Mã', { exact: true }).click();
  // Each agency has its own column: no single value column; D, E and F are pointed at in turn.
  await page.getByRole('radio', { name: 'Mỗi cột một đơn vị' }).check();
  await page.getByRole('radiogroup', { name: 'Bấm vào bảng để chỉ' }).getByText('4. Các cột của đơn vị').click();
  await expect(page.getByRole('status').filter({ hasText: 'Bấm vào từng cột số liệu của một đơn vị' })).toBeVisible();
  for (const col of ['D', 'E', 'F', 'G', 'G']) await wizard.columnHeader(col).click();
  await expect(page.getByLabel('Các cột của đơn vị', { exact: true }).last()).toHaveValue('D, E, F');
  await expect(page.getByText('Không cần: số liệu của mỗi đơn vị nằm ở cột của đơn vị đó.')).toBeVisible();

  await page.getByRole('button', { name: 'Xem trước' }).click();
  await expect(page.getByText(/^Theo cột: Công an tỉnh \d+ số liệu; Viện Kiểm sát nhân dân tỉnh \d+ số liệu; Tòa án nhân dân tỉnh \d+ số liệu$/u)).toBeVisible();
  await expect(wizard.previewRow(9)).toContainText('NV2.01');
  await shot(page, 'wizard-columns', true);
  await page.getByLabel('Tên mẫu bố cục').fill('Khối nội chính – cột theo đơn vị');
  await page.getByRole('button', { name: 'Lưu mẫu bố cục' }).click();
  await expect(page.getByText('Đã lưu mẫu bố cục “Khối nội chính – cột theo đơn vị”').first()).toBeVisible();
});
