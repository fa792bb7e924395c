// Page objects for Nhập liệu, Biểu đồ and Mẫu bố cục: roles and accessible names, in
// Vietnamese, as the clerk reads them.
import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** Goes to one of these screens through the navigation (their names are not in AppPage's list). */
export async function goTo(page: Page, screen: 'Nhập liệu' | 'Biểu đồ' | 'Mẫu bố cục' | 'Nhận báo cáo'): Promise<void> {
  await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: screen }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(screen);
}

export class EntryPage {
  readonly agency: Locator;
  readonly save: Locator;

  constructor(readonly page: Page) {
    this.agency = page.getByRole('combobox', { name: 'Chọn đơn vị' });
    this.save = page.getByRole('button', { name: 'Lưu thành lần nộp mới' });
  }

  async chooseAgency(name: string): Promise<void> {
    await this.agency.click();
    await this.agency.fill(name);
    await expect(this.page.locator('.ant-select-item-option').filter({ hasText: name }).first()).toBeVisible();
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByRole('status').filter({ hasText: /lần nộp thứ|chưa có báo cáo nào/u }).first()).toBeVisible();
  }

  /** The figure input of an indicator (its label is the indicator's name). */
  figure(code: string): Locator {
    return this.page.locator(`#value-${code.replace('.', '\\.')}`);
  }

  /** The row of an indicator, where its problems are shown next to the field. */
  indicatorRow(code: string): Locator {
    return this.page.locator(`tr.ant-table-row[data-row-key="${code}"]`);
  }

  async setStatus(task: string, label: string): Promise<void> {
    const select = this.page.getByRole('combobox', { name: `Tình trạng nhiệm vụ ${task}` });
    await select.click();
    await this.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).first().click();
  }
}

export class ChartsPage {
  constructor(readonly page: Page) {}

  canvas(title: string | RegExp): Locator {
    return this.page.getByRole('img', { name: title });
  }

  async savePng(title: string): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: `Lưu ảnh PNG: ${title}` }).click();
    return download;
  }
}

export class WizardPage {
  readonly fileInput: Locator;
  readonly grid: Locator;

  constructor(readonly page: Page) {
    this.fileInput = page.getByLabel('Chọn tệp mẫu');
    this.grid = page.locator('table.wizard-grid');
  }

  rowHeader(row: number): Locator {
    return this.grid.locator('tbody th').filter({ hasText: new RegExp(`^${row}$`, 'u') });
  }

  columnHeader(letters: string): Locator {
    return this.grid.locator('thead th').filter({ hasText: new RegExp(`^${letters}$`, 'u') });
  }

  cell(address: string): Locator {
    return this.grid.locator(`td[data-address="${address}"]`);
  }

  previewRow(row: number): Locator {
    return this.page.locator(`tr.preview-row[data-row-key="${row}"]`);
  }

  /** Mẫu bố cục opens on the list of saved profiles; a new one starts from its button. */
  async startNew(): Promise<void> {
    await this.page.getByRole('button', { name: 'Tạo mẫu bố cục mới…' }).click();
    await expect(this.page.getByRole('button', { name: 'Mở tệp mẫu…' })).toBeVisible();
  }
}

/** The saved profiles of Mẫu bố cục, each row with its actions named for the profile. */
export class ProfileListPage {
  readonly table: Locator;
  readonly importInput: Locator;

  constructor(readonly page: Page) {
    this.table = page.locator('.screen.profiles .ant-table');
    this.importInput = page.getByLabel('Chọn tệp mẫu bố cục (JSON)');
  }

  row(name: string): Locator {
    return this.table.locator('tr.ant-table-row').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  action(verb: 'Sửa mẫu' | 'Đổi tên mẫu' | 'Nhân bản mẫu' | 'Xóa mẫu', name: string): Locator {
    return this.page.getByRole('button', { name: `${verb} ${name}`, exact: true });
  }

  exportButton(name: string): Locator {
    return this.page.getByRole('button', { name: `Xuất mẫu ${name} ra tệp JSON`, exact: true });
  }
}
