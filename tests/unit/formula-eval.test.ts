// The formula evaluator against what Excel computes for the formulas a report holds.
import { describe, expect, it } from 'vitest';
import { FormulaEvaluator, computeFormulas } from '../../electron/excel/formula-eval';
import type { ModelCell, WorkbookModel } from '../../electron/excel/workbook-model';

function cell(address: string, value: number | string | boolean | null, formula?: string): ModelCell {
  const m = /^([A-Z]+)(\d+)$/u.exec(address);
  const col = [...(m?.[1] ?? 'A')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const base = { address, row: Number(m?.[2] ?? 1), col };
  if (formula !== undefined) return { ...base, type: 'formula', value, formula, hasCachedResult: value !== null, ...(value !== null ? { resultType: typeof value === 'number' ? 'number' : 'string' } : {}) } as ModelCell;
  return { ...base, type: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string', value } as ModelCell;
}

function model(sheets: Record<string, ModelCell[]>): WorkbookModel {
  return { sheets: Object.entries(sheets).map(([name, cells]) => ({ name, state: 'visible', rowCount: 100, columnCount: 30, merges: [], cells })), date1904: false, externalLinks: [] };
}

function value(formula: string, cells: ModelCell[] = [], others: Record<string, ModelCell[]> = {}): unknown {
  const target = cell('Z99', null, formula);
  const m = model({ 'Báo cáo': [...cells, target], ...others });
  const r = new FormulaEvaluator(m).compute('Báo cáo', target);
  return r === null ? null : r.value;
}

const FIGURES = [cell('A1', 10), cell('A2', 20), cell('A3', 'ghi chú'), cell('A4', 5), cell('B1', 0), cell('C1', '12')];

describe('the formula evaluator', () => {
  it('computes arithmetic as Excel does: precedence, unary minus, percent, power, text joined', () => {
    expect(value('1+1')).toBe(2);
    expect(value('2+3*4')).toBe(14);
    expect(value('(2+3)*4')).toBe(20);
    expect(value('-A1+A2', FIGURES)).toBe(10);
    expect(value('A1*10%', FIGURES)).toBe(1);
    expect(value('2^3')).toBe(8);
    expect(value('A1&" vụ"', FIGURES)).toBe('10 vụ');
    expect(value('C1+1', FIGURES)).toBe(13); // a number typed as text is a number to arithmetic
    expect(value('A3+1', FIGURES)).toBe('#VALUE!');
    expect(value('A1/B1', FIGURES)).toBe('#DIV/0!');
    expect(value('Z50+1', FIGURES)).toBe(1); // a blank cell is 0
  });

  it('sums ranges as Excel does: text and blanks left out, errors carried', () => {
    expect(value('SUM(A1:A4)', FIGURES)).toBe(35);
    expect(value('SUM(A1:A4,7)', FIGURES)).toBe(42);
    expect(value('AVERAGE(A1:A2)', FIGURES)).toBe(15);
    expect(value('MAX(A1:A4)-MIN(A1:A4)', FIGURES)).toBe(15);
    expect(value('COUNT(A1:A4)', FIGURES)).toBe(3);
    expect(value('COUNTA(A1:A4)', FIGURES)).toBe(4);
    expect(value('SUM(A1:A2,A1/B1)', FIGURES)).toBe('#DIV/0!');
  });

  it('takes the functions of a figure: IF, IFERROR, ROUND half away from zero, INT, ABS, AND, OR, NOT', () => {
    expect(value('IF(A2>0,A1/A2*100,"")', FIGURES)).toBe(50);
    expect(value('IF(B1>0,A1/B1*100,"")', FIGURES)).toBe('');
    expect(value('IFERROR(A1/B1,0)', FIGURES)).toBe(0);
    expect(value('ROUND(2.5,0)')).toBe(3);
    expect(value('ROUND(-2.5,0)')).toBe(-3);
    expect(value('ROUND(1.005,2)')).toBe(1.01);
    expect(value('ROUNDDOWN(7.9,0)+ROUNDUP(7.1,0)')).toBe(15);
    expect(value('INT(-1.5)')).toBe(-2);
    expect(value('ABS(-4)')).toBe(4);
    expect(value('AND(A1>5,OR(A2<0,NOT(B1)))', FIGURES)).toBe(true);
    expect(value('A3="GHI CHÚ"', FIGURES)).toBe(true); // comparisons ignore case
  });

  it('follows references into other formulas and other sheets, quoted names included', () => {
    const cells = [cell('A1', 10), cell('A2', 99, 'A1*2'), cell('A3', null, 'A2+1')];
    expect(value('A3*2', cells)).toBe(42);
    expect(value("'Số liệu'!B2+A1", [cell('A1', 1)], { 'Số liệu': [cell('B2', 41)] })).toBe(42);
  });

  it('leaves uncomputed what it does not know: other functions, names, circles, whole columns, other workbooks', () => {
    expect(value('VLOOKUP(1,A1:B2,2,FALSE)', FIGURES)).toBeNull();
    expect(value('Tong_so+1', FIGURES)).toBeNull();
    expect(value('SUM(A:A)', FIGURES)).toBeNull();
    expect(value("'Không có'!A1")).toBeNull();
    const circle = [cell('A1', 1, 'A2+1'), cell('A2', 1, 'A1+1')];
    expect(value('A1', circle)).toBeNull();
  });

  it('takes an argument left empty as a blank, as Excel does, instead of failing on it', () => {
    expect(value('IF(A1>0,,1)', FIGURES)).toBe(0);
    expect(value('IF(A1<0,1,)', FIGURES)).toBe(0);
    expect(value('ROUND(2.5,)')).toBe(3);
    expect(value('SUM(A1,)', FIGURES)).toBe(10);
    expect(value('SUM(,)')).toBe(0);
    // What Excel counts for an empty argument is not sure: left uncomputed rather than guessed.
    expect(value('COUNT(A1,)', FIGURES)).toBeNull();
  });

  it('counts as Excel does: typed numbers, booleans and numeric text; in a range, only numbers', () => {
    expect(value('COUNT(1,"2",TRUE,"x")')).toBe(3);
    expect(value('COUNT(A1:C1)', FIGURES)).toBe(2);
  });

  it('has no infinity: an overflow is #NUM!, zero to a negative power #DIV/0!', () => {
    expect(value('10^400')).toBe('#NUM!');
    expect(value('1E300*1E300')).toBe('#NUM!');
    expect(value('0^-1')).toBe('#DIV/0!');
    expect(value('(-8)^0.5')).toBe('#NUM!');
  });

  it('takes the minimum of more cells than a call can hold arguments', () => {
    const many = Array.from({ length: 90_000 }, (_, i) => cell(`A${i + 1}`, i + 3));
    expect(value('MIN(A1:A90000,A1:A90000)', many)).toBe(3);
    expect(value('MAX(A1:A90000)', many)).toBe(90_002);
  });

  it('stops at a budget of cells visited: the rest stay uncomputed, and what was computed stays', () => {
    const figures = Array.from({ length: 100 }, (_, i) => cell(`A${i + 1}`, 1));
    const sums = Array.from({ length: 20 }, (_, i) => cell(`B${i + 1}`, 100, 'SUM(A1:A100)'));
    const m = model({ 'Báo cáo': [...figures, ...sums] });
    const evaluator = new FormulaEvaluator(m, 1_000);
    const results = sums.map((c) => evaluator.compute('Báo cáo', c));
    expect(results.slice(0, 10).every((r) => r?.value === 100)).toBe(true);
    expect(results.slice(10).every((r) => r === null)).toBe(true);
  });

  it('writes what it computed on the model, for the cell readers to hold the stored result to', () => {
    const m = model({ 'Báo cáo': [cell('A1', 5), cell('B1', 999, '1+1'), cell('C1', 7, 'VLOOKUP(1,A1:B2,2,FALSE)')] });
    computeFormulas(m);
    const [, b1, c1] = m.sheets[0]?.cells ?? [];
    expect(b1?.computed).toEqual({ type: 'number', value: 2 });
    expect(c1?.computed).toBeUndefined();
  });
});
