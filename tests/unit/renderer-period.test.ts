import { describe, expect, it } from 'vitest';
import type { Period } from '../../shared/domain';
import { choosePeriod, loadStoredPeriod, PERIOD_STORAGE_KEY, storePeriod, todayIso, type KeyValueStore } from '../../renderer/state/period';

const period = (code: string, from: string, due: string): Period => ({
  code,
  planYear: Number(code.slice(0, 4)),
  label: code,
  kind: code.endsWith('Q1') ? 'quarter' : 'half',
  preset: 'nd09',
  from,
  to: from,
  due,
});

const periods = [
  period('2022-Q1', '2021-12-15', '2022-03-18'),
  period('2022-H1', '2021-12-15', '2022-06-17'),
  period('2022-Y', '2021-12-15', '2022-12-16'),
];

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('period persistence', () => {
  it('keeps the chosen period under one key and reads it back', () => {
    const store = memoryStore();
    storePeriod(store, '2022-H1');
    expect(store.data.get(PERIOD_STORAGE_KEY)).toBe('2022-H1');
    expect(loadStoredPeriod(store)).toBe('2022-H1');
    expect(choosePeriod(periods, loadStoredPeriod(store), '2030-01-01')?.code).toBe('2022-H1');
  });

  it('survives storage that refuses (disabled or full)', () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(() => storePeriod(broken, '2022-Q1')).not.toThrow();
    expect(loadStoredPeriod(broken)).toBeNull();
    expect(loadStoredPeriod(null)).toBeNull();
  });

  it('falls back when the stored period no longer exists', () => {
    // On 01/04 the first quarter's late reports are what comes in.
    expect(choosePeriod(periods, '2019-Q3', '2022-04-01')?.code).toBe('2022-Q1');
  });

  it('defaults to the period being received now: its window closed, its due date nearest', () => {
    // Lạng Sơn's 2022 windows (ND 09): each closes on the 14th, due a few days later.
    const real = [
      { ...period('2022-Q1', '2021-12-15', '2022-03-18'), to: '2022-03-14' },
      { ...period('2022-H1', '2021-12-15', '2022-06-17'), to: '2022-06-14' },
      { ...period('2022-Q3', '2022-06-15', '2022-09-16'), to: '2022-09-14', kind: 'quarter' as const },
      { ...period('2022-9M', '2021-12-15', '2022-09-16'), to: '2022-09-14', kind: 'nine-months' as const },
      { ...period('2022-Y', '2021-12-15', '2022-12-16'), to: '2022-12-14', kind: 'year' as const },
    ];
    // The case the clerk met: late 9-month reports still coming in after the due date, not "Năm 2022".
    expect(choosePeriod(real, null, '2022-09-20')?.code).toBe('2022-9M');
    // Between the close and the due date; of two due the same day, the cumulative one.
    expect(choosePeriod(real, null, '2022-09-15')?.code).toBe('2022-9M');
    // Still taking the first quarter's reports the day after they were due.
    expect(choosePeriod(real, null, '2022-03-19')?.code).toBe('2022-Q1');
    // In July the 6-month reports are being finished.
    expect(choosePeriod(real, null, '2022-07-01')?.code).toBe('2022-H1');
    expect(choosePeriod(real, null, '2025-05-05')?.code).toBe('2022-Y');
    // Before any window has closed: the earliest.
    expect(choosePeriod(real, null, '2022-02-01')?.code).toBe('2022-Q1');
    expect(choosePeriod(periods, null, '2021-01-01')?.code).toBe('2022-Q1');
    expect(choosePeriod([], null, '2022-01-01')).toBeNull();
  });

  it('knows today as a local ISO date', () => {
    expect(todayIso(new Date(2022, 2, 5, 23, 59))).toBe('2022-03-05');
  });
});
