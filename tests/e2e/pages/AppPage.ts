// The frame every screen shares: navigation links and the period selector.
// Selectors are roles and accessible names, in Vietnamese, as the clerk reads them.
import { expect, type Locator, type Page } from '@playwright/test';

export type ScreenName = 'Tổng quan' | 'Biểu mẫu' | 'Nhận báo cáo' | 'Tổng hợp';

export class AppPage {
  readonly nav: Locator;
  readonly period: Locator;
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Chức năng' });
    this.period = page.getByRole('combobox', { name: 'Kỳ báo cáo' });
    this.heading = page.getByRole('heading', { level: 1 });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.heading).toBeVisible();
  }

  async go(screen: ScreenName): Promise<void> {
    await this.nav.getByRole('link', { name: screen }).click();
    await expect(this.heading).toHaveText(screen);
  }

  /** Chooses a period by typing its label (the selector filters without diacritics too) and Enter. */
  async choosePeriod(label: string): Promise<void> {
    // The periods arrive after the frame: wait until one is shown, then choose.
    await expect(this.page.getByText(/^Số liệu từ /u)).toBeVisible();
    await this.period.click();
    await this.period.fill(label);
    await expect(this.page.locator('.ant-select-item-option').filter({ hasText: label }).first()).toBeVisible();
    await this.page.keyboard.press('Enter');
    await expect(this.page.locator('.period-select')).toContainText(label);
  }
}
