// Tasks (nhiệm vụ) of a plan and who leads or coordinates each: create, edit, reorder, retire.
import type { Transaction } from 'kysely';
import { AppError, notFound } from '../../shared/errors';
import { cleanText, nfc } from '../../shared/text';
import { isStandardOrdinalLabel, ordinalLabel, type Task } from '../../shared/domain';
import type { ParsedArgsOf } from '../../shared/api';
import type { Database, TaskRow } from '../../db/schema';
import { agencyIdsByCode } from '../../db/queries/agencies';
import { retireLiveIndicatorsOfTask } from '../../db/queries/indicators';
import {
  deleteAssignments,
  findTaskByCode,
  insertAssignment,
  insertTask,
  lastTaskPlace,
  placeTask,
  taskIdByCode,
  taskLabelRows,
  updateTaskRow,
} from '../../db/queries/tasks';
import { audit, type AppContext } from './context';
import { loadPlanDetail, requirePlan, requirePlanForEdit } from './plans';

type Trx = Transaction<Database>;

async function findTask(trx: Trx, planId: number, code: string): Promise<TaskRow> {
  const task = await findTaskByCode(trx, planId, code);
  if (!task) throw notFound('nhiệm vụ', code);
  return task;
}

export async function resolveAgencyIds(trx: Trx, codes: readonly string[]): Promise<number[]> {
  const ids = await agencyIdsByCode(trx);
  return codes.map((code) => {
    const id = ids.get(code);
    if (id === undefined) throw new AppError('UNKNOWN_AGENCY', `Không có đơn vị mã "${code}". Hãy thêm đơn vị trước hoặc sửa mã.`);
    return id;
  });
}

async function writeAssignments(trx: Trx, taskId: number, lead: readonly string[], coordinate: readonly string[]): Promise<void> {
  const both = lead.filter((c) => coordinate.includes(c));
  if (both.length > 0) {
    throw new AppError('INVALID_ASSIGNMENT', `Đơn vị ${both.join(', ')} không thể vừa chủ trì vừa phối hợp cùng một nhiệm vụ.`);
  }
  await deleteAssignments(trx, taskId);
  const leadIds = await resolveAgencyIds(trx, lead);
  const coordinateIds = await resolveAgencyIds(trx, coordinate);
  for (const agencyId of leadIds) await insertAssignment(trx, { task_id: taskId, agency_id: agencyId, role: 'lead' });
  for (const agencyId of coordinateIds) await insertAssignment(trx, { task_id: taskId, agency_id: agencyId, role: 'coordinate' });
}

async function reload(trx: Trx, year: number, code: string): Promise<Task> {
  const detail = await loadPlanDetail(trx, await requirePlan(trx, year));
  const task = detail.tasks.find((t) => t.code === code);
  if (!task) throw notFound('nhiệm vụ', code);
  return task;
}

export async function createTask(ctx: AppContext, args: ParsedArgsOf<'tasks.create'>): Promise<Task> {
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await requirePlanForEdit(ctx, trx, args.year, args.version);
    const exists = await taskIdByCode(trx, plan.id, args.task.code);
    if (exists !== undefined) throw new AppError('DUPLICATE', `Kế hoạch năm ${args.year} đã có nhiệm vụ mã "${args.task.code}".`);
    const last = await lastTaskPlace(trx, plan.id);
    const id = await insertTask(trx, {
      plan_id: plan.id,
      parent_id: null,
      code: args.task.code,
      ordinal: Number(last.ordinal ?? 0) + 1,
      ordinal_label: args.task.ordinalLabel ?? ordinalLabel(Number(last.ordinal ?? 0) + 1),
      title: cleanText(args.task.title),
      content: nfc(args.task.content).trim(),
      sort_order: Number(last.sortOrder ?? 0) + 1,
      retired_on: null,
    });
    await writeAssignments(trx, id, args.task.lead, args.task.coordinate);
    const task = await reload(trx, args.year, args.task.code);
    await audit(ctx, trx, 'create', 'task', `${args.year}/${task.code}`, { title: task.title, lead: task.lead, coordinate: task.coordinate });
    return task;
  });
}

export async function updateTask(ctx: AppContext, args: ParsedArgsOf<'tasks.update'>): Promise<Task> {
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await requirePlanForEdit(ctx, trx, args.year, args.version);
    const before = await findTask(trx, plan.id, args.code);
    const beforeDetail = await reload(trx, args.year, args.code);
    const c = args.changes;
    await updateTaskRow(trx, before.id, {
      code: c.code ?? before.code,
      ordinal_label: c.ordinalLabel !== undefined ? c.ordinalLabel : before.ordinal_label,
      title: c.title !== undefined ? cleanText(c.title) : before.title,
      content: c.content !== undefined ? nfc(c.content).trim() : before.content,
    });
    if (c.lead !== undefined || c.coordinate !== undefined) {
      await writeAssignments(trx, before.id, c.lead ?? beforeDetail.lead, c.coordinate ?? beforeDetail.coordinate);
    }
    const after = await reload(trx, args.year, c.code ?? before.code);
    const { indicators: _b, ...beforeRest } = beforeDetail;
    const { indicators: _a, ...afterRest } = after;
    await audit(ctx, trx, 'update', 'task', `${args.year}/${after.code}`, { before: beforeRest, after: afterRest });
    return after;
  });
}

/** Sets the order of the plan's tasks; ordinals (Thứ nhất, Thứ hai, …) follow the new order. */
export async function reorderTasks(ctx: AppContext, args: ParsedArgsOf<'tasks.reorder'>): Promise<Task[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await requirePlanForEdit(ctx, trx, args.year, args.version);
    const rows = await taskLabelRows(trx, plan.id);
    const known = new Set(rows.map((r) => r.code));
    const given = new Set(args.codes);
    if (given.size !== args.codes.length || rows.length !== args.codes.length || args.codes.some((c) => !known.has(c))) {
      throw new AppError('INVALID_ORDER', 'Thứ tự mới phải liệt kê đúng một lần mỗi nhiệm vụ của kế hoạch.');
    }
    for (const [index, code] of args.codes.entries()) {
      // "Thứ nhất", "Thứ hai"… follow the new order; a label the clerk wrote by hand stays.
      const label = rows.find((r) => r.code === code)?.ordinal_label ?? null;
      await placeTask(trx, plan.id, code, { sortOrder: index + 1, ordinal: index + 1, ordinalLabel: isStandardOrdinalLabel(label) ? ordinalLabel(index + 1) : label });
    }
    await audit(ctx, trx, 'reorder', 'task', String(args.year), { order: args.codes });
    return (await loadPlanDetail(trx, plan)).tasks;
  });
}

/** Retired tasks stay for the reports already made against them but leave new forms. */
export async function retireTask(ctx: AppContext, args: ParsedArgsOf<'tasks.retire'>): Promise<Task> {
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await requirePlanForEdit(ctx, trx, args.year, args.version);
    const task = await findTask(trx, plan.id, args.code);
    await updateTaskRow(trx, task.id, { retired_on: args.on });
    await retireLiveIndicatorsOfTask(trx, task.id, args.on);
    await audit(ctx, trx, 'retire', 'task', `${args.year}/${args.code}`, { on: args.on });
    return reload(trx, args.year, args.code);
  });
}
