// The Word documents the office sends (issue 11): the written report of a period and
// the reminder letters, through the Api and the CLI, on real SQLite files, read back
// from their real .docx bytes (the WordprocessingML inside the zip).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComparedFigure, Consolidation, IndicatorConsolidation } from '../../shared/api';
import type { TaskStatus } from '../../shared/domain';
import { formatDateVi, parseVietnameseNumber } from '../../shared/numbers';
import { localDate } from '../../shared/dates';
import { addDemoReports } from '../../electron/app/demo';
import { addWorkingDays } from '../../electron/app/working-days';
import { cli } from '../helpers/cli';
import { call, cleanupTempDirs, local, openTestApp, refuse, tempDir, VIETNAMESE, type TestApp } from '../helpers/app';
import { bodyWithoutTables, cellsOf, paragraphsOf, plain, readDocx, tablesOf } from '../helpers/docx';

const NB = '\u00a0';
const open: TestApp[] = [];
afterAll(async () => {
  for (const app of open.splice(0)) await app.close();
  cleanupTempDirs();
});

async function start(now: Date): Promise<TestApp> {
  const app = await openTestApp({ now: () => now });
  open.push(app);
  return app;
}

interface Entry {
  receivedOn?: string;
  tasks?: { taskCode: string; status: TaskStatus | null; results?: string; difficulties?: string; proposals?: string }[];
}

/** A typed report; a string value is a text indicator's figure. */
function enter(app: TestApp, agency: string, period: string, values: Record<string, number | string | null>, entry: Entry = {}) {
  return call(app.h, 'submissions.enter', {
    period,
    agency,
    ...(entry.receivedOn ? { receivedOn: entry.receivedOn } : {}),
    taskReports: (entry.tasks ?? []).map((t) => ({ results: '', difficulties: '', proposals: '', ...t })),
    values: Object.entries(values).map(([indicatorCode, v]) => (typeof v === 'string' ? { indicatorCode, number: null, text: v } : { indicatorCode, number: v })),
  });
}

// ---- reading a report back ----

/** The body's paragraphs in order, tables left out, as the reader sees them (no-break spaces as spaces). */
function bodyLines(documentXml: string): string[] {
  return paragraphsOf(bodyWithoutTables(documentXml)).map((p) => plain(p.text));
}

/** The lines of each task's section of part I, by the task heading ("1. <title>"). */
function taskSections(lines: string[], titles: string[]): string[][] {
  const start = lines.indexOf('I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ');
  const end = lines.findIndex((l) => /^II\. TỒN TẠI, HẠN CHẾ/u.test(l));
  expect(start, 'part I').toBeGreaterThan(-1);
  expect(end, 'part II').toBeGreaterThan(start);
  const part = lines.slice(start + 1, end);
  const headings = part.map((l, i) => ({ l, i })).filter(({ l }) => /^\d+\. /u.test(l));
  expect(headings.map(({ l }) => l)).toEqual(titles.map((t, i) => `${i + 1}. ${t}`));
  return headings.map(({ i }, k) => part.slice(i + 1, headings[k + 1]?.i ?? part.length));
}

function num(text: string): number {
  const parsed = parseVietnameseNumber(text);
  if (!parsed.ok) throw new Error(`"${text}" is not a vi-VN number (${parsed.reason})`);
  return parsed.value;
}

/** The figure as it is shown: integers whole, decimals to 2 places, percentages to 1. */
function shown(value: number, kind: IndicatorConsolidation['kind']): number {
  const places = kind === 'integer' ? 0 : kind === 'percent' ? 1 : 2;
  return Number(value.toFixed(places));
}

/** Splits at "; " outside parentheses. */
function clauses(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && text.startsWith('; ', i)) {
      out.push(text.slice(from, i));
      from = i + 2;
    }
  }
  out.push(text.slice(from));
  return out;
}

const NUMBER = '[\\d.,]+%?';

/**
 * Reads an indicator's sentence back into its figures and checks each against the
 * consolidation: the figure, a ratio's parts, the coverage, the in-quarter figure, each
 * comparison (its label, figure, coverage, and the word that says which is larger), the
 * target and its verdict. Returns how many numbers it read.
 */
function checkFigureSentence(line: string, i: IndicatorConsolidation): number {
  let read = 0;
  if (i.kind === 'text') {
    // What each counted agency wrote, attributed; no number to read.
    const texts = i.byAgency.filter((a) => a.state === 'counted' && (a.text ?? '').trim() !== '').map((a) => `${a.name}: ${a.text?.trim()}`);
    const coverage = `${i.coverage.reported}/${i.coverage.expected} đơn vị báo cáo`;
    expect(line).toBe(texts.length === 0 ? `- ${i.name}: chưa có số liệu (${coverage}).` : `- ${i.name} (${coverage}): ${texts.join('; ')}.`);
    return 2;
  }
  const prefix = `- ${i.name}: `;
  expect(line.startsWith(prefix), `"${line}" starts with the indicator's name`).toBe(true);
  const parts = clauses(line.slice(prefix.length).replace(/\.$/u, ''));
  const main = parts.shift() ?? '';
  if (i.value === null) {
    expect(main).toBe(`chưa có số liệu (${i.coverage.reported}/${i.coverage.expected} đơn vị báo cáo)`);
  } else {
    const m = new RegExp(`^(${NUMBER})(?: ([^()]+?))? \\((?:(${NUMBER})/(${NUMBER})(?: [^;]+)?; )?(\\d+)/(\\d+) đơn vị báo cáo\\)$`, 'u').exec(main);
    expect(m, `main clause of ${i.code}: "${main}"`).not.toBeNull();
    const [, value = '', unit, numerator, denominator, reported = '', expected = ''] = m ?? [];
    expect(num(value)).toBe(shown(i.value, i.kind));
    if (i.kind === 'percent') expect(value.endsWith('%')).toBe(true);
    else expect(unit).toBe(i.unit);
    if (i.aggregation === 'ratio') {
      expect(num(numerator ?? '')).toBe(i.numerator);
      expect(num(denominator ?? '')).toBe(i.denominator);
      read += 2;
    }
    expect([Number(reported), Number(expected)]).toEqual([i.coverage.reported, i.coverage.expected]);
    read += 3;
  }
  // The in-quarter figure of a cumulative period, then the comparisons, then the target, in that order.
  if (i.inQuarter && i.inQuarter.value !== null) {
    const c = parts.shift() ?? '';
    const m = new RegExp(`^riêng (.+) \\(suy ra từ số lũy kế\\): (${NUMBER})(?: [^,]+)?, (\\d+)/(\\d+) đơn vị báo cáo$`, 'u').exec(c);
    expect(m, `in-quarter clause of ${i.code}: "${c}"`).not.toBeNull();
    expect(m?.[1]).toBe(i.inQuarter.label);
    expect(num(m?.[2] ?? '')).toBe(shown(i.inQuarter.value, i.kind));
    expect([Number(m?.[3]), Number(m?.[4])]).toEqual([i.inQuarter.coverage.reported, i.inQuarter.coverage.expected]);
    read += 3;
  }
  for (const [which, what] of [
    ['previous', 'quý trước'],
    ['sameLastYear', 'cùng kỳ năm trước'],
  ] as const) {
    const other: ComparedFigure | null = i[which];
    if (!other) continue;
    const c = parts.shift() ?? '';
    if (other.value === null) {
      expect(c).toBe(`${what} (${other.label}) chưa có số liệu`);
      continue;
    }
    const m = new RegExp(`^(tăng so với|giảm so với|bằng|so với) ${what} \\((.+): (${NUMBER})(?: [^,]+)?, (\\d+)/(\\d+) đơn vị báo cáo(; hai kỳ không gồm cùng các đơn vị)?\\)$`, 'u').exec(c);
    expect(m, `${which} clause of ${i.code}: "${c}"`).not.toBeNull();
    const [, verdict, label, value = '', reported, expected, unlike] = m ?? [];
    expect(label).toBe(other.label);
    expect(num(value)).toBe(shown(other.value, i.kind));
    expect([Number(reported), Number(expected)]).toEqual([other.coverage.reported, other.coverage.expected]);
    const like = other.onlyHere.length === 0 && other.onlyThere.length === 0;
    expect(Boolean(unlike)).toBe(!like);
    if (!like) expect(verdict).toBe('so với');
    else if (i.value !== null) expect(verdict).toBe(i.value > other.value ? 'tăng so với' : i.value < other.value ? 'giảm so với' : 'bằng');
    read += 3;
  }
  if (i.target !== null) {
    const c = parts.shift() ?? '';
    const m = new RegExp(`^chỉ tiêu kế hoạch (ít nhất|không quá) (${NUMBER})(?: [^:]+)?(?:: (đạt|chưa đạt))?$`, 'u').exec(c);
    expect(m, `target clause of ${i.code}: "${c}"`).not.toBeNull();
    expect(m?.[1]).toBe(i.targetDirection === 'max' ? 'không quá' : 'ít nhất');
    expect(num(m?.[2] ?? '')).toBe(i.target);
    expect(m?.[3] ?? null).toBe(i.targetMet === null ? null : i.targetMet ? 'đạt' : 'chưa đạt');
    read += 1;
  }
  expect(parts, `nothing more in the sentence of ${i.code}`).toEqual([]);
  return read;
}

