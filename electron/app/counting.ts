// The one counting rule (architecture.md, "Consolidation"): which figures count for a
// period, and how they make a consolidated figure, its coverage and a derived quarter.
// Totals, breakdowns, derived quarters, comparisons, completeness, rule checks, charts,
// the screen and the workbook all take their figures from here; none decides alone.
//
// A figure counts when it is in the current revision of an agency's report, the report
// is not returned for correction, the agency is expected in the period and reports the
// indicator, and the figure is not blank; the office's corrections are already in the
// stored figure. Every other figure on record is shown with the reason it is left out,
// so a total always equals the sum of the counted figures beside it.
import type { AgencyFigure, AgencyReceipt, Completeness, Coverage, DerivedExclusion, FigureState, TaskConsolidation, TaskNarrative } from '../../shared/api';
import {
  planForPeriod,
  type Agency,
  type CheckAcceptance,
  type Correction,
  type Indicator,
  type Period,
  type PlanDetail,
  type SubmissionStatus,
  type Task,
  type TaskReportCells,
  type TaskReportInput,
  type TaskStatus,
} from '../../shared/domain';
import { aggregate, ratioOf, round6 } from '../../shared/aggregate';
import { isComplete, reportGaps } from '../../shared/gaps';
import type { ReportGaps } from '../../shared/domain';
import { listAgencyRows } from '../../db/queries/agencies';
import { listPeriodRows, type PeriodWithYear } from '../../db/queries/periods';
import {
  currentAcceptanceRows,
  currentCorrectionRows,
  currentReportRows,
  currentTaskReportRows,
  currentValueRows,
  planRowById,
  type ReportScope,
} from '../../db/queries/consolidation';
import type { AgencyRow, CheckAcceptanceTable, CorrectionTable } from '../../db/schema';
import type { Selectable } from 'kysely';
import type { AppContext } from './context';
import { isActiveDuring, toAgency } from './agencies';
import { loadPlanDetail } from './plans';
import { toPeriod } from './periods';

export interface StoredFigure {
  number: number | null;
  text: string | null;
  sourceCell: string | null;
  correction: Correction | null;
}

export interface StoredTaskReport extends TaskReportInput {
  cells: TaskReportCells;
  correction: Correction | null;
}

export interface ReportOnRecord {
  submissionId: number;
  agencyCode: string;
  revision: number;
  status: SubmissionStatus;
  receivedOn: string;
  recordedAt: string;
  late: boolean;
  documentNumber: string | null;
  values: Map<string, StoredFigure>;
  taskReports: Map<string, StoredTaskReport>;
  acceptances: CheckAcceptance[];
}

/** Everything the counting rule needs of one period. */
export interface PeriodBasis {
  periodId: number;
  period: Period;
  /** The plan as it stood for the period (planForPeriod). */
  plan: PlanDetail;
  agencies: ReadonlyMap<string, Agency>;
  /** In the office's order. */
  expected: readonly Agency[];
  expectedCodes: ReadonlySet<string>;
  /** Each agency's current revision, whatever its status. */
  reports: ReadonlyMap<string, ReportOnRecord>;
}

/** Agencies a period expects a report from: assigned to a live task or indicator, and in existence during it. */
export function expectedAgencies(plan: PlanDetail, agencies: readonly Agency[], period: Pick<Period, 'from' | 'to'>): Agency[] {
  const assigned = new Set<string>();
  for (const t of plan.tasks) {
    if (t.retired) continue;
    for (const code of [...t.lead, ...t.coordinate]) assigned.add(code);
    for (const i of t.indicators) if (!i.retired) for (const code of i.reporters) assigned.add(code);
  }
  return agencies.filter((a) => assigned.has(a.code) && isActiveDuring(a, period.from, period.to));
}

export function toCorrection(row: Selectable<CorrectionTable>): Correction {
  return {
    field: row.field,
    cell: row.cell,
    fileText: row.file_text,
    number: row.number,
    text: row.text,
    note: row.note,
    at: row.at,
    by: { osUser: row.os_user, clerk: row.clerk, role: row.db_role },
  };
}

export function toAcceptance(row: Selectable<CheckAcceptanceTable>): CheckAcceptance {
  return {
    rule: row.rule,
    indicatorCode: row.indicator_code,
    against: row.against_period,
    figures: { value: row.value, other: row.other_value },
    message: row.message,
    reason: row.reason,
    at: row.at,
    by: { osUser: row.os_user, clerk: row.clerk, role: row.db_role },
  };
}

