// Consolidation for a period (domain.md, "Consolidation, for a period"): who reported,
// per task the statuses and narratives, per indicator the consolidated figure with its
// per-agency breakdown, target, previous period, same period last year, and the
// in-quarter figure derived from cumulative reports.
import type {
  AgencyFigure,
  AgencyReceipt,
  ComparedFigure,
  Completeness,
  Consolidation,
  IndicatorConsolidation,
  StatusCounts,
  TaskConsolidation,
  TaskNarrative,
} from '../../shared/api';
import { planForPeriod, type Agency, type Indicator, type Period, type PlanDetail, type TaskStatus } from '../../shared/domain';
import { aggregate, derivedRatio, derivedSum, ratioOf, targetMet, type Aggregated } from '../../shared/aggregate';
import { cumulativeStep, parsePeriodCode, periodCode, quarterLabel } from '../../shared/periods';
import { listAgencyRows } from '../../db/queries/agencies';
import { currentSubmissions, currentTaskReports, currentValues } from '../../db/queries/consolidation';
import { findPeriodByCode, listPeriodRows, type PeriodWithYear } from '../../db/queries/periods';
import { findPlanByYear } from '../../db/queries/plans';
import type { AppContext } from './context';
import { isActiveDuring, toAgency } from './agencies';
import { loadPlanDetail } from './plans';
import { requirePeriod, toPeriod } from './periods';

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

async function loadBasics(ctx: AppContext, period: PeriodWithYear) {
  const plan = await ctx.db.selectFrom('plan').selectAll().where('id', '=', period.plan_id).executeTakeFirstOrThrow();
  const [whole, agencyRows] = await Promise.all([loadPlanDetail(ctx.db, plan), listAgencyRows(ctx.db)]);
  // What the plan asked of this period: a task retired after the period began still counts in it.
  const detail = planForPeriod(whole, toPeriod(period));
  const agencies = agencyRows.map(toAgency);
  return { detail, agencies, expected: expectedAgencies(detail, agencies, toPeriod(period)) };
}

export async function completenessOf(ctx: AppContext, period: PeriodWithYear, expected: readonly Agency[]): Promise<Completeness> {
  const received = new Map((await currentSubmissions(ctx.db, period.id)).map((s) => [s.agency_code, s]));
  const list: AgencyReceipt[] = expected.map((a) => {
    const s = received.get(a.code);
    const state = !s ? 'missing' : s.status === 'returned' ? 'returned' : s.is_late ? 'late' : 'on_time';
    return { code: a.code, name: a.name, state, receivedAt: s?.received_at ?? null, revision: s?.revision ?? null, submissionId: s?.id ?? null };
  });
  const count = (state: AgencyReceipt['state']) => list.filter((a) => a.state === state).length;
  return {
    period: toPeriod(period),
    agencies: list,
    counts: {
      expected: list.length,
      received: count('on_time') + count('late'),
      onTime: count('on_time'),
      late: count('late'),
      returned: count('returned'),
      missing: count('missing'),
    },
  };
}

export async function getCompleteness(ctx: AppContext, args: { period: string }): Promise<Completeness> {
  const period = await requirePeriod(ctx.db, args.period);
  const { expected } = await loadBasics(ctx, period);
  return completenessOf(ctx, period, expected);
}

type ValueRow = Awaited<ReturnType<typeof currentValues>>[number];

/** One indicator's consolidated figure from a period's figures, by indicator code. */
function consolidateFigure(indicator: Indicator, byIndicator: Map<string, ValueRow[]>): Aggregated {
  if (indicator.aggregation === 'ratio') {
    const numerators = new Map((byIndicator.get(indicator.numeratorCode ?? '') ?? []).map((v) => [v.agency_code, v.number]));
    const denominators = new Map((byIndicator.get(indicator.denominatorCode ?? '') ?? []).map((v) => [v.agency_code, v.number]));
    const agencies = new Set([...numerators.keys(), ...denominators.keys()]);
    return ratioOf([...agencies].map((code) => ({ numerator: numerators.get(code) ?? null, denominator: denominators.get(code) ?? null })));
  }
  if (indicator.kind === 'text') return { value: null };
  const rows = byIndicator.get(indicator.code) ?? [];
  return { value: aggregate(indicator.aggregation, rows.map((r) => ({ agencyCode: r.agency_code, value: r.number, receivedAt: r.received_at }))) };
}

