// The clerk's round: choose the period, generate the forms, take in two filled forms
// and a broken file, commit, see completeness change, consolidate and export — and the
// exported workbook's total is the sum of what was filled.
import { expect, test, type Download } from '@playwright/test';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import fs from 'node:fs';
import { fillForm, sampleValue } from '../fixtures/fill-form';
import { startApp, type RunningApp } from './server';
import { AppPage } from './pages/AppPage';
import { ConsolidationPage } from './pages/ConsolidationPage';
import { FormsPage } from './pages/FormsPage';
import { IntakePage, XLSX_MIME } from './pages/IntakePage';
import { OverviewPage } from './pages/OverviewPage';

let app: RunningApp;
test.beforeEach(async () => {
  app = await startApp();
});
test.afterEach(async () => {
  await app.stop();
});

async function downloadBytes(download: Download): Promise<Uint8Array> {
  const file = await download.path();
  return new Uint8Array(fs.readFileSync(file));
}

test('forms out, reports in, consolidated workbook out', async ({ page }) => {
  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');

  // Forms: one zip download in browser mode.
  await shell.go('Biểu mẫu');
  const forms = new FormsPage(page);
  const zip = await forms.generateAllAndDownload();
  expect(zip.suggestedFilename()).toBe('BieuMau_2022-Q1.zip');
  const entries = unzipSync(await downloadBytes(zip));
  const names = Object.keys(entries);
  expect(names).toContain('BaoCao_2022-Q1_CA.xlsx');
  expect(names).toContain('BaoCao_2022-Q1_VKS.xlsx');
  await expect(page.getByRole('status').filter({ hasText: 'BieuMau_2022-Q1.zip' })).toBeVisible();

  // Two forms filled by a script that reads only `_meta`; NV2.01 gets known figures.
  const chosen: Record<string, number> = { CA: 120, VKS: 35 };
  const filled = await Promise.all(
    Object.entries(chosen).map(async ([agency, figure], seed) => {
      const form = entries[`BaoCao_2022-Q1_${agency}.xlsx`];
      if (!form) throw new Error(`no form for ${agency}`);
      const { bytes } = await fillForm(form, (entry) => (entry.field === 'indicator:NV2.01' ? figure : sampleValue(entry, seed)));
      return { name: `BaoCao_2022-Q1_${agency}.xlsx`, mimeType: XLSX_MIME, buffer: Buffer.from(bytes) };
    }),
  );
  const broken = { name: 'BaoCao_hong.xlsx', mimeType: XLSX_MIME, buffer: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)) };

  await shell.go('Nhận báo cáo');
  const intake = new IntakePage(page);
  await expect(intake.received.getByText('Chưa có báo cáo nào cho kỳ này')).toBeVisible();
  await intake.drop([...filled, broken]);
  await intake.expectChecked(3);
  await expect(intake.fileRow('BaoCao_hong.xlsx')).toContainText('Bị từ chối');
  // The rejected file opens by itself, with its place ("Cả tệp": the whole file) and message.
  await expect(intake.fileDetail('BaoCao_hong.xlsx')).toContainText('không phải là sổ làm việc Excel');
  await expect(intake.fileDetail('BaoCao_hong.xlsx')).toContainText('Cả tệp');
  await expect(intake.fileRow('BaoCao_2022-Q1_CA.xlsx')).toContainText('Hợp lệ, chưa lưu');
  await expect(intake.fileRow('BaoCao_2022-Q1_CA.xlsx')).toContainText('sẽ là lần nộp thứ 1');
  await expect(intake.commit).toHaveText('Nhận các tệp hợp lệ (2)');
  await intake.commit.click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã nhận 2 báo cáo' })).toBeVisible({ timeout: 60_000 });
  await expect(intake.receivedRow('Công an tỉnh')).toBeVisible();
  await expect(intake.receivedRow('Viện Kiểm sát nhân dân tỉnh')).toBeVisible();

  // Completeness on the overview.
  await shell.go('Tổng quan');
  const overview = new OverviewPage(page);
  await overview.expectReceived('2/21');
  await expect(overview.agencyRow('Công an tỉnh')).toContainText('Nộp muộn');

  // The consolidation: NV2.01 is 120 + 35; its breakdown names the source cells.
  await shell.go('Tổng hợp');
  const consolidation = new ConsolidationPage(page);
  const row = consolidation.indicatorRow('NV2.01');
  await expect(row).toContainText('155');
  await row.click();
  const breakdown = row.locator('xpath=following-sibling::tr[1]');
  await expect(breakdown).toContainText('Công an tỉnh');
  await expect(breakdown).toContainText('Báo cáo!');

  // The exported workbook says the same: 'Theo đơn vị', the SUM formula's cached result.
  const exported = await consolidation.exportConsolidated();
  expect(exported.suggestedFilename()).toBe('TongHop_2022-Q1.xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await downloadBytes(exported)) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Theo đơn vị');
  expect(sheet).toBeDefined();
  let totalColumn = 0;
  let nv201 = 0;
  sheet?.eachRow((r, n) => {
    r.eachCell((cell, col) => {
      if (cell.value === 'Tổng hợp') totalColumn = col;
    });
    if (r.getCell(2).value === 'NV2.01') nv201 = n;
  });
  expect(totalColumn).toBeGreaterThan(0);
  expect(nv201).toBeGreaterThan(0);
  const total = sheet?.getCell(nv201, totalColumn).value as ExcelJS.CellFormulaValue;
  expect(total.formula).toMatch(/^SUM\(/u);
  expect(total.result).toBe(120 + 35);
});
