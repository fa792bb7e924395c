import type { Download, Locator, Page } from '@playwright/test';
import ExcelJS from 'exceljs';

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

  /** A sortable column header of the table shown, by its title. */
  sortableHeader(title: string): Locator {
    return this.page.locator('th.ant-table-column-has-sorters:visible').filter({ hasText: title }).first();
  }
}

/**
 * What the exported workbook's "Theo đơn vị" sheet says of an indicator's total: the
 * formula in its "Tổng hợp" column and the result Excel shows before recalculating.
 */
export async function workbookTotal(bytes: Uint8Array, code: string): Promise<{ formula: string; result: unknown }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Theo đơn vị');
  if (!sheet) throw new Error(`no sheet "Theo đơn vị"; sheets: ${workbook.worksheets.map((w) => w.name).join(', ')}`);
  let totalColumn = 0;
  let row = 0;
  sheet.eachRow((r, n) => {
    r.eachCell((cell, col) => {
      if (cell.value === 'Tổng hợp') totalColumn = col;
    });
    if (r.getCell(2).value === code) row = n;
  });
  if (totalColumn === 0 || row === 0) throw new Error(`no "Tổng hợp" column or no row ${code} in "Theo đơn vị"`);
  const value = sheet.getCell(row, totalColumn).value as ExcelJS.CellFormulaValue;
  return { formula: value.formula, result: value.result };
}
