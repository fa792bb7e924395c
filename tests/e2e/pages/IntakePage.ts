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
  /** The batch's "Ngày nhận", for every file without a date of its own. */
  readonly batchDate: Locator;
  /** The batch's card in either language (its title is translated; its date field is not). */
  readonly batchCard: Locator;
  /** The warning of a batch whose every file names the same other period, with its "Nhận cho kỳ …". */
  readonly otherPeriod: Locator;

  constructor(readonly page: Page) {
    this.fileInput = page.getByLabel('Chọn tệp báo cáo');
    this.batch = page.locator('.ant-card').filter({ has: page.getByText('Các tệp đang nhận', { exact: true }) });
    this.received = page.locator('.ant-card').filter({ has: page.getByText('Báo cáo đã nhận', { exact: true }) });
    this.commit = page.getByRole('button', { name: /^Nhận các tệp hợp lệ/u });
    this.batchDate = this.batch.getByLabel('Ngày nhận', { exact: true });
    this.batchCard = page.locator('.ant-card').filter({ has: page.locator('.batch-date') });
    this.otherPeriod = this.batch.locator('.batch-other-period');
  }

  /** Types a day into a date box (dd/mm/yyyy, as the clerk reads it) and confirms it with Enter. */
  async setDate(box: Locator, ddmmyyyy: string): Promise<void> {
    await box.click();
    await box.fill(ddmmyyyy);
    await box.press('Enter');
    await expect(box).toHaveValue(ddmmyyyy);
  }

  async drop(files: UploadFile[]): Promise<void> {
    await this.fileInput.setInputFiles(files);
  }

  fileRow(name: string): Locator {
    return this.batchCard.locator('tr.batch-row').filter({ hasText: name });
  }

  /** The expanded detail under a file's row (problems with their cells, or the changes). */
  fileDetail(name: string): Locator {
    return this.fileRow(name).locator('xpath=following-sibling::tr[1]');
  }

  /** The problems listed in a file's detail, in the order shown (cell, severity, message). */
  problemRows(name: string): Locator {
    return this.fileDetail(name).locator('tr.ant-table-row');
  }

  /** A file row's expand button (it opens the file's detail). */
  expandButton(name: string): Locator {
    return this.fileRow(name).locator('.ant-table-row-expand-icon');
  }

  /** A button in a file's detail, by the accessible name that says which row it acts on ("Sửa số liệu NV1.01"). */
  detailButton(file: string, name: string): Locator {
    return this.fileDetail(file).getByRole('button', { name, exact: true });
  }

  dialog(title: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name: title });
  }

  /** "Sửa số liệu" in the preview: a number and the note, then the file is checked again. */
  async correctFigure(file: string, code: string, value: string, note: string): Promise<void> {
    await this.detailButton(file, `Sửa số liệu ${code}`).first().click();
    const dialog = this.dialog(/^Sửa số liệu báo cáo của/u);
    await dialog.getByLabel('Số liệu đúng').fill(value);
    await dialog.getByLabel('Ghi chú (bắt buộc)').fill(note);
    await dialog.getByRole('button', { name: 'Sửa và kiểm tra lại' }).click();
    await expect(dialog).toBeHidden();
    await this.expectSettled(file);
  }

  /** "Chấp nhận có lý do" in the preview: the reason, then the file is checked again. */
  async acceptCheck(file: string, code: string, reason: string): Promise<void> {
    await this.detailButton(file, `Chấp nhận có lý do ${code}`).click();
    const dialog = this.dialog(/^Chấp nhận số liệu/u);
    await dialog.getByLabel('Lý do chấp nhận (bắt buộc)').fill(reason);
    await dialog.getByRole('button', { name: 'Chấp nhận', exact: true }).click();
    await expect(dialog).toBeHidden();
    await this.expectSettled(file);
  }

  /** The file's latest dry run has answered. */
  async expectSettled(file: string): Promise<void> {
    await expect(this.fileRow(file).getByText(/^(Đang chờ|Đang kiểm tra)$/u)).toHaveCount(0, { timeout: 60_000 });
  }

  async expectChecked(total: number): Promise<void> {
    await expect(this.batch.locator('tr.batch-row')).toHaveCount(total);
    await expect(this.batch.getByText(/^(Đang chờ|Đang kiểm tra)$/u)).toHaveCount(0, { timeout: 60_000 });
  }

  receivedRow(agency: string): Locator {
    return this.received.locator('tr.received-row').filter({ hasText: agency });
  }

  /** The detail opened under an agency's row: the office's corrections and the revision history. */
  receivedDetail(agency: string): Locator {
    return this.receivedRow(agency).locator('xpath=following-sibling::tr[1]');
  }
}
