// Mẫu bố cục as a clerk manages it (issue 12): the saved profiles listed with their
// agency, the last file read and the last use; one renamed, one duplicated and the copy
// deleted (asked first), one exported and imported back (a taken name is asked about),
// one opened in the wizard on the last file it read and saved again; saving over another
// profile's name asks first. Then a workbook of three agencies on Nhận báo cáo: its list
// of changes names the agency of each. Screenshots go to test-results/screenshots/.
import fs from 'node:fs';
import { seriousViolations } from './axe';
import { expect, test, type Page } from '@playwright/test';
import { buildJudicialWorkbook, buildPoliceWorkbook, JUDICIAL_PROFILE_NAME, judicialProfile, POLICE_PROFILE_NAME, policeProfile } from '../fixtures/foreign-workbooks';
import { startApp, type RunningApp } from './server';
import { callApi } from './pages/api';
import { AppPage } from './pages/AppPage';
import { IntakePage, XLSX_MIME } from './pages/IntakePage';
import { goTo, ProfileListPage, WizardPage } from './pages/EntryChartsWizardPages';

const DIR = 'test-results/screenshots';
const VKS_PROFILE = 'Viện Kiểm sát – mẫu riêng';

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${DIR}/${name}.png`, fullPage });
}


let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

/** Three profiles saved through the Api, and one police report read through its profile. */
async function prepare(running: RunningApp): Promise<void> {
  await callApi(running, 'profiles.save', { definition: policeProfile() });
  await callApi(running, 'profiles.save', { definition: judicialProfile() });
  const vks = policeProfile({ name: VKS_PROFILE, description: undefined });
  if (vks.layout.kind === 'indicator-rows') vks.layout.agency = { mode: 'fixed', code: 'VKS' };
  await callApi(running, 'profiles.save', { definition: vks });
  const bytes = new Uint8Array(await buildPoliceWorkbook());
  const [o] = await callApi(running, 'intake.import', { files: [{ name: 'BC_CongAn_QuyI_2022.xlsx', bytes }], period: '2022-Q1', receivedOn: '2022-03-16', dryRun: false });
  expect(o?.status).toBe('imported');
}

test('Mẫu bố cục: the list, rename, duplicate, delete, export and import, edit in the wizard', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  app = await startApp();
  await prepare(app);
  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');
  await goTo(page, 'Mẫu bố cục');
  const list = new ProfileListPage(page);

  // The list: agency (fixed, or how the file names it), the last file read, the last use.
  await expect(page.getByText('Các mẫu bố cục đã lưu (3)')).toBeVisible();
  await expect(list.row(POLICE_PROFILE_NAME)).toContainText('Ô ghi tên đơn vị');
  await expect(list.row(POLICE_PROFILE_NAME)).toContainText('BC_CongAn_QuyI_2022.xlsx');
  await expect(list.row(POLICE_PROFILE_NAME)).toContainText('1 báo cáo đã nhận theo mẫu');
  await expect(list.row(JUDICIAL_PROFILE_NAME)).toContainText('Mỗi cột một đơn vị');
  await expect(list.row(JUDICIAL_PROFILE_NAME)).toContainText('Chưa đọc tệp nào');
  await expect(list.row(JUDICIAL_PROFILE_NAME)).toContainText('Chưa dùng');
  await expect(list.row(VKS_PROFILE)).toContainText('Viện Kiểm sát nhân dân tỉnh (VKS)');
  await shot(page, 'profiles-list');
  expect(await seriousViolations(page)).toEqual([]);

  // Rename.
  await list.action('Đổi tên mẫu', VKS_PROFILE).click();
  const renameDialog = page.getByRole('dialog', { name: `Đổi tên mẫu bố cục “${VKS_PROFILE}”` });
  // The dialog zooms in: its button is pressed once it stands still.
  await expect(renameDialog).toBeVisible();
  await expect(page.locator('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter')).toHaveCount(0);
  await renameDialog.getByLabel('Tên mới').fill('Viện Kiểm sát – mẫu 2022');
  await expect(renameDialog.getByRole('button', { name: 'Đổi tên' })).toBeEnabled();
  await renameDialog.getByRole('button', { name: 'Đổi tên' }).click();
  await expect(renameDialog).toBeHidden();
  await expect(list.row('Viện Kiểm sát – mẫu 2022')).toBeVisible();
  await expect(list.row(VKS_PROFILE)).toHaveCount(0);

  // Duplicate, then delete the copy: asked first, saying the reports stay.
  await list.action('Nhân bản mẫu', POLICE_PROFILE_NAME).click();
  const copy = `${POLICE_PROFILE_NAME} (bản sao)`;
  await expect(list.row(copy)).toBeVisible();
  await list.action('Xóa mẫu', copy).click();
  const confirmDelete = page.getByRole('dialog').filter({ hasText: `Xóa mẫu bố cục “${copy}”?` });
  await expect(confirmDelete).toContainText('Chưa có báo cáo nào được nhận theo mẫu này');
  await shot(page, 'profiles-delete-ask');
  await confirmDelete.getByRole('button', { name: 'Xóa mẫu' }).click();
  await expect(list.row(copy)).toHaveCount(0);
  await expect(page.getByText('Các mẫu bố cục đã lưu (3)')).toBeVisible();

  // Export, then import the same file back: the name is taken, so the clerk is asked.
  const downloading = page.waitForEvent('download');
  await list.exportButton(JUDICIAL_PROFILE_NAME).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`Mau bo cuc - ${JUDICIAL_PROFILE_NAME}.json`);
  const exported = fs.readFileSync(await download.path());
  expect(JSON.parse(exported.toString('utf8'))).toMatchObject({ name: JUDICIAL_PROFILE_NAME, layout: { agency: { mode: 'columns' } } });
  await list.importInput.setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: exported });
  const replaceAsk = page.getByRole('dialog').filter({ hasText: `Đã có mẫu bố cục tên “${JUDICIAL_PROFILE_NAME}”` });
  await expect(replaceAsk).toBeVisible();
  await shot(page, 'profiles-import-replace-ask');
  await replaceAsk.getByRole('button', { name: 'Thay mẫu đã lưu' }).click();
  await expect(page.getByText(`Đã nhập mẫu bố cục “${JUDICIAL_PROFILE_NAME}”.`)).toBeVisible();

  // Open in the wizard: the last file it read is the sample, everything it says already pointed at.
  await list.action('Sửa mẫu', POLICE_PROFILE_NAME).click();
  await expect(page.getByText(`Đang sửa mẫu bố cục “${POLICE_PROFILE_NAME}”.`)).toBeVisible();
  await expect(page.getByText('Tệp mẫu: BC_CongAn_QuyI_2022.xlsx')).toBeVisible();
  const wizard = new WizardPage(page);
  await expect(wizard.grid).toBeVisible();
  await expect(page.getByRole('spinbutton', { name: 'Dòng tiêu đề đầu' })).toHaveValue('5');
  await expect(page.getByRole('spinbutton', { name: 'Dòng tiêu đề cuối' })).toHaveValue('6');
  await expect(page.getByRole('textbox', { name: 'Cột nhận diện dòng' })).toHaveValue('B');
  await expect(page.locator('#wizard-name')).toHaveValue(POLICE_PROFILE_NAME);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'profiles-edit-open');
  await page.getByRole('button', { name: 'Xem trước' }).click();
  await expect(wizard.previewRow(8)).toContainText('NV2.01');
  await shot(page, 'profiles-edit-wizard');
  // The editing banner and its way back are this screen's; the wizard's grid and preview are
  // checked by the wizard's own tests (its grid's scrolling region and link buttons are its owner's).
  expect(await seriousViolations(page, ['.wizard-layout', '.wizard .ant-card'])).toEqual([]);

  // Saving over another profile's name asks, and Hủy saves nothing.
  // (The wizard asks for a fresh preview after any change, the name included.)
  await page.locator('#wizard-name').fill(JUDICIAL_PROFILE_NAME);
  await page.getByRole('button', { name: 'Xem trước' }).click();
  await expect(wizard.previewRow(8)).toContainText('NV2.01');
  await page.getByRole('button', { name: 'Lưu mẫu bố cục' }).click();
  const overwrite = page.getByRole('dialog').filter({ hasText: `Đã có mẫu bố cục tên “${JUDICIAL_PROFILE_NAME}”` });
  await expect(overwrite).toBeVisible();
  await overwrite.getByRole('button', { name: 'Hủy' }).click();
  await expect(overwrite).toHaveCount(0);
  expect((await callApi(app, 'profiles.get', { name: JUDICIAL_PROFILE_NAME })).definition.layout).toMatchObject({ agency: { mode: 'columns' } });

  // Under its own name it is simply saved again.
  await page.locator('#wizard-name').fill(POLICE_PROFILE_NAME);
  await page.getByRole('button', { name: 'Xem trước' }).click();
  await expect(wizard.previewRow(8)).toContainText('NV2.01');
  await page.getByRole('button', { name: 'Lưu mẫu bố cục' }).click();
  await expect(page.getByText(`Đã lưu mẫu bố cục “${POLICE_PROFILE_NAME}”`).first()).toBeVisible();
  await page.getByRole('button', { name: 'Về danh sách mẫu bố cục' }).click();
  await expect(page.getByText('Các mẫu bố cục đã lưu (3)')).toBeVisible();

  // A profile that has read reports says, before it goes, that they stay; Hủy keeps it.
  await list.action('Xóa mẫu', POLICE_PROFILE_NAME).click();
  const keepAsk = page.getByRole('dialog').filter({ hasText: `Xóa mẫu bố cục “${POLICE_PROFILE_NAME}”?` });
  await expect(keepAsk).toContainText('1 báo cáo đã nhận theo mẫu này vẫn giữ nguyên số liệu, tệp gốc và tên mẫu đã dùng');
  await keepAsk.getByRole('button', { name: 'Hủy' }).click();
  await expect(list.row(POLICE_PROFILE_NAME)).toBeVisible();

  const audit = await callApi(app, 'audit.list', { entity: 'layout_profile' });
  expect(audit.map((a) => a.action).slice(0, 5)).toEqual(['update', 'update', 'remove', 'create', 'rename']);

  // Deleted for real: the report it read keeps its record, the profile's name included.
  await list.action('Xóa mẫu', POLICE_PROFILE_NAME).click();
  await page.getByRole('dialog').filter({ hasText: `Xóa mẫu bố cục “${POLICE_PROFILE_NAME}”?` }).getByRole('button', { name: 'Xóa mẫu' }).click();
  await expect(list.row(POLICE_PROFILE_NAME)).toHaveCount(0);
  await goTo(page, 'Nhận báo cáo');
  const received = new IntakePage(page).receivedRow('Công an tỉnh');
  await expect(received).toContainText('BC_CongAn_QuyI_2022.xlsx');
  await expect(received).toContainText(`Đọc theo mẫu bố cục “${POLICE_PROFILE_NAME}”`);
  await received.scrollIntoViewIfNeeded();
  await shot(page, 'profiles-deleted-report-kept');
  expect(errors).toEqual([]);
});

test('Nhận báo cáo: a workbook of three agencies lists each change with its agency', async ({ page }) => {
  app = await startApp();
  await callApi(app, 'profiles.save', { definition: judicialProfile() });
  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');
  await goTo(page, 'Nhận báo cáo');
  const intake = new IntakePage(page);
  const name = 'SoLieu_KhoiNoiChinh_QuyI_2022.xlsx';
  await intake.drop([{ name, mimeType: XLSX_MIME, buffer: Buffer.from(await buildJudicialWorkbook()) }]);
  await intake.expectChecked(1);
  await intake.fileRow(name).locator('.ant-table-row-expand-icon').click();
  const changes = intake.fileDetail(name).locator('.nested-table').filter({ hasText: 'Số liệu của lần nộp đầu tiên' });
  await expect(changes.locator('th').first()).toHaveText('Đơn vị');
  const nv201 = changes.locator('tr.ant-table-row').filter({ hasText: 'NV2.01' });
  await expect(nv201).toHaveCount(3);
  await expect(nv201.nth(0)).toContainText('Công an tỉnh');
  await expect(nv201.nth(0)).toContainText('118');
  await expect(nv201.nth(1)).toContainText('Viện Kiểm sát nhân dân tỉnh');
  await expect(nv201.nth(1)).toContainText('95');
  await expect(nv201.nth(2)).toContainText('Tòa án nhân dân tỉnh');
  await expect(nv201.nth(2)).toContainText('80');
  await nv201.nth(0).scrollIntoViewIfNeeded();
  await shot(page, 'intake-multi-agency-changes');
  expect(await seriousViolations(page)).toEqual([]);
});

test('Mẫu bố cục: a profile named "Mẫu …" opened, previewed and saved keeps its name, description and sheet', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  app = await startApp();
  const name = 'Mẫu Công an';
  const saved = policeProfile({ name, description: 'Mẫu của Công an, gửi từ Sở' });
  await callApi(app, 'profiles.save', { definition: saved });
  const bytes = new Uint8Array(await buildPoliceWorkbook());
  const [o] = await callApi(app, 'intake.import', { files: [{ name: 'BC_CongAn_QuyI_2022.xlsx', bytes }], period: '2022-Q1', receivedOn: '2022-03-16', dryRun: false });
  expect(o?.status).toBe('imported');
  const before = (await callApi(app, 'profiles.get', { name })).definition;

  const shell = new AppPage(page);
  await shell.open(app.url);
  await shell.choosePeriod('Quý I năm 2022');
  await goTo(page, 'Mẫu bố cục');
  const list = new ProfileListPage(page);
  await list.action('Sửa mẫu', name).click();
  const wizard = new WizardPage(page);
  await expect(wizard.grid).toBeVisible();
  await page.getByRole('button', { name: 'Xem trước' }).click();
  await expect(wizard.previewRow(8)).toContainText('NV2.01');
  // The preview found the agency; a new profile would take its name, the one being edited keeps its own.
  await expect(page.locator('#wizard-name')).toHaveValue(name);
  await page.getByRole('button', { name: 'Lưu mẫu bố cục' }).click();
  await expect(page.getByText(`Đã lưu mẫu bố cục “${name}”`).first()).toBeVisible();
  const after = await callApi(app, 'profiles.list', {});
  expect(after.map((p) => p.name)).toEqual([name]);
  // Saved unchanged, it is the same profile: what the wizard does not show included.
  expect((await callApi(app, 'profiles.get', { name })).definition).toEqual(before);
  expect(errors).toEqual([]);
});
