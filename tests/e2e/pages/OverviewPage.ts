import { expect, type Locator, type Page } from '@playwright/test';

export class OverviewPage {
  readonly completeness: Locator;
  readonly agencies: Locator;

  constructor(readonly page: Page) {
    this.completeness = page.getByRole('region', { name: 'Tiến độ nộp báo cáo' });
    this.agencies = page.locator('.ant-card').filter({ has: page.getByText('Các đơn vị', { exact: true }) });
  }

  /** The "Đã nhận" figure, e.g. "2/21". */
  received(): Locator {
    return this.completeness.getByRole('button', { name: /^Đã nhận:/u });
  }

  async expectReceived(text: string): Promise<void> {
    await expect(this.received()).toContainText(text);
  }

  agencyRow(name: string): Locator {
    return this.agencies.getByRole('row').filter({ hasText: name });
  }
}
