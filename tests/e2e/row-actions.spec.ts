// Rarely used, destructive row actions live behind a row menu "⋯" named after its row,
// each leading to the confirmation that says what happens; sortable headers are reached
// and sorted by keyboard with a visible focus ring. Screenshots in test-results/row-actions.
import { expect, test, type Page } from '@playwright/test';
import { startApp, type RunningApp } from './server';
import { AgenciesPage } from './pages/AgenciesPage';
import { PlanPage } from './pages/PlanPage';

const DIR = 'test-results/row-actions';
async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${DIR}/${name}.png` });
}

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

test('Đơn vị: no destructive button in a row until its menu opens; cancel changes nothing, confirm deactivates', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  app = await startApp();
  const agencies = new AgenciesPage(page);
  await agencies.open(app.url, 'Đơn vị');
  const row = agencies.row('CA');
  await expect(row).toContainText('Công an tỉnh');
  await expect(page.locator('tbody .ant-btn-dangerous')).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Sửa đơn vị Công an tỉnh' })).toBeVisible();

  await row.getByRole('button', { name: 'Thao tác khác: Công an tỉnh' }).click();
  const item = page.getByRole('menuitem', { name: 'Ngừng hoạt động' });
  await expect(item).toBeVisible();
  await shot(page, 'agencies-row-menu');
  await item.click();
  const confirm = agencies.dialog('Ngừng hoạt động đơn vị Công an tỉnh?');
  await expect(confirm).toContainText('Đơn vị không bị xóa');
  await confirm.getByRole('button', { name: 'Hủy' }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText('Đang hoạt động');

  await row.getByRole('button', { name: 'Thao tác khác: Công an tỉnh' }).click();
  await page.getByRole('menuitem', { name: 'Ngừng hoạt động' }).click();
  await confirm.getByRole('button', { name: 'Ngừng hoạt động' }).click();
  await agencies.expectMessage(/^Đơn vị Công an tỉnh hoạt động đến hết ngày/u);
});

test('Đơn vị: Tab reaches a sortable header, it shows a focus ring, Enter sorts', async ({ page }) => {
  app = await startApp();
  const agencies = new AgenciesPage(page);
  await agencies.open(app.url, 'Đơn vị');
  const header = page.locator('th.ant-table-column-has-sorters').filter({ hasText: 'Mã' }).first();
  await expect(header).toHaveAttribute('tabindex', '0');
  await page.locator('th.ant-table-column-has-sorters').filter({ hasText: 'Đơn vị' }).first().focus();
  await page.keyboard.press('Tab');
  await expect(header).toBeFocused();
  const ring = await header.evaluate((el) => {
    const s = getComputedStyle(el);
    return { outline: s.outlineStyle, width: s.outlineWidth, visible: el.matches(':focus-visible') };
  });
  expect(ring.visible).toBe(true);
  expect(ring.outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const codes = await page.locator('tbody tr.ant-table-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key') ?? ''));
  expect(codes).toEqual([...codes].sort(new Intl.Collator('vi').compare));
  await page.keyboard.press(' ');
  await expect(header).toHaveAttribute('aria-sort', 'descending');
});

test('Kế hoạch: retiring a task or an indicator is in the row menu, with its confirmation', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  app = await startApp();
  const plan = new PlanPage(page);
  await plan.open(app.url, 'Kế hoạch');
  await expect(plan.task('NV1')).toBeVisible();
  await expect(page.locator('.task-card .ant-btn-dangerous')).toHaveCount(0);
  const row = plan.indicatorRow('NV1.01');
  await row.getByRole('button', { name: 'Thao tác khác: NV1.01' }).click();
  await expect(page.getByRole('menuitem', { name: 'Thôi áp dụng' })).toBeVisible();
  await shot(page, 'plan-row-menu');
  await page.getByRole('menuitem', { name: 'Thôi áp dụng' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thôi áp dụng chỉ tiêu NV1.01' });
  await expect(dialog).toContainText('Các kỳ báo cáo bắt đầu trước ngày này vẫn có NV1.01');
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).not.toContainText('Đã thôi áp dụng');

  await plan.task('NV8').getByRole('button', { name: 'Thao tác khác: NV8', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Thôi áp dụng' }).click();
  const task = page.getByRole('dialog', { name: /^Thôi áp dụng nhiệm vụ NV8/u });
  await task.getByRole('button', { name: 'Thôi áp dụng' }).click();
  await plan.expectMessage('Đã thôi áp dụng NV8.');
  await expect(plan.task('NV8')).toHaveCount(0);
});
