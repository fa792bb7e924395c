// No dead ends (#14): where the app lacks something the clerk can make, it offers to make
// it there. A database with the plan but no reporting period opens on "Chưa có kỳ báo
// cáo nào" with "Tạo kỳ báo cáo": the form opens in place, and the period it makes is the
// one Tổng quan then shows. A period no agency has to report in offers "Thêm đơn vị",
// which opens Đơn vị on its form; an empty Mẫu bố cục offers the wizard. Screenshots of
// the empty state and the form at 1280×720, and axe on both.
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { AdminPage } from './pages/AdminPage';
import { AppPage } from './pages/AppPage';
import { startApp, type RunningApp } from './server';

const DIR = 'test-results/screenshots';

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${DIR}/${name}.png` });
}

/** The seeded database with every reporting period taken out (a state `init` never leaves). */
function withoutPeriods(db: string): void {
  const sqlite = new Database(db);
  try {
    sqlite.exec('DELETE FROM period');
  } finally {
    sqlite.close();
  }
}

/** Switches the interface language at the foot of the navigation, and waits until the navigation speaks it. */
async function language(page: Page, to: 'VI' | 'EN'): Promise<void> {
  await page.locator('.sider-foot').getByText(to, { exact: true }).click();
  await expect(page.getByRole('navigation', { name: to === 'VI' ? 'Chức năng' : 'Sections' })).toBeVisible();
}

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

test('with no period, the first one is made where the app says so, and Tổng quan opens on it', async ({ page }) => {
  app = await startApp({ prepare: withoutPeriods });
  await page.setViewportSize({ width: 1280, height: 720 });
  const frame = new AppPage(page);
  await frame.open(app.url);

  // The empty state says what is missing and what to do, in the app: no command line.
  await expect(page.getByText('Chưa có kỳ báo cáo nào.')).toBeVisible();
  await expect(page.getByText(/Hãy tạo kỳ báo cáo đầu tiên ngay tại đây/u)).toBeVisible();
  await expect(page.locator('main')).not.toContainText(/npm|dòng lệnh|\bcli\b/iu);
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'no-period-empty');

  // The form opens in place: the plan's year, the kind, the window, and what it will make.
  await page.getByRole('button', { name: 'Tạo kỳ báo cáo' }).click();
  const form = page.locator('.first-period');
  await expect(form.getByText('Tạo kỳ báo cáo đầu tiên')).toBeVisible();
  // The keyboard goes on in the form, which took the button's place.
  await expect(form.getByRole('combobox', { name: 'Năm kế hoạch' })).toBeFocused();
  await form.getByText('6 tháng', { exact: true }).click();
  const preview = form.getByRole('status');
  await expect(preview).toContainText('6 tháng đầu năm 2022');
  await expect(preview).toContainText('Hạn nộp');
  await expect(preview).not.toContainText('2022-H1');
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'no-period-form');
  await language(page, 'EN');
  await expect(form.getByText('Create the first reporting period')).toBeVisible();
  await expect(page.getByText('There are no reporting periods yet.')).toBeVisible();
  await shot(page, 'no-period-form-en');
  await language(page, 'VI');

  await form.getByRole('button', { name: 'Tạo kỳ báo cáo' }).click();
  const admin = new AdminPage(page);
  await admin.expectMessage(/^Đã tạo kỳ .*6 tháng đầu năm 2022/u);
  // Tổng quan, for the period just made, chosen in the frame.
  await expect(frame.heading).toHaveText('Tổng quan');
  await expect(page.locator('.period-select')).toContainText('6 tháng đầu năm 2022');
  await expect(page.getByText('Chưa có kỳ báo cáo nào.')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Tiến độ nộp báo cáo' })).toContainText('0/21');
  // And it is the Api's period, as Kỳ báo cáo lists it.
  await admin.go('Kỳ báo cáo');
  await expect(page.locator('tr[data-row-key="2022-H1"]')).toBeVisible();
});

test('a period no agency reports in offers "Thêm đơn vị" on its form; no layout profile offers the wizard', async ({ page }) => {
  // Every agency stopped in mid-2021, before any 2022 window opens: no period expects a report from any.
  app = await startApp({
    prepare: (db) => {
      const sqlite = new Database(db);
      try {
        sqlite.exec("UPDATE agency SET valid_from = NULL, valid_to = '2021-06-30'");
      } finally {
        sqlite.close();
      }
    },
  });
  await page.setViewportSize({ width: 1280, height: 720 });
  const frame = new AppPage(page);
  await frame.open(app.url);
  await frame.go('Biểu mẫu');
  const empty = page.locator('.empty-state');
  await expect(empty).toContainText('Kỳ này chưa có đơn vị nào phải báo cáo.');
  await expect(empty).toContainText('giao việc cho đơn vị ở mục Kế hoạch');
  await expect(empty.getByRole('link', { name: 'Giao việc ở Kế hoạch' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'no-agencies-forms');

  await empty.getByRole('link', { name: 'Thêm đơn vị' }).click();
  const admin = new AdminPage(page);
  await expect(admin.heading).toHaveText('Đơn vị');
  const dialog = admin.dialog('Thêm đơn vị');
  await expect(dialog).toBeVisible();
  await shot(page, 'offer-agency-form');
  await dialog.getByLabel('Mã đơn vị').fill('BQL');
  await dialog.getByLabel('Tên đơn vị').fill('Ban Quản lý các khu công nghiệp tỉnh');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await admin.expectMessage(/Ban Quản lý các khu công nghiệp tỉnh/u);
  await expect(page.locator('tr[data-row-key="BQL"]')).toBeVisible();
  // The form does not open again on Back and forward: the offer opened it once.
  await page.reload();
  await expect(admin.heading).toHaveText('Đơn vị');
  await expect(admin.dialog('Thêm đơn vị')).toBeHidden();

  // Mẫu bố cục with none saved: the empty list carries the two ways to make one.
  await admin.go('Mẫu bố cục');
  const none = page.locator('.empty-state');
  await expect(none).toContainText('Chưa có mẫu bố cục nào.');
  await expect(none.getByRole('button', { name: 'Nhập từ tệp JSON…' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'no-profiles');
  await none.getByRole('button', { name: 'Tạo mẫu bố cục mới…' }).click();
  await expect(page.getByRole('button', { name: 'Mở tệp mẫu…' })).toBeVisible();
});
