// The last line of `import`: counts of files, not of the reports they became (a workbook
// holding eleven agencies' reports is one file), and words that fit a dry run.
import { describe, expect, it } from 'vitest';
import { importSummary } from '../../electron/cli/format';

const outcome = (file: string, ok: boolean, agency = 'CA') => ({ file, ok, agency });

describe('the import summary', () => {
  it('counts one workbook of eleven agencies as one file', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => outcome('TongHop_huyen.xlsx', true, `H${i}`));
    expect(importSummary(eleven, false)).toBe('1 tệp: 1 tệp được nhận hoặc đã nhập trước đây, 0 tệp bị từ chối.');
  });

  it('counts a file refused for one of its reports as refused, once', () => {
    const outcomes = [outcome('a.xlsx', true), outcome('b.xlsx', true, 'TA'), outcome('b.xlsx', false, 'VKS'), outcome('c.xlsx', false)];
    expect(importSummary(outcomes, false)).toBe('3 tệp: 1 tệp được nhận hoặc đã nhập trước đây, 2 tệp bị từ chối.');
  });

  it('says "hợp lệ" in a dry run, where nothing is received', () => {
    expect(importSummary([outcome('a.xlsx', true), outcome('b.xlsx', false)], true)).toBe('2 tệp đã kiểm tra: 1 tệp hợp lệ hoặc đã nhập trước đây, 1 tệp bị từ chối. Chưa nhận tệp nào (--dry-run).');
  });
});
