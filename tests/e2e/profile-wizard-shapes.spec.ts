// Mẫu bố cục at 1280×720 on the demo database, the table shapes agencies send (issue 12):
// a row per agency (district committees, indicators across) made through the wizard,
// a row without an agency marked "bỏ qua", saved and read on its own by Nhận báo cáo;
// a workbook with a sheet per agency whose sub-rows are offered "bỏ qua" first and whose
// other suggestions say why; and a TCVN3 (.VnTime) workbook shown in Unicode, its rows
// matched by name with no hand picking. Screenshots go to test-results/wizard-shapes/.
import fs from 'node:fs';
import { seriousViolations } from './axe';
import { expect, test, type Page } from '@playwright/test';
import { buildDistrictWorkbook } from '../fixtures/foreign-workbooks';
import { buildLegacyWorkbook, legacyRowOf } from '../fixtures/legacy-workbooks';
import { buildAgencySheetsWorkbook, SHEET_ROWS } from '../fixtures/wizard-workbooks';
import { startApp, type RunningApp } from './server';
import { AppPage } from './pages/AppPage';
import { IntakePage, XLSX_MIME } from './pages/IntakePage';
import { goTo, WizardPage } from './pages/EntryChartsWizardPages';

const DIR = 'test-results/wizard-shapes';
test.use({ viewport: { width: 1280, height: 720 } });

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${DIR}/${name}.png`, fullPage });
}


let app: RunningApp | null = null;
test.beforeAll(() => fs.mkdirSync(DIR, { recursive: true }));
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

async function openWizard(page: Page): Promise<WizardPage> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  app = await startApp({ demo: true });
  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');
  page.once('close', () => expect(errors).toEqual([]));
  await goTo(page, 'Mẫu bố cục');
  const wizard = new WizardPage(page);
  await wizard.startNew();
  return wizard;
}

test('a row per agency: pointed at, a row without an agency marked "bỏ qua", saved, then read by Nhận báo cáo', async ({ page }) => {
  const wizard = await openWizard(page);
  const buffer = Buffer.from(await buildDistrictWorkbook());
  await wizard.fileInput.setInputFiles({ name: 'TongHop_HuyenUy_QuyI_2022.xlsx', mimeType: XLSX_MIME, buffer });
  await expect(page.getByText('Trang “Huyện ủy”')).toBeVisible();

  await page.getByRole('radio', { name: 'Mỗi dòng một đơn vị' }).check();
  // Three steps and the optional two: header rows 5–7, then the column naming each row's agency.
  await expect(page.getByRole('radiogroup', { name: 'Bấm vào bảng để chỉ' }).getByRole('radio')).toHaveCount(5);
  await wizard.rowHeader(5).click();
  await wizard.rowHeader(7).click();
  await expect(page.getByRole('status').filter({ hasText: 'Bấm vào cột ghi tên (hoặc mã) đơn vị' })).toBeVisible();
  await wizard.columnHeader('B').click();
  await expect(page.getByLabel('Cột tên đơn vị', { exact: true }).last()).toHaveValue('B');
  await page.getByRole('radiogroup', { name: 'Bấm vào bảng để chỉ' }).getByText('5. Ô ghi kỳ báo cáo').click();
  await wizard.cell('A3').click();
  await expect(page.getByLabel('Ô ghi kỳ báo cáo', { exact: true }).last()).toHaveValue('A3');
  await shot(page, 'agency-rows-pointed');

  await page.getByRole('button', { name: 'Xem trước' }).click();
  // The value columns and the indicators their headers name, by name.
  const columns = page.locator('tr.preview-column');
  await expect(columns.filter({ hasText: 'NV8.01' })).toContainText('khớp theo tên');
  await expect(columns.filter({ hasText: 'NV5.03' })).toBeVisible();
  await expect(wizard.previewRow(11)).toContainText('Huyện ủy Văn Lãng');
  await expect(wizard.previewRow(11)).toContainText('3 · 1 · 2 · 1');
  await expect(wizard.previewRow(14)).toContainText('Không khớp đơn vị nào');
  await expect(page.getByText(/^Theo dòng: Thành ủy Lạng Sơn 4 số liệu;/u)).toBeVisible();
  await shot(page, 'agency-rows-preview', true);

  await wizard.previewRow(14).getByRole('button', { name: 'Bỏ qua dòng 14' }).click();
  await expect(wizard.previewRow(14)).toContainText('Bỏ qua (đã đánh dấu trong mẫu)');
  await expect(page.getByText('1 dòng bỏ qua')).toBeVisible();
  await expect(page.getByText(/không khớp đơn vị nào và đã được bỏ qua/u)).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel('Tên mẫu bố cục').fill('Các huyện ủy – dòng theo đơn vị');
  await page.getByRole('button', { name: 'Lưu mẫu bố cục' }).click();
  await expect(page.getByText('Đã lưu mẫu bố cục “Các huyện ủy – dòng theo đơn vị”').first()).toBeVisible();

  await goTo(page, 'Nhận báo cáo');
  const intake = new IntakePage(page);
  await intake.drop([{ name: 'TongHop_HuyenUy_QuyI_2022.xlsx', mimeType: XLSX_MIME, buffer }]);
  // One file, five agencies' reports read from it through the new profile; the skipped row is none of them.
  await intake.expectChecked(1);
  const row = intake.fileRow('TongHop_HuyenUy_QuyI_2022.xlsx');
  await expect(row).toContainText('Thành ủy Lạng Sơn (TU-LS); Huyện ủy Tràng Định (HU-TD); Huyện ủy Văn Lãng (HU-VL); Huyện ủy Văn Quan (HU-VQ); Huyện ủy Bình Gia (HU-BG)');
  await expect(intake.batch).not.toContainText('Đảng ủy Khối');
  await shot(page, 'agency-rows-intake');
});

test('a sheet per agency: sub-rows offer "bỏ qua" first, suggestions say why', async ({ page }) => {
  const wizard = await openWizard(page);
  const buffer = Buffer.from(await buildAgencySheetsWorkbook());
  await wizard.fileInput.setInputFiles({ name: 'BaoCao_KhoiTuPhap_QuyI_2022.xlsx', mimeType: XLSX_MIME, buffer });
  await page.getByRole('radio', { name: 'Mỗi trang một đơn vị' }).check();
  await page.getByRole('radio', { name: 'Tên trang tính' }).check();
  await wizard.rowHeader(5).click();
  await wizard.rowHeader(5).click();
  await wizard.columnHeader('B').click();
  await wizard.cell('D5').click();
  await page.getByRole('button', { name: 'Xem trước' }).click();
  await expect(page.getByText(/^Theo trang: Công an tỉnh \d+ số liệu; Viện Kiểm sát nhân dân tỉnh \d+ số liệu; Tòa án nhân dân tỉnh \d+ số liệu$/u)).toBeVisible();

  // The sub-row's first choice is "bỏ qua", before any indicator.
  const sub = wizard.previewRow(SHEET_ROWS.subNew);
  await expect(sub).toContainText('Dòng con (thuộc dòng trên)');
  await expect(sub.getByRole('button').first()).toHaveText('Bỏ qua dòng con này');
  // The other suggestions say why: by its place in the plan, by the code written in it.
  await expect(wizard.previewRow(SHEET_ROWS['NV2.05']).getByRole('button').first()).toContainText('NV2.05');
  await expect(wizard.previewRow(SHEET_ROWS['NV2.05']).getByRole('button').first()).toContainText('theo vị trí trong kế hoạch');
  await expect(wizard.previewRow(SHEET_ROWS['NV2.07']).getByRole('button').first()).toContainText('theo mã');
  await shot(page, 'agency-sheets-preview', true);

  for (const row of [SHEET_ROWS.inWhich, SHEET_ROWS.subNew, SHEET_ROWS.subSolved]) {
    await wizard.previewRow(row).getByRole('button', { name: `Bỏ qua dòng ${row}` }).click();
    await expect(wizard.previewRow(row)).toContainText('Bỏ qua (đã đánh dấu trong mẫu)');
  }
  // A wrong top suggestion is one click away from the right one: the second is a button too.
  await wizard.previewRow(SHEET_ROWS['NV2.05']).getByRole('button', { name: /^Xác nhận dòng 13 là NV2\.05/u }).click();
  await expect(wizard.previewRow(SHEET_ROWS['NV2.05'])).toContainText('Đã xác nhận');
  await expect(page.getByText(/đã được đọc ở ô/u)).toHaveCount(0);
  await shot(page, 'agency-sheets-skipped', true);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Lưu mẫu bố cục' }).click();
  await expect(page.getByText(/^Đã lưu mẫu bố cục/u).first()).toBeVisible();
});

test('a TCVN3 (.VnTime) workbook: shown in Unicode, its rows matched by name and its agency found with no hand picking', async ({ page }) => {
  const wizard = await openWizard(page);
  const buffer = Buffer.from(await buildLegacyWorkbook({ encoding: 'tcvn3' }));
  await wizard.fileInput.setInputFiles({ name: 'BC_VKS_QuyI_2022.xlsx', mimeType: XLSX_MIME, buffer });
  // What the clerk reads: Vietnamese, not the font's bytes ("VIÖN KIÓM S¸T").
  await expect(wizard.cell('A2')).toHaveText('VIỆN KIỂM SÁT NHÂN DÂN TỈNH LẠNG SƠN');
  await expect(wizard.cell(`B${legacyRowOf('NV2.01')}`)).toHaveText('Số vụ án hình sự đã thụ lý');
  await expect(wizard.cell('D8')).toHaveText('Kỳ báo cáo');
  await wizard.rowHeader(7).click();
  await wizard.rowHeader(8).click();
  await wizard.columnHeader('B').click();
  await wizard.cell('D8').click();
  await wizard.cell('A2').click();
  await expect(page.getByLabel('Theo chữ tiêu đề', { exact: true }).last()).toHaveValue('Kỳ báo cáo');
  await shot(page, 'legacy-pointed');
  await page.getByRole('button', { name: 'Xem trước' }).click();
  await expect(page.getByText('Đơn vị: Viện Kiểm sát nhân dân tỉnh')).toBeVisible();
  for (const code of ['NV2.01', 'NV2.02', 'NV2.06', 'NV2.07', 'NV4.01', 'NV6.03', 'NV7.03']) {
    await expect(wizard.previewRow(legacyRowOf(code))).toContainText(code);
    await expect(wizard.previewRow(legacyRowOf(code))).toContainText('khớp theo tên');
  }
  await expect(page.locator('tr.preview-row.role-unmatched')).toHaveCount(0);
  await shot(page, 'legacy-preview', true);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Lưu mẫu bố cục' }).click();
  await expect(page.getByText('Đã lưu mẫu bố cục “Viện Kiểm sát nhân dân tỉnh – mẫu riêng”').first()).toBeVisible();
});
