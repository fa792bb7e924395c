import type { Locator, Page } from '@playwright/test';
import { AdminPage } from './AdminPage';

export class SettingsPage extends AdminPage {
  readonly backups: Locator;
  readonly clerkName: Locator;
  readonly saveClerk: Locator;
  /** The hidden file input behind "Khôi phục từ tệp khác…". */
  readonly restoreFile: Locator;

  constructor(page: Page) {
    super(page);
    this.backups = page.locator('.backup-table tr.ant-table-row');
    this.clerkName = page.getByLabel('Tên cán bộ nhập liệu');
    this.saveClerk = page.locator('form[id="clerk"]').getByRole('button', { name: 'Lưu' });
    this.restoreFile = page.locator('input[type="file"][aria-label="Khôi phục từ tệp khác…"]');
  }
}