/** The status line of a task: "trong 21 cơ quan, đơn vị được giao chủ trì, phối hợp có 8 hoàn thành, …". */
function checkStatusLine(line: string, task: Consolidation['tasks'][number]) {
  const m = /^Tình hình thực hiện: trong (\d+) cơ quan, đơn vị được giao chủ trì, phối hợp(?: có (.+))?\.$/u.exec(line);
  expect(m, `status line "${line}"`).not.toBeNull();
  expect(Number(m?.[1])).toBe(task.members.length);
  const said = Object.fromEntries((m?.[2] ?? '').split(', ').filter(Boolean).map((p) => {
    const [, n = '', label = ''] = /^(\d+) (.+)$/u.exec(p) ?? [];
    return [label, Number(n)];
  }));
  const c = task.statusCounts;
  const expected = Object.fromEntries(
    [
      ['hoàn thành', c.completed],
      ['đang thực hiện', c.inProgress],
      ['chưa thực hiện', c.notStarted],
      ['không thuộc phạm vi', c.notApplicable],
      ['chưa báo cáo', c.noReport],
    ].filter(([, n]) => Number(n) > 0),
  );
  expect(said).toEqual(expected);
}

/** Every task section: the status counts, each agency's results attributed, one sentence per indicator, each figure equal to the consolidation's. */
function checkReportAgainst(lines: string[], c: Consolidation, titles: string[]): number {
  const sections = taskSections(lines, titles);
  let figures = 0;
  c.tasks.forEach((task, k) => {
    const section = sections[k] ?? [];
    checkStatusLine(section[0] ?? '', task);
    for (const r of task.reports.filter((x) => x.results.trim() !== '')) {
      const first = r.results.trim().split('\n')[0]?.trim() ?? '';
      expect(section.some((l) => l.startsWith(`- ${r.name}`) && l.endsWith(first)), `${r.name}'s results under ${task.code}`).toBe(true);
    }
    const indicators = c.indicators.filter((i) => i.taskCode === task.code);
    const figureLines = section.slice(section.indexOf('Số liệu chủ yếu:') + 1);
    if (indicators.length === 0) expect(section).not.toContain('Số liệu chủ yếu:');
    else expect(figureLines).toHaveLength(indicators.length);
    indicators.forEach((i, n) => {
      figures += checkFigureSentence(figureLines[n] ?? '', i);
    });
  });
  return figures;
}

// ---- the demo: 2022-Q1 and 2022-H1 reports from every agency, a few late, missing, returned ----

let demo: TestApp;
beforeAll(async () => {
  demo = await start(local(2022, 6, 24, 9));
  await addDemoReports(demo.ctx);
  await call(demo.h, 'settings.update', { signer: { capacity: 'T/M BAN CHỈ ĐẠO', title: 'Trưởng ban', name: 'Nguyễn Văn An' } });
}, 120_000);