type Db = AppContext['db'];

/** The rows of one period's current reports, grouped per agency. */
async function loadReports(db: Db, scope: ReportScope): Promise<Map<string, ReportOnRecord>> {
  const [rows, values, tasks, corrections, acceptances] = await Promise.all([
    currentReportRows(db, scope),
    currentValueRows(db, scope),
    currentTaskReportRows(db, scope),
    currentCorrectionRows(db, scope),
    currentAcceptanceRows(db, scope),
  ]);
  // The last correction of a field is the one in force.
  const correctionOf = new Map<string, Correction>();
  for (const c of corrections) correctionOf.set(`${c.submission_id}|${c.field}`, toCorrection(c));
  const byId = new Map<number, ReportOnRecord>();
  const byAgency = new Map<string, ReportOnRecord>();
  for (const r of rows) {
    const report: ReportOnRecord = {
      submissionId: r.id,
      agencyCode: r.agency_code,
      revision: r.revision,
      status: r.status,
      receivedOn: r.received_on,
      recordedAt: r.received_at,
      late: r.is_late === 1,
      documentNumber: r.document_number,
      values: new Map(),
      taskReports: new Map(),
      acceptances: [],
    };
    byId.set(r.id, report);
    byAgency.set(r.agency_code, report);
  }
  for (const v of values) {
    byId.get(v.submission_id)?.values.set(v.indicator_code, {
      number: v.number,
      text: v.text,
      sourceCell: v.source_cell,
      // Most periods have no correction at all: no key to build for each of their figures then.
      correction: correctionOf.size === 0 ? null : (correctionOf.get(`${v.submission_id}|indicator:${v.indicator_code}`) ?? null),
    });
  }
  for (const t of tasks) {
    byId.get(t.submission_id)?.taskReports.set(t.task_code, {
      taskCode: t.task_code,
      status: t.status,
      results: t.results,
      difficulties: t.difficulties,
      proposals: t.proposals,
      cells: { status: t.source_cell, results: t.results_cell, difficulties: t.difficulties_cell, proposals: t.proposals_cell },
      correction: correctionOf.size === 0 ? null : (correctionOf.get(`${t.submission_id}|task:${t.task_code}:status`) ?? null),
    });
  }
  for (const a of acceptances) byId.get(a.submission_id)?.acceptances.push(toAcceptance(a));
  return byAgency;
}

/**
 * Loads period bases on demand and keeps them, so that a consolidation that compares
 * with five other periods, or a batch that checks twenty files against the same
 * earlier periods, reads each period once. A batch forgets a period it commits to.
 */
export interface BasisLoader {
  basis(code: string): Promise<PeriodBasis | null>;
  forget(code: string): void;
  periodRows(): Promise<PeriodWithYear[]>;
}

/**
 * What every basis of a batch shares and a commit never changes: the periods, the
 * agencies, the plans. Loaded once for all the loaders of a batch.
 */
export interface BasisSource {
  periodRows(): Promise<PeriodWithYear[]>;
  agencies(): Promise<Agency[]>;
  plan(row: PeriodWithYear): Promise<PlanDetail>;
  agencyId(code: string): Promise<number>;
}

export function basisSource(ctx: AppContext): BasisSource {
  let periods: Promise<PeriodWithYear[]> | null = null;
  let agencies: Promise<AgencyRow[]> | null = null;
  const plans = new Map<number, Promise<PlanDetail>>();
  const agencyRows = () => (agencies ??= listAgencyRows(ctx.db));
  return {
    periodRows: () => (periods ??= listPeriodRows(ctx.db)),
    agencies: () => agencyRows().then((rows) => rows.map(toAgency)),
    agencyId: (code) => agencyRows().then((rows) => rows.find((r) => r.code === code)?.id ?? -1),
    plan(row) {
      let plan = plans.get(row.plan_id);
      if (!plan) {
        plan = planRowById(ctx.db, row.plan_id).then((p) => loadPlanDetail(ctx.db, p));
        plans.set(row.plan_id, plan);
      }
      return plan;
    },
  };
}

