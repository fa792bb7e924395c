import type { Download, Locator, Page } from '@playwright/test';

export class ConsolidationPage {
  readonly exportButton: Locator;
  readonly exportMissing: Locator;

  constructor(readonly page: Page) {
    this.exportButton = page.getByRole('button', { name: 'Xuất biểu tổng hợp' });
    this.exportMissing = page.getByRole('button', { name: 'Xuất danh sách chưa nộp' });
  }

  indicatorRow(code: string): Locator {
    return this.page.locator(`tr.ant-table-row[data-row-key="${code}"]`);
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
