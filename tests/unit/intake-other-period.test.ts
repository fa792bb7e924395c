// The one other period every file of a batch names, which the screen offers to switch to.
import { describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../shared/api';
import { isLate, NO_INPUT, otherPeriodOfBatch, type BatchFile, type FileState } from '../../renderer/lib/intakeBatch';

let id = 1;
function file(state: FileState, outcomes: Partial<ImportOutcome>[]): BatchFile {
  return {
    id: id++,
    name: `f${id}.xlsx`,
    size: 1,
    state,
    error: null,
    input: NO_INPUT,
    checkedWith: null,
    outcomes: outcomes.map((o) => ({ file: 'x', ok: false, status: 'rejected', agency: 'CA', period: null, revision: null, readAs: 'form', profile: null, problems: [], changes: [], gaps: null, receivedOn: null, late: null, corrections: [], message: '', ...o })),
  };
}
const mismatch = (period: string | null) => ({ period, problems: [{ code: 'PERIOD_MISMATCH', severity: 'error' as const, cell: '', message: 'm' }] });

describe('otherPeriodOfBatch', () => {
  it('names the period when every file read was refused for that same other period', () => {
    const files = [file('rejected', [mismatch('2022-H1')]), file('rejected', [mismatch('2022-H1')]), file('duplicate', [{ status: 'duplicate', period: '2022-Q1' }]), file('skipped', [{ status: 'skipped' }])];
    expect(otherPeriodOfBatch(files, '2022-Q1')).toBe('2022-H1');
  });

  it('is null when the files name different periods, or one is fine, or one has no period', () => {
    expect(otherPeriodOfBatch([file('rejected', [mismatch('2022-H1')]), file('rejected', [mismatch('2022-9M')])], '2022-Q1')).toBeNull();
    expect(otherPeriodOfBatch([file('rejected', [mismatch('2022-H1')]), file('checked', [{ status: 'checked', ok: true, period: '2022-Q1' }])], '2022-Q1')).toBeNull();
    expect(otherPeriodOfBatch([file('rejected', [mismatch(null)])], '2022-Q1')).toBeNull();
    expect(otherPeriodOfBatch([file('rejected', [{ period: '2022-H1', problems: [{ code: 'NOT_A_NUMBER', severity: 'error', cell: 'A1', message: 'm' }] }])], '2022-Q1')).toBeNull();
  });

  it('is null while a file is still being checked, and for an empty batch', () => {
    expect(otherPeriodOfBatch([file('rejected', [mismatch('2022-H1')]), file('checking', [])], '2022-Q1')).toBeNull();
    expect(otherPeriodOfBatch([], '2022-Q1')).toBeNull();
  });
});

describe('isLate', () => {
  it('marks a file that is or will be received after the due date, never a refused one', () => {
    expect(isLate(file('checked', [{ status: 'checked', ok: true, late: true }]))).toBe(true);
    expect(isLate(file('imported', [{ status: 'imported', ok: true, late: true }]))).toBe(true);
    expect(isLate(file('checked', [{ status: 'checked', ok: true, late: false }]))).toBe(false);
    // A form of another period was measured against the chosen period's due date: not its own.
    expect(isLate(file('rejected', [{ ...mismatch('2022-H1'), late: true }]))).toBe(false);
    expect(isLate(file('failed', [{ status: 'failed', late: true }]))).toBe(false);
  });
});