describe('the written report (Party format, Hướng dẫn 36-HD/VPTW)', () => {
  it('has the heading as a borderless two-column table, with the number, the date and the Party line', async () => {
    const file = await call(demo.h, 'documents.report', { period: '2022-H1', number: '45-BC/BCĐ', date: '2022-10-05' });
    expect(file.name).toBe('BaoCaoKetQua_2022-H1.docx');
    const doc = readDocx(file.bytes);
    // The heading table is the first thing in the body.
    expect(doc.document).toMatch(/<w:body><w:tbl>/u);
    const [heading] = tablesOf(doc.document);
    expect(heading).toBeDefined();
    const tblBorders = /<w:tblBorders>(.*?)<\/w:tblBorders>/su.exec(heading ?? '')?.[1] ?? '';
    for (const side of ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']) expect(tblBorders).toMatch(new RegExp(`<w:${side} w:val="none"`, 'u'));
    expect([...(heading ?? '').matchAll(/<w:gridCol /gu)]).toHaveLength(2);
    const rows = cellsOf(heading ?? '');
    expect(rows.map((r) => r.length)).toEqual([2, 2]);
    for (const cell of rows.flat()) expect(/<w:tcBorders>(.*?)<\/w:tcBorders>/su.exec(cell)?.[1] ?? '').not.toContain('w:val="single"');

    const texts = (xml: string) => paragraphsOf(xml).map((p) => plain(p.text)).filter((t) => t !== '');
    const [[topLeft = '', topRight = ''] = [], [numberCell = '', dateCell = ''] = []] = rows;
    expect(texts(topLeft)).toEqual(['TỈNH ỦY LẠNG SƠN', 'BAN CHỈ ĐẠO CẢI CÁCH TƯ PHÁP', '*']);
    const [superior, issuing, star] = paragraphsOf(topLeft);
    expect(superior?.runs.every((r) => !r.bold)).toBe(true);
    expect(issuing?.runs.every((r) => r.bold)).toBe(true);
    expect(star?.xml).toMatch(/<w:jc w:val="center"\/>/u);
    const right = paragraphsOf(topRight);
    expect(plain(right[0]?.text ?? '')).toBe('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(right[0]?.runs.every((r) => r.bold)).toBe(true);
    // The rule under it: the next paragraph's bottom border, no wider than the cell.
    expect(right[1]?.ruled).toBe(true);
    expect(texts(numberCell)).toEqual(['Số 45-BC/BCĐ']);
    const date = paragraphsOf(dateCell).find((p) => p.text !== '');
    expect(plain(date?.text ?? '')).toBe('Lạng Sơn, ngày 05 tháng 10 năm 2022');
    expect(date?.runs.every((r) => r.italics)).toBe(true);
    expect(doc.document).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  });

  it('pads day and month below 10, leaves the number blank when none is given, and dates the report today by default', async () => {
    const blank = readDocx((await call(demo.h, 'documents.report', { period: '2022-Q1' })).bytes);
    const cells = cellsOf(tablesOf(blank.document)[0] ?? '');
    const text = (xml: string) => paragraphsOf(xml).map((p) => p.text).filter((t) => t !== '');
    expect(text(cells[1]?.[0] ?? '')).toEqual([`Số${NB.repeat(6)}-BC/BCĐ`]);
    // The test app's clock says 24/06/2022.
    expect(text(cells[1]?.[1] ?? '')).toEqual(['Lạng Sơn, ngày 24 tháng 06 năm 2022']);
    const early = readDocx((await call(demo.h, 'documents.report', { period: '2022-Q1', date: '2022-03-05' })).bytes);
    expect(plain(early.document)).toContain('Lạng Sơn, ngày 05 tháng 03 năm 2022');
  });

  it('is Times New Roman 13–14 pt on A4, margins 20/20/30/15 mm, page numbers from page 2', async () => {
    const doc = readDocx((await call(demo.h, 'documents.report', { period: '2022-H1' })).bytes);
    // The default font and size of every run: Times New Roman, 14 pt.
    const defaults = /<w:docDefaults>(.*?)<\/w:docDefaults>/su.exec(doc.styles)?.[1] ?? '';
    expect(defaults).toMatch(/<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"\/>/u);
    expect(defaults).toMatch(/<w:sz w:val="28"\/>/u);
    // No run anywhere names another font; the sizes runs set are 11–15 pt (heading, title, "Nơi nhận").
    const everything = [doc.document, ...Object.keys(doc.files).filter((f) => /^word\/header\d+\.xml$/u.test(f)).map((f) => doc.part(f))].join('');
    for (const m of everything.matchAll(/<w:rFonts ([^>]*)\/>/gu)) expect(m[1]).not.toMatch(/w:ascii="(?!Times New Roman")/u);
    const sizes = paragraphsOf(doc.document).flatMap((p) => p.runs.map((r) => r.size).filter((s): s is number => s !== null));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(15);
    const body = paragraphsOf(bodyWithoutTables(doc.document)).filter((p) => p.text.trim() !== '' && !/^(BÁO CÁO|-----)$/u.test(p.text));
    // The body itself is in the default 14 pt.
    expect(body.filter((p) => p.runs.some((r) => r.size !== null && r.size !== 14)).map((p) => p.text)).toEqual([]);

    const sect = /<w:sectPr>(.*?)<\/w:sectPr>/su.exec(doc.document)?.[1] ?? '';
    expect(sect).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/u);
    const margin = /<w:pgMar ([^>]*)\/>/u.exec(sect)?.[1] ?? '';
    // 20 mm = 1134 twips, 30 mm = 1701, 15 mm = 850.
    expect(margin).toMatch(/w:top="1134"/u);
    expect(margin).toMatch(/w:bottom="1134"/u);
    expect(margin).toMatch(/w:left="1701"/u);
    expect(margin).toMatch(/w:right="850"/u);
    // A first page of its own (titlePg) whose header has no page number; every other page's does.
    expect(sect).toContain('<w:titlePg/>');
    const rels = doc.part('word/_rels/document.xml.rels');
    const headerOf = (type: string) => {
      const id = new RegExp(`<w:headerReference w:type="${type}" r:id="(\\w+)"/>`, 'u').exec(sect)?.[1];
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`, 'u').exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`, 'u').exec(rels)?.[1];
      return doc.part(`word/${target ?? ''}`);
    };
    expect(headerOf('default')).toMatch(/<w:instrText xml:space="preserve">PAGE<\/w:instrText>/u);
    expect(headerOf('default')).toMatch(/<w:jc w:val="center"\/>/u);
    expect(headerOf('first')).not.toContain('PAGE');
  });

  it('gives one section per task in the plan\u2019s order, each figure equal to the consolidation, with coverage and the in-quarter part', async () => {
    const c = await call(demo.h, 'consolidation.get', { period: '2022-H1' });
    const plan = await call(demo.h, 'plans.get', { year: 2022 });
    const lines = bodyLines(readDocx((await call(demo.h, 'documents.report', { period: '2022-H1' })).bytes).document);
    expect(c.tasks.map((t) => t.code)).toEqual(plan.tasks.map((t) => t.code));
    const figures = checkReportAgainst(lines, c, plan.tasks.map((t) => t.title));
    // 35 indicators: figure, coverage and in-quarter part each, the ratios' parts, the targets.
    expect(figures).toBeGreaterThan(35 * 5);
    // The coverage of a figure reads as the screen's "18/21 đơn vị".
    const nv101 = c.indicators.find((i) => i.code === 'NV1.01');
    expect(lines.some((l) => l.includes(`(${nv101?.coverage.reported}/${nv101?.coverage.expected} đơn vị báo cáo)`))).toBe(true);
    // The opening names the plan, the data window and how many reports came in.
    const n = c.completeness.counts;
    expect(lines).toContain(
      `Thực hiện Kế hoạch số 08-KH/BCĐ ngày 21/02/2022 của Ban Chỉ đạo Cải cách tư pháp tỉnh Lạng Sơn về thực hiện nhiệm vụ trọng tâm công tác cải cách tư pháp năm 2022, trên cơ sở báo cáo của các cơ quan, đơn vị (đã nhận ${n.received}/${n.expected} báo cáo; số liệu từ ngày 15/12/2021 đến ngày 14/06/2022), Ban Chỉ đạo Cải cách tư pháp tỉnh Lạng Sơn báo cáo kết quả thực hiện nhiệm vụ cải cách tư pháp 6 tháng đầu năm 2022 như sau:`,
    );
    const doc = readDocx((await call(demo.h, 'documents.report', { period: '2022-H1' })).bytes);
    const title = paragraphsOf(bodyWithoutTables(doc.document)).filter((p) => p.runs.some((r) => r.bold)).slice(0, 2).map((p) => p.text);
    expect(title).toEqual(['BÁO CÁO', 'Kết quả thực hiện nhiệm vụ cải cách tư pháp 6 tháng đầu năm 2022']);
  });

  it('follows the plan\u2019s order when the clerk reorders the tasks', async () => {
    const app = await start(local(2022, 6, 24));
    const before = await call(app.h, 'plans.get', { year: 2022 });
    const codes = before.tasks.map((t) => t.code);
    const reordered = [codes[7] ?? '', ...codes.slice(0, 7)];
    await call(app.h, 'tasks.reorder', { year: 2022, codes: reordered });
    const plan = await call(app.h, 'plans.get', { year: 2022 });
    expect(plan.tasks.map((t) => t.code)).toEqual(reordered);
    const c = await call(app.h, 'consolidation.get', { period: '2022-Q1' });
    const lines = bodyLines(readDocx((await call(app.h, 'documents.report', { period: '2022-Q1' })).bytes).document);
    checkReportAgainst(lines, c, plan.tasks.map((t) => t.title));
    expect(lines.find((l) => /^1\. /u.test(l))).toBe(`1. ${before.tasks[7]?.title}`);
  });

  it('gathers shortcomings, proposals and who reported late or not at all, then the signature and "Nơi nhận"', async () => {
    const c = await call(demo.h, 'consolidation.get', { period: '2022-H1' });
    const settings = await call(demo.h, 'settings.get', {});
    const doc = readDocx((await call(demo.h, 'documents.report', { period: '2022-H1' })).bytes);
    const lines = bodyLines(doc.document);
    const at = (title: string) => lines.indexOf(title);
    const [shortcomingsAt, nextAt, proposalsAt, completenessAt] = ['II. TỒN TẠI, HẠN CHẾ', 'III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI', 'IV. KIẾN NGHỊ, ĐỀ XUẤT', 'V. TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ'].map(at) as [number, number, number, number];
    const order = [shortcomingsAt, nextAt, proposalsAt, completenessAt];
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Each distinct shortcoming once, with every agency that wrote it; none lost.
    const shortcomings = lines.slice(shortcomingsAt + 1, nextAt);
    const written = new Set(c.tasks.flatMap((t) => t.reports.map((r) => r.difficulties.trim())).filter(Boolean));
    expect(shortcomings.length).toBe(written.size);
    for (const text of written) {
      const line = shortcomings.find((l) => l.endsWith(`: ${text}`)) ?? '';
      const who = c.tasks.flatMap((t) => t.reports.filter((r) => r.difficulties.trim() === text).map((r) => r.name));
      for (const name of new Set(who)) expect(line, `${name} is named with "${text}"`).toContain(name);
    }
    const proposals = lines.slice(proposalsAt + 1, completenessAt);
    const proposed = new Set(c.tasks.flatMap((t) => t.reports.map((r) => r.proposals.trim())).filter(Boolean));
    expect(proposals.map((l) => l.slice(l.indexOf('): ') + 3)).sort()).toEqual([...proposed].sort());

    // Completeness: the counts, who was late (with the day), returned, missing.
    const n = c.completeness.counts;
    const named = (state: string) => c.completeness.agencies.filter((a) => a.state === state);
    const completeness = lines.slice(completenessAt + 1);
    const late = named('late').map((a) => `${a.name}, nhận ngày ${formatDateVi(a.receivedOn)}`).join('; ');
    expect(completeness[0]).toBe(`Kỳ báo cáo có ${n.expected} cơ quan, đơn vị phải gửi báo cáo, hạn gửi ngày 17/06/2022. Đã nhận ${n.received}/${n.expected} báo cáo: ${n.onTime} đúng hạn, ${n.late} nộp muộn (${late}).`);
    expect(n).toMatchObject({ late: 2, returned: 1, missing: 2 });
    expect(completeness).toContain(`1 báo cáo bị trả lại để chỉnh sửa: Huyện ủy Bình Gia.`);
    expect(completeness).toContain(`2 cơ quan, đơn vị chưa nộp báo cáo: ${named('missing').map((a) => a.name).join(', ')}.`);
    expect(named('missing').map((a) => a.code).sort()).toEqual(['DLS', 'HU-DL']);

    // The last table: "Nơi nhận:" and the settings' recipients on the left, the signer on the right.
    const tables = tablesOf(doc.document);
    const [[left = '', right = ''] = []] = cellsOf(tables[tables.length - 1] ?? '');
    const recipients = paragraphsOf(left).map((p) => plain(p.text));
    expect(recipients).toEqual(['Nơi nhận:', ...settings.recipients.map((r) => `- ${r}`)]);
    expect(paragraphsOf(left)[0]?.runs[0]?.underline).toBe(true);
    const signer = paragraphsOf(right).map((p) => plain(p.text)).filter((t) => t !== '');
    expect(signer).toEqual(['T/M BAN CHỈ ĐẠO', 'TRƯỞNG BAN', 'Nguyễn Văn An']);
    expect(paragraphsOf(right).filter((p) => p.text !== '').every((p) => p.runs.every((r) => r.bold))).toBe(true);
    // Room for the signature between the title and the name.
    expect(paragraphsOf(right).filter((p) => p.text === '').length).toBeGreaterThanOrEqual(4);
    expect(lines[lines.length - 1]).toBe('Trên đây là báo cáo kết quả thực hiện nhiệm vụ cải cách tư pháp 6 tháng đầu năm 2022 của Ban Chỉ đạo Cải cách tư pháp tỉnh Lạng Sơn.');
    // Written down in the audit log.
    const entry = demo.ctx.handle.sqlite.prepare("SELECT action, entity_key AS key FROM audit_log WHERE entity = 'report' ORDER BY id DESC LIMIT 1").get();
    expect(entry).toEqual({ action: 'export', key: '2022-H1' });
  });
});

