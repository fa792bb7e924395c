// What is wrong with a report, an imported file or a typed one: a stable code, a
// severity (an error blocks, a warning informs), the place, and a Vietnamese message.
import type { Indicator } from './domain';
import { formatNumber } from './numbers';

export type Severity = 'error' | 'warning';

export interface Problem {
  code: string;
  severity: Severity;
  /** "Sheet!A1" for a workbook cell; a field name ("NV2.01") for a typed report; "" for the whole file. */
  cell: string;
  message: string;
}

export function problem(code: string, severity: Severity, cell: string, message: string): Problem {
  return { code, severity, cell, message };
}

/** Ends a read early with the one problem the clerk needs: going on would only spend time on a bad file. */
export class ProblemStop extends Error {
  constructor(readonly found: Problem) {
    super(found.code);
  }
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

function label(indicator: Pick<Indicator, 'code' | 'name'>): string {
  return `chỉ tiêu ${indicator.code} – ${indicator.name}`;
}

/**
 * The rules every figure obeys, whether imported or typed: counts are whole and not
 * negative, amounts not negative, percents within 0–100.
 */
export function checkFigure(indicator: Pick<Indicator, 'code' | 'name' | 'kind'>, value: number, cell: string): Problem | null {
  const where = cell ? `${cell}: ` : '';
  if (!Number.isFinite(value)) return problem('NOT_A_NUMBER', 'error', cell, `${where}giá trị không phải là số (${label(indicator)}).`);
  if (value < 0) {
    return problem('NEGATIVE', 'error', cell, `${where}số âm (${formatNumber(value)}) không hợp lệ (${label(indicator)}). Hãy nhập số từ 0 trở lên.`);
  }
  if (indicator.kind === 'integer' && !Number.isInteger(value)) {
    return problem('NOT_WHOLE', 'error', cell, `${where}${formatNumber(value)} không phải là số nguyên (${label(indicator)}). Hãy nhập số nguyên.`);
  }
  if (indicator.kind === 'percent' && value > 100) {
    return problem('PERCENT_OVER_100', 'error', cell, `${where}tỷ lệ ${formatNumber(value, 'percent')} vượt quá 100% (${label(indicator)}).`);
  }
  return null;
}
