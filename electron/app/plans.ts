// The year's plan (kế hoạch): read it whole, list plans, and start next year's plan as
// a copy of this one. Tasks and indicators are edited in tasks.ts and indicators.ts.
import type { Transaction } from 'kysely';
import { AppError } from '../../shared/errors';
import type { Indicator, Plan, PlanDetail, PlanStatus, Task } from '../../shared/domain';
import type { ParsedArgsOf, PlanImpact } from '../../shared/api';
import { periodCode, periodLabel, periodSortOrder, periodWindow, standardSlots } from '../../shared/periods';
import type { Database, PlanRow } from '../../db/schema';
import {
  countIndicatorValues,
  countTaskReports,
  findDefaultPlan,
  findPlanByYear,
  indicatorRows,
  insertPlan,
  listPlanRows,
  planSubmissionRows,
  raisePlanVersion,
  reporterRows,
  taskAssignmentRows,
  taskRows,
} from '../../db/queries/plans';
import { insertPeriod } from '../../db/queries/periods';
import { assignmentRowsOf, insertAssignment, insertTask } from '../../db/queries/tasks';
import { insertIndicator, insertReporter, planIndicatorRows, reporterRowsOf } from '../../db/queries/indicators';
import { audit, type AppContext } from './context';

type Db = AppContext['db'] | Transaction<Database>;

export function toPlan(row: PlanRow): Plan {
  return {
    id: row.id,
    year: row.year,
    number: row.number,
    issuedOn: row.issued_on,
    title: row.title,
    basis: row.basis,
    status: row.status as PlanStatus,
    version: row.version,
  };
}

/**
 * The plan an edit changes, claimed for it: its version raised in the edit's transaction,
 * or the edit refused if the clerk loaded an older one (another clerk saved meanwhile).
 */
export async function requirePlanForEdit(ctx: AppContext, trx: Transaction<Database>, year: number, version: number | undefined): Promise<PlanRow> {
  // First the write lock: on SQLite a transaction that read before another process wrote
  // could not write at all ("database is locked") instead of being told the plan changed.
  await ctx.handle.lockForWrite(trx, 'plan');
  const plan = await requirePlan(trx, year);
  if (!(await raisePlanVersion(trx, plan.id, version))) {
    throw new AppError('PLAN_CHANGED', `Kế hoạch vừa được người khác sửa; hãy tải lại. Thay đổi vừa rồi của anh/chị (kế hoạch năm ${year}) chưa được lưu.`, { year });
  }
  return plan;
}

export async function requirePlan(db: Db, year?: number): Promise<PlanRow> {
  const plan = year === undefined ? await findDefaultPlan(db) : await findPlanByYear(db, year);
  if (!plan) {
    throw new AppError(
      'NOT_FOUND',
      year === undefined ? 'Chưa có kế hoạch nào. Hãy khôi phục dữ liệu từ một bản sao lưu (mục Cài đặt); nếu chưa có bản sao lưu, hãy báo người quản trị ứng dụng.' : `Chưa có kế hoạch năm ${year}.`,
    );
  }
  return plan;
}

/** The whole plan: tasks in order with their agencies, and each task's indicators. */
export async function loadPlanDetail(db: Db, plan: PlanRow): Promise<PlanDetail> {
  const [tasks, assignments, indicators, reporters] = await Promise.all([
    taskRows(db, plan.id),
    taskAssignmentRows(db, plan.id),
    indicatorRows(db, plan.id),
    reporterRows(db, plan.id),
  ]);
  const reportersOf = new Map<number, string[]>();
  for (const r of reporters) reportersOf.set(r.indicator_id, [...(reportersOf.get(r.indicator_id) ?? []), r.agency_code]);

  const indicatorsOf = new Map<string, Indicator[]>();
  for (const i of indicators) {
    const indicator: Indicator = {
      code: i.code,
      taskCode: i.task_code,
      name: i.name,
      unit: i.unit,
      kind: i.kind,
      aggregation: i.aggregation,
      numeratorCode: i.numerator_code,
      denominatorCode: i.denominator_code,
      target: i.target,
      targetDirection: i.target_direction,
      reporters: reportersOf.get(i.id) ?? [],
      sortOrder: i.sort_order,
      retired: i.retired_on !== null,
      retiredOn: i.retired_on,
    };
    indicatorsOf.set(i.task_code, [...(indicatorsOf.get(i.task_code) ?? []), indicator]);
  }

  const result: Task[] = tasks.map((t) => ({
    code: t.code,
    ordinal: t.ordinal,
    ordinalLabel: t.ordinal_label,
    title: t.title,
    content: t.content,
    lead: assignments.filter((a) => a.task_id === t.id && a.role === 'lead').map((a) => a.agency_code),
    coordinate: assignments.filter((a) => a.task_id === t.id && a.role === 'coordinate').map((a) => a.agency_code),
    sortOrder: t.sort_order,
    retired: t.retired_on !== null,
    retiredOn: t.retired_on,
    indicators: indicatorsOf.get(t.code) ?? [],
  }));
  return { plan: toPlan(plan), tasks: result };
}

export async function getPlan(ctx: AppContext, args: ParsedArgsOf<'plans.get'>): Promise<PlanDetail> {
  return loadPlanDetail(ctx.db, await requirePlan(ctx.db, args.year));
}