describe('comparisons, causes and a returned report', () => {
  // 2023-Q1 compares with 2022-Q4 (the quarter before) and 2022-Q1 (the same quarter last year).
  let app: TestApp;
  beforeAll(async () => {
    app = await start(local(2023, 4, 20, 9));
    await call(app.h, 'plans.copyToYear', { fromYear: 2022, toYear: 2023, number: '03-KH/BCĐ' });
    await call(app.h, 'periods.create', { year: 2022, kind: 'quarter', quarter: 4 });
    await call(app.h, 'indicators.create', {
      year: 2023,
      indicator: { code: 'NV2.10', taskCode: 'NV2', name: 'Vụ án trọng điểm đã đưa ra xét xử', unit: '', kind: 'text', aggregation: 'latest', reporters: ['CA', 'TA'] },
    });
    await enter(app, 'CA', '2022-Q1', { 'NV2.01': 100, 'NV2.02': 80, 'NV2.07': 0 }, { receivedOn: '2022-03-15' });
    await enter(app, 'VKS', '2022-Q1', { 'NV2.01': 50, 'NV2.02': 40, 'NV2.07': 1 }, { receivedOn: '2022-03-15' });
    await enter(app, 'TA', '2022-Q1', { 'NV2.01': 30, 'NV2.02': 30, 'NV2.06': 5, 'NV2.07': 0 }, { receivedOn: '2022-03-15' });
    await enter(app, 'CA', '2022-Q4', { 'NV2.01': 1200, 'NV2.02': 900 }, { receivedOn: '2022-12-16' });
    await enter(app, 'TA', '2022-Q4', { 'NV2.06': 7 }, { receivedOn: '2022-12-16' });
    await enter(app, 'VKS', '2022-Q4', { 'NV2.01': 50, 'NV2.02': 45 }, { receivedOn: '2022-12-16' });
    await enter(app, 'CA', '2023-Q1', { 'NV2.01': 1234, 'NV2.02': 1000, 'NV2.07': 0, 'NV2.10': 'Vụ buôn lậu qua biên giới tại Đồng Đăng' }, {
      receivedOn: '2023-03-16',
      tasks: [
        {
          taskCode: 'NV2',
          status: 'in_progress',
          results: 'Điều tra, truy tố đúng thời hạn.\nTổ chức 3 phiên tòa rút kinh nghiệm.',
          difficulties: 'Biên chế còn thiếu so với khối lượng công việc. Nguyên nhân: chưa được bổ sung chỉ tiêu biên chế.',
          proposals: 'Đề nghị bổ sung biên chế cho lực lượng điều tra.',
        },
      ],
    });
    await enter(app, 'VKS', '2023-Q1', { 'NV2.01': 40, 'NV2.02': 40, 'NV2.07': 0 }, {
      receivedOn: '2023-03-20',
      tasks: [{ taskCode: 'NV2', status: 'completed', results: 'Kiểm sát chặt chẽ việc thụ lý.', difficulties: 'Trang thiết bị còn thiếu.' }],
    });
    await enter(app, 'TA', '2023-Q1', { 'NV2.01': 20, 'NV2.02': 20, 'NV2.06': 7 }, { receivedOn: '2023-03-16' });
    const returned = await enter(app, 'HU-CL', '2023-Q1', { 'NV1.01': 4 }, { receivedOn: '2023-03-16', tasks: [{ taskCode: 'NV1', status: 'completed', results: 'Không được tính' }] });
    await call(app.h, 'submissions.return', { id: returned.id, reason: 'Thiếu số liệu chỉ tiêu NV8.03.' });
    await call(app.h, 'settings.update', { signer: { capacity: 'T/M BAN CHỈ ĐẠO', title: 'PHÓ TRƯỞNG BAN', name: 'Hoàng Thị Bình' } });
  });

  it('writes each figure beside the quarter before and the same quarter last year, as the consolidation computes them', async () => {
    const c = await call(app.h, 'consolidation.get', { period: '2023-Q1' });
    const plan = await call(app.h, 'plans.get', { year: 2023 });
    const nv201 = c.indicators.find((i) => i.code === 'NV2.01');
    expect(nv201?.previous).toMatchObject({ periodCode: '2022-Q4', value: 1250 });
    expect(nv201?.sameLastYear).toMatchObject({ periodCode: '2022-Q1', value: 180 });
    const lines = bodyLines(readDocx((await call(app.h, 'documents.report', { period: '2023-Q1' })).bytes).document);
    checkReportAgainst(lines, c, plan.tasks.map((t) => t.title));
    // As the clerk reads them.
    expect(lines).toContain('- Số vụ án hình sự đã thụ lý: 1.294 vụ (3/3 đơn vị báo cáo); so với quý trước (Quý IV năm 2022: 1.250 vụ, 2/3 đơn vị báo cáo; hai kỳ không gồm cùng các đơn vị); tăng so với cùng kỳ năm trước (Quý I năm 2022: 180 vụ, 3/3 đơn vị báo cáo).');
    expect(lines).toContain('- Số phiên tòa rút kinh nghiệm, phiên tòa trực tuyến: 7 phiên (1/2 đơn vị báo cáo); bằng quý trước (Quý IV năm 2022: 7 phiên, 1/2 đơn vị báo cáo); tăng so với cùng kỳ năm trước (Quý I năm 2022: 5 phiên, 1/2 đơn vị báo cáo).');
    expect(lines).toContain('- Số vụ án oan, sai hoặc bỏ lọt tội phạm được phát hiện: 0 vụ (2/3 đơn vị báo cáo); quý trước (Quý IV năm 2022) chưa có số liệu; so với cùng kỳ năm trước (Quý I năm 2022: 1 vụ, 3/3 đơn vị báo cáo; hai kỳ không gồm cùng các đơn vị); chỉ tiêu kế hoạch không quá 0 vụ: đạt.');
    expect(lines.find((l) => l.startsWith('- Tỷ lệ giải quyết án hình sự:'))).toMatch(/^- Tỷ lệ giải quyết án hình sự: 81,9% \(1\.060\/1\.294 vụ; 3\/3 đơn vị báo cáo\); .*chỉ tiêu kế hoạch ít nhất 90%: chưa đạt\.$/u);
    expect(lines).toContain('- Vụ án trọng điểm đã đưa ra xét xử (1/2 đơn vị báo cáo): Công an tỉnh: Vụ buôn lậu qua biên giới tại Đồng Đăng.');
    // A figure no agency gave is said to be missing, with its coverage.
    expect(lines).toContain('- Số hội nghị quán triệt, tuyên truyền, phổ biến pháp luật: chưa có số liệu (0/20 đơn vị báo cáo); quý trước (Quý IV năm 2022) chưa có số liệu; cùng kỳ năm trước (Quý I năm 2022) chưa có số liệu.');
  });

  it('keeps each agency\u2019s text, splits the causes it gives from the shortcomings, and leaves a returned report out', async () => {
    const lines = bodyLines(readDocx((await call(app.h, 'documents.report', { period: '2023-Q1' })).bytes).document);
    // A narrative of two lines stays two paragraphs, the first attributed.
    const at = lines.indexOf('- Công an tỉnh (chủ trì): Điều tra, truy tố đúng thời hạn.');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('Tổ chức 3 phiên tòa rút kinh nghiệm.');
    expect(lines).toContain('- Viện Kiểm sát nhân dân tỉnh (chủ trì): Kiểm sát chặt chẽ việc thụ lý.');
    expect(lines.join('\n')).not.toContain('Không được tính');
    const part = (from: string, to: string) => lines.slice(lines.indexOf(from) + 1, lines.indexOf(to));
    expect(lines).toContain('II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN');
    expect(part('1. Tồn tại, hạn chế', '2. Nguyên nhân')).toEqual([
      '- Công an tỉnh (nhiệm vụ 2): Biên chế còn thiếu so với khối lượng công việc.',
      '- Viện Kiểm sát nhân dân tỉnh (nhiệm vụ 2): Trang thiết bị còn thiếu.',
    ]);
    expect(part('2. Nguyên nhân', 'III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI')).toEqual(['- Công an tỉnh (nhiệm vụ 2): Chưa được bổ sung chỉ tiêu biên chế.']);
    expect(part('IV. KIẾN NGHỊ, ĐỀ XUẤT', 'V. TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ')).toEqual(['- Công an tỉnh (nhiệm vụ 2): Đề nghị bổ sung biên chế cho lực lượng điều tra.']);
    const completeness = lines.slice(lines.indexOf('V. TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ') + 1);
    expect(completeness[0]).toBe('Kỳ báo cáo có 21 cơ quan, đơn vị phải gửi báo cáo, hạn gửi ngày 17/03/2023. Đã nhận 3/21 báo cáo: 2 đúng hạn, 1 nộp muộn (Viện Kiểm sát nhân dân tỉnh, nhận ngày 20/03/2023).');
    expect(completeness).toContain('1 báo cáo bị trả lại để chỉnh sửa: Huyện ủy Chi Lăng.');
    expect(completeness.find((l) => l.startsWith('17 cơ quan, đơn vị chưa nộp báo cáo: Ban Nội chính Tỉnh ủy, Sở Tư pháp,'))).toBeDefined();
  });

  it('in the State format (Nghị định 30/2020): the national motto block, "Số:" with a colon, months above 2 unpadded', async () => {
    await call(app.h, 'organization.update', { headingStyle: 'state' });
    try {
      const doc = readDocx((await call(app.h, 'documents.report', { period: '2023-Q1', number: '12/BC-BCĐ', date: '2023-04-05' })).bytes);
      const rows = cellsOf(tablesOf(doc.document)[0] ?? '');
      const texts = (xml: string) => paragraphsOf(xml).map((p) => plain(p.text)).filter((t) => t !== '');
      expect(rows.map((r) => r.length)).toEqual([2, 2]);
      expect(texts(rows[0]?.[0] ?? '')).toEqual(['TỈNH ỦY LẠNG SƠN', 'BAN CHỈ ĐẠO CẢI CÁCH TƯ PHÁP']);
      // The issuing body has its short rule; there is no Party "*".
      expect(paragraphsOf(rows[0]?.[0] ?? '').some((p) => p.ruled)).toBe(true);
      const national = paragraphsOf(rows[0]?.[1] ?? '');
      expect(texts(rows[0]?.[1] ?? '')).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']);
      expect(national.filter((p) => p.text !== '').every((p) => p.runs.every((r) => r.bold))).toBe(true);
      expect(national[national.length - 1]?.ruled).toBe(true);
      expect(texts(rows[1]?.[0] ?? '')).toEqual(['Số: 12/BC-BCĐ']);
      expect(texts(rows[1]?.[1] ?? '')).toEqual(['Lạng Sơn, ngày 05 tháng 4 năm 2023']);
      expect(doc.document).not.toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      const lines = bodyLines(doc.document);
      expect(lines[lines.length - 1]).toMatch(/\.\/\.$/u);
      // "Nơi nhận:" in bold italics.
      const tables = tablesOf(doc.document);
      const label = paragraphsOf(cellsOf(tables[tables.length - 1] ?? '')[0]?.[0] ?? '')[0];
      expect(label?.runs[0]).toMatchObject({ text: 'Nơi nhận:', bold: true, italics: true, underline: false });
      // Without a number: "Số:      /BC-BCĐ".
      const blank = readDocx((await call(app.h, 'documents.report', { period: '2023-Q1' })).bytes);
      expect(paragraphsOf(cellsOf(tablesOf(blank.document)[0] ?? '')[1]?.[0] ?? '').map((p) => p.text)).toContain(`Số:${NB.repeat(6)}/BC-BCĐ`);
    } finally {
      await call(app.h, 'organization.update', { headingStyle: 'party' });
    }
  });

  it('refuses an unknown period and a number too long, in Vietnamese', async () => {
    const unknown = await refuse(app.h, 'documents.report', { period: '2030-Q1' });
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toMatch(VIETNAMESE);
    const long = await refuse(app.h, 'documents.report', { period: '2023-Q1', number: 'x'.repeat(61) });
    expect(long.code).toBe('INVALID_ARGUMENT');
    const badDate = await refuse(app.h, 'documents.report', { period: '2023-Q1', date: '2023-02-30' });
    expect(badDate.code).toBe('INVALID_ARGUMENT');
  });
});

