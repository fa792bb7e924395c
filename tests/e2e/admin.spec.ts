// The administration screens end to end, each on its own server and database:
// Kế hoạch (tasks, indicators, order, retire, copy, export, the impact warning),
// Đơn vị, Kỳ báo cáo, Nhật ký and Cài đặt (heading, backups, restore, language).
// Ends with screenshots of every administration screen in Vietnamese and English.
import { expect, test, type Page } from '@playwright/test';
import { startApp, type RunningApp } from './server';
import { callApi } from './pages/api';
import { AdminPage } from './pages/AdminPage';
import { AgenciesPage } from './pages/AgenciesPage';
import { AuditLogPage } from './pages/AuditLogPage';
import { PeriodsPage } from './pages/PeriodsPage';
import { PlanPage } from './pages/PlanPage';
import { SettingsPage } from './pages/SettingsPage';

const DIR = 'test-results/screenshots';

async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${DIR}/${name}.png`, fullPage: options.fullPage ?? false });
}

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

test('Kế hoạch: add a task and an indicator, reorder, retire, copy to 2023, export', async ({ page }) => {
  app = await startApp();
  const plan = new PlanPage(page);
  await plan.open(app.url, 'Kế hoạch');
  await expect(plan.task('NV1')).toContainText('Quán triệt, tuyên truyền');
  await plan.expectYear(2022);

  // A new task, with its lead and coordinating agencies chosen by typing without marks.
  await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
  const taskForm = plan.dialog('Thêm nhiệm vụ');
  await expect(taskForm.getByLabel('Mã nhiệm vụ')).toHaveValue('NV9');
  await taskForm.getByLabel('Tên nhiệm vụ').fill('Số hóa hồ sơ các vụ án đã xét xử');
  await taskForm.getByLabel('Nội dung đầy đủ').fill('Tòa án nhân dân tỉnh chủ trì số hóa hồ sơ; các cơ quan tư pháp phối hợp cung cấp tài liệu.');
  await plan.choose(taskForm.getByLabel('Chủ trì'), 'toa an');
  await plan.choose(taskForm.getByLabel('Phối hợp'), 'vien kiem sat');
  await taskForm.getByRole('button', { name: 'Lưu' }).click();
  await plan.expectMessage('Đã lưu NV9.');
  const nv9 = plan.task('NV9');
  await expect(nv9).toContainText('Số hóa hồ sơ các vụ án đã xét xử');
  await expect(nv9).toContainText('Tòa án nhân dân tỉnh');
  await expect(nv9).toContainText('Viện Kiểm sát nhân dân tỉnh');
  await expect(nv9).toContainText('Thứ chín');

  // An indicator of the new task, with a floor target.
  await nv9.getByRole('button', { name: 'Thêm chỉ tiêu cho nhiệm vụ NV9' }).click();
  const indForm = plan.dialog('Thêm chỉ tiêu cho nhiệm vụ NV9');
  await expect(indForm.getByLabel('Mã chỉ tiêu')).toHaveValue('NV9.01');
  await indForm.getByLabel('Tên chỉ tiêu').fill('Số hồ sơ vụ án đã được số hóa');
  await indForm.getByLabel('Đơn vị tính', { exact: true }).fill('hồ sơ');
  await indForm.getByLabel('Mục tiêu', { exact: true }).fill('150');
  await indForm.getByRole('button', { name: 'Lưu' }).click();
  await plan.expectMessage('Đã lưu NV9.01.');
  const row = plan.indicatorRow('NV9.01');
  await expect(row).toContainText('Số hồ sơ vụ án đã được số hóa');
  await expect(row).toContainText('Số nguyên');
  await expect(row).toContainText('Cộng');
  await expect(row).toContainText('≥ 150');
  // The task's lead and coordinating agencies report it unless the clerk says otherwise.
  await expect(row).toContainText('Tòa án nhân dân tỉnh');
  await expect(row).toContainText('Viện Kiểm sát nhân dân tỉnh');

  // Reorder by keyboard: the move-up button keeps the focus as the card moves.
  expect((await plan.taskOrder()).slice(-2)).toEqual(['NV8', 'NV9']);
  await nv9.getByRole('button', { name: 'Chuyển NV9 lên trên' }).focus();
  await page.keyboard.press('Enter');
  await plan.expectMessage('Đã đổi thứ tự (NV9).');
  await expect.poll(() => plan.taskOrder()).toEqual(['NV1', 'NV2', 'NV3', 'NV4', 'NV5', 'NV6', 'NV7', 'NV9', 'NV8']);
  await expect(nv9.getByRole('button', { name: 'Chuyển NV9 lên trên' })).toBeFocused();
  await expect(nv9).toContainText('Thứ tám');

  // Retire the indicator from a chosen day (the plan has no reports: nothing more to confirm).
  await row.getByRole('button', { name: 'Thao tác khác: NV9.01' }).click();
  await page.getByRole('menuitem', { name: 'Thôi áp dụng' }).click();
  const retire = page.getByRole('dialog', { name: 'Thôi áp dụng chỉ tiêu NV9.01' });
  await expect(retire).toContainText('Các kỳ báo cáo bắt đầu trước ngày này vẫn có NV9.01');
  const day = retire.getByLabel('Từ ngày');
  await day.click();
  await day.press('Control+a');
  await day.pressSequentially('01/07/2022');
  await day.press('Enter');
  await shot(page, 'plan-retire-dialog');
  await retire.getByRole('button', { name: 'Thôi áp dụng' }).click();
  await plan.expectMessage('Đã thôi áp dụng NV9.01.');
  await expect(row).toBeHidden();
  await page.getByLabel('Hiện cả nhiệm vụ, chỉ tiêu đã thôi áp dụng').click();
  await expect(row).toContainText('Đã thôi áp dụng');

  // Export the plan as a workbook.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất kế hoạch (Excel)' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/u);

  // Copy to 2023: a draft with the same tasks, and its periods.
  await page.getByRole('button', { name: 'Sao chép sang năm 2023' }).click();
  await expect(plan.confirm).toContainText('Sao chép kế hoạch năm 2022 sang năm 2023?');
  await plan.confirm.getByRole('button', { name: 'Sao chép' }).click();
  await plan.expectMessage('Đã tạo kế hoạch năm 2023 (dự thảo).');
  await plan.expectYear(2023);
  await expect(page.locator('.toolbar')).toContainText('Dự thảo');
  await expect(plan.task('NV9')).toContainText('Số hóa hồ sơ các vụ án đã xét xử');
  await expect(page.getByRole('button', { name: 'Sao chép sang năm 2024' })).toBeEnabled();

  // The audit log has every change.
  await plan.go('Nhật ký');
  const log = new AuditLogPage(page);
  await log.filter.fill('NV9');
  // By the action and entity cells: a detail may mention the same words ("Thôi áp dụng: không").
  const cell = (name: string) => page.getByRole('cell', { name, exact: true });
  await expect(log.rows.filter({ has: cell('Thêm mới') }).filter({ has: cell('Nhiệm vụ') })).toHaveCount(1);
  const retiredRow = log.rows.filter({ has: cell('Thôi áp dụng') }).filter({ has: cell('2022/NV9.01') });
  await expect(retiredRow).toHaveCount(1);
  // In the clerk's words, with the day chosen.
  await expect(retiredRow).toContainText('Từ ngày: 01/07/2022');
  await expect(log.rows.filter({ has: cell('Đổi thứ tự') })).toHaveCount(1);
  await log.filter.fill('');
  await expect(log.rows.filter({ hasText: 'Sao chép' }).filter({ hasText: '2023' })).toHaveCount(1);
});

test('Kế hoạch: an edit on a plan another clerk has just changed is refused in words, and the plan reloaded', async ({ page }) => {
  app = await startApp();
  const plan = new PlanPage(page);
  await plan.open(app.url, 'Kế hoạch');
  await expect(plan.task('NV1')).toContainText('Quán triệt, tuyên truyền');
  const before = await plan.taskOrder();

  // Another clerk, on the same server, renames NV1 while this screen shows the plan as it was.
  await callApi(app, 'tasks.update', { year: 2022, code: 'NV1', changes: { title: 'Quán triệt, tuyên truyền (đã sửa ở máy khác)' } });
  await plan.task('NV2').getByRole('button', { name: 'Chuyển NV2 lên trên' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Kế hoạch vừa được người khác sửa; hãy tải lại.' })).toBeVisible();
  // Nothing of this edit was stored, and the screen now shows the other clerk's change.
  await expect(plan.task('NV1')).toContainText('(đã sửa ở máy khác)');
  expect(await plan.taskOrder()).toEqual(before);

  // Made again on the plan reloaded, it goes through; two quick clicks move it once, with no false alarm.
  const up = plan.task('NV2').getByRole('button', { name: 'Chuyển NV2 lên trên' });
  await up.dblclick();
  await plan.expectMessage('Đã đổi thứ tự (NV2).');
  await expect.poll(() => plan.taskOrder()).toEqual(['NV2', 'NV1', ...before.slice(2)]);
  await expect(page.getByRole('alert').filter({ hasText: 'người khác sửa' })).toHaveCount(0);
});

test('Kế hoạch: a change to a plan with reports says what it touches and waits for the clerk', async ({ page }) => {
  app = await startApp({ demo: true });
  const plan = new PlanPage(page);
  await plan.open(app.url, 'Kế hoạch');
  await plan.task('NV2').getByRole('button', { name: 'Sửa nhiệm vụ NV2' }).click();
  const form = plan.dialog('Sửa nhiệm vụ NV2');
  await form.getByLabel('Tên nhiệm vụ').fill('Nâng cao năng lực của các cơ quan tư pháp (đã sửa)');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(plan.confirm).toContainText('Kế hoạch đã có báo cáo. Vẫn lưu thay đổi?');
  await expect(plan.confirm).toContainText(/Kế hoạch năm 2022 đã có \d+ báo cáo của \d+ đơn vị/u);
  await expect(plan.confirm).toContainText('Nhiệm vụ NV2 đã có');
  await shot(page, 'admin-plan-impact');
  // Cancelled: nothing is saved, the form stays open.
  await plan.confirm.getByRole('button', { name: 'Hủy' }).click();
  await expect(form).toBeVisible();
  await form.getByRole('button', { name: 'Lưu' }).click();
  await plan.confirm.getByRole('button', { name: 'Tôi đã hiểu, lưu thay đổi' }).click();
  await plan.expectMessage('Đã lưu NV2.');
  await expect(plan.task('NV2')).toContainText('(đã sửa)');
});

test('Đơn vị: create an agency, find it without diacritics, deactivate it from a date', async ({ page }) => {
  app = await startApp();
  const agencies = new AgenciesPage(page);
  await agencies.open(app.url, 'Đơn vị');
  await expect(agencies.row('MTTQ')).toContainText('Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh');

  await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
  const form = agencies.dialog('Thêm đơn vị');
  await form.getByLabel('Mã đơn vị').fill('tgpl');
  await form.getByLabel('Tên đơn vị').fill('Trung tâm Trợ giúp pháp lý nhà nước tỉnh');
  await agencies.choose(form.getByLabel('Nhóm'), 'bo tro');
  await form.getByLabel('Người liên hệ').fill('Hoàng Thị Lan');
  await form.getByLabel('Số điện thoại').fill('0205 3812 345');
  await agencies.typeDate(form.getByLabel('Hoạt động từ ngày'), '01/01/2022');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await agencies.expectMessage('Đã lưu đơn vị Trung tâm Trợ giúp pháp lý nhà nước tỉnh.');
  const row = agencies.row('TGPL');
  await expect(row).toContainText('Bổ trợ tư pháp');
  await expect(row).toContainText('Hoàng Thị Lan');
  await expect(row).toContainText('0205 3812 345');

  await agencies.filter.fill('tro giup phap ly');
  await expect(page.locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: 'Thao tác khác: Trung tâm Trợ giúp pháp lý nhà nước tỉnh' }).click();
  await page.getByRole('menuitem', { name: 'Ngừng hoạt động' }).click();
  const confirm = agencies.dialog('Ngừng hoạt động đơn vị Trung tâm Trợ giúp pháp lý nhà nước tỉnh?');
  await agencies.typeDate(confirm.getByLabel('Hoạt động đến hết ngày'), '31/12/2022');
  await confirm.getByRole('button', { name: 'Ngừng hoạt động' }).click();
  await agencies.expectMessage('Đơn vị Trung tâm Trợ giúp pháp lý nhà nước tỉnh hoạt động đến hết ngày 31/12/2022.');
  // Past its last day it leaves the list of active agencies, and stays under "show inactive".
  await expect(row).toBeHidden();
  await page.getByLabel('Hiện cả đơn vị đã ngừng').click();
  await expect(row).toContainText('Đã ngừng sau 31/12/2022');
});

test('Kỳ báo cáo: create 2022-Q2 from the Nghị định 09 preset, change its due date', async ({ page }) => {
  app = await startApp();
  const periods = new PeriodsPage(page);
  await periods.open(app.url, 'Kỳ báo cáo');
  await expect(periods.row('2022-Q1')).toContainText('15/12/2021');
  await page.getByRole('button', { name: 'Thêm kỳ báo cáo' }).click();
  const form = periods.dialog('Thêm kỳ báo cáo');
  await form.getByText('Quý', { exact: true }).first().click();
  await periods.choose(form.getByLabel('Chọn quý'), 'quy 2');
  await expect(form.locator('.period-preview')).toContainText('Quý II năm 2022: Số liệu từ 15/03/2022 đến 14/06/2022 · Hạn nộp 17/06/2022');
  await form.getByRole('button', { name: 'Tạo kỳ báo cáo' }).click();
  await periods.expectMessage('Đã tạo kỳ Quý II năm 2022.');
  const row = periods.row('2022-Q2');
  await expect(row).toContainText('15/03/2022');
  await expect(row).toContainText('14/06/2022');
  await expect(row).toContainText('17/06/2022');
  await expect(row).toContainText('Theo Nghị định 09/2019/NĐ-CP');

  await row.getByRole('button', { name: 'Sửa kỳ Quý II năm 2022' }).click();
  const edit = periods.dialog('Sửa kỳ Quý II năm 2022');
  await periods.typeDate(edit.getByLabel('Hạn nộp'), '20/06/2022');
  await edit.getByRole('button', { name: 'Lưu' }).click();
  await periods.expectMessage('Đã lưu kỳ Quý II năm 2022.');
  await expect(row).toContainText('20/06/2022');
  // The frame's period selector offers the new period at once.
  await page.getByRole('combobox', { name: 'Kỳ báo cáo' }).click();
  await expect(page.locator('.ant-select-item-option').filter({ hasText: 'Quý II năm 2022' })).toBeVisible();
  await page.keyboard.press('Escape');

  // The audit log shows both changes, filtered by object.
  await periods.go('Nhật ký');
  const log = new AuditLogPage(page);
  await periods.choose(log.entity, 'ky bao cao');
  await expect(log.rows).toHaveCount(2);
  await expect(log.rows.first()).toContainText('Sửa');
  // In the clerk's words: the field's name and the days as dd/mm/yyyy.
  await expect(log.rows.first()).toContainText('Hạn nộp: 17/06/2022 → 20/06/2022');
  await expect(log.rows.nth(1)).toContainText('Thêm mới');
});

test('Cài đặt: heading style, backup and restore, language persisted', async ({ page }) => {
  app = await startApp();
  const settings = new SettingsPage(page);
  await settings.open(app.url, 'Cài đặt');
  await expect(page.getByLabel('Cơ quan cấp trên (dòng 1)')).toHaveValue('TỈNH ỦY LẠNG SƠN');
  await expect(page.locator('.heading-preview')).toContainText('ĐẢNG CỘNG SẢN VIỆT NAM');
  await page.getByLabel('Văn bản hành chính (Quốc hiệu, tiêu ngữ)').check();
  await expect(page.locator('.heading-preview')).toContainText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  await page.getByRole('button', { name: 'Lưu tiêu đề' }).click();
  await settings.expectMessage('Đã lưu tiêu đề văn bản.');
  expect((await callApi(app, 'organization.get', {})).headingStyle).toBe('state');

  // The day's automatic backup was made when the app opened.
  await expect(settings.backups).toHaveCount(1);
  await expect(settings.backups.first()).toContainText('tonghop-hang-ngay-');
  await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
  await settings.expectMessage(/^Đã sao lưu: tonghop-\d/u);
  await expect(settings.backups).toHaveCount(2);
  const backup = (await callApi(app, 'backup.list', {})).find((b) => /^tonghop-\d/u.test(b.name));
  if (!backup) throw new Error('no manual backup');
  await expect(page.locator('.data-folder')).toContainText('backups');
  // Changed after the backup: the restore must bring back 'state'… and the party style before it.
  await callApi(app, 'organization.update', { headingStyle: 'party' });
  const when = `${backup.createdAt.slice(8, 10)}/${backup.createdAt.slice(5, 7)}/${backup.createdAt.slice(0, 4)} ${backup.createdAt.slice(11, 16)}`;
  await settings.backups.filter({ hasText: backup.name }).getByRole('button', { name: `Khôi phục bản sao lưu ngày ${when}` }).click();
  await expect(settings.confirm).toContainText(`Khôi phục dữ liệu về bản sao lưu ngày ${when}? Dữ liệu hiện tại sẽ được sao lưu trước khi thay.`);
  await shot(page, 'admin-settings-restore');
  await settings.confirm.getByRole('button', { name: 'Khôi phục' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Đã khôi phục dữ liệu về bản sao lưu ngày ${when}` })).toBeVisible();
  expect((await callApi(app, 'organization.get', {})).headingStyle).toBe('state');
  await expect(settings.backups).toHaveCount(3);

  // A backup from elsewhere (a USB stick): a file that is not one is refused in words, right there; a real one is restored.
  await settings.restoreFile.setInputFiles({ name: 'ghi-chu.sqlite', mimeType: 'application/octet-stream', buffer: Buffer.from('không phải bản sao lưu '.repeat(50)) });
  await settings.confirm.getByRole('button', { name: 'Khôi phục' }).click();
  const refusal = page.locator('.ant-card').filter({ hasText: 'Các bản sao lưu' }).getByRole('alert');
  await expect(refusal).toContainText('Không khôi phục: tệp ghi-chu.sqlite không phải bản sao lưu của Tổng hợp CCTP. Dữ liệu hiện tại được giữ nguyên.');
  await shot(page, 'admin-settings-restore-refused');
  const chosen = await callApi(app, 'backup.list', {}).then((list) => list.find((b) => b.name === backup.name));
  if (!chosen) throw new Error('no backup to choose');
  await callApi(app, 'organization.update', { headingStyle: 'party' });
  await settings.restoreFile.setInputFiles(chosen.path);
  await expect(settings.confirm).toContainText(`Khôi phục dữ liệu từ tệp ${backup.name}?`);
  await settings.confirm.getByRole('button', { name: 'Khôi phục' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Đã khôi phục dữ liệu từ tệp ${backup.name}` })).toBeVisible();
  await expect(refusal).toHaveCount(0);
  expect((await callApi(app, 'organization.get', {})).headingStyle).toBe('state');

  // English, saved in the settings: it survives a reload even without the browser's memory of it.
  await page.getByLabel('English').check();
  await expect(settings.heading).toHaveText('Settings');
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Reporting periods' })).toBeVisible();
  await expect(page.getByText('Document heading', { exact: true })).toBeVisible();
  await expect.poll(async () => (await callApi(app as RunningApp, 'settings.get', {})).language).toBe('en');
  await page.evaluate(() => localStorage.removeItem('tonghop.lang'));
  await page.reload();
  await expect(settings.heading).toHaveText('Settings');
  await settings.go('Plan', 'Sections');
  await expect(page.getByRole('button', { name: 'Add task' })).toBeVisible();
});

test('screenshots: every administration screen, Vietnamese and English (demo data)', async ({ page }) => {
  app = await startApp({ demo: true });
  await callApi(app, 'agencies.update', { code: 'MTTQ', changes: { contactPerson: 'Nguyễn Thị Phương Thảo', contactPhone: '0205 3870 123' } });
  await callApi(app, 'backup.create', {});
  const admin = new AdminPage(page);
  await admin.open(app.url);
  const screens: [string, string, string][] = [
    ['Kế hoạch', 'Plan', 'plan'],
    ['Đơn vị', 'Agencies', 'agencies'],
    ['Kỳ báo cáo', 'Reporting periods', 'periods'],
    ['Nhật ký', 'Audit log', 'audit'],
    ['Cài đặt', 'Settings', 'settings'],
  ];
  for (const [vi, , file] of screens) {
    await admin.go(vi);
    await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
    if (file === 'plan') await expect(page.getByRole('button', { name: 'Thêm nhiệm vụ' })).toBeEnabled();
    await shot(page, `admin-${file}`);
  }
  await admin.go('Kế hoạch');
  await shot(page, 'admin-plan-full', { fullPage: true });
  await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
  await shot(page, 'admin-plan-task-form');
  await page.keyboard.press('Escape');
  await admin.page.locator('tr[data-row-key="NV2.03"]').getByRole('button', { name: 'Sửa chỉ tiêu NV2.03' }).click();
  await shot(page, 'admin-plan-indicator-form');
  await page.keyboard.press('Escape');
  await admin.go('Kỳ báo cáo');
  await page.getByRole('button', { name: 'Thêm kỳ báo cáo' }).click();
  await shot(page, 'admin-periods-create');
  await page.keyboard.press('Escape');

  await page.locator('.sider-foot').getByText('EN', { exact: true }).click();
  for (const [, en, file] of screens) {
    await admin.go(en, 'Sections');
    await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
    if (file === 'plan') await expect(page.getByRole('button', { name: 'Add task' })).toBeEnabled();
    await shot(page, `admin-${file}-en`);
  }
});
