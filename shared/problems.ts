// What is wrong with a report, an imported file or a typed one: a stable code, a
// severity (an error blocks, a warning informs), the place, and a Vietnamese message.
import type { Indicator } from './domain';
import type { ApiParams } from './errors';
import { formatNumber } from './numbers';

export type Severity = 'error' | 'warning';

export interface Problem {
  code: string;
  severity: Severity;
  /** "Sheet!A1" for a workbook cell; a field name ("NV2.01") for a typed report; "" for the whole file. */
  cell: string;
  message: string;
  /** The report field it concerns ("indicator:NV2.01", "task:NV1:status"), when one. */
  field?: string;
  /** The agency whose report it concerns, for a workbook holding several. */
  agency?: string;
  /**
   * What the clerk can do about it without a new file: give the cell a value with a
   * note ('correct'), or let a rule check through with a reason ('accept').
   */
  remedy?: 'correct' | 'accept';
  /** For a rule check: the rule, the indicator and the other period compared with, the key an acceptance names. */
  rule?: string;
  indicator?: string;
  against?: string;
  /** The raw values of the message (cell, period code, number…), for a UI in another language. */
  params?: ApiParams;
}

export function problem(code: string, severity: Severity, cell: string, message: string, params?: ApiParams): Problem {
  return params === undefined ? { code, severity, cell, message } : { code, severity, cell, message, params };
}

/**
 * Problems of a cell's value that the office may put right by giving the figure itself
 * (after phoning the agency): what the cell says cannot be read as the field wants.
 * Problems of the workbook's shape (a missing sheet, a moved row) are not among them.
 */
export const CORRECTABLE_CODES: ReadonlySet<string> = new Set([
  'NOT_A_NUMBER',
  'AMBIGUOUS_NUMBER',
  'NOT_WHOLE',
  'NEGATIVE',
  'PERCENT_OVER_100',
  'PERCENT_NOT_EXPECTED',
  'STATUS_INVALID',
  'FORMULA_NO_RESULT',
  'CELL_ERROR',
  'EXTERNAL_REFERENCE',
  'DATE_INVALID',
  'FORMAT_HIDES_FIGURE',
]);

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
  // A typed report's problem has no cell: its English form, which names the cell, then falls back to the Vietnamese.
  const params: ApiParams = cell ? { cell, indicator: indicator.code } : { indicator: indicator.code };
  if (!Number.isFinite(value)) return problem('NOT_A_NUMBER', 'error', cell, `${where}giá trị không phải là số (${label(indicator)}).`, params);
  if (value < 0) {
    return problem('NEGATIVE', 'error', cell, `${where}số âm (${formatNumber(value)}) không hợp lệ (${label(indicator)}). Hãy nhập số từ 0 trở lên.`, { ...params, value });
  }
  if (indicator.kind === 'integer' && !Number.isInteger(value)) {
    return problem('NOT_WHOLE', 'error', cell, `${where}${formatNumber(value)} không phải là số nguyên (${label(indicator)}). Hãy nhập số nguyên.`, { ...params, value });
  }
  if (indicator.kind === 'percent' && value > 100) {
    return problem('PERCENT_OVER_100', 'error', cell, `${where}tỷ lệ ${formatNumber(value, 'percent')} vượt quá 100% (${label(indicator)}).`, { ...params, value });
  }
  return null;
}

/** Ties a reader's problem to the field it concerns; a value problem there can be put right by the office. */
export function aboutField(p: Problem, field: string, agency: string): Problem {
  const correctable = CORRECTABLE_CODES.has(p.code) && (field.startsWith('indicator:') || field.endsWith(':status'));
  return { ...p, field, agency, ...(correctable ? { remedy: 'correct' as const } : {}) };
}
