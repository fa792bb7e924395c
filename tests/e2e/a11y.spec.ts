// Accessibility: axe on every screen with the demo data, Vietnamese. No serious or
// critical violation is allowed; anything excluded is named here with the reason.
import { seriousViolations } from './axe';
import { expect, test } from '@playwright/test';
import { fillForm, sampleValue } from '../fixtures/fill-form';
import { startApp, type RunningApp } from './server';
import { callApi } from './pages/api';
import { AdminPage } from './pages/AdminPage';
import { AppPage } from './pages/AppPage';
import { IntakePage, XLSX_MIME } from './pages/IntakePage';

const SCREENS = ['Tổng quan', 'Biểu mẫu', 'Nhận báo cáo', 'Tổng hợp', 'Kế hoạch', 'Đơn vị', 'Kỳ báo cáo', 'Nhật ký', 'Cài đặt'];


let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

test('every screen passes axe with no serious or critical violation', async ({ page }) => {
  test.setTimeout(300_000);
  app = await startApp({ demo: true });
  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');
  const admin = new AdminPage(page);
  const found: Record<string, string[]> = {};
  for (const screen of SCREENS) {
    await admin.go(screen);
    await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
    const v = await seriousViolations(page);
    if (v.length > 0) found[screen] = v;
  }
  // The dialogs of the administration screens, too.
  await admin.go('Kế hoạch');
  await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
  await expect(admin.dialog('Thêm nhiệm vụ')).toBeVisible();
  const dialog = await seriousViolations(page);
  if (dialog.length > 0) found['Kế hoạch: Thêm nhiệm vụ'] = dialog;
  expect(found).toEqual({});
});

test('Nhận báo cáo: a refused file\u2019s detail and the dialogs that put reports right pass axe', async ({ page }) => {
  test.setTimeout(120_000);
  app = await startApp({ demo: true });
  // Công an tỉnh's form with figures far above its 6-month report: refused, every check with its buttons.
  const [form] = await callApi(app, 'forms.generate', { period: '2022-Q1', agencies: ['CA'] });
  if (!form) throw new Error('no form');
  const filled = await fillForm(form.bytes, (entry) => (entry.field === 'indicator:NV1.02' ? null : sampleValue(entry, 7)));
  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');
  const admin = new AdminPage(page);
  await admin.go('Nhận báo cáo');
  const intake = new IntakePage(page);
  await intake.drop([{ name: 'BaoCao_2022-Q1_CA.xlsx', mimeType: XLSX_MIME, buffer: Buffer.from(filled.bytes) }]);
  await intake.expectChecked(1);
  await expect(intake.detailButton('BaoCao_2022-Q1_CA.xlsx', 'Sửa số liệu NV1.02')).toBeVisible();
  const found: Record<string, string[]> = {};
  const check = async (name: string) => {
    const v = await seriousViolations(page);
    if (v.length > 0) found[name] = v;
  };
  await check('Các tệp đang nhận: tệp bị từ chối');
  await intake.detailButton('BaoCao_2022-Q1_CA.xlsx', 'Sửa số liệu NV1.02').click();
  await expect(intake.dialog(/^Sửa số liệu báo cáo của/u)).toBeVisible();
  await check('Sửa số liệu (bản xem trước)');
  await page.keyboard.press('Escape');
  await intake.detailButton('BaoCao_2022-Q1_CA.xlsx', 'Chấp nhận có lý do NV1.01').click();
  await expect(intake.dialog(/^Chấp nhận số liệu/u)).toBeVisible();
  await check('Chấp nhận có lý do');
  await page.keyboard.press('Escape');
  await intake.receivedRow('Công an tỉnh').getByRole('button', { name: 'Sửa ngày nhận: Công an tỉnh' }).click();
  await expect(intake.dialog(/^Sửa ngày nhận/u)).toBeVisible();
  await check('Sửa ngày nhận');
  await page.keyboard.press('Escape');
  await intake.receivedRow('Công an tỉnh').getByRole('button', { name: 'Sửa số liệu: Công an tỉnh' }).click();
  await expect(intake.dialog(/^Sửa số liệu báo cáo của Công an tỉnh/u)).toBeVisible();
  await check('Sửa số liệu (báo cáo đã nhận)');
  expect(found).toEqual({});
});
