// The Api's part for the consolidated figures of a period, and who stands behind each.
import { z } from 'zod';
import type { AssignmentRole, ActedBy, Correction, Period, ReportGaps, TaskReportCells, Indicator, TaskStatus } from '../domain';
import type { ApiParams } from '../errors';
import { method, periodCode } from './method';

export interface AgencyRef {
  code: string;
  name: string;
}

export type ReceiptState = 'on_time' | 'late' | 'returned' | 'missing';

export interface AgencyReceipt extends AgencyRef {
  state: ReceiptState;
  /** The day the office received the current revision (ISO date). */
  receivedOn: string | null;
  revision: number | null;
  submissionId: number | null;
  documentNumber: string | null;
  /** Null while nothing is received; else what the report left blank. */
  gaps: ReportGaps | null;
  complete: boolean | null;
  /** Whom the clerk calls to chase the report (the agency's contact, null where none is on record). */
  contactPerson: string | null;
  contactPhone: string | null;
}

export interface Completeness {
  period: Period;
  agencies: AgencyReceipt[];
  counts: { expected: number; received: number; onTime: number; late: number; returned: number; missing: number; complete: number; incomplete: number };
}

/**
 * How one agency's figure stands in a consolidated figure (counting.ts decides):
 * counted; blank in a report that is in; no report; a report returned for correction;
 * a figure from an agency that no longer reports this indicator, or is not expected
 * this period at all. Only 'counted' figures make the total; the others are shown.
 */
export type FigureState = 'counted' | 'blank' | 'missing' | 'returned' | 'not_reporter' | 'not_expected';

export interface AgencyFigure extends AgencyRef {
  value: number | null;
  text: string | null;
  state: FigureState;
  /** For ratio indicators, the agency's own numerator and denominator. */
  numerator?: number | null;
  denominator?: number | null;
  sourceCell: string | null;
  submissionId: number | null;
  /** Set when the office corrected this figure (for a ratio: either part). */
  correction: Correction | null;
}

/** How many of the agencies a figure expects it includes. */
export interface Coverage {
  reported: number;
  expected: number;
  /** The agencies included, by code. */
  agencies: string[];
}

export interface ComparedFigure {
  periodCode: string;
  label: string;
  value: number | null;
  /** Taken from cumulative reports (Q4 = năm − 9 tháng) rather than reported as such. */
  derived: boolean;
  coverage: Coverage;
  /** Agencies in one figure and not in the other: the two do not compare like with like. */
  onlyHere: string[];
  onlyThere: string[];
}

/** Why an agency is out of a derived in-quarter figure. */
export type DerivedExclusion = 'no_current' | 'no_earlier' | 'earlier_returned';

export interface DerivedFigure {
  periodCode: string;
  label: string;
  value: number | null;
  derived: true;
  quarter: number;
  /** The cumulative period it is taken from (this one less that one). */
  fromPeriod: string;
  fromLabel: string;
  coverage: Coverage;
  /** Agencies that did not exist during the earlier period: counted from zero. */
  fromZero: string[];
  left: { code: string; reason: DerivedExclusion }[];
}

export type CheckRule = 'CUMULATIVE_FALLS' | 'NUMERATOR_ABOVE_DENOMINATOR' | 'RATIO_OUT_OF_RANGE' | 'OUTLIER' | 'NOT_COUNTED';

/** A validation rule's finding on a figure (checks.ts), like DHIS2's validation rules. */
export interface RuleCheck {
  rule: CheckRule;
  severity: 'error' | 'warning';
  period: string;
  /** Null for a finding on the consolidated figure itself. */
  agency: string | null;
  indicator: string;
  /** The other period a finding between two periods compares with. */
  against: string | null;
  /** The report's figure and the one it is held to (the other period's, or the denominator). */
  figures: { value: number; other: number } | null;
  cell: string | null;
  message: string;
  /** The raw values of the message (codes, period codes, numbers), for a UI in another language. */
  params?: ApiParams;
  /** An error the clerk let through, and why. */
  accepted: { reason: string; at: string; by: ActedBy } | null;
}

export interface IndicatorConsolidation {
  code: string;
  taskCode: string;
  name: string;
  unit: string;
  kind: Indicator['kind'];
  aggregation: Indicator['aggregation'];
  value: number | null;
  /** For ratios: Σ numerator and Σ denominator over agencies that reported both. */
  numerator?: number | null;
  denominator?: number | null;
  /** Which of the expected agencies the figure includes. */
  coverage: Coverage;
  expectedReporters: number;
  reported: number;
  /** Every expected reporter, then any figure on record that is shown but not counted. */
  byAgency: AgencyFigure[];
  target: number | null;
  targetDirection: Indicator['targetDirection'];
  targetMet: boolean | null;
  /** For a quarter: the quarter before. Null for cumulative periods, which compare with last year. */
  previous: ComparedFigure | null;
  sameLastYear: ComparedFigure | null;
  /** The in-quarter figure derived from cumulative periods (Q2 = 6 months − Q1). */
  inQuarter: DerivedFigure | null;
  /** Rule checks on this indicator, for the period. */
  checks: RuleCheck[];
}

export interface StatusCounts {
  completed: number;
  inProgress: number;
  notStarted: number;
  notApplicable: number;
  noReport: number;
}

export interface TaskNarrative extends AgencyRef {
  /** Null for an agency no longer assigned to the task (its report is shown, not counted). */
  role: AssignmentRole | null;
  member: boolean;
  status: TaskStatus | null;
  results: string;
  difficulties: string;
  proposals: string;
  cells: TaskReportCells;
  submissionId: number | null;
  /** Set when the office corrected the status. */
  correction: Correction | null;
}

export interface TaskConsolidation {
  code: string;
  ordinal: number;
  title: string;
  statusCounts: StatusCounts;
  /** The agencies the counts are over: the task's lead and coordinating agencies expected this period, leads first. */
  members: { code: string; role: AssignmentRole }[];
  reports: TaskNarrative[];
}

export interface Consolidation {
  period: Period;
  completeness: Completeness;
  indicators: IndicatorConsolidation[];
  tasks: TaskConsolidation[];
  /** Every rule check of the period ("Kiểm tra số liệu"), errors first. */
  checks: RuleCheck[];
}

export const consolidationApi = {
  'consolidation.status': method<Completeness>()(z.object({ period: periodCode })),
  'consolidation.get': method<Consolidation>()(z.object({ period: periodCode })),
} as const;