export function basisLoader(ctx: AppContext, options: { agency?: string; source?: BasisSource } = {}): BasisLoader {
  const source = options.source ?? basisSource(ctx);
  const bases = new Map<string, Promise<PeriodBasis | null>>();
  const load = async (code: string): Promise<PeriodBasis | null> => {
    const row = (await source.periodRows()).find((p) => p.code === code);
    if (!row) return null;
    const period = toPeriod(row);
    const [whole, all, id] = await Promise.all([source.plan(row), source.agencies(), options.agency === undefined ? undefined : source.agencyId(options.agency)]);
    const plan = planForPeriod(whole, period);
    const expected = expectedAgencies(plan, all, period);
    const reports = await loadReports(ctx.db, { periodId: row.id, agencyId: id });
    return {
      periodId: row.id,
      period,
      plan,
      agencies: new Map(all.map((a) => [a.code, a])),
      expected,
      expectedCodes: new Set(expected.map((a) => a.code)),
      reports,
    };
  };
  return {
    basis(code) {
      let found = bases.get(code);
      if (!found) {
        found = load(code);
        bases.set(code, found);
      }
      return found;
    },
    forget(code) {
      bases.delete(code);
    },
    periodRows: source.periodRows,
  };
}

/**
 * The rule-check bases of a batch that brings many agencies' reports: each period is read
 * once for every agency (five queries a period, where a loader per agency costs five per
 * agency and period: some six hundred for one period's twenty-one forms), since an
 * agency's checks look only at its own report in a basis. After a commit only the agency
 * that changed is read again, into the shared basis, before its next use.
 */
export function sharedBasisLoaders(ctx: AppContext, source: BasisSource): { of(agency: string): BasisLoader; forget(period: string, agency: string): void } {
  const whole = basisLoader(ctx, { source });
  // "period|agency" → stale, or the reading of that agency's report now under way.
  const refresh = new Map<string, 'stale' | Promise<void>>();
  const markStale = (period: string, agency: string): void => void refresh.set(`${period}|${agency}`, 'stale');
  const reread = async (basis: PeriodBasis, agency: string): Promise<void> => {
    const reports = await loadReports(ctx.db, { periodId: basis.periodId, agencyId: await source.agencyId(agency) });
    const report = reports.get(agency);
    // The map is the one `whole` built for this batch (loadReports), shared by nobody else.
    const mine = basis.reports as Map<string, ReportOnRecord>;
    if (report) mine.set(agency, report);
    else mine.delete(agency);
  };
  return {
    of(agency) {
      return {
        periodRows: whole.periodRows,
        forget: (period) => markStale(period, agency),
        async basis(code) {
          const basis = await whole.basis(code);
          if (!basis) return null;
          const key = `${code}|${agency}`;
          const state = refresh.get(key);
          if (state === 'stale') {
            const reading = reread(basis, agency);
            refresh.set(key, reading);
            try {
              await reading;
            } finally {
              if (refresh.get(key) === reading) refresh.delete(key);
            }
          } else if (state) await state;
          return basis;
        },
      };
    },
    forget: markStale,
  };
}

// ---- one figure ----

function hasValue(indicator: Pick<Indicator, 'kind'>, figure: StoredFigure | undefined): figure is StoredFigure {
  if (!figure) return false;
  return indicator.kind === 'text' ? (figure.text ?? '').trim() !== '' : figure.number !== null;
}

/** Whether an agency's figure for an indicator counts in a period, and why not. */
export function standing(basis: PeriodBasis, indicator: Indicator, agencyCode: string): { state: FigureState; report: ReportOnRecord | undefined; figure: StoredFigure | undefined } {
  const report = basis.reports.get(agencyCode);
  const figure = report?.values.get(indicator.code);
  const state = ((): FigureState => {
    if (!report) return 'missing';
    // Why a figure is out, in this order: a figure an agency does not owe is out whatever
    // its report's status; of one it owes, a returned report is being corrected.
    if (!basis.expectedCodes.has(agencyCode)) return 'not_expected';
    if (indicator.retired || !indicator.reporters.includes(agencyCode)) return 'not_reporter';
    if (report.status === 'returned') return 'returned';
    return hasValue(indicator, figure) ? 'counted' : 'blank';
  })();
  return { state, report, figure };
}

