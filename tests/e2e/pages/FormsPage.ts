import type { Download, Locator, Page } from '@playwright/test';

export class FormsPage {
  readonly generateAll: Locator;

  constructor(readonly page: Page) {
    this.generateAll = page.getByRole('button', { name: /^Tạo biểu mẫu cho tất cả/u });
  }

  /** In browser mode the forms arrive as one zip download. */
  async generateAllAndDownload(): Promise<Download> {
    const download = this.page.waitForEvent('download', { timeout: 60_000 });
    await this.generateAll.click();
    return download;
  }
}
