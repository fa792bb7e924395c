// Validation rules on figures, like DHIS2's: they run on a report being previewed and
// committed, on a typed report, on a correction, and on a consolidated period. Each
// finding names its rule, severity, agency, indicator and cell, in a Vietnamese
// sentence with both figures. An error refuses a report unless the clerk lets it
// through with a reason (check_acceptance); a warning informs.
//
// - CUMULATIVE_FALLS (error): 6-month, 9-month and year reports are cumulative, so an
//   agency's summed figure cannot be smaller than in a period it contains (Q1 ≤ H1 ≤
//   9M ≤ Y, and Q2 ≤ H1…), nor larger than in a period that contains it.
// - NUMERATOR_ABOVE_DENOMINATOR (error): a ratio's part above its whole (solved > received).
// - RATIO_OUT_OF_RANGE (error): a consolidated ratio outside 0–100%.
// - OUTLIER (warning): more than 5 times, or under a fifth of, the same agency's figure
//   for the same period last year or the quarter before. Small counts swing widely
//   (1 → 6 is nothing to query), so a pair is compared only when the larger is 10 or more.
// - NOT_COUNTED (warning): a figure on record that the counting rule leaves out (the
//   agency no longer reports the indicator, or is not expected this period).
import type { AcceptanceInput, CheckRule, IndicatorConsolidation, RuleCheck } from '../../shared/api';
import type { CheckAcceptance, Indicator, Period, PlanDetail } from '../../shared/domain';
import type { ApiParams } from '../../shared/errors';
import { formatNumber } from '../../shared/numbers';
import { containedSlots, containingSlots, parsePeriodCode, periodCode, previousQuarter, windowHolds, type PeriodSlot } from '../../shared/periods';
import { countedNumber, type BasisLoader, type PeriodBasis } from './counting';

/** The ratio of two figures past which one is queried as an outlier. */
export const OUTLIER_FACTOR = 5;
/** The larger of two figures must reach this before the pair is compared for outliers. */
export const OUTLIER_FLOOR = 10;

const SEVERITY: Record<CheckRule, RuleCheck['severity']> = {
  CUMULATIVE_FALLS: 'error',
  NUMERATOR_ABOVE_DENOMINATOR: 'error',
  RATIO_OUT_OF_RANGE: 'error',
  OUTLIER: 'warning',
  NOT_COUNTED: 'warning',
};

/** One agency's counted figures in one period. */
export interface AgencyPeriodFigures {
  period: Period;
  numbers: ReadonlyMap<string, { value: number; cell: string | null }>;
  /**
   * Errors let through on the report these figures come from. `figures` null is an
   * acceptance the clerk is giving now (it takes the finding as it stands); `against`
   * undefined, one given without naming the other period.
   */
  acceptances: readonly PeriodAcceptance[];
}

export interface PeriodAcceptance extends Pick<CheckAcceptance, 'rule' | 'indicatorCode' | 'reason' | 'at' | 'by'> {
  against: string | null | undefined;
  figures: CheckAcceptance['figures'] | null;
}

export interface Neighbours {
  /** Periods this one contains (Q1 and Q2 for H1) that have figures. */
  contained: AgencyPeriodFigures[];
  /** Periods that contain this one (9M and Y for H1). */
  containing: AgencyPeriodFigures[];
  lastYear: AgencyPeriodFigures | null;
  /** For a quarter, the quarter before, when it is a period of its own. */
  previousQuarter: AgencyPeriodFigures | null;
}

function numeric(indicator: Indicator): boolean {
  return indicator.kind !== 'text' && indicator.aggregation !== 'ratio';
}

function fmt(indicator: Pick<Indicator, 'kind'>, value: number): string {
  return formatNumber(value, indicator.kind === 'integer' ? 'integer' : 'decimal');
}

/**
 * The acceptance that lets a finding through: one on this report for this rule,
 * indicator and other period, given on these very figures; or, for a finding between
 * two periods, one on the other period's report for the same pair (seen from there).
 * A figure changed since is a new finding, to be looked at again.
 */
