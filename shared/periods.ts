// Reporting periods. Default windows follow Nghị định 09/2019/NĐ-CP, Art. 12: data run
// from the 15th of the month before the period to the 14th of its last month, so
// Q1/2022 is 15/12/2021–14/03/2022. Calendar windows are offered as a second preset.

export const PERIOD_KINDS = ['quarter', 'half', 'nine-months', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const WINDOW_PRESETS = ['nd09', 'calendar'] as const;
export type WindowPreset = (typeof WINDOW_PRESETS)[number];

export interface PeriodSlot {
  year: number;
  kind: PeriodKind;
  /** 1..4 for a quarter; undefined otherwise. */
  quarter?: number;
}

export interface PeriodWindow {
  from: string;
  to: string;
  due: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** Days after the window closes that a report is due, unless the clerk sets another date. */
export const DEFAULT_DUE_DAYS = 3;

function iso(year: number, month: number, day: number): string {
  // Date.UTC handles month 0 (December of the year before) and overflow for us.
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last month (1..12) a slot covers. */
function lastMonth(slot: PeriodSlot): number {
  switch (slot.kind) {
    case 'quarter':
      return (slot.quarter ?? 1) * 3;
    case 'half':
      return 6;
    case 'nine-months':
      return 9;
    case 'year':
      return 12;
  }
}

function firstMonth(slot: PeriodSlot): number {
  return slot.kind === 'quarter' ? (slot.quarter ?? 1) * 3 - 2 : 1;
}

export function periodWindow(slot: PeriodSlot, preset: WindowPreset = 'nd09'): PeriodWindow {
  const endMonth = lastMonth(slot);
  if (preset === 'calendar') {
    const from = iso(slot.year, firstMonth(slot), 1);
    const to = iso(slot.year, endMonth + 1, 0);
    return { from, to, due: addDays(to, DEFAULT_DUE_DAYS) };
  }
  const from = iso(slot.year, firstMonth(slot) - 1, 15);
  const to = iso(slot.year, endMonth, 14);
  return { from, to, due: addDays(to, DEFAULT_DUE_DAYS) };
}

export function periodCode(slot: PeriodSlot): string {
  switch (slot.kind) {
    case 'quarter':
      return `${slot.year}-Q${slot.quarter ?? 1}`;
    case 'half':
      return `${slot.year}-H1`;
    case 'nine-months':
      return `${slot.year}-9M`;
    case 'year':
      return `${slot.year}-Y`;
  }
}

export function periodLabel(slot: PeriodSlot): string {
  switch (slot.kind) {
    case 'quarter':
      return `Quý ${ROMAN[(slot.quarter ?? 1) - 1]} năm ${slot.year}`;
    case 'half':
      return `6 tháng đầu năm ${slot.year}`;
    case 'nine-months':
      return `9 tháng năm ${slot.year}`;
    case 'year':
      return `Năm ${slot.year}`;
  }
}

export function parsePeriodCode(code: string): PeriodSlot | null {
  const m = /^(\d{4})-(Q[1-4]|H1|9M|Y)$/u.exec(code.trim().toUpperCase());
  if (!m) return null;
  const year = Number(m[1]);
  const part = m[2] ?? '';
  if (part.startsWith('Q')) return { year, kind: 'quarter', quarter: Number(part.slice(1)) };
  if (part === 'H1') return { year, kind: 'half' };
  if (part === '9M') return { year, kind: 'nine-months' };
  return { year, kind: 'year' };
}

/** The standard set a year's plan starts with: Q1, 6 months, 9 months, year. */
export function standardSlots(year: number): PeriodSlot[] {
  return [
    { year, kind: 'quarter', quarter: 1 },
    { year, kind: 'half' },
    { year, kind: 'nine-months' },
    { year, kind: 'year' },
  ];
}

/**
 * 6-month, 9-month and year reports are cumulative (lũy kế). For each, the cumulative
 * period just before it and the quarter their difference gives: Q2 = 6 months − Q1.
 */
export function cumulativeStep(slot: PeriodSlot): { previous: PeriodSlot; quarter: number } | null {
  switch (slot.kind) {
    case 'half':
      return { previous: { year: slot.year, kind: 'quarter', quarter: 1 }, quarter: 2 };
    case 'nine-months':
      return { previous: { year: slot.year, kind: 'half' }, quarter: 3 };
    case 'year':
      return { previous: { year: slot.year, kind: 'nine-months' }, quarter: 4 };
    default:
      return null;
  }
}

/** A period's dates, both ends included (ISO dates compare as text). */
export interface DateWindow {
  from: string;
  to: string;
}

/**
 * Whether every day of `inner` is a day of `outer`. The codes say which periods should
 * hold which (6 months holds Q1); the windows say whether they do, once a clerk has
 * moved a period's dates: a figure is held to another only when they do.
 */
export function windowHolds(outer: DateWindow, inner: DateWindow): boolean {
  return outer.from <= inner.from && inner.to <= outer.to;
}

/**
 * Whether a later cumulative figure less an earlier one is the figure of the days
 * between (Q2 = 6 months − Q1): only when both count from the same day and the earlier
 * ends first.
 */
export function windowsStack(earlier: DateWindow, later: DateWindow): boolean {
  return earlier.from === later.from && earlier.to < later.to;
}

export function quarterLabel(quarter: number, year: number): string {
  return `Quý ${ROMAN[quarter - 1]} năm ${year}`;
}

/** Late when received on a later calendar day than the due date (both ISO). */
export function isLate(receivedAt: string, due: string): boolean {
  return receivedAt.slice(0, 10) > due;
}

/** Orders a year's periods by the month they end, a quarter before the cumulative period ending with it. */
export function periodSortOrder(slot: PeriodSlot): number {
  return lastMonth(slot) * 10 + (slot.kind === 'quarter' ? 0 : 5);
}

/**
 * The period a heading names, as agencies write it: "Quý I năm 2022", "QUÝ 2/2022",
 * "6 tháng đầu năm 2022", "9 tháng năm 2022", "năm 2022". Null when it names none.
 */
export function periodFromLabel(text: string): PeriodSlot | null {
  const folded = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase();
  const year = /(?:nam|\/|-)\s*(\d{4})/u.exec(folded)?.[1] ?? /\b(\d{4})\b/u.exec(folded)?.[1];
  if (!year) return null;
  const y = Number(year);
  const quarter = /quy\s*(iv|iii|ii|i|[1-4])\b/u.exec(folded)?.[1];
  if (quarter) return { year: y, kind: 'quarter', quarter: ({ i: 1, ii: 2, iii: 3, iv: 4 } as Record<string, number>)[quarter] ?? Number(quarter) };
  if (/\b(6|sau) thang/u.test(folded)) return { year: y, kind: 'half' };
  if (/\b(9|chin) thang/u.test(folded)) return { year: y, kind: 'nine-months' };
  if (/\bnam\s*\d{4}/u.test(folded)) return { year: y, kind: 'year' };
  return null;
}

/** The quarters and cumulative periods whose data window lies within a period's (H1 holds Q1, Q2). */
export function containedSlots(slot: PeriodSlot): PeriodSlot[] {
  const { year } = slot;
  const q = (quarter: number): PeriodSlot => ({ year, kind: 'quarter', quarter });
  switch (slot.kind) {
    case 'quarter':
      return [];
    case 'half':
      return [q(1), q(2)];
    case 'nine-months':
      return [q(1), q(2), q(3), { year, kind: 'half' }];
    case 'year':
      return [q(1), q(2), q(3), q(4), { year, kind: 'half' }, { year, kind: 'nine-months' }];
  }
}

/** The cumulative periods that hold a period (Q2 is held by 6 months, 9 months and the year). */
export function containingSlots(slot: PeriodSlot): PeriodSlot[] {
  const { year } = slot;
  const all: PeriodSlot[] = [{ year, kind: 'half' }, { year, kind: 'nine-months' }, { year, kind: 'year' }];
  return all.filter((outer) => containedSlots(outer).some((inner) => periodCode(inner) === periodCode(slot)));
}

/** The quarter before a quarter: Q1 of a year follows Q4 of the year before. */
export function previousQuarter(year: number, quarter: number): { year: number; quarter: number } {
  return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
}

/** The cumulative period that ends with a quarter: Q1 itself, then 6 months, 9 months, the year. */
export function cumulativeThrough(year: number, quarter: number): PeriodSlot {
  switch (quarter) {
    case 1:
      return { year, kind: 'quarter', quarter: 1 };
    case 2:
      return { year, kind: 'half' };
    case 3:
      return { year, kind: 'nine-months' };
    default:
      return { year, kind: 'year' };
  }
}
