import { describe, expect, it } from 'vitest';
import {
  excelSerialToIsoDate,
  parseStatusLabel,
  readDateCell,
  readFieldCell,
  readIndicatorCell,
  readNumberCell,
  readStatusCell,
  readTextCell,
  type CellPlace,
} from '../../electron/excel/cell-values';
import type { ModelCell } from '../../electron/excel/workbook-model';
import { checkFigure } from '../../shared/problems';

const place: CellPlace = { sheet: 'Báo cáo', address: 'F23', label: 'chỉ tiêu NV2.01 – Số vụ án hình sự đã thụ lý' };

function cell(partial: Partial<ModelCell> & Pick<ModelCell, 'type' | 'value'>): ModelCell {
  return { address: 'F23', row: 23, col: 6, ...partial };
}

const text = (value: string, fontName?: string): ModelCell => cell({ type: 'string', value, ...(fontName ? { fontName } : {}) });
const codes = (r: { problems: { code: string }[] }): string[] => r.problems.map((p) => p.code);

describe('numbers', () => {
  it('takes numbers as they are', () => {
    expect(readNumberCell(cell({ type: 'number', value: 1234 }), place)).toEqual({ value: 1234, percent: false, problems: [] });
    expect(readNumberCell(cell({ type: 'number', value: 0 }), place).value).toBe(0);
  });

  it('reads numbers typed as text the Vietnamese way', () => {
    expect(readNumberCell(text('1.234'), place).value).toBe(1234);
    expect(readNumberCell(text('1.234,5'), place).value).toBe(1234.5);
    expect(readNumberCell(text(' 12 '), place).value).toBe(12);
    expect(readNumberCell(text('85,5%'), place)).toEqual({ value: 85.5, percent: true, problems: [] });
  });

  it('returns "(1.234)" as −1234 for the caller to refuse', () => {
    const read = readNumberCell(text('(1.234)'), place);
    expect(read).toEqual({ value: -1234, percent: false, problems: [] });
    const refused = checkFigure({ code: 'NV2.01', name: 'Số vụ án hình sự đã thụ lý', kind: 'integer' }, read.value!, 'Báo cáo!F23');
    expect(refused?.code).toBe('NEGATIVE');
  });

  it('refuses words with the place, the text and the indicator', () => {
    const read = readNumberCell(text('mười hai'), place);
    expect(read.value).toBeNull();
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatchObject({ code: 'NOT_A_NUMBER', severity: 'error', cell: 'Báo cáo!F23' });
    expect(read.problems[0]?.message.startsWith('Báo cáo!F23: "mười hai" không phải là số (chỉ tiêu NV2.01 – Số vụ án hình sự đã thụ lý)')).toBe(true);
  });

  it('gives an example that fits the figure: a whole number for a count, a decimal only where one is allowed', () => {
    const count = readIndicatorCell(text('mười hai'), { code: 'NV2.01', name: 'Số vụ án hình sự đã thụ lý', kind: 'integer' }, { sheet: 'Báo cáo', address: 'F23' });
    expect(count.problems[0]?.message).toContain('ví dụ 1.234.');
    expect(count.problems[0]?.message).not.toContain('12,5');
    const amount = readIndicatorCell(text('mười hai'), { code: 'NV7.05', name: 'Kinh phí', kind: 'decimal' }, { sheet: 'Báo cáo', address: 'F23' });
    expect(amount.problems[0]?.message).toContain('ví dụ 1.234 hoặc 12,5');
    const ambiguous = readIndicatorCell(text('1,234'), { code: 'NV2.01', name: 'Số vụ án hình sự đã thụ lý', kind: 'integer' }, { sheet: 'Báo cáo', address: 'F23' });
    expect(codes(ambiguous)).toEqual(['AMBIGUOUS_NUMBER']);
    expect(ambiguous.problems[0]?.message).not.toContain('12,5');
  });

  it('asks the clerk to retype ambiguous forms', () => {
    for (const raw of ['1,234', '1.5', '1,234.5']) {
      const read = readNumberCell(text(raw), place);
      expect(codes(read), raw).toEqual(['AMBIGUOUS_NUMBER']);
      expect(read.problems[0]?.message).toContain('Hãy gõ lại');
      expect(read.value).toBeNull();
    }
  });

  it('reads a percent-formatted number as the percent shown', () => {
    expect(readNumberCell(cell({ type: 'number', value: 0.855, numFmt: '0.0%' }), place)).toEqual({ value: 85.5, percent: true, problems: [] });
    expect(readNumberCell(cell({ type: 'number', value: 5, numFmt: '0 "%"' }), place)).toEqual({ value: 5, percent: false, problems: [] });
  });

  it('uses a formula’s cached result and refuses what cannot be trusted', () => {
    const formula = (extra: Partial<ModelCell>): ModelCell => cell({ type: 'formula', value: null, formula: 'F21/F22', ...extra });
    expect(readNumberCell(formula({ value: 0.5, hasCachedResult: true, resultType: 'number' }), place).value).toBe(0.5);
    expect(codes(readNumberCell(formula({ hasCachedResult: false }), place))).toEqual(['FORMULA_NO_RESULT']);
    expect(codes(readNumberCell(formula({ value: 7, hasCachedResult: true, resultType: 'number', externalRef: true, formula: '[1]Sheet1!A1' }), place))).toEqual(['EXTERNAL_REFERENCE']);
    expect(codes(readNumberCell(formula({ value: '#DIV/0!', hasCachedResult: true, resultType: 'error' }), place))).toEqual(['CELL_ERROR']);
    expect(codes(readNumberCell(cell({ type: 'error', value: '#N/A' }), place))).toEqual(['CELL_ERROR']);
    const message = readNumberCell(formula({ hasCachedResult: false }), place).problems[0]?.message ?? '';
    expect(message).toContain('Báo cáo!F23: ô có công thức =F21/F22');
  });

  it('refuses dates and booleans in number fields', () => {
    const date = readNumberCell(cell({ type: 'date', value: '2022-02-01' }), place);
    expect(codes(date)).toEqual(['NOT_A_NUMBER']);
    expect(date.problems[0]?.message).toContain('01/02/2022');
    expect(codes(readNumberCell(cell({ type: 'boolean', value: true }), place))).toEqual(['NOT_A_NUMBER']);
  });

  it('leaves empty cells empty, without a problem', () => {
    expect(readNumberCell(undefined, place)).toEqual({ value: null, percent: false, problems: [] });
    expect(readNumberCell(text('   '), place)).toEqual({ value: null, percent: false, problems: [] });
  });
});

