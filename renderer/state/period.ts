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

/**
 * Which period to show: the stored one if it still exists; else the latest period
 * whose data window has begun by `today` (the one being reported on now); else the
 * earliest one. `today` is an ISO date.
 */
export function choosePeriod(periods: readonly Period[], stored: string | null, today: string): Period | null {
  if (periods.length === 0) return null;
  const kept = stored ? periods.find((p) => p.code === stored) : undefined;
  if (kept) return kept;
  const begun = periods.filter((p) => p.from <= today).sort((a, b) => (a.due < b.due ? 1 : a.due > b.due ? -1 : 0));
  // Among periods begun, the one due soonest after today is being collected now; if all are past, the last one due.
  const open = begun.filter((p) => p.due >= today).sort((a, b) => (a.due < b.due ? -1 : 1));
  return open[0] ?? begun[0] ?? [...periods].sort((a, b) => (a.from < b.from ? -1 : 1))[0] ?? null;
}

export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
