import { expect, type Locator, type Page } from '@playwright/test';

export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class IntakePage {
  readonly fileInput: Locator;
  readonly batch: Locator;
  readonly received: Locator;
  readonly commit: Locator;

  constructor(readonly page: Page) {
    this.fileInput = page.getByLabel('Chọn tệp báo cáo');
    this.batch = page.locator('.ant-card').filter({ has: page.getByText('Các tệp đang nhận', { exact: true }) });
    this.received = page.locator('.ant-card').filter({ has: page.getByText('Báo cáo đã nhận', { exact: true }) });
    this.commit = page.getByRole('button', { name: /^Nhận các tệp hợp lệ/u });
  }

  async drop(files: UploadFile[]): Promise<void> {
    await this.fileInput.setInputFiles(files);
  }

  fileRow(name: string): Locator {
    return this.batch.locator('tr.batch-row').filter({ hasText: name });
  }

  /** The expanded detail under a file's row (problems with their cells, or the changes). */
  fileDetail(name: string): Locator {
    return this.fileRow(name).locator('xpath=following-sibling::tr[1]');
  }

  async expectChecked(total: number): Promise<void> {
    await expect(this.batch.locator('tr.batch-row')).toHaveCount(total);
    await expect(this.batch.getByText(/^(Đang chờ|Đang kiểm tra)$/u)).toHaveCount(0, { timeout: 60_000 });
  }

  receivedRow(agency: string): Locator {
    return this.received.locator('tr.received-row').filter({ hasText: agency });
  }
}