describe('text', () => {
  it('converts TCVN3 by the font and says so', () => {
    const read = readTextCell(text('C«ng an tØnh L¹ng S¬n', '.VnTime'), { sheet: 'Báo cáo', address: 'C5' });
    expect(read.value).toBe('Công an tỉnh Lạng Sơn');
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatchObject({ code: 'LEGACY_ENCODING', severity: 'warning', cell: 'Báo cáo!C5' });
    expect(read.problems[0]?.message).toContain('TCVN3');
    expect(read.problems[0]?.message).toContain('.VnTime');
  });

  it('upper-cases text in a TCVN3 H font', () => {
    expect(readTextCell(text('c«ng an tØnh', '.VnTimeH'), place).value).toBe('CÔNG AN TỈNH');
  });

  it('converts VNI found by its characters and says so', () => {
    const read = readTextCell(text('Uûy ban nhaân daân tænh'), place);
    expect(read.value).toBe('Ủy ban nhân dân tỉnh');
    expect(codes(read)).toEqual(['LEGACY_ENCODING']);
    expect(read.problems[0]?.message).toContain('VNI');
  });

  it('normalises decomposed text silently and keeps lines', () => {
    const nfd = 'Đã triển khai\r\nkế hoạch số 08'.normalize('NFD');
    const read = readTextCell(text(nfd), place);
    expect(read).toEqual({ value: 'Đã triển khai\nkế hoạch số 08', problems: [] });
    expect(read.value).toBe(read.value!.normalize('NFC'));
  });

  it('leaves Unicode in an old template font alone', () => {
    expect(readTextCell(text('Công an tỉnh', '.VnTime'), place)).toEqual({ value: 'Công an tỉnh', problems: [] });
  });

  it('takes rich text, numbers and cached formula text', () => {
    expect(readTextCell(cell({ type: 'richText', value: 'Vieät Nam', fontName: 'VNI-Times' }), place).value).toBe('Việt Nam');
    expect(readTextCell(cell({ type: 'number', value: 12 }), place).value).toBe('12');
    expect(readTextCell(cell({ type: 'formula', value: 'Đạt', formula: 'IF(A1>0,"Đạt","")', hasCachedResult: true, resultType: 'string' }), place).value).toBe('Đạt');
  });
});

