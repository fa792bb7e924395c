import type { Download, Locator, Page } from '@playwright/test';

export class ConsolidationPage {
  readonly exportButton: Locator;
  readonly exportMissing: Locator;
  /** The toolbar's tally of the rule checks; it opens the "Kiểm tra số liệu" tab. */
  readonly checksSummary: Locator;
  readonly checkRows: Locator;

  constructor(readonly page: Page) {
    this.exportButton = page.getByRole('button', { name: 'Xuất biểu tổng hợp' });
    this.exportMissing = page.getByRole('button', { name: 'Xuất danh sách chưa nộp' });
    this.checksSummary = page.getByRole('button', { name: /^Kiểm tra số liệu:/u });
    this.checkRows = page.locator('.checks-table tr.ant-table-row');
  }

  indicatorRow(code: string): Locator {
    return this.page.locator(`tr.ant-table-row[data-row-key="${code}"]`);
  }

  /** The expanded row under an indicator: comparisons, checks and the agencies' figures. */
  breakdown(code: string): Locator {
    return this.indicatorRow(code).locator('xpath=following-sibling::tr[1]');
  }

  /** One agency's row in an indicator's breakdown. */
  agencyRow(code: string, agency: string): Locator {
    return this.breakdown(code).locator('.nested-table tr.ant-table-row').filter({ hasText: agency });
  }

  async tab(name: RegExp): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  async exportConsolidated(): Promise<Download> {
    const download = this.page.waitForEvent('download', { timeout: 60_000 });
    await this.exportButton.click();
    return download;
  }
}
