import type { Locator, Page } from '@playwright/test';
import { AdminPage } from './AdminPage';

export class AgenciesPage extends AdminPage {
  readonly filter: Locator;

  constructor(page: Page) {
    super(page);
    this.filter = page.getByRole('searchbox', { name: 'Lọc: Đơn vị' });
  }

  row(code: string): Locator {
    return this.page.locator(`tr[data-row-key="${code}"]`);
  }
}