function groupByIndicator(rows: readonly ValueRow[]): Map<string, ValueRow[]> {
  const map = new Map<string, ValueRow[]>();
  for (const r of rows) map.set(r.indicator_code, [...(map.get(r.indicator_code) ?? []), r]);
  return map;
}

/** Consolidated figures of another period, for comparison; indicators are matched by code across years. */
async function figuresOf(ctx: AppContext, period: PeriodWithYear | undefined): Promise<Map<string, Aggregated> | null> {
  if (!period) return null;
  const plan = await findPlanByYear(ctx.db, period.plan_year);
  if (!plan) return null;
  const detail = await loadPlanDetail(ctx.db, plan);
  const byIndicator = groupByIndicator(await currentValues(ctx.db, period.id));
  const result = new Map<string, Aggregated>();
  for (const i of detail.tasks.flatMap((t) => t.indicators)) result.set(i.code, consolidateFigure(i, byIndicator));
  return result;
}

function compared(period: PeriodWithYear | undefined, figures: Map<string, Aggregated> | null, code: string): ComparedFigure | null {
  if (!period || !figures) return null;
  return { periodCode: period.code, label: period.label, value: figures.get(code)?.value ?? null };
}

export async function getConsolidation(ctx: AppContext, args: { period: string }): Promise<Consolidation> {
  const period = await requirePeriod(ctx.db, args.period);
  const { detail, agencies, expected } = await loadBasics(ctx, period);
  const window = toPeriod(period);
  const completeness = await completenessOf(ctx, period, expected);
  const values = await currentValues(ctx.db, period.id);
  const byIndicator = groupByIndicator(values);

  // Comparisons: the period just before this one, the same period a year earlier, and
  // for a cumulative report the cumulative report it grows from.
  const allPeriods = await listPeriodRows(ctx.db);
  const ordered = [...allPeriods].sort((a, b) => (a.date_to === b.date_to ? a.sort_order - b.sort_order : a.date_to < b.date_to ? -1 : 1));
  const previousPeriod = ordered[ordered.findIndex((p) => p.id === period.id) - 1];
  const slot = parsePeriodCode(period.code);
  const lastYearPeriod = slot ? await findPeriodByCode(ctx.db, periodCode({ ...slot, year: slot.year - 1 })) : undefined;
  const step = slot ? cumulativeStep(slot) : null;
  const cumulativeBefore = step ? await findPeriodByCode(ctx.db, periodCode(step.previous)) : undefined;
  const [previousFigures, lastYearFigures] = await Promise.all([figuresOf(ctx, previousPeriod), figuresOf(ctx, lastYearPeriod)]);
  const before = cumulativeBefore ? groupByIndicator(await currentValues(ctx.db, cumulativeBefore.id)) : null;
  const numberOf = (group: Map<string, ValueRow[]> | null, indicatorCode: string | null, agencyCode: string): number | null =>
    group?.get(indicatorCode ?? '')?.find((v) => v.agency_code === agencyCode)?.number ?? null;

  const agencyName = new Map(agencies.map((a) => [a.code, a.name]));
  const indicators: IndicatorConsolidation[] = [];
  for (const task of detail.tasks) {
    if (task.retired) continue;
    for (const indicator of task.indicators) {
      if (indicator.retired) continue;
      const reporters = indicator.reporters.filter((code) => expected.some((a) => a.code === code));
      const figure = consolidateFigure(indicator, byIndicator);
      const own = new Map((byIndicator.get(indicator.code) ?? []).map((v) => [v.agency_code, v]));
      const numerators = new Map((byIndicator.get(indicator.numeratorCode ?? '') ?? []).map((v) => [v.agency_code, v]));
      const denominators = new Map((byIndicator.get(indicator.denominatorCode ?? '') ?? []).map((v) => [v.agency_code, v]));
      const byAgency: AgencyFigure[] = reporters.map((code) => {
        if (indicator.aggregation === 'ratio') {
          const n = numerators.get(code)?.number ?? null;
          const d = denominators.get(code)?.number ?? null;
          return {
            code,
            name: agencyName.get(code) ?? code,
            value: ratioOf([{ numerator: n, denominator: d }]).value,
            text: null,
            numerator: n,
            denominator: d,
            sourceCell: numerators.get(code)?.source_cell ?? null,
            submissionId: numerators.get(code)?.submission_id ?? denominators.get(code)?.submission_id ?? null,
          };
        }
        const v = own.get(code);
        return { code, name: agencyName.get(code) ?? code, value: v?.number ?? null, text: v?.text ?? null, sourceCell: v?.source_cell ?? null, submissionId: v?.submission_id ?? null };
      });
      let inQuarterValue: number | null = null;
      if (before && indicator.aggregation === 'sum') {
        inQuarterValue = derivedSum(reporters.map((code) => ({ current: numberOf(byIndicator, indicator.code, code), previous: numberOf(before, indicator.code, code) })));
      } else if (before && indicator.aggregation === 'ratio') {
        const part = (group: Map<string, ValueRow[]>, code: string) => ({
          numerator: numberOf(group, indicator.numeratorCode, code),
          denominator: numberOf(group, indicator.denominatorCode, code),
        });
        inQuarterValue = derivedRatio(reporters.map((code) => ({ current: part(byIndicator, code), previous: part(before, code) })));
      }
      indicators.push({
        code: indicator.code,
        taskCode: task.code,
        name: indicator.name,
        unit: indicator.unit,
        kind: indicator.kind,
        aggregation: indicator.aggregation,
        value: figure.value,
        ...(indicator.aggregation === 'ratio' ? { numerator: figure.numerator ?? null, denominator: figure.denominator ?? null } : {}),
        expectedReporters: reporters.length,
        reported: byAgency.filter((f) => f.value !== null || (f.text ?? '') !== '').length,
        byAgency,
        target: indicator.target,
        targetDirection: indicator.targetDirection,
        targetMet: targetMet(figure.value, indicator.target, indicator.targetDirection),
        previous: compared(previousPeriod, previousFigures, indicator.code),
        sameLastYear: compared(lastYearPeriod, lastYearFigures, indicator.code),
        inQuarter:
          step && cumulativeBefore && (indicator.aggregation === 'sum' || indicator.aggregation === 'ratio')
            ? { periodCode: `${window.planYear}-Q${step.quarter}`, label: quarterLabel(step.quarter, window.planYear), value: inQuarterValue, derived: true, quarter: step.quarter }
            : null,
      });
    }
  }

  const reports = await currentTaskReports(ctx.db, period.id);
  const tasks: TaskConsolidation[] = detail.tasks
    .filter((t) => !t.retired)
    .map((task) => {
      const counts: StatusCounts = { completed: 0, inProgress: 0, notStarted: 0, notApplicable: 0, noReport: 0 };
      const narratives: TaskNarrative[] = [];
      const members = [...task.lead.map((code) => ({ code, role: 'lead' as const })), ...task.coordinate.map((code) => ({ code, role: 'coordinate' as const }))].filter((m) =>
        expected.some((a) => a.code === m.code),
      );
      for (const m of members) {
        const r = reports.find((x) => x.task_code === task.code && x.agency_code === m.code);
        const status = (r?.status ?? null) as TaskStatus | null;
        if (status === 'completed') counts.completed++;
        else if (status === 'in_progress') counts.inProgress++;
        else if (status === 'not_started') counts.notStarted++;
        else if (status === 'not_applicable') counts.notApplicable++;
        else counts.noReport++;
        if (r) {
          narratives.push({ code: m.code, name: agencyName.get(m.code) ?? m.code, role: m.role, status, results: r.results, difficulties: r.difficulties, proposals: r.proposals });
        }
      }
      return { code: task.code, ordinal: task.ordinal, title: task.title, statusCounts: counts, reports: narratives };
    });

  return { period: window, completeness, indicators, tasks };
}