// A consolidation asks for a plan's indicators by code once per agency and ratio (and
// again for every derived quarter and comparison): built once per plan, not each time.
const indicatorMaps = new WeakMap<PlanDetail, Map<string, Indicator>>();

/** A plan's indicators by code (codes are unique within a plan). */
export function indicatorsOf(plan: PlanDetail): ReadonlyMap<string, Indicator> {
  let byCode = indicatorMaps.get(plan);
  if (!byCode) {
    byCode = new Map(plan.tasks.flatMap((t) => t.indicators).map((i) => [i.code, i]));
    indicatorMaps.set(plan, byCode);
  }
  return byCode;
}

/** The counted number of an agency's figure, or null when it does not count. */
export function countedNumber(basis: PeriodBasis, indicator: Indicator, agencyCode: string): number | null {
  const s = standing(basis, indicator, agencyCode);
  return s.state === 'counted' ? (s.figure?.number ?? null) : null;
}

interface RatioStanding {
  state: FigureState;
  numerator: number | null;
  denominator: number | null;
  report: ReportOnRecord | undefined;
  sourceCell: string | null;
  correction: Correction | null;
}

/** An agency counts in a ratio when it reports the ratio and both its parts count. */
export function ratioStanding(basis: PeriodBasis, ratio: Indicator, agencyCode: string): RatioStanding {
  const byCode = indicatorsOf(basis.plan);
  const num = byCode.get(ratio.numeratorCode ?? '');
  const den = byCode.get(ratio.denominatorCode ?? '');
  const report = basis.reports.get(agencyCode);
  const n = report?.values.get(ratio.numeratorCode ?? '');
  const d = report?.values.get(ratio.denominatorCode ?? '');
  const base = { numerator: n?.number ?? null, denominator: d?.number ?? null, report, sourceCell: n?.sourceCell ?? d?.sourceCell ?? null, correction: n?.correction ?? d?.correction ?? null };
  if (!report) return { ...base, state: 'missing' };
  if (!basis.expectedCodes.has(agencyCode)) return { ...base, state: 'not_expected' };
  if (ratio.retired || !ratio.reporters.includes(agencyCode)) return { ...base, state: 'not_reporter' };
  if (report.status === 'returned') return { ...base, state: 'returned' };
  const bothCount = num && den && standing(basis, num, agencyCode).state === 'counted' && standing(basis, den, agencyCode).state === 'counted';
  return { ...base, state: bothCount ? 'counted' : 'blank' };
}

/** The expected agencies that report an indicator in the period, in the office's order. */
export function reportersOf(basis: PeriodBasis, indicator: Indicator): string[] {
  if (indicator.retired) return [];
  return basis.expected.filter((a) => indicator.reporters.includes(a.code)).map((a) => a.code);
}

export interface CountedIndicator {
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  coverage: Coverage;
  byAgency: AgencyFigure[];
}


/** One indicator's consolidated figure, its coverage, and every figure on record beside it. */
export function countIndicator(basis: PeriodBasis, indicator: Indicator): CountedIndicator {
  const reporters = reportersOf(basis, indicator);
  const nameOf = (code: string) => basis.agencies.get(code)?.name ?? code;
  // Agencies with something on record for this indicator that are not among its reporters
  // (in a returned report too: never neither counted nor shown).
  const parts = indicator.aggregation === 'ratio' ? [indicator.numeratorCode ?? '', indicator.denominatorCode ?? ''] : [indicator.code];
  const others = [...basis.reports.values()]
    .filter((r) => !reporters.includes(r.agencyCode) && parts.some((code) => r.values.has(code)))
    .map((r) => r.agencyCode);
  const order = [...reporters, ...others];

  if (indicator.aggregation === 'ratio') {
    const byAgency: AgencyFigure[] = order.map((code) => {
      const s = ratioStanding(basis, indicator, code);
      return {
        code,
        name: nameOf(code),
        value: ratioOf([{ numerator: s.numerator, denominator: s.denominator }]).value,
        text: null,
        state: s.state,
        numerator: s.numerator,
        denominator: s.denominator,
        sourceCell: s.sourceCell,
        submissionId: s.report?.submissionId ?? null,
        correction: s.correction,
      };
    });
    const counted = byAgency.filter((f) => f.state === 'counted');
    const total = ratioOf(counted.map((f) => ({ numerator: f.numerator ?? null, denominator: f.denominator ?? null })));
    return { ...total, coverage: coverageOf(counted, reporters.length), byAgency };
  }

  const byAgency: AgencyFigure[] = order.map((code) => {
    const s = standing(basis, indicator, code);
    return {
      code,
      name: nameOf(code),
      value: s.figure?.number ?? null,
      text: s.figure?.text ?? null,
      state: s.state,
      sourceCell: s.figure?.sourceCell ?? null,
      submissionId: s.report?.submissionId ?? null,
      correction: s.figure?.correction ?? null,
    };
  });
  const counted = byAgency.filter((f) => f.state === 'counted');
  const coverage = coverageOf(counted, reporters.length);
  if (indicator.kind === 'text') return { value: null, coverage, byAgency };
  const figures = counted.map((f) => ({ agencyCode: f.code, value: f.value, receivedAt: receivedKey(basis, f.code) }));
  return { value: aggregate(indicator.aggregation as Exclude<Indicator['aggregation'], 'ratio'>, figures), coverage, byAgency };
}

