import type { Locator, Page } from '@playwright/test';
import { AdminPage } from './AdminPage';

export class AuditLogPage extends AdminPage {
  readonly filter: Locator;
  readonly entity: Locator;
  readonly rows: Locator;

  constructor(page: Page) {
    super(page);
    this.filter = page.getByRole('searchbox', { name: 'Lọc: Nhật ký thay đổi' });
    this.entity = page.getByLabel('Đối tượng');
    this.rows = page.locator('.audit-table tr.ant-table-row');
  }
}
