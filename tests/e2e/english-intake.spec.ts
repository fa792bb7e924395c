// Receiving in English (#14): the server says its problems in Vietnamese with their raw
// values, and the English screen says them again in English by code, with the periods
// in English words ("H1 2022", "9 months of 2022"), never their codes. Every
// expand button names its row, and a file no saved layout profile reads offers, in
// place, to make the profile from that very file. The locators are written here, in
// English, rather than in the Vietnamese page objects.
import { expect, test, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { fillForm, sampleValue } from '../fixtures/fill-form';
import { startApp, type RunningApp } from './server';
import { callApi } from './pages/api';
import { XLSX_MIME } from './pages/IntakePage';

const NINE = '2022-9M';
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

/** The period chosen in the frame's selector, typed as its (Vietnamese) label reads. */
async function choosePeriod(page: Page, label: string): Promise<void> {
  const select = page.getByRole('combobox', { name: /^(Kỳ báo cáo|Reporting period)$/u });
  await expect(page.locator('.period-select')).not.toBeEmpty();
  await select.click();
  await select.fill(label);
  await expect(page.locator('.ant-select-item-option').filter({ hasText: label }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('.period-select')).toContainText(label);
}

function fileRow(page: Page, name: string): Locator {
  return page.locator('tr.batch-row').filter({ hasText: name });
}

function fileDetail(page: Page, name: string): Locator {
  return fileRow(page, name).locator('xpath=following-sibling::tr[1]');
}

test('English intake: a form of another period said in English words; expand buttons name their row; a file no profile reads offers to make one', async ({ page }) => {
  test.setTimeout(180_000);
  app = await startApp({ demo: true });
  const periods = await callApi(app, 'periods.list', { year: 2022 });
  if (!periods.some((p) => p.code === NINE)) await callApi(app, 'periods.create', { year: 2022, kind: 'nine-months' });
  // The procuracy sent its figures on the 6-month form while 9-month reports are being received.
  const [six] = await callApi(app, 'forms.generate', { period: '2022-H1', agencies: ['VKS'] });
  if (!six) throw new Error('no 6-month form for VKS');
  const { bytes: wrong } = await fillForm(six.bytes, (entry) => sampleValue(entry, 5));
  // And a workbook in a layout of its own, which no saved profile reads.
  const own = new ExcelJS.Workbook();
  own.addWorksheet('Báo cáo').addRows([
    ['STT', 'Nội dung', 'Số liệu'],
    [1, 'Số hội nghị quán triệt', 12],
  ]);
  const ownBytes = Buffer.from(await own.xlsx.writeBuffer());
  const wrongName = 'Bao cao VKS sau thang.xlsx';
  const ownName = 'Bao cao rieng HU.xlsx';

  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await choosePeriod(page, '9 tháng năm 2022');
  await page.getByRole('radiogroup', { name: 'Ngôn ngữ giao diện' }).getByText('EN', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Receive reports' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Receive reports');

  await page.getByLabel('Choose report files').setInputFiles([
    { name: wrongName, mimeType: XLSX_MIME, buffer: Buffer.from(wrong) },
    { name: ownName, mimeType: XLSX_MIME, buffer: ownBytes },
  ]);
  await expect(page.locator('tr.batch-row')).toHaveCount(2);
  await expect(fileRow(page, wrongName)).toContainText('Rejected', { timeout: 60_000 });
  await expect(fileRow(page, ownName)).toContainText('Rejected', { timeout: 60_000 });

  // The period column says the form's period in words.
  await expect(fileRow(page, wrongName)).toContainText('H1 2022');
  await expect(fileRow(page, wrongName)).not.toContainText('2022-H1');

  // The refusal, in English: both periods in English words, neither code, no Vietnamese sentence.
  const detail = fileDetail(page, wrongName);
  const mismatch = detail.locator('tr.ant-table-row').filter({ hasText: 'this form is for' });
  await expect(mismatch).toContainText(`${wrongName}: this form is for H1 2022, but you are receiving reports for 9 months of 2022.`);
  await expect(mismatch).not.toContainText(/2022-(H1|9M)/u);
  await expect(mismatch).not.toContainText(VIETNAMESE);
  await expect(detail).not.toContainText('biểu mẫu này của kỳ');
  // The file's own sentence too.
  await expect(detail.locator('.outcome-message')).toHaveText(new RegExp(`^${wrongName.replace(/\./gu, '\\.')} was not received: \\d+ errors? to fix, listed below\\. Nothing was changed\\.$`, 'u'));

  // Each expand button names its row (the details opened by themselves, so each offers to collapse).
  await expect(fileRow(page, wrongName).locator('.ant-table-row-expand-icon')).toHaveAttribute('aria-label', `Collapse row ${wrongName}`);
  await expect(fileRow(page, ownName).getByRole('button', { name: `Collapse row ${ownName}`, exact: true })).toBeVisible();
  await fileRow(page, ownName).getByRole('button', { name: `Collapse row ${ownName}`, exact: true }).click();
  await expect(fileRow(page, ownName).getByRole('button', { name: `Expand row ${ownName}`, exact: true })).toHaveAttribute('aria-expanded', 'false');
  await fileRow(page, ownName).getByRole('button', { name: `Expand row ${ownName}`, exact: true }).click();

  // No dead end: the file no profile reads opens the wizard with itself as the sample.
  const ownDetail = fileDetail(page, ownName);
  await expect(ownDetail).toContainText('matches no saved layout profile');
  await ownDetail.getByRole('button', { name: `Create a layout profile from ${ownName}`, exact: true }).click();
  await expect(page).toHaveURL(/#\/profiles/u);
  await expect(page.getByText(`File: ${ownName}`, { exact: true })).toBeVisible({ timeout: 30_000 });
});
