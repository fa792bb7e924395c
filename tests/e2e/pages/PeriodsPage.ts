import type { Locator, Page } from '@playwright/test';
import { AdminPage } from './AdminPage';

export class PeriodsPage extends AdminPage {
  constructor(page: Page) {
    super(page);
  }

  row(code: string): Locator {
    return this.page.locator(`tr[data-row-key="${code}"]`);
  }
}
