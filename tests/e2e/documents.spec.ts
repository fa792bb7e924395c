// The documents the office sends, from the screens: who signs them and their "Nơi nhận"
// (Cài đặt), the written report (Tổng hợp), the reminder letters with a new due date
// that must be a working day (Tiến độ nộp, Tổng quan), and "In" on the views a clerk
// puts on paper. Screenshots of the dialogs and PNGs of the printed pages go to
// test-results/documents/ for a person to look at.
import fs from 'node:fs';
import { seriousViolations } from './axe';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { vi } from '../../renderer/i18n/vi';
import { startApp, type RunningApp } from './server';
import { callApi } from './pages/api';
import { AppPage } from './pages/AppPage';
import { DocumentsPage, docxText, downloadedBytes, expectA4Portrait, printView } from './pages/DocumentsPage';
import { SettingsPage } from './pages/SettingsPage';

const DIR = 'test-results/documents';

async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${DIR}/${name}.png`, fullPage: options.fullPage ?? false });
}


let app: RunningApp | null = null;
test.beforeAll(() => fs.mkdirSync(DIR, { recursive: true }));
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

test('Cài đặt: the signer, the Nơi nhận lines and the extra days off and working days are saved and shown again', async ({ page }) => {
  app = await startApp();
  const settings = new SettingsPage(page);
  await settings.open(app.url, 'Cài đặt');
  const signer = page.locator('form[id="signer"]');
  await expect(signer.getByLabel('Thẩm quyền ký')).toHaveValue('T/M BAN CHỈ ĐẠO');
  await signer.getByLabel('Chức vụ người ký').fill('PHÓ TRƯỞNG BAN THƯỜNG TRỰC');
  await signer.getByLabel('Họ và tên người ký').fill('Nguyễn Văn Thành');
  // The lines of "Nơi nhận": one put right, one added and moved up, one removed.
  await signer.getByLabel('Nơi nhận, dòng 3').fill('Các đồng chí thành viên Ban Chỉ đạo (để thực hiện),');
  await signer.getByRole('button', { name: 'Thêm nơi nhận' }).click();
  await signer.getByLabel('Nơi nhận, dòng 5').fill('Các cơ quan, đơn vị (để thực hiện),');
  await signer.getByRole('button', { name: 'Đưa dòng 5 của nơi nhận lên trên' }).click();
  await signer.getByRole('button', { name: 'Xóa dòng 2 của nơi nhận' }).click();
  // The preview is the foot of a document: "Nơi nhận:" and its lines, the signature block.
  const preview = signer.getByRole('group', { name: 'Xem trước phần cuối văn bản' });
  await expect(preview).toContainText('- Các cơ quan, đơn vị (để thực hiện),');
  await expect(preview).toContainText('PHÓ TRƯỞNG BAN THƯỜNG TRỰC');
  await signer.getByRole('button', { name: 'Lưu người ký và nơi nhận' }).click();
  await settings.expectMessage('Đã lưu người ký và nơi nhận.');

  const days = page.locator('.ant-card').filter({ has: page.getByText('Ngày nghỉ, ngày làm việc bù', { exact: true }) });
  const offPicker = days.getByLabel('Chọn ngày để thêm vào: Ngày nghỉ thêm');
  const workPicker = days.getByLabel('Chọn ngày để thêm vào: Ngày làm việc bù');
  // Tết 2023 as the government announced it: 20/01 and 26/01 off beside the holidays.
  await settings.typeDate(offPicker, '26/01/2023');
  await days.getByRole('button', { name: 'Thêm ngày vào: Ngày nghỉ thêm' }).click();
  await settings.typeDate(offPicker, '20/01/2023');
  await days.getByRole('button', { name: 'Thêm ngày vào: Ngày nghỉ thêm' }).click();
  await settings.typeDate(workPicker, '14/01/2023');
  await days.getByRole('button', { name: 'Thêm ngày vào: Ngày làm việc bù' }).click();
  // A day cannot be both off and worked, nor listed twice.
  await settings.typeDate(workPicker, '20/01/2023');
  await days.getByRole('button', { name: 'Thêm ngày vào: Ngày làm việc bù' }).click();
  await expect(days.getByRole('alert')).toHaveText('Ngày 20/01/2023 đang có trong danh sách “Ngày nghỉ thêm”; một ngày không thể vừa nghỉ vừa làm việc.');
  await settings.typeDate(offPicker, '26/01/2023');
  await days.getByRole('button', { name: 'Thêm ngày vào: Ngày nghỉ thêm' }).click();
  await expect(days.getByRole('alert').first()).toHaveText('Ngày 26/01/2023 đã có trong danh sách.');
  // Sorted, with the day of the week, dd/mm/yyyy.
  await expect(days.getByRole('list', { name: 'Ngày nghỉ thêm' }).getByRole('listitem')).toHaveText([/^Thứ Sáu, 20\/01\/2023/u, /^Thứ Năm, 26\/01\/2023/u]);
  await expect(days.getByText('Có thay đổi chưa lưu')).toBeVisible();
  // The two cards under the top bar, as the clerk sees them (a full-page picture would draw the sticky bars mid-page).
  await page.locator('.ant-card').filter({ has: page.getByText('Người ký và nơi nhận', { exact: true }) }).evaluate((el) => {
    el.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -80);
  });
  await shot(page, 'settings-signer-days');
  await days.getByRole('button', { name: 'Lưu ngày nghỉ, ngày làm việc bù' }).click();
  await settings.expectMessage('Đã lưu ngày nghỉ, ngày làm việc bù.');

  // Stored through the Api, and shown again after a reload.
  const stored = await callApi(app, 'settings.get', {});
  expect(stored.signer).toEqual({ capacity: 'T/M BAN CHỈ ĐẠO', title: 'PHÓ TRƯỞNG BAN THƯỜNG TRỰC', name: 'Nguyễn Văn Thành' });
  expect(stored.recipients).toEqual([
    'Ban Chỉ đạo Cải cách tư pháp Trung ương (b/c),',
    'Các đồng chí thành viên Ban Chỉ đạo (để thực hiện),',
    'Các cơ quan, đơn vị (để thực hiện),',
    'Lưu Văn phòng.',
  ]);
  expect(stored.extraDaysOff).toEqual(['2023-01-20', '2023-01-26']);
  expect(stored.extraWorkingDays).toEqual(['2023-01-14']);
  await page.reload();
  await expect(settings.heading).toHaveText('Cài đặt');
  await expect(signer.getByLabel('Họ và tên người ký')).toHaveValue('Nguyễn Văn Thành');
  await expect(signer.getByLabel('Nơi nhận, dòng 3')).toHaveValue('Các cơ quan, đơn vị (để thực hiện),');
  await expect(days.getByRole('list', { name: 'Ngày làm việc bù' })).toHaveText(/Thứ Bảy, 14\/01\/2023/u);
  await expect(days.getByText('Có thay đổi chưa lưu')).toHaveCount(0);
  // A day taken off again is saved as gone.
  await days.getByRole('button', { name: 'Xóa ngày 14/01/2023 khỏi: Ngày làm việc bù' }).click();
  await days.getByRole('button', { name: 'Lưu ngày nghỉ, ngày làm việc bù' }).click();
  await settings.expectMessage('Đã lưu ngày nghỉ, ngày làm việc bù.');
  expect((await callApi(app, 'settings.get', {})).extraWorkingDays).toEqual([]);
});

test('Tổng hợp: the report dialog downloads a .docx draft of the period’s report with its number', async ({ page }) => {
  app = await startApp({ demo: true });
  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');
  await shell.go('Tổng hợp');
  const docs = new DocumentsPage(page);
  await docs.reportButton.click();
  await expect(docs.report).toBeVisible();
  await docs.report.getByLabel('Số và ký hiệu').fill('45-BC/BCĐ');
  await docs.typeDate(docs.report.getByLabel('Ngày văn bản'), '22/03/2022');
  await shot(page, 'dialog-report');
  const download = await docs.download(docs.report.getByRole('button', { name: 'Tạo dự thảo' }));
  expect(download.suggestedFilename()).toMatch(/\.docx$/u);
  const bytes = await downloadedBytes(download);
  // A docx is a zip whose body is word/document.xml.
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const text = docxText(bytes);
  expect(text).toMatch(/Báo cáo kết quả thực hiện nhiệm vụ cải cách tư pháp/iu);
  expect(text).toMatch(/Quý I năm 2022/iu);
  expect(text).toContain('45-BC/BCĐ');
  expect(text).toContain('ngày 22 tháng 03 năm 2022');
  await expect(docs.report).toBeHidden();
  // The number is kept for the period: the consolidated workbook, the report's annex,
  // carries it in its heading, and the next draft starts from it.
  await expect(page.getByText('Biểu tổng hợp xuất ra là phụ lục của báo cáo số 45-BC/BCĐ, ngày 22/03/2022.')).toBeVisible();
  const workbook = unzipSync(await downloadedBytes(await docs.download(page.getByRole('button', { name: 'Xuất biểu tổng hợp' }))));
  const cells = Object.entries(workbook)
    .filter(([name]) => name === 'xl/sharedStrings.xml' || name.startsWith('xl/worksheets/'))
    .map(([, part]) => Buffer.from(part).toString('utf8'))
    .join('\n');
  expect(cells).toContain('45-BC/BCĐ');
  await docs.reportButton.click();
  await expect(docs.report.getByLabel('Số và ký hiệu')).toHaveValue('45-BC/BCĐ');
  await expect(docs.report.getByLabel('Ngày văn bản')).toHaveValue('22/03/2022');
});

test('Reminder letters: a Sunday and a Tết day are refused with the reason and the next working day offered; the letters download', async ({ page }) => {
  app = await startApp({ demo: true });
  await callApi(app, 'agencies.update', { code: 'HU-BS', changes: { contactPerson: 'Hoàng Thị Minh Nguyệt', contactPhone: '0205 3881 234' } });
  // This year's notice: 20/01 and 26/01/2023 off beside the five days of Tết.
  await callApi(app, 'settings.update', { extraDaysOff: ['2023-01-20', '2023-01-26'] });
  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');
  await shell.go('Tổng hợp');
  const docs = new DocumentsPage(page);
  await page.getByRole('tab', { name: /^Tiến độ nộp/u }).click();
  await expect(page.locator('.receipts-table tr.ant-table-row')).toHaveCount(21);
  await expect(page.locator('.receipts-table tr.ant-table-row').filter({ hasText: 'Huyện ủy Bắc Sơn' })).toContainText('Hoàng Thị Minh Nguyệt');
  await shot(page, 'consolidation-receipts');
  await docs.remindButton.click();
  await expect(docs.reminders).toBeVisible();

  // The agencies without a report, and the one whose report was returned, all chosen.
  await expect(docs.reminders.locator('.remind-list li')).toHaveCount(3);
  for (const agency of ['Huyện ủy Đình Lập', 'Huyện ủy Bắc Sơn', 'Huyện ủy Chi Lăng']) await expect(docs.reminderRow(agency).getByRole('checkbox')).toBeChecked();
  await expect(docs.reminderRow('Huyện ủy Chi Lăng')).toContainText(vi['receipt.returned']);
  await expect(docs.reminderRow('Huyện ủy Bắc Sơn')).toContainText('Hoàng Thị Minh Nguyệt');
  await expect(docs.reminderRow('Huyện ủy Bắc Sơn')).toContainText('ĐT: 0205 3881 234');
  await expect(docs.reminderRow('Huyện ủy Đình Lập')).toContainText('Chưa có người liên hệ');
  await expect(docs.reminders.locator('.due-original')).toHaveText('18/03/2022');

  // One letter per agency: the number is counted on from the first, as the letters are registered.
  await docs.reminders.getByLabel('Số và ký hiệu').fill('CV/BCĐ');
  await expect(docs.reminders.getByRole('alert')).toContainText('Số phải bắt đầu bằng chữ số để đánh số tiếp cho 3 công văn');
  await docs.reminders.getByLabel('Số và ký hiệu').fill('12-CV/BCĐ');
  await expect(docs.reminders).toContainText('3 công văn mang số từ 12-CV/BCĐ đến 14-CV/BCĐ.');
  await docs.typeDate(docs.reminders.getByLabel('Ngày văn bản'), '13/01/2023');
  const create = docs.reminders.getByRole('button', { name: 'Tạo 3 công văn' });

  // A Sunday: refused, with the reason and the next working day.
  await docs.typeDate(docs.newDue, '15/01/2023');
  await expect(docs.reminders.getByRole('alert')).toContainText('Ngày 15/01/2023 không phải ngày làm việc: Chủ nhật.');
  await expect(docs.reminders.getByRole('button', { name: 'Lấy ngày làm việc kế tiếp: Thứ Hai, 16/01/2023' })).toBeVisible();
  await expect(create).toBeDisabled();
  await shot(page, 'dialog-reminders-sunday');

  // A day of Tết: refused; the next working day skips the rest of Tết and the day off of Cài đặt.
  await docs.typeDate(docs.newDue, '24/01/2023');
  await expect(docs.reminders.getByRole('alert')).toContainText('Ngày 24/01/2023 không phải ngày làm việc: Tết Nguyên đán.');
  const next = docs.reminders.getByRole('button', { name: 'Lấy ngày làm việc kế tiếp: Thứ Sáu, 27/01/2023' });
  await expect(create).toBeDisabled();
  await shot(page, 'dialog-reminders-tet');
  await next.click();
  await expect(docs.newDue).toHaveValue('27/01/2023');
  await expect(docs.reminders).toContainText('Thứ Sáu, 27/01/2023: ngày làm việc.');
  await expect(create).toBeEnabled();
  await shot(page, 'dialog-reminders-ready');

  // One letter per agency: three .docx in one zip, numbered on from the first.
  const zip = await docs.download(create);
  expect(zip.suggestedFilename()).toBe('CongVanDonDoc_2022-Q1.zip');
  const letters = unzipSync(await downloadedBytes(zip));
  const names = Object.keys(letters).sort();
  expect(names).toHaveLength(3);
  const texts = names.map((n) => docxText(letters[n] ?? new Uint8Array()));
  for (const text of texts) expect(text).toContain('27/01/2023');
  expect(texts.join('\n')).toContain('Huyện ủy Bắc Sơn');
  for (const n of ['12-CV/BCĐ', '13-CV/BCĐ', '14-CV/BCĐ']) expect(texts.some((x) => x.includes(n))).toBe(true);
  await expect(docs.reminders).toBeHidden();

  // From Tổng quan: one letter for the agencies still chosen.
  await shell.go('Tổng quan');
  await docs.remindButton.click();
  await expect(docs.reminders).toBeVisible();
  await docs.reminderRow('Huyện ủy Đình Lập').getByRole('checkbox').uncheck();
  await expect(docs.reminders.getByText('Gửi đến (2/3 đơn vị chưa nộp hoặc bị trả lại báo cáo)')).toBeVisible();
  await docs.reminders.getByRole('radio', { name: 'Một công văn chung cho các đơn vị đã chọn' }).check();
  await docs.typeDate(docs.reminders.getByLabel('Ngày văn bản'), '13/01/2023');
  await docs.typeDate(docs.newDue, '30/01/2023');
  await expect(docs.reminders).toContainText('Thứ Hai, 30/01/2023: ngày làm việc.');
  await shot(page, 'dialog-reminders-one');
  const one = await docs.download(docs.reminders.getByRole('button', { name: 'Tạo công văn' }));
  expect(one.suggestedFilename()).toMatch(/\.docx$/u);
  const text = docxText(await downloadedBytes(one));
  expect(text).toContain('Huyện ủy Bắc Sơn');
  expect(text).toContain('Huyện ủy Chi Lăng');
  expect(text).not.toContain('Huyện ủy Đình Lập');
  expect(text).toContain('30/01/2023');
});

test('In: Tổng quan, Tiến độ nộp and Kiểm tra số liệu print on A4 without the navigation, under the office’s name and the period', async ({ page }) => {
  test.setTimeout(180_000);
  app = await startApp({ demo: true });
  // Something for Kiểm tra số liệu to list: Công an tỉnh's 6 months below its quarter on
  // NV2.02, let through with a reason (an error accepted), and a figure Sở Tư pháp reported
  // on an indicator it no longer reports (a warning).
  const ca = (await callApi(app, 'submissions.list', { period: '2022-H1', agency: 'CA' })).find((s) => s.current);
  const report = await callApi(app, 'submissions.get', { id: ca?.id ?? 0 });
  await callApi(app, 'submissions.enter', {
    period: '2022-H1',
    agency: 'CA',
    receivedOn: report.receivedOn,
    taskReports: report.taskReports.map(({ taskCode, status, results, difficulties, proposals }) => ({ taskCode, status, results, difficulties, proposals })),
    values: report.values.map(({ indicatorCode, number, text, sourceCell }) => ({ indicatorCode, number: indicatorCode === 'NV2.02' ? 170 : number, text, sourceCell })),
    accept: [{ rule: 'CUMULATIVE_FALLS', indicator: 'NV2.02', reason: 'Công an tỉnh rà soát lại, loại 8 vụ đã tính trùng ở quý I' }],
  });
  const plan = await callApi(app, 'plans.get', { year: 2022 });
  const nv103 = plan.tasks.flatMap((t) => t.indicators).find((i) => i.code === 'NV1.03');
  await callApi(app, 'indicators.update', { year: 2022, code: 'NV1.03', changes: { reporters: (nv103?.reporters ?? []).filter((c) => c !== 'STP') } });
  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('6 tháng đầu năm 2022');
  const views: { name: string; title: string; open: () => Promise<void>; expectText: RegExp[] }[] = [
    { name: 'print-overview', title: 'Tổng quan', open: () => shell.go('Tổng quan'), expectText: [/Chỉ tiêu so với mục tiêu/u, /Huyện ủy Đình Lập/u] },
    {
      name: 'print-receipts',
      title: 'Tiến độ nộp báo cáo',
      open: async () => {
        await shell.go('Tổng hợp');
        await page.getByRole('tab', { name: /^Tiến độ nộp/u }).click();
      },
      expectText: [/Huyện ủy Bình Gia/u, // On one line: a state label is not broken over two on paper.
      new RegExp(vi['receipt.returned'], 'u')],
    },
    {
      name: 'print-checks',
      title: 'Kiểm tra số liệu',
      open: async () => {
        await shell.go('Tổng hợp');
        await page.getByRole('tab', { name: /^Kiểm tra số liệu/u }).click();
      },
      expectText: [/Lý do chấp nhận: Công an tỉnh/u, /Cảnh báo\s+Số liệu/u, /NV2\.02/u, /Báo cáo!E\d+/u],
    },
  ];
  for (const view of views) {
    await view.open();
    // Each view has its own "In", which opens the print dialog (the browser's, here).
    const printButton = page.getByRole('button', { name: `In ${view.title}` });
    await expect(printButton).toBeVisible();
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await printButton.click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    // On paper: no navigation, no top bar, no buttons or filters; the print header instead.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Chức năng' })).toBeHidden();
    await expect(printButton).toBeHidden();
    await expect(page.locator('.print-header')).toBeVisible();
    await expect(page.locator('.print-header')).toContainText('Ban Chỉ đạo Cải cách tư pháp tỉnh Lạng Sơn');
    await expect(page.locator('.print-header')).toContainText(view.title);
    await expect(page.locator('.print-header')).toContainText('6 tháng đầu năm 2022');
    await page.emulateMedia({ media: 'screen' });

    const printed = await printView(page, DIR, view.name);
    await expectA4Portrait(printed);
    // What is on paper: the office, the title, the period; not the menu, the period selector or the buttons.
    expect(printed.text).toMatch(/BAN CHỈ ĐẠO CẢI CÁCH TƯ PHÁP TỈNH LẠNG SƠN/u);
    expect(printed.text).toContain('6 tháng đầu năm 2022');
    for (const re of view.expectText) expect(printed.text).toMatch(re);
    for (const gone of ['Mẫu bố cục', 'Nhận báo cáo', 'Xuất biểu tổng hợp', 'Soạn công văn đôn đốc', 'Lọc (không cần dấu)']) expect(printed.text).not.toContain(gone);
  }
});

test('the Tiến độ nộp tab, the report and reminder dialogs and the Cài đặt cards pass axe', async ({ page }) => {
  app = await startApp({ demo: true });
  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');
  await shell.go('Tổng hợp');
  const docs = new DocumentsPage(page);
  const found: Record<string, string[]> = {};
  const check = async (name: string) => {
    const v = await seriousViolations(page);
    if (v.length > 0) found[name] = v;
  };
  await page.getByRole('tab', { name: /^Tiến độ nộp/u }).click();
  await check('Tổng hợp: Tiến độ nộp');
  await docs.reportButton.click();
  await expect(docs.report).toBeVisible();
  await check('Tạo dự thảo báo cáo');
  await page.keyboard.press('Escape');
  await docs.remindButton.click();
  await expect(docs.reminders).toBeVisible();
  await docs.typeDate(docs.reminders.getByLabel('Ngày văn bản'), '13/01/2023');
  await docs.typeDate(docs.newDue, '22/01/2023');
  await expect(docs.reminders.getByRole('alert')).toContainText('không phải ngày làm việc');
  await check('Soạn công văn đôn đốc: một ngày nghỉ');
  await page.keyboard.press('Escape');
  await docs.go('Cài đặt');
  await docs.typeDate(page.getByLabel('Chọn ngày để thêm vào: Ngày nghỉ thêm'), '26/01/2023');
  await page.getByRole('button', { name: 'Thêm ngày vào: Ngày nghỉ thêm' }).click();
  await check('Cài đặt: người ký, ngày nghỉ');
  expect(found).toEqual({});
});
