import { describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../shared/api';
import {
  countByState,
  isCommittable,
  isEditable,
  isLate,
  NO_INPUT,
  problemCounts,
  requestOf,
  stateOfOutcomes,
  uniqueProblems,
  withAcceptance,
  withCorrection,
  withoutCorrection,
  type BatchFile,
} from '../../renderer/lib/intakeBatch';
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

const file = (id: number, outcomes: ImportOutcome[]): BatchFile => ({
  id,
  name: `f${id}.xlsx`,
  size: 1,
  state: stateOfOutcomes(outcomes),
  outcomes,
  error: null,
  input: NO_INPUT,
  checkedWith: requestOf(NO_INPUT, '2022-03-16'),
});

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
    // Never a file whose last check is not what would be sent.
    expect(isCommittable({ ...file(4, [outcome('checked')]), checkedWith: null })).toBe(false);
  });

  it('lets the clerk change what a file says until it is saved', () => {
    expect(isEditable(file(1, [outcome('rejected')]))).toBe(true);
    expect(isEditable({ ...file(2, [outcome('checked')]), state: 'checking' })).toBe(true);
    expect(isEditable(file(3, [outcome('imported')]))).toBe(false);
    expect(isEditable({ ...file(4, [outcome('checked')]), state: 'saving' })).toBe(false);
  });

  it('sends a file with its own received date, else the batch\u2019s, and its document, corrections and acceptances', () => {
    expect(requestOf(NO_INPUT, '2022-09-17')).toEqual({ receivedOn: '2022-09-17', documentNumber: null, documentDate: null, corrections: [], accept: [] });
    const own = { ...NO_INPUT, receivedOn: '2022-09-15', documentNumber: ' 45/BC-VKS ', documentDate: '2022-09-14' };
    expect(requestOf(own, '2022-09-17')).toMatchObject({ receivedOn: '2022-09-15', documentNumber: '45/BC-VKS', documentDate: '2022-09-14' });
  });

  it('keeps one correction per field and agency, and one acceptance per rule and indicator', () => {
    const a = withCorrection(NO_INPUT, { agency: 'TA', field: 'indicator:NV2.06', number: 15, note: 'Theo điện thoại' });
    const b = withCorrection(a, { agency: 'TA', field: 'indicator:NV2.06', number: 16, note: 'Gọi lại' });
    const c = withCorrection(b, { agency: 'VKS', field: 'indicator:NV2.06', number: 3, note: 'Khác đơn vị' });
    expect(c.corrections.map((x) => [x.agency, x.number])).toEqual([
      ['TA', 16],
      ['VKS', 3],
    ]);
    expect(withoutCorrection(c, 0).corrections.map((x) => x.agency)).toEqual(['VKS']);
    const accepted = withAcceptance(withAcceptance(NO_INPUT, { agency: 'CA', rule: 'CUMULATIVE_FALLS', indicator: 'NV4.01', reason: 'a' }), { agency: 'CA', rule: 'CUMULATIVE_FALLS', indicator: 'NV4.01', reason: 'b' });
    expect(accepted.accept).toEqual([{ agency: 'CA', rule: 'CUMULATIVE_FALLS', indicator: 'NV4.01', reason: 'b' }]);
    // The input given is never changed in place: a re-run compares with what was sent.
    expect(NO_INPUT.corrections).toEqual([]);
  });

  it('shows a file-wide problem once for a workbook of several agencies, and a late file as late', () => {
    const wide = { code: 'ROW_UNMATCHED', severity: 'warning' as const, cell: 'Báo cáo!B21', message: 'w' };
    const own = { code: 'NEGATIVE', severity: 'error' as const, cell: 'Báo cáo!D8', message: 'e', agency: 'TA' };
    const a = { ...outcome('rejected', [wide, own]), agency: 'TA' };
    const b = { ...outcome('rejected', [wide]), agency: 'VKS', late: true };
    expect(uniqueProblems([a, b])).toEqual([wide, own]);
    expect(isLate(file(1, [a]))).toBe(false);
    // A refused file is not "late": nothing of it was received.
    expect(isLate(file(2, [a, b]))).toBe(false);
    const lateChecked = { ...outcome('checked'), agency: 'VKS', late: true };
    expect(isLate(file(3, [lateChecked]))).toBe(true);
    expect(isLate(file(4, [{ ...outcome('imported'), late: true }]))).toBe(true);
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
