// The frame every screen shares: navigation links and the period selector.
// Selectors are roles and accessible names, in Vietnamese, as the clerk reads them.
import { expect, type Locator, type Page } from '@playwright/test';

export type ScreenName = 'Tổng quan' | 'Biểu mẫu' | 'Nhận báo cáo' | 'Tổng hợp';

export type Lang = 'vi' | 'en';

export class AppPage {
  readonly nav: Locator;
  readonly period: Locator;
  readonly heading: Locator;
  /** The period shown in the selector, as its label reads. */
  readonly currentPeriod: Locator;
  /** The note beside the period when it is the one being received now ("Kỳ đang nhận báo cáo"). */
  readonly receivingNow: Locator;
  /** The language switch at the foot of the navigation (VI / EN), in either language. */
  readonly language: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Chức năng' });
    this.period = page.getByRole('combobox', { name: 'Kỳ báo cáo' });
    this.heading = page.getByRole('heading', { level: 1 });
    this.currentPeriod = page.locator('.period-select');
    this.receivingNow = page.locator('.period-box .period-now');
    this.language = page.getByRole('radiogroup', { name: /^(Ngôn ngữ giao diện|Interface language)$/u });
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

  /** Switches the interface language and waits until the navigation speaks it. */
  async setLanguage(lang: Lang): Promise<void> {
    await this.language.getByText(lang.toUpperCase(), { exact: true }).click();
    const nav = this.page.getByRole('navigation', { name: lang === 'vi' ? 'Chức năng' : 'Sections' });
    await expect(nav.getByRole('link', { name: lang === 'vi' ? 'Tổng quan' : 'Overview' })).toBeVisible();
    await expect(this.page.locator('html')).toHaveAttribute('lang', lang);
  }

  /** The notice a save leaves ("Trình duyệt đã tải tệp … về thư mục Tải xuống."). */
  savedNotice(text: string | RegExp): Locator {
    return this.page.locator('.saved-notice').filter({ hasText: text });
  }

  /** Closes every save notice still shown (they stay 6 s, over the next screen). */
  async closeSavedNotices(): Promise<void> {
    for (const close of await this.page.locator('.saved-notice .ant-notification-notice-close').all()) await close.click();
    await expect(this.page.locator('.saved-notice')).toHaveCount(0);
  }

  /**
   * Reaches `target` with the Tab key, as a keyboard user does: focus goes to a focusable
   * element a little before it in document order, then Tab until it is reached (a few
   * presses at most: antd puts stops of its own between, such as a sticky header's parts).
   */
  async tabTo(target: Locator): Promise<void> {
    await target.evaluate((el) => {
      const focusable = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')].filter(
        (e) => e.tabIndex >= 0 && !e.matches(':disabled') && e.getClientRects().length > 0,
      );
      const at = focusable.indexOf(el as HTMLElement);
      if (at <= 0) throw new Error('nothing to tab from before the target');
      focusable[Math.max(0, at - 2)]?.focus();
    });
    for (let press = 0; press < 8; press++) {
      await this.page.keyboard.press('Tab');
      if (await target.evaluate((el) => el === document.activeElement)) break;
    }
    await expect(target).toBeFocused();
  }

  /** The focused element's ring as the clerk sees it: :focus-visible, and a drawn outline or box-shadow. */
  async focusRing(target: Locator): Promise<{ focusVisible: boolean; outline: string; boxShadow: string; drawn: boolean }> {
    return target.evaluate((el) => {
      const s = getComputedStyle(el);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : 'none';
      return { focusVisible: el.matches(':focus-visible'), outline, boxShadow: s.boxShadow, drawn: outline !== 'none' || (s.boxShadow !== 'none' && s.boxShadow !== '') };
    });
  }
}