/** The "latest" figure is the last received: by the day received, then the moment recorded. */
function receivedKey(basis: PeriodBasis, agencyCode: string): string {
  const r = basis.reports.get(agencyCode);
  return r ? `${r.receivedOn}|${r.recordedAt}` : '';
}

function coverageOf(counted: readonly { code: string }[], expected: number): Coverage {
  return { reported: counted.length, expected, agencies: counted.map((f) => f.code) };
}

/** Agencies in one figure and not the other. */
export function coverageDifference(here: Coverage, there: Coverage): { onlyHere: string[]; onlyThere: string[] } {
  const a = new Set(here.agencies);
  const b = new Set(there.agencies);
  return { onlyHere: here.agencies.filter((c) => !b.has(c)), onlyThere: there.agencies.filter((c) => !a.has(c)) };
}

// ---- derived quarters ----

export interface DerivedCount {
  value: number | null;
  coverage: Coverage;
  fromZero: string[];
  left: { code: string; reason: DerivedExclusion }[];
}

/**
 * The in-quarter figure of a cumulative period: this cumulative figure less the one
 * before it (Q2 = 6 months − Q1), agency by agency, over the agencies counted in both.
 * An agency that did not exist during the earlier period counts from zero; every other
 * agency that is out is named with the reason. Only totals and ratios of totals come
 * apart this way.
 */
export function deriveQuarter(indicator: Indicator, current: PeriodBasis, earlier: PeriodBasis): DerivedCount {
  const earlierIndicator = indicatorsOf(earlier.plan).get(indicator.code);
  const reporters = reportersOf(current, indicator);
  const covered: string[] = [];
  const fromZero: string[] = [];
  const left: { code: string; reason: DerivedExclusion }[] = [];
  let sum = 0;
  let numerator = 0;
  let denominator = 0;
  for (const code of reporters) {
    const now = indicator.aggregation === 'ratio' ? ratioStanding(current, indicator, code) : standing(current, indicator, code);
    if (now.state !== 'counted') {
      left.push({ code, reason: 'no_current' });
      continue;
    }
    const existedBefore = earlier.expectedCodes.has(code);
    let before: { state: FigureState; n: number; d: number; v: number } = { state: 'counted', n: 0, d: 0, v: 0 };
    if (existedBefore) {
      if (!earlierIndicator) {
        left.push({ code, reason: 'no_earlier' });
        continue;
      }
      if (indicator.aggregation === 'ratio') {
        const s = ratioStanding(earlier, earlierIndicator, code);
        before = { state: s.state, n: s.numerator ?? 0, d: s.denominator ?? 0, v: 0 };
      } else {
        const s = standing(earlier, earlierIndicator, code);
        before = { state: s.state, n: 0, d: 0, v: s.figure?.number ?? 0 };
      }
      if (before.state === 'returned') {
        left.push({ code, reason: 'earlier_returned' });
        continue;
      }
      if (before.state !== 'counted') {
        left.push({ code, reason: 'no_earlier' });
        continue;
      }
    } else {
      fromZero.push(code);
    }
    covered.push(code);
    if (indicator.aggregation === 'ratio') {
      const s = now as RatioStanding;
      numerator += (s.numerator ?? 0) - before.n;
      denominator += (s.denominator ?? 0) - before.d;
    } else {
      sum += ((now as { figure?: StoredFigure }).figure?.number ?? 0) - before.v;
    }
  }
  const coverage: Coverage = { reported: covered.length, expected: reporters.length, agencies: covered };
  if (covered.length === 0) return { value: null, coverage, fromZero, left };
  const value = indicator.aggregation === 'ratio' ? (denominator > 0 ? (numerator / denominator) * 100 : null) : round6(sum);
  return { value, coverage, fromZero, left };
}