// ---- reminder letters ----

function letterLines(bytes: Uint8Array): { body: string[]; heading: string[][][]; signature: string[][] } {
  const doc = readDocx(bytes);
  const tables = tablesOf(doc.document);
  const cellTexts = (xml: string) => paragraphsOf(xml).map((p) => plain(p.text)).filter((t) => t !== '');
  return {
    body: bodyLines(doc.document),
    heading: cellsOf(tables[0] ?? '').map((row) => row.map(cellTexts)),
    signature: (cellsOf(tables[tables.length - 1] ?? '')[0] ?? []).map(cellTexts),
  };
}

describe('reminder letters (công văn đôn đốc)', () => {
  it('one letter to every agency that has not reported or was returned, with the original and the new due date', async () => {
    const files = await call(demo.h, 'documents.reminders', { period: '2022-H1', due: '2022-07-01' });
    expect(files.map((f) => f.name)).toEqual(['CongVanDonDoc_2022-H1.docx']);
    const { body, heading, signature } = letterLines(files[0]?.bytes ?? new Uint8Array());
    expect(heading[0]?.[0]).toEqual(['TỈNH ỦY LẠNG SƠN', 'BAN CHỈ ĐẠO CẢI CÁCH TƯ PHÁP', '*']);
    expect(heading[1]?.[0]).toEqual([`Số      -CV/BCĐ`, 'V/v đôn đốc gửi báo cáo kết quả thực hiện nhiệm vụ cải cách tư pháp 6 tháng đầu năm 2022']);
    expect(heading[1]?.[1]).toEqual(['Lạng Sơn, ngày 24 tháng 06 năm 2022']);
    // Addressees in the office's order: the two missing, the one returned.
    expect(body.slice(0, 4)).toEqual(['Kính gửi:', '- Đoàn Luật sư tỉnh;', '- Huyện ủy Bình Gia;', '- Huyện ủy Đình Lập.']);
    const text = body.join('\n');
    expect(text).toContain('6 tháng đầu năm 2022 (số liệu từ ngày 15/12/2021 đến ngày 14/06/2022) về Ban Chỉ đạo (qua Ban Nội chính Tỉnh ủy); hạn gửi báo cáo là ngày 17/06/2022.');
    expect(text).toContain('Đến ngày 24/06/2022, còn 2 cơ quan, đơn vị chưa nộp báo cáo: Đoàn Luật sư tỉnh, Huyện ủy Đình Lập; 1 cơ quan, đơn vị có báo cáo bị trả lại để chỉnh sửa nhưng chưa gửi lại: Huyện ủy Bình Gia (lý do: Số liệu lũy kế 6 tháng nhỏ hơn số liệu quý I; đề nghị rà soát lại).');
    expect(text).toContain('đề nghị các cơ quan, đơn vị nêu trên khẩn trương hoàn thành, gửi báo cáo về Ban Chỉ đạo (qua Ban Nội chính Tỉnh ủy) chậm nhất ngày 01/07/2022.');
    expect(signature[0]).toEqual(['Nơi nhận:', '- Như trên;', '- Lưu Văn phòng.']);
    expect(signature[1]).toEqual(['T/M BAN CHỈ ĐẠO', 'TRƯỞNG BAN', 'Nguyễn Văn An']);
  });

  it('one letter per agency, numbered on from the clerk\u2019s number, each to its own addressee', async () => {
    const files = await call(demo.h, 'documents.reminders', { period: '2022-H1', due: '2022-07-01', mode: 'each', number: '045-CV/BCĐ', date: '2022-06-27' });
    expect(files.map((f) => f.name)).toEqual(['CongVanDonDoc_2022-H1_DLS.docx', 'CongVanDonDoc_2022-H1_HU-BG.docx', 'CongVanDonDoc_2022-H1_HU-DL.docx']);
    const letters = files.map((f) => letterLines(f.bytes));
    expect(letters.map((l) => l.heading[1]?.[0]?.[0])).toEqual(['Số 045-CV/BCĐ', 'Số 046-CV/BCĐ', 'Số 047-CV/BCĐ']);
    expect(letters.map((l) => l.body[0])).toEqual(['Kính gửi: Đoàn Luật sư tỉnh.', 'Kính gửi: Huyện ủy Bình Gia.', 'Kính gửi: Huyện ủy Đình Lập.']);
    expect(letters[0]?.body).toContain('Đến ngày 27/06/2022, Đoàn Luật sư tỉnh chưa nộp báo cáo.');
    expect(letters[1]?.body).toContain('Báo cáo của Huyện ủy Bình Gia đã được trả lại để chỉnh sửa (lý do: Số liệu lũy kế 6 tháng nhỏ hơn số liệu quý I; đề nghị rà soát lại); đến ngày 27/06/2022, đơn vị chưa gửi lại báo cáo.');
    for (const l of letters) {
      expect(l.body.join('\n')).toContain('hạn gửi báo cáo là ngày 17/06/2022');
      expect(l.body.join('\n')).toContain('chậm nhất ngày 01/07/2022.');
      // Each letter names its own agency only.
      expect(l.body.filter((line) => line.startsWith('Kính gửi'))).toHaveLength(1);
    }
    expect(letters[2]?.body.join('\n')).not.toContain('Đoàn Luật sư');
  });

  it('to the agencies the clerk picks, and refuses one that has reported, one unknown, a number it cannot count on', async () => {
    const [one] = await call(demo.h, 'documents.reminders', { period: '2022-H1', due: '2022-07-01', agencies: ['HU-DL'], number: '46-CV/BCĐ' });
    const letter = letterLines(one?.bytes ?? new Uint8Array());
    expect(letter.body[0]).toBe('Kính gửi: Huyện ủy Đình Lập.');
    expect(letter.heading[1]?.[0]?.[0]).toBe('Số 46-CV/BCĐ');
    const reported = await refuse(demo.h, 'documents.reminders', { period: '2022-H1', due: '2022-07-01', agencies: ['CA'] });
    expect(reported.code).toBe('ALREADY_REPORTED');
    expect(reported.message).toMatch(/^Công an tỉnh đã gửi báo cáo kỳ 6 tháng đầu năm 2022 \(nhận ngày \d\d\/06\/2022\), không cần đôn đốc\.$/u);
    const unknown = await refuse(demo.h, 'documents.reminders', { period: '2022-H1', due: '2022-07-01', agencies: ['XYZ'] });
    expect(unknown.code).toBe('NOT_FOUND');
    const noneChosen = await refuse(demo.h, 'documents.reminders', { period: '2022-H1', due: '2022-07-01', agencies: [] });
    expect(noneChosen).toMatchObject({ code: 'NOTHING_TO_REMIND', message: 'Chưa chọn cơ quan, đơn vị nào để gửi công văn đôn đốc.' });
    const uncountable = await refuse(demo.h, 'documents.reminders', { period: '2022-H1', due: '2022-07-01', mode: 'each', number: 'CV/BCĐ' });
    expect(uncountable.code).toBe('INVALID_ARGUMENT');
    expect(uncountable.message).toMatch(VIETNAMESE);
  });

  it('refuses a new due date on a Saturday, a Sunday or a holiday, naming why and the next working day', async () => {
    const cases: [string, RegExp, string][] = [
      ['2022-07-02', /Thứ Bảy/u, '04/07/2022'],
      ['2022-07-03', /Chủ nhật/u, '04/07/2022'],
      // The library's Tết 2023 ends on mùng 4 (25/01); the notice's 26/01 comes from the settings.
      ['2023-01-23', /Tết Nguyên đán/u, '26/01/2023'],
      ['2023-04-30', /Ngày Giải phóng miền Nam/u, '02/05/2023'],
      ['2023-05-01', /Ngày Quốc tế Lao động/u, '02/05/2023'],
    ];
    for (const [due, reason, next] of cases) {
      const refused = await refuse(demo.h, 'documents.reminders', { period: '2022-H1', due });
      expect(refused.code, due).toBe('DUE_NOT_WORKING_DAY');
      expect(refused.message, due).toMatch(reason);
      expect(refused.message, due).toContain(`Hạn gửi mới ${formatDateVi(due)} không phải ngày làm việc`);
      expect(refused.message, due).toContain(`Ngày làm việc gần nhất sau đó là ${next}.`);
      expect(refused.details).toMatchObject({ next: `${next.slice(6)}-${next.slice(3, 5)}-${next.slice(0, 2)}` });
    }
    // A working day is taken.
    expect(await call(demo.h, 'documents.reminders', { period: '2022-H1', due: '2023-01-27' })).toHaveLength(1);
  });

  it('follows the settings\u2019 extra days off and make-up working days', async () => {
    const app = await start(local(2023, 4, 20));
    await call(app.h, 'settings.update', { extraDaysOff: ['2023-05-02', '2023-05-03'], extraWorkingDays: ['2023-05-06'] });
    const off = await refuse(app.h, 'documents.reminders', { period: '2022-Q1', due: '2023-05-02' });
    expect(off.code).toBe('DUE_NOT_WORKING_DAY');
    expect(off.message).toMatch(/ngày nghỉ theo thông báo/u);
    expect(off.message).toContain('Ngày làm việc gần nhất sau đó là 04/05/2023.');
    // A Saturday worked in exchange is a working day.
    const files = await call(app.h, 'documents.reminders', { period: '2022-Q1', due: '2023-05-06' });
    expect(letterLines(files[0]?.bytes ?? new Uint8Array()).body.join('\n')).toContain('chậm nhất ngày 06/05/2023.');
  });

  it('refuses an agency the period does not expect a report from', async () => {
    const app = await start(local(2022, 3, 25));
    await call(app.h, 'agencies.deactivate', { code: 'HU-DL', on: '2021-12-01' });
    const refused = await refuse(app.h, 'documents.reminders', { period: '2022-Q1', due: '2022-03-30', agencies: ['HU-DL'] });
    expect(refused.code).toBe('NOT_EXPECTED');
    expect(refused.message).toBe('Đơn vị HU-DL không phải gửi báo cáo kỳ quý I năm 2022, nên không có gì để đôn đốc.');
    // Nor is it among the default addressees.
    const [letter] = await call(app.h, 'documents.reminders', { period: '2022-Q1', due: '2022-03-30' });
    expect(letterLines(letter?.bytes ?? new Uint8Array()).body.join('\n')).not.toContain('Đình Lập');
  });

  it('refuses a due date not after the letter, and a period where nobody is left to remind', async () => {
    const early = await refuse(demo.h, 'documents.reminders', { period: '2022-H1', due: '2022-06-24' });
    expect(early.code).toBe('DUE_NOT_AFTER_LETTER');
    expect(early.message).toMatch(VIETNAMESE);
    const app = await start(local(2022, 3, 21));
    const c = await call(app.h, 'consolidation.status', { period: '2022-Q1' });
    const plan = await call(app.h, 'plans.get', { year: 2022 });
    for (const a of c.agencies) {
      // A status on one of the agency's tasks is a report.
      const task = plan.tasks.find((t) => t.lead.includes(a.code) || t.coordinate.includes(a.code));
      await enter(app, a.code, '2022-Q1', {}, { receivedOn: '2022-03-17', tasks: [{ taskCode: task?.code ?? '', status: 'completed' }] });
    }
    const none = await refuse(app.h, 'documents.reminders', { period: '2022-Q1', due: '2022-03-25' });
    expect(none.code).toBe('NOTHING_TO_REMIND');
    expect(none.message).toBe('Mọi cơ quan, đơn vị đã gửi báo cáo kỳ quý I năm 2022; không có đơn vị nào cần đôn đốc.');
  });
});

