// English mode says the Api's messages in English by their code and raw params, and
// falls back to the server's Vietnamese whenever it cannot say all of it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiText, outcomeText } from '../../renderer/lib/api-message';
import type { ImportOutcome } from '../../shared/api';
import { enApi, periodLabelEn } from '../../renderer/i18n/en-api';
import { placeholders } from '../../renderer/i18n';

const VI = 'E22: "abc" không phải là số.';

describe('apiText', () => {
  it('returns the server message unchanged in Vietnamese', () => {
    expect(apiText('NOT_A_NUMBER', { cell: 'Biểu mẫu!E22', text: 'abc' }, VI, 'vi')).toBe(VI);
  });
  it('fills the English template with the params', () => {
    expect(apiText('NOT_A_NUMBER', { cell: 'Biểu mẫu!E22', text: 'abc' }, VI, 'en')).toBe('Biểu mẫu!E22: "abc" is not a number. Type the figure in digits.');
  });
  it('falls back to Vietnamese without a template or with a param missing', () => {
    expect(apiText('NO_SUCH_CODE', { cell: 'A1' }, VI, 'en')).toBe(VI);
    expect(apiText('NOT_A_NUMBER', { cell: 'Biểu mẫu!E22' }, VI, 'en')).toBe(VI);
    expect(apiText('NOT_A_NUMBER', undefined, VI, 'en')).toBe(VI);
  });
  it('says periods and numbers in English, and plural forms work', () => {
    expect(apiText('PERIOD_MISMATCH', { file: 'a.xlsx', period: '2022-H1', expected: '2022-9M' }, VI, 'en')).toContain('H1 2022');
    expect(apiText('PERIOD_MISMATCH', { file: 'a.xlsx', period: '2022-H1', expected: '2022-9M' }, VI, 'en')).toContain('9 months of 2022');
    expect(apiText('NEGATIVE', { cell: 'B!E5', indicator: 'NV1.01', value: -1234.5 }, VI, 'en')).toContain('-1,234.5');
    expect(apiText('TEST_PLURAL', { count: 1 }, VI, 'en', { 'api.TEST_PLURAL': '{count:error|errors}' })).toBe('1 error');
    expect(apiText('TEST_PLURAL', { count: 2 }, VI, 'en', { 'api.TEST_PLURAL': '{count:error|errors}' })).toBe('2 errors');
  });
  it('says a schema error in English, zod\'s detail kept', () => {
    expect(apiText('INVALID_ARGUMENT', { detail: 'period: Invalid input' }, 'Dữ liệu gửi lên không hợp lệ: period: Invalid input.', 'en')).toBe('The data sent is not valid: period: Invalid input.');
  });
  it('labels periods in English', () => {
    expect(['2022-9M', '2022-Q1', '2022-H1', '2022-Y'].map((c) => periodLabelEn(c))).toEqual(['9 months of 2022', 'Q1 2022', 'H1 2022', '2022 (full year)']);
    expect(periodLabelEn('2022-X9')).toBe('2022-X9');
  });
});

describe('outcomeText', () => {
  const base: ImportOutcome = { file: 'CA.xlsx', ok: true, status: 'checked', agency: 'CA', period: '2022-9M', revision: 1, readAs: 'form', profile: null, problems: [], changes: [], gaps: null, receivedOn: null, late: null, corrections: [], message: 'CA.xlsx hợp lệ: sẽ là lần nộp thứ 1.' };
  const name = (code: string) => (code === 'CA' ? 'Provincial Police' : code);
  it('keeps the server sentence in Vietnamese', () => {
    expect(outcomeText(base, 'vi', name)).toBe(base.message);
  });
  it('says a first submission as such, and a later one with its changes counted', () => {
    expect(outcomeText(base, 'en', name)).toBe('CA.xlsx is valid: it will be the first submission of Provincial Police for 9 months of 2022.');
    const third = { ...base, revision: 3, changes: [{ agency: 'CA', field: 'NV1.01', label: 'x', before: 1, after: 2 }] };
    expect(outcomeText(third, 'en', name)).toBe('CA.xlsx is valid: it will be submission 3 of Provincial Police for 9 months of 2022 (1 change since submission 2).');
  });
  it('counts a refusal\'s errors, and falls back to Vietnamese for a status it cannot say', () => {
    const problem = { code: 'X', severity: 'error' as const, cell: '', message: 'x' };
    expect(outcomeText({ ...base, status: 'rejected', ok: false, revision: null, problems: [problem, problem] }, 'en', name)).toBe('CA.xlsx was not received: 2 errors to fix, listed below. Nothing was changed.');
    expect(outcomeText({ ...base, status: 'failed', message: 'có lỗi' }, 'en', name)).toBe('có lỗi');
  });
});

describe("the English templates of the Api's messages", () => {
  const sources = ['electron', 'shared', 'renderer/lib']
    .flatMap((dir) => fs.readdirSync(path.resolve(__dirname, '../..', dir), { recursive: true, encoding: 'utf8' }).map((f) => path.resolve(__dirname, '../..', dir, f)))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
  const apiKeys = Object.keys(enApi);
  it('exist, and each names a code the server emits', () => {
    expect(apiKeys.length).toBeGreaterThan(5);
    // 'api.outcome.<status>[.first]' says an import outcome of that status.
    for (const key of apiKeys) expect(sources, key).toContain(`'${key.startsWith('api.outcome.') ? key.split('.')[2] : key.slice(4)}'`);
  });
  it('use only params the code is given somewhere', () => {
    for (const key of apiKeys) {
      for (const name of placeholders(enApi[key] ?? '')) expect(sources, `${key} {${name}}`).toMatch(new RegExp(`\\b${name}\\b\\s*[:,}]`, 'u'));
    }
  });
});
