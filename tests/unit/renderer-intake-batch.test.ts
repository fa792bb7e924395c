import { describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../shared/api';
import { countByState, isCommittable, problemCounts, stateOfOutcomes, type BatchFile } from '../../renderer/lib/intakeBatch';
import { runPool } from '../../renderer/lib/pool';

const outcome = (status: ImportOutcome['status'], problems: ImportOutcome['problems'] = []): ImportOutcome => ({
  file: 'f.xlsx',
  ok: status !== 'rejected',
  status,
  agency: 'CA',
  period: '2022-Q1',
  revision: 1,
  gaps: { indicators: [], tasks: [] },
  receivedOn: '2022-03-16',
  late: false,
  corrections: [],
  readAs: 'form',
  profile: null,
  problems,
  changes: [],
  message: '',
});

const file = (id: number, outcomes: ImportOutcome[]): BatchFile => ({ id, name: `f${id}.xlsx`, size: 1, state: stateOfOutcomes(outcomes), outcomes, error: null });

describe('intake batch', () => {
  it('gives a file one state: rejected wins, then the rest', () => {
    expect(stateOfOutcomes([outcome('checked')])).toBe('checked');
    expect(stateOfOutcomes([outcome('checked'), outcome('rejected')])).toBe('rejected');
    expect(stateOfOutcomes([outcome('duplicate')])).toBe('duplicate');
    expect(stateOfOutcomes([])).toBe('failed');
  });

  it('commits only checked files, never rejected or already received ones', () => {
    expect(isCommittable(file(1, [outcome('checked')]))).toBe(true);
    expect(isCommittable(file(2, [outcome('rejected')]))).toBe(false);
    expect(isCommittable(file(3, [outcome('duplicate')]))).toBe(false);
  });

  it('counts files by state, and problems by severity', () => {
    const warning = { code: 'W', severity: 'warning' as const, cell: 'Báo cáo!E20', message: 'w' };
    const error = { code: 'E', severity: 'error' as const, cell: '', message: 'e' };
    const files = [file(1, [outcome('checked', [warning])]), file(2, [outcome('rejected', [error, warning])]), file(3, [outcome('checked')])];
    expect(countByState(files)).toEqual({ checked: 2, rejected: 1 });
    expect(problemCounts(files[1] as BatchFile)).toEqual({ errors: 1, warnings: 1 });
  });

  it('runs work a few at a time, keeps the order of results, reports progress', async () => {
    let running = 0;
    let most = 0;
    const progress: number[] = [];
    const results = await runPool(
      [5, 1, 3, 2],
      2,
      async (n) => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, n));
        running--;
        return n * 10;
      },
      (done) => progress.push(done),
    );
    expect(results).toEqual([50, 10, 30, 20]);
    expect(most).toBe(2);
    expect(progress).toEqual([1, 2, 3, 4]);
  });
});