// ---- the command line ----

describe('the CLI: report and remind', () => {
  let db: string;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    db = path.join(dir, 'cli.sqlite');
    expect((await cli('init', '--demo', '--db', db)).code).toBe(0);
  }, 120_000);

  it('report writes the .docx through the Api, with --number and --date', async () => {
    const out = path.join(dir, 'bao-cao', 'BaoCao.docx');
    const run = await cli('report', '--db', db, '--period', '2022-Q1', '--out', out, '--number', '45-BC/BCĐ', '--date', '2022-04-05', '--json');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.out) as { file: string; name: string; sizeBytes: number };
    expect(doc).toMatchObject({ file: out, name: 'BaoCaoKetQua_2022-Q1.docx' });
    const bytes = new Uint8Array(fs.readFileSync(out));
    expect(doc.sizeBytes).toBe(bytes.length);
    const cells = cellsOf(tablesOf(readDocx(bytes).document)[0] ?? '');
    expect(paragraphsOf(cells[1]?.[0] ?? '').map((p) => p.text)).toEqual(['Số 45-BC/BCĐ']);
    expect(paragraphsOf(cells[1]?.[1] ?? '').map((p) => p.text)).toEqual(['Lạng Sơn, ngày 05 tháng 04 năm 2022']);
    const human = await cli('report', '--db', db, '--period', '2022-Q1', '--out', path.join(dir, 'r2.docx'));
    expect(human.code).toBe(0);
    expect(human.out).toContain('Đã tạo dự thảo báo cáo kỳ 2022-Q1');
  });

  it('report: exit 1 for an unknown period, exit 2 without --out or with a bad date', async () => {
    const unknown = await cli('report', '--db', db, '--period', '2031-Q1', '--out', path.join(dir, 'x.docx'));
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(VIETNAMESE);
    expect((await cli('report', '--db', db, '--period', '2022-Q1')).code).toBe(2);
    expect((await cli('report', '--db', db, '--period', '2022-Q1', '--out', path.join(dir, 'y.docx'), '--date', '05/04/2022')).code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'x.docx'))).toBe(false);
  });

  it('remind: one letter by default, due 5 working days after today; --each into a folder; --agency picks', async () => {
    // The CLI's clock is the real one; its calendar the default settings'.
    const expectedDue = addWorkingDays(localDate(new Date()), 5, { extraDaysOff: [], extraWorkingDays: [] });
    const one = await cli('remind', '--db', db, '--period', '2022-Q1', '--out', path.join(dir, 'nhac.docx'), '--json');
    expect(one.code).toBe(0);
    const doc = JSON.parse(one.out) as { due: string; mode: string; files: string[] };
    expect(doc).toEqual({ period: '2022-Q1', due: expectedDue, mode: 'one', files: [path.join(dir, 'nhac.docx')] });
    expect(letterLines(new Uint8Array(fs.readFileSync(path.join(dir, 'nhac.docx')))).body.join('\n')).toContain(`chậm nhất ngày ${formatDateVi(expectedDue)}.`);

    const folder = path.join(dir, 'cong-van');
    const each = await cli('remind', '--db', db, '--period', '2022-Q1', '--out', folder, '--each', '--due', '2022-07-01', '--date', '2022-06-27');
    expect(each.code).toBe(0);
    // 2022-Q1 of the demo: two missing, one returned.
    expect(fs.readdirSync(folder).sort()).toEqual(['CongVanDonDoc_2022-Q1_HU-BS.docx', 'CongVanDonDoc_2022-Q1_HU-CL.docx', 'CongVanDonDoc_2022-Q1_HU-DL.docx']);
    expect(each.out).toContain('Đã tạo 3 công văn đôn đốc kỳ 2022-Q1, hạn gửi mới 01/07/2022');

    const picked = path.join(dir, 'chon');
    const chosen = await cli('remind', '--db', db, '--period', '2022-Q1', '--out', picked, '--each', '--agency', 'HU-DL', '--agency', 'HU-BS', '--due', '2022-07-01', '--date', '2022-06-27', '--json');
    expect(chosen.code).toBe(0);
    expect(fs.readdirSync(picked).sort()).toEqual(['CongVanDonDoc_2022-Q1_HU-BS.docx', 'CongVanDonDoc_2022-Q1_HU-DL.docx']);
  });

  it('remind: exit 1 for a due date on a holiday, exit 2 for --each into a file', async () => {
    const tet = await cli('remind', '--db', db, '--period', '2022-Q1', '--out', path.join(dir, 'tet.docx'), '--due', '2023-01-23', '--date', '2023-01-10');
    expect(tet.code).toBe(1);
    expect(tet.err).toContain('Hạn gửi mới 23/01/2023 không phải ngày làm việc (Tết Nguyên đán).');
    expect(fs.existsSync(path.join(dir, 'tet.docx'))).toBe(false);
    const json = await cli('remind', '--db', db, '--period', '2022-Q1', '--out', path.join(dir, 'tet.docx'), '--due', '2023-01-23', '--date', '2023-01-10', '--json');
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, error: { code: 'DUE_NOT_WORKING_DAY' } });
    const usage = await cli('remind', '--db', db, '--period', '2022-Q1', '--out', path.join(dir, 'each.docx'), '--each');
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(VIETNAMESE);
  });
});