export async function listPlans(ctx: AppContext): Promise<Plan[]> {
  return (await listPlanRows(ctx.db)).map(toPlan);
}

/**
 * Next year's plan starts as a copy of this one: tasks, assignments, indicators and
 * reporters, as a draft, with the standard periods of the new year. Retired tasks and
 * indicators stay behind.
 */
export async function copyPlanToYear(ctx: AppContext, args: ParsedArgsOf<'plans.copyToYear'>): Promise<Plan> {
  return ctx.db.transaction().execute(async (trx) => {
    const source = await requirePlan(trx, args.fromYear);
    if (await findPlanByYear(trx, args.toYear)) {
      throw new AppError('DUPLICATE', `Đã có kế hoạch năm ${args.toYear}. Mỗi năm chỉ có một kế hoạch.`);
    }
    const plan = await insertPlan(trx, {
      year: args.toYear,
      number: args.number ?? `${source.number} (dự thảo ${args.toYear})`,
      issued_on: null,
      title: source.title.replace(String(args.fromYear), String(args.toYear)),
      basis: source.basis,
      status: 'draft',
    });

    const taskIds = new Map<number, number>();
    for (const t of await taskRows(trx, source.id)) {
      if (t.retired_on) continue;
      const newId = await insertTask(trx, { plan_id: plan.id, parent_id: null, code: t.code, ordinal: t.ordinal, ordinal_label: t.ordinal_label, title: t.title, content: t.content, sort_order: t.sort_order, retired_on: null });
      taskIds.set(t.id, newId);
    }
    for (const a of await assignmentRowsOf(trx, [...taskIds.keys()])) {
      await insertAssignment(trx, { task_id: taskIds.get(a.task_id) ?? -1, agency_id: a.agency_id, role: a.role });
    }

    // Ratios must name their parts when inserted (a CHECK says so), so they are copied last.
    const indicatorIds = new Map<number, number>();
    const sourceIndicators = (await planIndicatorRows(trx, source.id))
      .filter((i) => !i.retired_on && taskIds.has(i.task_id))
      .sort((a, b) => Number(a.aggregation === 'ratio') - Number(b.aggregation === 'ratio'));
    for (const i of sourceIndicators) {
      const part = (id: number | null): number | null => (id === null ? null : (indicatorIds.get(id) ?? null));
      if (i.aggregation === 'ratio' && (part(i.numerator_id) === null || part(i.denominator_id) === null)) continue;
      const newId = await insertIndicator(trx, { ...i, id: undefined, plan_id: plan.id, task_id: taskIds.get(i.task_id) ?? -1, numerator_id: part(i.numerator_id), denominator_id: part(i.denominator_id) });
      indicatorIds.set(i.id, newId);
    }
    for (const r of await reporterRowsOf(trx, [...indicatorIds.keys()])) {
      await insertReporter(trx, { indicator_id: indicatorIds.get(r.indicator_id) ?? -1, agency_id: r.agency_id });
    }

    await insertStandardPeriods(trx, plan.id, args.toYear);
    await audit(ctx, trx, 'copy', 'plan', String(args.toYear), { from: args.fromYear, tasks: taskIds.size, indicators: indicatorIds.size });
    return toPlan(plan);
  });
}

export async function insertStandardPeriods(trx: Transaction<Database>, planId: number, year: number): Promise<void> {
  for (const slot of standardSlots(year)) {
    const window = periodWindow(slot, 'nd09');
    await insertPeriod(trx, {
      plan_id: planId,
      code: periodCode(slot),
      label: periodLabel(slot),
      kind: slot.kind,
      preset: 'nd09',
      date_from: window.from,
      date_to: window.to,
      due_on: window.due,
      sort_order: periodSortOrder(slot),
    });
  }
}

/**
 * What a change to a plan that already has reports touches, said before it is saved:
 * received reports are never rewritten, but their figures may leave or change the
 * consolidation.
 */
export async function planImpact(ctx: AppContext, args: { year: number; taskCode?: string; indicatorCode?: string }): Promise<PlanImpact> {
  const plan = await requirePlan(ctx.db, args.year);
  const reports = await planSubmissionRows(ctx.db, plan.id);
  const periods = [...new Set(reports.map((r) => r.code))].sort();
  const agencies = new Set(reports.map((r) => r.agency_id)).size;
  let affected = 0;
  let what = '';
  if (args.indicatorCode) {
    affected = await countIndicatorValues(ctx.db, plan.id, args.indicatorCode);
    what = ` Chỉ tiêu ${args.indicatorCode} đã có ${affected} số liệu được nhận.`;
  } else if (args.taskCode) {
    affected = await countTaskReports(ctx.db, plan.id, args.taskCode);
    what = ` Nhiệm vụ ${args.taskCode} đã có ${affected} báo cáo tình hình thực hiện.`;
  }
  const message =
    reports.length === 0
      ? `Kế hoạch năm ${args.year} chưa có báo cáo nào; thay đổi không ảnh hưởng số liệu đã nhận.`
      : `Kế hoạch năm ${args.year} đã có ${reports.length} báo cáo của ${agencies} đơn vị (${periods.join(', ')}).${what} Các báo cáo đã nhận được giữ nguyên; số liệu tổng hợp sẽ tính theo kế hoạch sau khi sửa.`;
  return { submissions: reports.length, agencies, periods, affected, message };
}
