// The administration screens' shared parts: their navigation links, antd's confirm
// dialogs and messages, the dd/mm/yyyy date fields. Roles and accessible names, in
// the clerk's language.
import { expect, type Locator, type Page } from '@playwright/test';

export type AdminScreen = 'Kế hoạch' | 'Đơn vị' | 'Kỳ báo cáo' | 'Nhật ký' | 'Cài đặt';

export class AdminPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
  }

  async open(url: string, screen?: AdminScreen): Promise<void> {
    await this.page.goto(url);
    await expect(this.heading).toBeVisible();
    if (screen) await this.go(screen);
  }

  async go(screen: string, nav = 'Chức năng'): Promise<void> {
    await this.page.getByRole('navigation', { name: nav }).getByRole('link', { name: screen, exact: true }).click();
    await expect(this.heading).toHaveText(screen);
  }

  /** The open antd confirm dialog (modal.confirm). */
  get confirm(): Locator {
    return this.page.locator('.ant-modal-confirm').last();
  }

  /** The open form dialog with this title. */
  dialog(title: string | RegExp): Locator {
    return this.page.getByRole('dialog').filter({ has: this.page.locator('.ant-modal-title', { hasText: title }) });
  }

  async expectMessage(text: string | RegExp): Promise<void> {
    await expect(this.page.locator('.ant-message-notice').filter({ hasText: text }).last()).toBeVisible();
  }

  /** Types a date into an antd DatePicker (dd/mm/yyyy) and confirms it with Enter. */
  async typeDate(field: Locator, ddmmyyyy: string): Promise<void> {
    await field.click();
    await field.fill(ddmmyyyy);
    await field.press('Enter');
    await expect(field).toHaveValue(ddmmyyyy);
  }

  /** Chooses an option of an antd Select by typing (the filter ignores diacritics) and Enter. */
  async choose(select: Locator, text: string): Promise<void> {
    await select.click();
    await select.fill(text);
    await expect(this.page.locator('.ant-select-dropdown:visible .ant-select-item-option').first()).toBeVisible();
    await select.press('Enter');
  }

  /** A row's "⋯" menu of rarely used, destructive actions, named after its row ("Thao tác khác: Công an tỉnh"). */
  rowMenu(scope: Locator, name: string): Locator {
    return scope.getByRole('button', { name: `Thao tác khác: ${name}`, exact: true });
  }

  /** An item of the open row menu. */
  menuItem(label: string): Locator {
    return this.page.getByRole('menuitem', { name: label, exact: true });
  }
}
