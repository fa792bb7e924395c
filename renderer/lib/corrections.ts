// Which report fields the office may give a value for, and how: the indicators an
// agency reports (a ratio is computed, so its numerator and denominator are what is
// corrected) and the status of each task it is assigned. Shared by the import preview,
// the reports already received and the typed report.
import type { IndicatorKind, PlanDetail, ReportGaps } from '../../shared/domain';
import type { Problem } from '../../shared/problems';

export interface CorrectableField {
  /** "indicator:NV2.01" or "task:NV1:status", as the Api names it. */
  field: string;
  code: string;
  /** The indicator's name or the task's title. */
  name: string;
  kind: IndicatorKind | 'status';
  unit: string;
}

export type FieldTarget = { kind: 'indicator'; code: string } | { kind: 'status'; code: string };

export function targetOf(field: string): FieldTarget | null {
  const indicator = /^indicator:(.+)$/u.exec(field);
  if (indicator?.[1]) return { kind: 'indicator', code: indicator[1] };
  const status = /^task:(.+):status$/u.exec(field);
  return status?.[1] ? { kind: 'status', code: status[1] } : null;
}

export const indicatorField = (code: string): string => `indicator:${code}`;
export const statusField = (code: string): string => `task:${code}:status`;

/** A field of the plan with what decides who reports it and how it is corrected. */
interface PlanField extends CorrectableField {
  ratio: boolean;
  numeratorCode: string | null;
  denominatorCode: string | null;
  /** Agencies that report the indicator, or are assigned the task. */
  owners: string[];
}

/** Every field of the plan (as it stands for the period) by its Api name; ratios included, to find their parts. */
function fieldsOfPlan(plan: PlanDetail): Map<string, PlanField> {
  const map = new Map<string, PlanField>();
  for (const task of plan.tasks) {
    if (task.retired) continue;
    const status = statusField(task.code);
    map.set(status, { field: status, code: task.code, name: task.title, kind: 'status', unit: '', ratio: false, numeratorCode: null, denominatorCode: null, owners: [...task.lead, ...task.coordinate] });
    for (const i of task.indicators) {
      if (i.retired) continue;
      const field = indicatorField(i.code);
      map.set(field, {
        field,
        code: i.code,
        name: i.name,
        kind: i.kind,
        unit: i.unit,
        ratio: i.aggregation === 'ratio',
        numeratorCode: i.numeratorCode,
        denominatorCode: i.denominatorCode,
        owners: i.reporters,
      });
    }
  }
  return map;
}

function plain(f: PlanField): CorrectableField {
  return { field: f.field, code: f.code, name: f.name, kind: f.kind, unit: f.unit };
}

/** What an agency's report may be corrected in: the indicators it reports (not ratios), then the statuses of its tasks. */
export function correctableFields(plan: PlanDetail, agency: string): CorrectableField[] {
  const mine = [...fieldsOfPlan(plan).values()].filter((f) => !f.ratio && f.owners.includes(agency));
  return [...mine.filter((f) => f.kind !== 'status'), ...mine.filter((f) => f.kind === 'status')].map(plain);
}

/**
 * The fields a problem's "Sửa số liệu" offers: the problem's own field, or for a ratio
 * (a numerator above its denominator) its two parts. Empty when nothing can be corrected.
 */
export function fieldsForProblem(p: Problem, plan: PlanDetail | null, agency: string): CorrectableField[] {
  if (!plan || !p.field) return [];
  const fields = fieldsOfPlan(plan);
  const own = fields.get(p.field);
  if (!own) return [];
  const parts = own.ratio ? [own.numeratorCode, own.denominatorCode].map((code) => (code ? fields.get(indicatorField(code)) : undefined)) : [own];
  return parts.filter((f): f is PlanField => f !== undefined && f.owners.includes(agency)).map(plain);
}

/** Every blank of a report, as fields: indicators first, then task statuses. */
export function fieldsForGaps(gaps: ReportGaps | null, plan: PlanDetail | null): CorrectableField[] {
  if (!gaps || !plan) return [];
  const fields = fieldsOfPlan(plan);
  return [...gaps.indicators.map(indicatorField), ...gaps.tasks.map(statusField)]
    .map((field) => fields.get(field))
    .filter((f): f is PlanField => f !== undefined)
    .map(plain);
}

/** The correction's value is given: a number for a figure, words for a text, a status for a task. */
export function hasValue(kind: CorrectableField['kind'], value: { number: number | null; text: string; status: string | null }): boolean {
  if (kind === 'status') return value.status !== null;
  if (kind === 'text') return value.text.trim() !== '';
  return value.number !== null && Number.isFinite(value.number);
}
