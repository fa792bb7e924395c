// The chosen reporting period survives a reload and the next day's start: clerks work
// on one period for weeks. Kept in localStorage under one key; a stored code that no
// longer exists (a restored backup, another plan year) falls back to a sensible default.
import type { Period } from '../../shared/domain';

export const PERIOD_STORAGE_KEY = 'tonghop.period';

/** The part of Storage we use, so tests can pass a Map-backed stand-in. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function loadStoredPeriod(store: KeyValueStore | null): string | null {
  try {
    return store?.getItem(PERIOD_STORAGE_KEY) ?? null;
  } catch {
    // Storage can be disabled (private windows, policy); the app still works without it.
    return null;
  }
}

export function storePeriod(store: KeyValueStore | null, code: string): void {
  try {
    store?.setItem(PERIOD_STORAGE_KEY, code);
  } catch {
    /* see loadStoredPeriod */
  }
}

/** Days between two ISO dates, however ordered. */
function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

/**
 * Which period to show: the stored one if it still exists (the clerk's last choice); else
 * the period being received now: of those whose data window has closed, the one whose due
 * date is nearest to `today`, before or after it (reports come in around the due date, the
 * late ones after it: on 20/09 the office is still taking 9-month reports, not the year's);
 * of two due the same day, the longer one (9 tháng before quý III). Before any window has
 * closed, the earliest period. `today` is an ISO date.
 */
export function choosePeriod(periods: readonly Period[], stored: string | null, today: string): Period | null {
  if (periods.length === 0) return null;
  const kept = stored ? periods.find((p) => p.code === stored) : undefined;
  if (kept) return kept;
  return receivingNow(periods, today) ?? [...periods].sort((a, b) => (a.from < b.from ? -1 : 1))[0] ?? null;
}

/** The period being received on `today`, as choosePeriod says; null before any window has closed. */
export function receivingNow(periods: readonly Period[], today: string): Period | null {
  const closed = periods.filter((p) => p.to < today);
  return (
    [...closed].sort((a, b) => daysApart(a.due, today) - daysApart(b.due, today) || (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))[0] ?? null
  );
}

export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
