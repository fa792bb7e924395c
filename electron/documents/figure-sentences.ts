// A consolidated figure written as a sentence of the report, with vi-VN numbers: the
// figure, how many of the expected agencies it covers, the in-quarter part a cumulative
// period holds, the comparison with the right earlier period and the plan's target.
// Every number comes from the consolidation as it is; nothing is computed here but
// the words that say which of two figures is larger.
import type { ComparedFigure, IndicatorConsolidation } from '../../shared/api';
import { TARGET_LABELS, coverageText } from '../../shared/labels';
import { formatNumber } from '../../shared/numbers';

export type FigureKind = IndicatorConsolidation['kind'];

/** How a figure of this kind is written: "1.234", "1.234,5", "85,7%". */
export function numberText(value: number, kind: FigureKind): string {
  return formatNumber(value, kind === 'integer' ? 'integer' : kind === 'percent' ? 'percent' : 'decimal');
}

/**
 * A space a line never breaks at, between a number and the word after it ("15.260 lượt
 * người" never leaves "15.260" alone at a line's end). Only that one: a longer unbroken
 * run would open wide gaps in justified lines.
 */
export const NBSP = '\u00a0';

/** "1.234 vụ", "1.234,5 triệu đồng", "85,7%": a figure with its unit. */
export function amount(value: number, kind: FigureKind, unit: string): string {
  const n = numberText(value, kind);
  const u = unit.trim();
  if (kind === 'percent' || u === '%' || u === '') return n;
  return `${n}${NBSP}${u}`;
}

/** "17/20 đơn vị báo cáo": how many of the expected agencies a figure covers. */
export function coverageOf(coverage: { reported: number; expected: number }): string {
  return `${coverageText(coverage).replace(' ', NBSP)} báo cáo`;
}

export const NO_FIGURE = 'chưa có số liệu';

/** The parts of a ratio, "600/700 vụ", in the unit of its denominator. */
function ratioParts(i: IndicatorConsolidation, denominatorUnit: string): string | null {
  if (i.numerator === null || i.numerator === undefined || i.denominator === null || i.denominator === undefined) return null;
  const unit = denominatorUnit.trim();
  return `${formatNumber(i.numerator, 'decimal')}/${formatNumber(i.denominator, 'decimal')}${unit && unit !== '%' ? `${NBSP}${unit}` : ''}`;
}

type Comparison = 'previous' | 'sameLastYear';
const COMPARED_WITH: Record<Comparison, string> = { previous: 'quý trước', sameLastYear: 'cùng kỳ năm trước' };

/** Like with like: the same agencies in both figures. */
export function comparable(f: ComparedFigure): boolean {
  return f.onlyHere.length === 0 && f.onlyThere.length === 0;
}

function comparisonClause(i: IndicatorConsolidation, which: Comparison): string | null {
  const other = i[which];
  if (!other) return null;
  const what = COMPARED_WITH[which];
  if (other.value === null) return `${what} (${other.label}) ${NO_FIGURE}`;
  const detail = `${other.label}: ${amount(other.value, i.kind, i.unit)}, ${coverageOf(other.coverage)}`;
  if (!comparable(other)) return `so với ${what} (${detail}; hai kỳ không gồm cùng các đơn vị)`;
  if (i.value === null) return `${what} (${detail})`;
  const verdict = i.value > other.value ? 'tăng so với' : i.value < other.value ? 'giảm so với' : 'bằng';
  return `${verdict} ${what} (${detail})`;
}

function targetClause(i: IndicatorConsolidation): string | null {
  if (i.target === null) return null;
  const bound = `${i.targetDirection === 'max' ? 'không quá' : 'ít nhất'} ${amount(i.target, i.kind, i.unit)}`;
  if (i.targetMet === null) return `chỉ tiêu kế hoạch ${bound}`;
  return `chỉ tiêu kế hoạch ${bound}: ${(i.targetMet ? TARGET_LABELS.met : TARGET_LABELS.notMet).toLocaleLowerCase('vi')}`;
}

function inQuarterClause(i: IndicatorConsolidation): string | null {
  const q = i.inQuarter;
  if (!q || q.value === null) return null;
  return `riêng ${q.label} (suy ra từ số lũy kế): ${amount(q.value, i.kind, i.unit)}, ${coverageOf(q.coverage)}`;
}

/**
 * "Số vụ án hình sự đã thụ lý: 1.234 vụ (18/21 đơn vị báo cáo); tăng so với quý trước
 * (Quý IV năm 2021: 1.100 vụ, 21/21 đơn vị báo cáo); …". A text indicator lists what each agency wrote.
 */
export function figureSentence(i: IndicatorConsolidation, options: { denominatorUnit?: string } = {}): string {
  const coverage = coverageOf(i.coverage);
  if (i.kind === 'text') {
    const texts = i.byAgency.filter((a) => a.state === 'counted' && (a.text ?? '').trim() !== '').map((a) => `${a.name}: ${(a.text ?? '').trim()}`);
    return texts.length === 0 ? `${i.name}: ${NO_FIGURE} (${coverage}).` : `${i.name} (${coverage}): ${texts.join('; ')}.`;
  }
  let main: string;
  if (i.value === null) main = `${NO_FIGURE} (${coverage})`;
  else if (i.aggregation === 'ratio') {
    const parts = ratioParts(i, options.denominatorUnit ?? '');
    main = `${amount(i.value, i.kind, i.unit)} (${parts ? `${parts}; ` : ''}${coverage})`;
  } else main = `${amount(i.value, i.kind, i.unit)} (${coverage})`;
  const clauses = [inQuarterClause(i), comparisonClause(i, 'previous'), comparisonClause(i, 'sameLastYear'), targetClause(i)].filter((c): c is string => c !== null);
  return `${i.name}: ${[main, ...clauses].join('; ')}.`;
}
