// Consolidation for a period (domain.md, "Consolidation, for a period"): who reported,
// per task the statuses and narratives, per indicator the consolidated figure with its
// coverage and per-agency breakdown, target, the comparisons (a quarter with the
// quarter before, a cumulative period with the same period last year), the in-quarter
// figure derived from cumulative reports, and the rule checks. Which figures count is
// decided in counting.ts alone.
import type { ComparedFigure, Completeness, Consolidation, Coverage, DerivedFigure, IndicatorConsolidation, RuleCheck } from '../../shared/api';
import type { Indicator } from '../../shared/domain';
import { targetMet } from '../../shared/aggregate';
import { AppError } from '../../shared/errors';
import { cumulativeStep, cumulativeThrough, parsePeriodCode, periodCode, previousQuarter, quarterLabel, windowsStack } from '../../shared/periods';
import type { AppContext } from './context';
import { basisLoader, completenessOf, countIndicator, countTask, coverageDifference, deriveQuarter, indicatorsOf, type BasisLoader, type PeriodBasis } from './counting';
import { agencyFiguresOf, checkAgencyReport, checkConsolidated, neighboursOf, sortChecks } from './checks';
import { requirePeriod } from './periods';

export { expectedAgencies } from './counting';

async function requireBasis(ctx: AppContext, loader: BasisLoader, code: string): Promise<PeriodBasis> {
  const basis = await loader.basis(code);
  if (basis) return basis;
  await requirePeriod(ctx.db, code); // throws the usual "no such period" error
  // The period was there a moment ago: another window or the CLI removed it meanwhile.
  throw new AppError('NOT_FOUND', `Kỳ báo cáo "${code}" vừa không còn trong dữ liệu. Hãy tải lại danh sách kỳ rồi thử lại.`);
}

/** What the counting rule has of one period (its plan as it stood, agencies, current reports). */
export function periodBasis(ctx: AppContext, code: string): Promise<PeriodBasis> {
  return requireBasis(ctx, basisLoader(ctx), code);
}

export async function getCompleteness(ctx: AppContext, args: { period: string }): Promise<Completeness> {
  return completenessOf(await periodBasis(ctx, args.period));
}

/** A figure of another period for comparison, by the same counting rule; indicators match by code. */
interface OtherFigure {
  periodCode: string;
  label: string;
  value: number | null;
  derived: boolean;
  coverage: Coverage;
}

function indicatorIn(basis: PeriodBasis, code: string): Indicator | undefined {
  return indicatorsOf(basis.plan).get(code);
}

function reportedIn(basis: PeriodBasis, code: string): OtherFigure | null {
  const indicator = indicatorIn(basis, code);
  if (!indicator) return null;
  const counted = countIndicator(basis, indicator);
  return { periodCode: basis.period.code, label: basis.period.label, value: counted.value, derived: false, coverage: counted.coverage };
}

/**
 * A quarter's figure: its own period when the office collects it, else taken from the
 * cumulative periods around it (Q4 = năm − 9 tháng), labelled as derived.
 */
async function quarterFigure(loader: BasisLoader, year: number, quarter: number, code: string): Promise<OtherFigure | null> {
  const own = await loader.basis(periodCode({ year, kind: 'quarter', quarter }));
  if (own) return reportedIn(own, code);
  if (quarter === 1) return null;
  const [later, earlier] = await Promise.all([loader.basis(periodCode(cumulativeThrough(year, quarter))), loader.basis(periodCode(cumulativeThrough(year, quarter - 1)))]);
  const indicator = later ? indicatorIn(later, code) : undefined;
  if (!later || !earlier || !windowsStack(earlier.period, later.period) || !indicator || (indicator.aggregation !== 'sum' && indicator.aggregation !== 'ratio')) return null;
  const d = deriveQuarter(indicator, later, earlier);
  return { periodCode: `${year}-Q${quarter}`, label: `${quarterLabel(quarter, year)} (suy ra)`, value: d.value, derived: true, coverage: d.coverage };
}

function compared(here: Coverage, other: OtherFigure | null): ComparedFigure | null {
  if (!other) return null;
  return { ...other, ...coverageDifference(here, other.coverage) };
}