function acceptedBy(rule: CheckRule, indicator: string, here: AgencyPeriodFigures, figures: { value: number; other: number }, other: AgencyPeriodFigures | null): RuleCheck['accepted'] {
  const same = (a: PeriodAcceptance, value: number, otherValue: number) => a.figures === null || (a.figures.value === value && a.figures.other === otherValue);
  const against = other?.period.code ?? null;
  const found =
    here.acceptances.find((a) => a.rule === rule && a.indicatorCode === indicator && (a.against === undefined || a.against === against) && same(a, figures.value, figures.other)) ??
    (other ? other.acceptances.find((a) => a.rule === rule && a.indicatorCode === indicator && a.against === here.period.code && same(a, figures.other, figures.value)) : undefined);
  return found ? { reason: found.reason, at: found.at, by: found.by } : null;
}

/** The period whose figure for an indicator wins `better` (first wins ties). */
function extreme(periods: readonly AgencyPeriodFigures[], code: string, better: (a: number, b: number) => boolean): AgencyPeriodFigures | undefined {
  let best: AgencyPeriodFigures | undefined;
  for (const p of periods) {
    const v = p.numbers.get(code)?.value;
    if (v === undefined) continue;
    const current = best?.numbers.get(code)?.value;
    if (current === undefined || better(v, current)) best = p;
  }
  return best;
}

/**
 * The rules on one agency's report for a period, against its own figures in the
 * periods around it. `here.numbers` are the report's figures (a draft's, or the
 * counted ones on record).
 */
export function checkAgencyReport(plan: PlanDetail, agency: { code: string; name: string }, here: AgencyPeriodFigures, around: Neighbours): RuleCheck[] {
  const out: RuleCheck[] = [];
  const add = (rule: CheckRule, indicator: Indicator, cell: string | null, message: string, against: AgencyPeriodFigures | null, figures: { value: number; other: number }, extra: ApiParams = {}) => {
    const where = cell ? `${cell}: ` : '';
    const accepted = SEVERITY[rule] === 'error' ? acceptedBy(rule, indicator.code, here, figures, against) : null;
    // The raw values of the sentence, for the UI's English (the cell is shown beside it, so it is not among them).
    const params: ApiParams = { indicator: indicator.code, agencyName: agency.name, period: here.period.code, value: figures.value, other: figures.other, ...(against ? { against: against.period.code } : {}), ...extra };
    out.push({ rule, severity: SEVERITY[rule], period: here.period.code, agency: agency.code, indicator: indicator.code, against: against?.period.code ?? null, figures, cell, message: `${where}${message}`, accepted, params });
  };
  const indicators = plan.tasks.filter((t) => !t.retired).flatMap((t) => t.indicators.filter((i) => !i.retired));
  for (const indicator of indicators) {
    const label = `${indicator.code} – ${indicator.name}`;
    if (indicator.aggregation === 'ratio') {
      const n = here.numbers.get(indicator.numeratorCode ?? '');
      const d = here.numbers.get(indicator.denominatorCode ?? '');
      if (n && d && n.value > d.value) {
        const percent = d.value > 0 ? `, tức ${formatNumber((n.value / d.value) * 100, 'percent')}` : '';
        add(
          'NUMERATOR_ABOVE_DENOMINATOR',
          indicator,
          n.cell,
          `${agency.name}: tử số ${indicator.numeratorCode} (${fmt(indicator, n.value)}) lớn hơn mẫu số ${indicator.denominatorCode} (${fmt(indicator, d.value)}), nên tỷ lệ ${label} vượt 100%${percent}. Hãy kiểm tra lại với đơn vị.`,
          null,
          { value: n.value, other: d.value },
          { numerator: indicator.numeratorCode ?? '', denominator: indicator.denominatorCode ?? '' },
        );
      }
      continue;
    }
    if (!numeric(indicator)) continue;
    const mine = here.numbers.get(indicator.code);
    if (!mine) continue;
    // One finding each way, against the strongest bound: the largest figure of a period this one
    // holds, the smallest of one that holds it (9M below both Q1 and H1 is said once, against the larger).
    if (indicator.aggregation === 'sum') {
      const inner = extreme(around.contained, indicator.code, (a, b) => a > b);
      const outer = extreme(around.containing, indicator.code, (a, b) => a < b);
      const below = inner?.numbers.get(indicator.code);
      if (inner && below && mine.value < below.value) {
        const other = below;
        add(
          'CUMULATIVE_FALLS',
          indicator,
          mine.cell,
          `${label} của ${agency.name} kỳ ${here.period.label} là ${fmt(indicator, mine.value)}, nhỏ hơn kỳ ${inner.period.label} (${fmt(indicator, other.value)}). Số lũy kế không thể giảm; hãy hỏi lại đơn vị rồi sửa số liệu, hoặc ghi lý do chấp nhận.`,
          inner,
          { value: mine.value, other: other.value },
        );
      }
      const above = outer?.numbers.get(indicator.code);
      if (outer && above && mine.value > above.value) {
        const other = above;
        add(
          'CUMULATIVE_FALLS',
          indicator,
          mine.cell,
          `${label} của ${agency.name} kỳ ${here.period.label} là ${fmt(indicator, mine.value)}, lớn hơn kỳ ${outer.period.label} (${fmt(indicator, other.value)}), kỳ bao gồm kỳ này. Số lũy kế không thể giảm; hãy hỏi lại đơn vị rồi sửa số liệu, hoặc ghi lý do chấp nhận.`,
          outer,
          { value: mine.value, other: other.value },
        );
      }
    }
    for (const before of [around.lastYear, around.previousQuarter]) {
      const other = before?.numbers.get(indicator.code);
      if (!before || !other) continue;
      const high = Math.max(mine.value, other.value);
      const low = Math.min(mine.value, other.value);
      if (high < OUTLIER_FLOOR || (low > 0 && high / low <= OUTLIER_FACTOR)) continue;
      const how =
        mine.value > other.value
          ? other.value === 0
            ? `trong khi kỳ ${before.period.label} là 0`
            : `gấp ${formatNumber(mine.value / other.value, 'decimal')} lần kỳ ${before.period.label} (${fmt(indicator, other.value)})`
          : `chỉ bằng ${formatNumber((mine.value / other.value) * 100, 'percent')} kỳ ${before.period.label} (${fmt(indicator, other.value)})`;
      add('OUTLIER', indicator, mine.cell, `${label} của ${agency.name} kỳ ${here.period.label} là ${fmt(indicator, mine.value)}, ${how}. Hãy kiểm tra lại với đơn vị.`, before, { value: mine.value, other: other.value });
    }
  }
  return out;
}

