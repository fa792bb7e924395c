// The written report and a reminder letter as the clerk who signs them sees them:
// rendered to PDF by LibreOffice and to PNG pages by poppler (tests/helpers/render.ts).
// The pages are kept in a folder of the system's temp dir (printed below) to look at;
// the checks here are what can be read off the PDF: A4, page numbers from page 2 only,
// heading lines whole on one line each, every task, the figures, the signature.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Consolidation } from '../../shared/api';
import { addDemoReports } from '../../electron/app/demo';
import { call, cleanupTempDirs, local, openTestApp, type TestApp } from '../helpers/app';
import { render, renderTools, type Rendered } from '../helpers/render';
import { describeWith } from '../helpers/needs';

const OUT = path.join(os.tmpdir(), 'tonghop-documents-render');

/** The text of a page with its runs of spaces folded, as one reads a line. */
const folded = (text: string) => text.replace(/[ \u00a0]+/gu, ' ').trim();
const pagesOf = (r: Rendered) => r.text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
const linesOf = (page: string) => page.split('\n').map(folded).filter((l) => l !== '');

describeWith(renderTools, 'documents rendered with LibreOffice', () => {
  let app: TestApp;
  let c: Consolidation;
  let report: Rendered;
  let letter: Rendered;
  let stateLetter: Rendered;

  beforeAll(async () => {
    fs.rmSync(OUT, { recursive: true, force: true });
    app = await openTestApp({ now: () => local(2022, 6, 24, 9) });
    await addDemoReports(app.ctx);
    await call(app.h, 'settings.update', { signer: { capacity: 'T/M BAN CHỈ ĐẠO', title: 'PHÓ TRƯỞNG BAN THƯỜNG TRỰC', name: 'Nguyễn Văn An' } });
    c = await call(app.h, 'consolidation.get', { period: '2022-H1' });
    const doc = await call(app.h, 'documents.report', { period: '2022-H1', number: '45-BC/BCĐ', date: '2022-07-05' });
    report = render(doc.bytes, doc.name, path.join(OUT, 'report'), { dpi: 80 });
    const [one] = await call(app.h, 'documents.reminders', { period: '2022-H1', due: '2022-07-01' });
    letter = render(one?.bytes ?? new Uint8Array(), one?.name ?? 'letter.docx', path.join(OUT, 'letter'), { dpi: 80 });
    await call(app.h, 'organization.update', { headingStyle: 'state' });
    const [state] = await call(app.h, 'documents.reminders', { period: '2022-H1', due: '2022-07-01', agencies: ['HU-BG'] });
    stateLetter = render(state?.bytes ?? new Uint8Array(), state?.name ?? 'state.docx', path.join(OUT, 'state-letter'), { dpi: 80 });
    console.info(`Các trang đã dựng (PNG) ở ${OUT}`);
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    cleanupTempDirs();
  });

  it('prints the report on A4, numbered from page 2, with a PNG per page', () => {
    expect(report.pageSizeMm.width).toBeCloseTo(210, 0);
    expect(report.pageSizeMm.height).toBeCloseTo(297, 0);
    const pages = pagesOf(report);
    expect(pages.length).toBeGreaterThan(3);
    expect(report.pages).toHaveLength(pages.length);
    for (const png of report.pages) expect(fs.statSync(png).size).toBeGreaterThan(1000);
    // Page 1 starts with the heading, not a number; every later page with its own number.
    expect(linesOf(pages[0] ?? '')[0]).toMatch(/TỈNH ỦY LẠNG SƠN\s+ĐẢNG CỘNG SẢN VIỆT NAM/u);
    pages.slice(1).forEach((page, i) => expect(linesOf(page)[0]).toBe(String(i + 2)));
  });

  it('sets the heading lines whole, side by side, then the title and every task in the plan\u2019s order', () => {
    const first = linesOf(pagesOf(report)[0] ?? '');
    expect(first[1]).toMatch(/^BAN CHỈ ĐẠO CẢI CÁCH TƯ PHÁP$/u);
    expect(first).toContain('*');
    expect(first.find((l) => l.startsWith('Số 45-BC/BCĐ'))).toBe('Số 45-BC/BCĐ Lạng Sơn, ngày 05 tháng 07 năm 2022');
    expect(first).toContain('BÁO CÁO');
    expect(first).toContain('Kết quả thực hiện nhiệm vụ cải cách tư pháp 6 tháng đầu năm 2022');
    const all = folded(report.text.replace(/\s+/gu, ' '));
    let at = 0;
    for (const [i, task] of c.tasks.entries()) {
      const found = all.indexOf(`${i + 1}. ${task.title}`, at);
      expect(found, task.code).toBeGreaterThan(at);
      at = found;
    }
  });

  it('shows every consolidated figure in the rendered text, nothing cut', () => {
    const all = report.text.replace(/\s+/gu, ' ');
    for (const i of c.indicators) {
      if (i.value === null) continue;
      const value = i.kind === 'percent' ? `${i.value.toFixed(1).replace('.', ',')}%` : new Intl.NumberFormat('vi-VN', { maximumFractionDigits: i.kind === 'integer' ? 0 : 2 }).format(i.value);
      expect(all, i.code).toContain(`${i.name}: ${value}`);
    }
  });

  it('ends with the closing, "Nơi nhận" and the signature together on the last page', () => {
    const last = linesOf(pagesOf(report).at(-1) ?? '').join('\n');
    // Never a page of signature alone: the closing line stands above it.
    expect(last).toContain('Trên đây là báo cáo kết quả thực hiện nhiệm vụ cải cách tư pháp');
    expect(last).toMatch(/Nơi nhận:\s+T\/M BAN CHỈ ĐẠO/u);
    expect(last).toContain('PHÓ TRƯỞNG BAN THƯỜNG TRỰC');
    expect(last).toContain('Nguyễn Văn An');
    expect(last).toContain('- Lưu Văn phòng.');
  });

  it('prints a reminder letter on one A4 page, in the Party and the State heading', () => {
    for (const r of [letter, stateLetter]) {
      expect(r.pageSizeMm.width).toBeCloseTo(210, 0);
      expect(pagesOf(r)).toHaveLength(1);
    }
    const party = linesOf(pagesOf(letter)[0] ?? '');
    expect(party[0]).toMatch(/^TỈNH ỦY LẠNG SƠN\s+ĐẢNG CỘNG SẢN VIỆT NAM$/u);
    // "ngày 01/07/2022" on one line, whatever the line breaks before it.
    expect(pagesOf(letter)[0]).toMatch(/chậm nhất\s+ngày 01\/07\/2022\./u);
    const state = linesOf(pagesOf(stateLetter)[0] ?? '');
    // The national name and the motto each on one line, beside the bodies, the issuing body whole.
    expect(state[0]).toMatch(/^TỈNH ỦY LẠNG SƠN\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/u);
    expect(state[1]).toMatch(/^BAN CHỈ ĐẠO CẢI CÁCH TƯ PHÁP\s+Độc lập - Tự do - Hạnh phúc$/u);
    expect(state.find((l) => l.startsWith('Số:'))).toMatch(/^Số: \/BCĐ Lạng Sơn, ngày 24 tháng 6 năm 2022$/u);
    expect(state).toContain('Kính gửi: Huyện ủy Bình Gia.');
    expect(pagesOf(stateLetter)[0]).toMatch(/chậm nhất\s+ngày 01\/07\/2022\.\/\./u);
  });
});
