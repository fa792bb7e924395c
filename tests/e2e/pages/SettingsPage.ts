import type { Locator, Page } from '@playwright/test';
import { AdminPage } from './AdminPage';

export class SettingsPage extends AdminPage {
  readonly backups: Locator;

  constructor(page: Page) {
    super(page);
    this.backups = page.locator('.backup-table tr.ant-table-row');
  }
}
