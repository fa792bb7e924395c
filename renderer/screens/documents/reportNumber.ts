// The number and date the clerk gave a period's report, kept on this computer so the
// consolidated workbook, the report's annex, carries the same ones in its heading and a
// draft made again later starts from them.
import type { Period } from '../../../shared/domain';

export interface DocumentNumber {
  number: string;
  date: string | null;
}

const key = (period: Period['code']) => `tonghop.reportNumber.${period}`;

export function loadReportNumber(period: Period['code']): DocumentNumber | null {
  try {
    const stored = JSON.parse(localStorage.getItem(key(period)) ?? 'null') as Partial<DocumentNumber> | null;
    if (!stored || typeof stored.number !== 'string') return null;
    return { number: stored.number, date: typeof stored.date === 'string' && /^\d{4}-\d{2}-\d{2}$/u.test(stored.date) ? stored.date : null };
  } catch {
    return null;
  }
}

export function storeReportNumber(period: Period['code'], value: DocumentNumber): void {
  try {
    localStorage.setItem(key(period), JSON.stringify(value));
  } catch {
    /* the next draft simply starts blank */
  }
}

/** What the Api's document methods take: the number only when there is one. */
export function documentArgs(value: DocumentNumber): { number?: string; date?: string } {
  const number = value.number.trim();
  return { ...(number ? { number } : {}), ...(value.date ? { date: value.date } : {}) };
}