// ---- reports: gaps, completeness, tasks ----

export function gapsOfReport(basis: PeriodBasis, report: ReportOnRecord): ReportGaps {
  return reportGaps(basis.plan, report.agencyCode, {
    values: [...report.values.entries()].map(([indicatorCode, v]) => ({ indicatorCode, number: v.number, text: v.text })),
    taskReports: [...report.taskReports.values()],
  });
}

export function completenessOf(basis: PeriodBasis): Completeness {
  const agencies: AgencyReceipt[] = basis.expected.map((a) => {
    const r = basis.reports.get(a.code);
    const state = !r ? 'missing' : r.status === 'returned' ? 'returned' : r.late ? 'late' : 'on_time';
    const gaps = r ? gapsOfReport(basis, r) : null;
    return {
      code: a.code,
      name: a.name,
      state,
      receivedOn: r?.receivedOn ?? null,
      revision: r?.revision ?? null,
      submissionId: r?.submissionId ?? null,
      documentNumber: r?.documentNumber ?? null,
      gaps,
      complete: gaps ? isComplete(gaps) : null,
      contactPerson: a.contactPerson,
      contactPhone: a.contactPhone,
    };
  });
  const count = (state: AgencyReceipt['state']) => agencies.filter((a) => a.state === state).length;
  const received = agencies.filter((a) => a.state === 'on_time' || a.state === 'late');
  return {
    period: basis.period,
    agencies,
    counts: {
      expected: agencies.length,
      received: received.length,
      onTime: count('on_time'),
      late: count('late'),
      returned: count('returned'),
      missing: count('missing'),
      complete: received.filter((a) => a.complete === true).length,
      incomplete: received.filter((a) => a.complete === false).length,
    },
  };
}

/** Per task: the statuses of its expected lead and coordinating agencies, and every narrative on record. */
export function countTask(basis: PeriodBasis, task: Task): TaskConsolidation {
  const counts = { completed: 0, inProgress: 0, notStarted: 0, notApplicable: 0, noReport: 0 };
  const reports: TaskNarrative[] = [];
  const nameOf = (code: string) => basis.agencies.get(code)?.name ?? code;
  const members = [...task.lead.map((code) => ({ code, role: 'lead' as const })), ...task.coordinate.map((code) => ({ code, role: 'coordinate' as const }))].filter(
    (m, i, all) => basis.expectedCodes.has(m.code) && all.findIndex((x) => x.code === m.code) === i,
  );
  const narrativeOf = (code: string, role: TaskNarrative['role'], member: boolean, r: StoredTaskReport): TaskNarrative => ({
    code,
    name: nameOf(code),
    role,
    member,
    status: r.status,
    results: r.results,
    difficulties: r.difficulties,
    proposals: r.proposals,
    cells: r.cells,
    submissionId: basis.reports.get(code)?.submissionId ?? null,
    correction: r.correction,
  });
  for (const m of members) {
    const report = basis.reports.get(m.code);
    const r = report && report.status !== 'returned' ? report.taskReports.get(task.code) : undefined;
    const status: TaskStatus | null = r?.status ?? null;
    if (status === 'completed') counts.completed++;
    else if (status === 'in_progress') counts.inProgress++;
    else if (status === 'not_started') counts.notStarted++;
    else if (status === 'not_applicable') counts.notApplicable++;
    else counts.noReport++;
    if (r) reports.push(narrativeOf(m.code, m.role, true, r));
  }
  // A report on this task from an agency no longer assigned to it is shown, not counted.
  for (const report of basis.reports.values()) {
    if (report.status === 'returned' || members.some((m) => m.code === report.agencyCode)) continue;
    const r = report.taskReports.get(task.code);
    if (r) reports.push(narrativeOf(report.agencyCode, null, false, r));
  }
  return { code: task.code, ordinal: task.ordinal, title: task.title, statusCounts: counts, members, reports };
}
