import { describe, expect, it } from 'vitest';
import { byNumber, byText, filterRows, sortRows } from '../../renderer/lib/table';
import { parseHash, formatHash } from '../../renderer/state/route';
import { formatDateTimeVi, formatFigure } from '../../renderer/lib/format';

const agencies = [
  { code: 'HU-HL', name: 'Huyện ủy Hữu Lũng', value: 3 },
  { code: 'TA', name: 'Tòa án nhân dân tỉnh', value: null },
  { code: 'HU-DL', name: 'Huyện ủy Đình Lập', value: 10 },
  { code: 'TU-LS', name: 'Thành ủy Lạng Sơn', value: 0 },
  { code: 'HU-CL', name: 'Huyện ủy Chi Lăng', value: 7 },
  { code: 'X', name: 'Toà án quân sự khu vực', value: 1 },
];

describe('table filter', () => {
  it('ignores diacritics, đ and case; every word must match', () => {
    expect(filterRows(agencies, 'lang son', (a) => [a.name]).map((a) => a.code)).toEqual(['TU-LS']);
    expect(filterRows(agencies, 'DINH lap', (a) => [a.name]).map((a) => a.code)).toEqual(['HU-DL']);
    expect(filterRows(agencies, 'huyen uy l', (a) => [a.name]).map((a) => a.code)).toEqual(['HU-HL', 'HU-DL', 'HU-CL']);
  });

  it('matches old and new tone placement alike (Tòa / Toà)', () => {
    expect(filterRows(agencies, 'tòa án', (a) => [a.name]).map((a) => a.code)).toEqual(['TA', 'X']);
  });

  it('searches every given field, and an empty query keeps every row', () => {
    expect(filterRows(agencies, 'hu-cl', (a) => [a.name, a.code]).map((a) => a.code)).toEqual(['HU-CL']);
    expect(filterRows(agencies, '   ', (a) => [a.name])).toHaveLength(agencies.length);
  });
});

describe('table sort', () => {
  it('sorts names by Vietnamese collation, not code points', () => {
    const huyen = agencies.filter((a) => a.name.startsWith('Huyện'));
    // Code-point order would put "Đình" after "Hữu"; Vietnamese puts Đ right after D.
    expect(sortRows(huyen, byText((a) => a.name)).map((a) => a.code)).toEqual(['HU-CL', 'HU-DL', 'HU-HL']);
    expect(sortRows(huyen, byText((a) => a.name), 'descend').map((a) => a.code)).toEqual(['HU-HL', 'HU-DL', 'HU-CL']);
  });

  it('sorts numbers with the missing ones after every figure', () => {
    expect(sortRows(agencies, byNumber((a) => a.value)).map((a) => a.value)).toEqual([0, 1, 3, 7, 10, null]);
  });
});

describe('route in the URL hash', () => {
  it('round-trips a screen and its parameters', () => {
    const hash = formatHash({ screen: 'consolidation', params: { tab: 'tasks', task: 'NV1', empty: undefined } });
    expect(hash).toBe('#/consolidation?tab=tasks&task=NV1');
    expect(parseHash(hash)).toEqual({ screen: 'consolidation', params: { tab: 'tasks', task: 'NV1' } });
  });

  it('falls back to the overview for an unknown or empty hash', () => {
    expect(parseHash('').screen).toBe('overview');
    expect(parseHash('#/nowhere?x=1').screen).toBe('overview');
  });
});

describe('figures on screen', () => {
  it('formats as vi-VN by the indicator kind', () => {
    expect(formatFigure(15260, 'integer')).toBe('15.260');
    expect(formatFigure(1063.7, 'decimal')).toBe('1.063,7');
    expect(formatFigure(79.82370225, 'percent')).toBe('79,8%');
    expect(formatFigure(null, 'integer')).toBe('');
    expect(formatFigure(null, 'text', 'Đã triển khai')).toBe('Đã triển khai');
  });

  it('shows times as dd/mm/yyyy hh:mm', () => {
    expect(formatDateTimeVi('2022-03-16T09:17:00')).toBe('16/03/2022 09:17');
    expect(formatDateTimeVi('2022-03-16')).toBe('16/03/2022');
    expect(formatDateTimeVi(null)).toBe('');
  });
});