export async function getConsolidation(ctx: AppContext, args: { period: string }): Promise<Consolidation> {
  return (await consolidatePeriod(ctx, args)).consolidation;
}

/**
 * The consolidation with the basis it was counted from, so that a workbook of it takes
 * the plan and agencies already loaded instead of reading them again.
 */
export async function consolidatePeriod(ctx: AppContext, args: { period: string }): Promise<{ consolidation: Consolidation; basis: PeriodBasis }> {
  const loader = basisLoader(ctx);
  const basis = await requireBasis(ctx, loader, args.period);
  const { period, plan } = basis;
  const slot = parsePeriodCode(period.code);
  const step = slot ? cumulativeStep(slot) : null;
  // The period before in the same count, when one is on record and the dates really stack (see windowsStack).
  const before = step ? await loader.basis(periodCode(step.previous)) : null;
  const earlier = before && windowsStack(before.period, period) ? before : null;
  const lastYear = slot ? await loader.basis(periodCode({ ...slot, year: slot.year - 1 })) : null;

  const indicators: IndicatorConsolidation[] = [];
  for (const task of plan.tasks) {
    if (task.retired) continue;
    for (const indicator of task.indicators) {
      if (indicator.retired) continue;
      const counted = countIndicator(basis, indicator);
      // Like with like: a quarter with the quarter before; every period with the same one last year.
      let previous: OtherFigure | null = null;
      let sameLastYear: OtherFigure | null = null;
      if (slot?.kind === 'quarter') {
        const before = previousQuarter(slot.year, slot.quarter ?? 1);
        previous = await quarterFigure(loader, before.year, before.quarter, indicator.code);
        sameLastYear = await quarterFigure(loader, slot.year - 1, slot.quarter ?? 1, indicator.code);
      } else if (lastYear) {
        sameLastYear = reportedIn(lastYear, indicator.code);
      }
      let inQuarter: DerivedFigure | null = null;
      if (step && earlier && (indicator.aggregation === 'sum' || indicator.aggregation === 'ratio')) {
        const d = deriveQuarter(indicator, basis, earlier);
        inQuarter = {
          periodCode: `${period.planYear}-Q${step.quarter}`,
          label: quarterLabel(step.quarter, period.planYear),
          value: d.value,
          derived: true,
          quarter: step.quarter,
          fromPeriod: earlier.period.code,
          fromLabel: earlier.period.label,
          coverage: d.coverage,
          fromZero: d.fromZero,
          left: d.left,
        };
      }
      indicators.push({
        code: indicator.code,
        taskCode: task.code,
        name: indicator.name,
        unit: indicator.unit,
        kind: indicator.kind,
        aggregation: indicator.aggregation,
        value: counted.value,
        ...(indicator.aggregation === 'ratio' ? { numerator: counted.numerator ?? null, denominator: counted.denominator ?? null } : {}),
        coverage: counted.coverage,
        expectedReporters: counted.coverage.expected,
        reported: counted.coverage.reported,
        byAgency: counted.byAgency,
        target: indicator.target,
        targetDirection: indicator.targetDirection,
        targetMet: targetMet(counted.value, indicator.target, indicator.targetDirection),
        previous: compared(counted.coverage, previous),
        sameLastYear: compared(counted.coverage, sameLastYear),
        inQuarter,
        checks: [],
      });
    }
  }

  // The rules, on every counted report of the period against the agency's own other periods.
  const checks: RuleCheck[] = checkConsolidated(period, indicators);
  for (const agency of basis.expected) {
    const report = basis.reports.get(agency.code);
    if (!report || report.status === 'returned') continue;
    const around = await neighboursOf(loader, period, agency.code);
    checks.push(...checkAgencyReport(plan, agency, agencyFiguresOf(basis, agency.code), around));
  }
  const sorted = sortChecks(checks);
  for (const i of indicators) i.checks = sorted.filter((c) => c.indicator === i.code);

  const tasks = plan.tasks.filter((t) => !t.retired).map((task) => countTask(basis, task));
  return { consolidation: { period, completeness: completenessOf(basis), indicators, tasks, checks: sorted }, basis };
}
