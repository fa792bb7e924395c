// What a report leaves blank against what the plan asks of its agency for the period:
// indicators it reports with no figure, tasks it is assigned with no status. The same
// rule for a file being previewed, a typed report and a report on record.
import type { PlanDetail, ReportGaps } from './domain';

export interface GapInput {
  values: readonly { indicatorCode: string; number: number | null; text?: string | null }[];
  taskReports: readonly { taskCode: string; status: string | null }[];
}

/** `plan` is the plan as it stands for the period (planForPeriod). */
export function reportGaps(plan: PlanDetail, agencyCode: string, report: GapInput): ReportGaps {
  const given = new Set(report.values.filter((v) => v.number !== null || (v.text ?? '').trim() !== '').map((v) => v.indicatorCode));
  const statused = new Set(report.taskReports.filter((r) => r.status !== null).map((r) => r.taskCode));
  const indicators: string[] = [];
  const tasks: string[] = [];
  for (const task of plan.tasks) {
    if (task.retired) continue;
    if ((task.lead.includes(agencyCode) || task.coordinate.includes(agencyCode)) && !statused.has(task.code)) tasks.push(task.code);
    for (const i of task.indicators) {
      // A ratio is computed from its parts; its gap is theirs.
      if (i.retired || i.aggregation === 'ratio' || !i.reporters.includes(agencyCode)) continue;
      if (!given.has(i.code)) indicators.push(i.code);
    }
  }
  return { indicators, tasks };
}

export function isComplete(gaps: ReportGaps): boolean {
  return gaps.indicators.length === 0 && gaps.tasks.length === 0;
}

/** Nothing at all: no figure, no status, no narrative. Such a file is the unfilled form. */
export function isEmptyReport(report: {
  values: readonly { number: number | null; text?: string | null }[];
  taskReports: readonly { status: string | null; results: string; difficulties: string; proposals: string }[];
}): boolean {
  const anyValue = report.values.some((v) => v.number !== null || (v.text ?? '').trim() !== '');
  const anyTask = report.taskReports.some((r) => r.status !== null || r.results.trim() !== '' || r.difficulties.trim() !== '' || r.proposals.trim() !== '');
  return !anyValue && !anyTask;
}