/** Findings on the consolidated figures themselves: ratios out of range, figures shown but not counted. */
export function checkConsolidated(period: Period, indicators: readonly IndicatorConsolidation[]): RuleCheck[] {
  const out: RuleCheck[] = [];
  for (const i of indicators) {
    const label = `${i.code} – ${i.name}`;
    if (i.aggregation === 'ratio' && i.value !== null && (i.value > 100 || i.value < 0)) {
      out.push({
        rule: 'RATIO_OUT_OF_RANGE',
        severity: SEVERITY.RATIO_OUT_OF_RANGE,
        period: period.code,
        agency: null,
        indicator: i.code,
        against: null,
        figures: typeof i.numerator === 'number' && typeof i.denominator === 'number' ? { value: i.numerator, other: i.denominator } : null,
        cell: null,
        params: {
          indicator: i.code,
          period: period.code,
          value: i.value,
          ...(typeof i.numerator === 'number' ? { numeratorTotal: i.numerator } : {}),
          ...(typeof i.denominator === 'number' ? { denominatorTotal: i.denominator } : {}),
        },
        message: `Tỷ lệ ${label} của kỳ ${period.label} là ${formatNumber(i.value, 'percent')}, ngoài khoảng 0–100% (tổng tử số ${formatNumber(i.numerator)}, tổng mẫu số ${formatNumber(i.denominator)}). Hãy kiểm tra số liệu của các đơn vị.`,
        accepted: null,
      });
    }
    for (const f of i.byAgency) {
      if (f.state !== 'not_reporter' && f.state !== 'not_expected') continue;
      const shown = i.aggregation === 'ratio' ? `${formatNumber(f.numerator)}/${formatNumber(f.denominator)}` : f.value !== null ? formatNumber(f.value) : (f.text ?? '');
      const why = f.state === 'not_reporter' ? 'không còn được giao báo cáo chỉ tiêu này' : `không thuộc các đơn vị phải báo cáo kỳ ${period.label}`;
      out.push({
        rule: 'NOT_COUNTED',
        severity: SEVERITY.NOT_COUNTED,
        period: period.code,
        agency: f.code,
        indicator: i.code,
        against: null,
        figures: null,
        cell: f.sourceCell,
        // A figure (not a ratio's parts, nor text) is said in English; the others keep the Vietnamese.
        params: { agencyName: f.name, indicator: i.code, period: period.code, ...(i.aggregation !== 'ratio' && f.value !== null ? { value: f.value } : {}) },
        message: `${f.name} có số liệu ${label} (${shown}) nhưng ${why}, nên số này được hiển thị mà không được tính vào tổng.`,
        accepted: null,
      });
    }
  }
  return out;
}

