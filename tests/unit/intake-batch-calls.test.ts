// The batch screen's calls: one per batch unless two files share a name, and each
// file's outcomes found again by its name.
import { describe, expect, it } from 'vitest';
import { callsOf, MAX_BYTES_PER_CALL, MAX_FILES_PER_CALL, outcomesByFile } from '../../renderer/screens/intake/batchCalls';

describe('the calls of a batch', () => {
  it('sends the files together, in order, cutting only where a name repeats or the Api would refuse more', () => {
    const named = (names: string[]) => names.map((name, id) => ({ id, name }));
    expect(callsOf(named(['CA.xlsx', 'VKS.xlsx', 'TA.xlsx'])).map((c) => c.map((f) => f.id))).toEqual([[0, 1, 2]]);
    expect(callsOf(named(['CA.xlsx', 'VKS.xlsx', ' CA.xlsx', 'TA.xlsx'])).map((c) => c.map((f) => f.id))).toEqual([[0, 1], [2, 3]]);
    const many = callsOf(named(Array.from({ length: MAX_FILES_PER_CALL + 1 }, (_, i) => `${i}.xlsx`)));
    expect(many.map((c) => c.length)).toEqual([MAX_FILES_PER_CALL, 1]);
  });

  it('cuts a batch too big for one request into calls under the byte limit; a file alone over it still goes (the Api says why)', () => {
    const sized = (sizes: number[]) => sizes.map((size, id) => ({ id, name: `${id}.xlsx`, size }));
    const third = Math.floor(MAX_BYTES_PER_CALL / 3);
    const calls = callsOf(sized([third, third, third, third, MAX_BYTES_PER_CALL * 2, 10]), (f) => f.size);
    expect(calls.map((c) => c.map((f) => f.id))).toEqual([[0, 1, 2], [3], [4], [5]]);
    for (const c of calls) if (c.length > 1) expect(c.reduce((n, f) => n + f.size, 0)).toBeLessThanOrEqual(MAX_BYTES_PER_CALL);
  });

  it('gives each file its own outcomes, several for a workbook of several agencies, none for one the Api did not answer', () => {
    const outcomes = [
      { file: 'CA.xlsx', agency: 'CA' },
      { file: 'nhieu.xlsx', agency: 'TA' },
      { file: 'nhieu.xlsx', agency: 'VKS' },
    ];
    expect(outcomesByFile(['CA.xlsx', 'nhieu.xlsx ', 'khac.xlsx'], outcomes).map((o) => o.map((x) => x.agency))).toEqual([['CA'], ['TA', 'VKS'], []]);
  });
});