describe('task status', () => {
  it('accepts the four labels however they are typed', () => {
    const cases: [string, string][] = [
      ['Hoàn thành', 'completed'],
      ['HOÀN THÀNH', 'completed'],
      ['hoan thanh', 'completed'],
      ['Hòan thành', 'completed'],
      ['Hoàn thành.', 'completed'],
      ['Đang thực hiện', 'in_progress'],
      ['dang thuc hien', 'in_progress'],
      ['Chưa thực hiện', 'not_started'],
      ['Không thuộc phạm vi', 'not_applicable'],
      ['Không thuộc phạm vi'.normalize('NFD'), 'not_applicable'],
      ['  Chưa   thực hiện ', 'not_started'],
    ];
    for (const [raw, status] of cases) {
      expect(readStatusCell(text(raw), place), raw).toEqual({ value: status, problems: [] });
      expect(parseStatusLabel(raw), raw).toBe(status);
    }
  });

  it('reads a status typed in TCVN3', () => {
    expect(readStatusCell(text('Hoµn thµnh', '.VnTime'), place).value).toBe('completed');
  });

  it('refuses anything else and lists the allowed values', () => {
    const read = readStatusCell(text('Xong'), place);
    expect(read.value).toBeNull();
    expect(codes(read)).toEqual(['STATUS_INVALID']);
    for (const label of ['Hoàn thành', 'Đang thực hiện', 'Chưa thực hiện', 'Không thuộc phạm vi']) {
      expect(read.problems[0]?.message).toContain(label);
    }
    expect(codes(readStatusCell(cell({ type: 'number', value: 1 }), place))).toEqual(['STATUS_INVALID']);
  });
});

describe('dates', () => {
  it('converts serials of both date systems', () => {
    expect(excelSerialToIsoDate(44638)).toBe('2022-03-18');
    expect(excelSerialToIsoDate(44638.75)).toBe('2022-03-18');
    expect(excelSerialToIsoDate(44638 - 1462, true)).toBe('2022-03-18');
    expect(excelSerialToIsoDate(1)).toBe('1900-01-01');
    expect(excelSerialToIsoDate(59)).toBe('1900-02-28');
    expect(excelSerialToIsoDate(60)).toBeNull(); // Lotus's 29/02/1900
    expect(excelSerialToIsoDate(61)).toBe('1900-03-01');
    expect(excelSerialToIsoDate(0, true)).toBe('1904-01-01');
    expect(excelSerialToIsoDate(-1)).toBeNull();
    expect(excelSerialToIsoDate(Number.NaN)).toBeNull();
  });

  it('reads date cells, serials and dd/mm/yyyy text, never Date.parse', () => {
    expect(readDateCell(cell({ type: 'date', value: '2022-03-18' }), place).value).toBe('2022-03-18');
    expect(readDateCell(cell({ type: 'date', value: '2022-03-18T10:30:00' }), place).value).toBe('2022-03-18');
    expect(readDateCell(cell({ type: 'number', value: 44638 }), place).value).toBe('2022-03-18');
    expect(readDateCell(cell({ type: 'number', value: 43176 }), { ...place, date1904: true }).value).toBe('2022-03-18');
    expect(readDateCell(text('18/03/2022'), place).value).toBe('2022-03-18');
    expect(readDateCell(text('8/3/2022'), place).value).toBe('2022-03-08');
    for (const bad of ['31/02/2022', 'March 18, 2022', '2022/03/18', '03/18/2022']) {
      expect(codes(readDateCell(text(bad), place)), bad).toEqual(['DATE_INVALID']);
    }
  });
});

describe('readFieldCell', () => {
  it('reads by the kind the form declares', () => {
    expect(readFieldCell(text('1.234'), 'integer', place)).toMatchObject({ kind: 'integer', value: 1234 });
    expect(readFieldCell(text('12,5'), 'decimal', place)).toMatchObject({ kind: 'decimal', value: 12.5 });
    expect(readFieldCell(text('Hoàn thành'), 'status', place)).toMatchObject({ kind: 'status', value: 'completed' });
    expect(readFieldCell(text('Đã xong'), 'text', place)).toMatchObject({ kind: 'text', value: 'Đã xong' });
  });
});

describe('figures for an indicator', () => {
  const count = { code: 'NV2.01', name: 'Số vụ án hình sự đã thụ lý', kind: 'integer' };
  const rate = { code: 'NV9.01', name: 'Tỷ lệ tiếp thu', kind: 'percent' };
  const at = { sheet: 'Báo cáo', address: 'F23' };

  it('refuses a percent where a count is due, typed or formatted, with its cell', () => {
    for (const c of [text('12%'), cell({ type: 'number', value: 0.12, numFmt: '0%' })]) {
      const read = readIndicatorCell(c, count, at);
      expect(read.value).toBeNull();
      expect(codes(read)).toEqual(['PERCENT_NOT_EXPECTED']);
      expect(read.problems[0]?.message).toMatch(/^Báo cáo!F23: .*NV2\.01/u);
    }
  });

  it('takes a percent where a percent is due, and a plain number where a count is', () => {
    expect(readIndicatorCell(text('85,5%'), rate, at).value).toBe(85.5);
    expect(readIndicatorCell(cell({ type: 'number', value: 12 }), count, at)).toMatchObject({ value: 12, problems: [] });
  });
});