// ---- the periods around a period, and an agency's figures in them ----

function slotCodes(slots: readonly PeriodSlot[]): string[] {
  return slots.map(periodCode);
}

/** The codes of the periods a period is checked against: contained, containing, last year, the quarter before. */
export function neighbourCodes(code: string): { contained: string[]; containing: string[]; lastYear: string | null; previousQuarter: string | null } {
  const slot = parsePeriodCode(code);
  if (!slot) return { contained: [], containing: [], lastYear: null, previousQuarter: null };
  const prev = slot.kind === 'quarter' ? previousQuarter(slot.year, slot.quarter ?? 1) : null;
  return {
    contained: slotCodes(containedSlots(slot)),
    containing: slotCodes(containingSlots(slot)),
    lastYear: periodCode({ ...slot, year: slot.year - 1 }),
    previousQuarter: prev ? periodCode({ year: prev.year, kind: 'quarter', quarter: prev.quarter }) : null,
  };
}

/** An agency's counted figures in a period on record, by the counting rule. */
export function agencyFiguresOf(basis: PeriodBasis, agencyCode: string): AgencyPeriodFigures {
  const numbers = new Map<string, { value: number; cell: string | null }>();
  const report = basis.reports.get(agencyCode);
  for (const indicator of basis.plan.tasks.flatMap((t) => t.indicators)) {
    if (!numeric(indicator)) continue;
    const value = countedNumber(basis, indicator, agencyCode);
    if (value !== null) numbers.set(indicator.code, { value, cell: report?.values.get(indicator.code)?.sourceCell ?? null });
  }
  return { period: basis.period, numbers, acceptances: report && report.status !== 'returned' ? report.acceptances : [] };
}

export async function neighboursOf(loader: BasisLoader, period: Pick<Period, 'code' | 'from' | 'to'>, agencyCode: string): Promise<Neighbours> {
  const codes = neighbourCodes(period.code);
  const figures = async (c: string | null): Promise<AgencyPeriodFigures | null> => {
    if (!c) return null;
    const basis = await loader.basis(c);
    return basis ? agencyFiguresOf(basis, agencyCode) : null;
  };
  const present = (list: (AgencyPeriodFigures | null)[]) => list.filter((f): f is AgencyPeriodFigures => f !== null && f.numbers.size > 0);
  const [contained, containing, lastYear, previous] = await Promise.all([
    Promise.all(codes.contained.map(figures)),
    Promise.all(codes.containing.map(figures)),
    figures(codes.lastYear),
    figures(codes.previousQuarter),
  ]);
  // Held to each other only where the dates do hold each other (a period's window may have been moved).
  return {
    contained: present(contained).filter((f) => windowHolds(period, f.period)),
    containing: present(containing).filter((f) => windowHolds(f.period, period)),
    lastYear,
    previousQuarter: previous,
  };
}

/** The clerk's acceptances for a report, as the rules see them (not yet recorded): they take the findings as they stand. */
export function pendingAcceptances(accept: readonly Pick<AcceptanceInput, 'rule' | 'indicator' | 'against' | 'reason'>[], at: string): PeriodAcceptance[] {
  return accept.map((a) => ({ rule: a.rule, indicatorCode: a.indicator, against: a.against, figures: null, reason: a.reason, at, by: { osUser: null, clerk: null, role: null } }));
}

/** Errors first, then by indicator and agency. */
export function sortChecks(checks: RuleCheck[]): RuleCheck[] {
  const rank = (c: RuleCheck) => (c.severity === 'error' && !c.accepted ? 0 : c.severity === 'error' ? 1 : 2);
  return [...checks].sort((a, b) => rank(a) - rank(b) || a.indicator.localeCompare(b.indicator) || (a.agency ?? '').localeCompare(b.agency ?? ''));
}
