// The documents the office sends, as the clerk reaches them: the report dialog on
// Tổng hợp, the reminder dialog on Tiến độ nộp and Tổng quan, the "In" buttons; and the
// printed page, made as Chromium prints it (print media, A4), then turned into PNG pages
// with poppler to look at. Roles and accessible names, in Vietnamese.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
import { AdminPage } from './AdminPage';

export class DocumentsPage extends AdminPage {
  readonly reportButton: Locator;
  readonly remindButton: Locator;
  readonly report: Locator;
  readonly reminders: Locator;

  constructor(page: Page) {
    super(page);
    this.reportButton = page.getByRole('button', { name: 'Tạo dự thảo báo cáo (.docx)' });
    this.remindButton = page.getByRole('button', { name: 'Soạn công văn đôn đốc' });
    this.report = this.dialog(/^Tạo dự thảo báo cáo –/u);
    this.reminders = this.dialog(/^Soạn công văn đôn đốc –/u);
  }

  /** The reminder dialog's row of one agency: its box, its state, whom to call. */
  reminderRow(agency: string): Locator {
    return this.reminders.locator('.remind-list li').filter({ hasText: agency });
  }

  get newDue(): Locator {
    return this.reminders.getByLabel('Hạn nộp mới');
  }

  /** Presses a dialog's button and hands back the file it downloads. */
  async download(button: Locator): Promise<Download> {
    const download = this.page.waitForEvent('download', { timeout: 60_000 });
    await button.click();
    return download;
  }
}

export async function downloadedBytes(download: Download): Promise<Buffer> {
  const file = await download.path();
  return fs.readFileSync(file);
}

/** The text of a .docx's body (word/document.xml without its tags), or a refusal when the bytes are no docx. */
export function docxText(bytes: Uint8Array): string {
  const parts = unzipSync(bytes);
  const body = parts['word/document.xml'];
  if (!body) throw new Error(`no word/document.xml in the file; parts: ${Object.keys(parts).join(', ')}`);
  // Runs split words across tags; paragraphs end a line.
  return strFromU8(body)
    .replace(/<\/w:p>/gu, '\n')
    .replace(/<w:tab\/>/gu, '\t')
    .replace(/<[^>]+>/gu, '')
    .replace(/&amp;/gu, '&')
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&apos;/gu, "'");
}

export interface PrintedPages {
  pdf: string;
  pngs: string[];
  /** pdfinfo's "Page size" line, e.g. "595.28 x 841.89 pts (A4)". */
  pageSize: string;
  pages: number;
  text: string;
}

/**
 * The view as it prints: print media, an A4 PDF made by Chromium's own print path, then
 * one PNG a page at 60 dpi (pdftoppm), and the PDF's text (pdftotext) to check what is on
 * paper and what is not.
 */
export async function printView(page: Page, dir: string, name: string): Promise<PrintedPages> {
  fs.mkdirSync(dir, { recursive: true });
  await page.emulateMedia({ media: 'print' });
  // The tables re-render without their sticky header for print; let that land.
  await page.waitForTimeout(500);
  const pdf = path.join(dir, `${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  for (const old of fs.readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))) fs.rmSync(path.join(dir, old));
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(dir, name)]);
  const pngs = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(dir, f));
  const info = execFileSync('pdfinfo', [pdf]).toString();
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  return {
    pdf,
    pngs,
    pageSize: /Page size:\s*(.+)/u.exec(info)?.[1]?.trim() ?? '',
    pages: Number(/Pages:\s*(\d+)/u.exec(info)?.[1] ?? 0),
    text,
  };
}

/** Width and height of a PNG, from its IHDR chunk. */
export function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

export async function expectA4Portrait(printed: PrintedPages): Promise<void> {
  // 210 × 297 mm is 595.3 × 841.9 pt; Chromium rounds to its own units (594.96 × 841.92).
  const [width = 0, height = 0] = (/^([\d.]+) x ([\d.]+) pts/u.exec(printed.pageSize) ?? []).slice(1).map(Number);
  expect(Math.abs(width - 595.28)).toBeLessThan(1);
  expect(Math.abs(height - 841.89)).toBeLessThan(1);
  expect(printed.pngs.length).toBe(printed.pages);
  for (const png of printed.pngs) {
    const { width, height } = pngSize(png);
    // 210 × 297 mm at 60 dpi: 496 × 702 pixels.
    expect(Math.abs(width - 496)).toBeLessThanOrEqual(1);
    expect(Math.abs(height - 702)).toBeLessThanOrEqual(1);
  }
}
