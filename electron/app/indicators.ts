// Indicators (chỉ tiêu): what figures each agency reports and how they consolidate.
// A ratio names its numerator and denominator indicators and is never an average of
// percentages (domain.md, "Consolidation").
import type { Transaction } from 'kysely';
import { AppError, notFound } from '../../shared/errors';
import { cleanText } from '../../shared/text';
import type { Indicator } from '../../shared/domain';
import type { ParsedArgsOf } from '../../shared/api';
import type { Database, IndicatorRow, PlanRow } from '../../db/schema';
import {
  deleteReporters,
  findIndicatorByCode,
  indicatorCodesOfTask,
  indicatorIdByCode,
  insertIndicator,
  insertReporter,
  lastIndicatorPlace,
  liveRatiosUsing,
  placeIndicator,
  updateIndicatorRow,
} from '../../db/queries/indicators';
import { taskIdByCode } from '../../db/queries/tasks';
import { audit, type AppContext } from './context';
import { loadPlanDetail, requirePlanForEdit } from './plans';
import { resolveAgencyIds } from './tasks';

type Trx = Transaction<Database>;

async function findIndicator(trx: Trx, planId: number, code: string): Promise<IndicatorRow> {
  const row = await findIndicatorByCode(trx, planId, code);
  if (!row) throw notFound('chỉ tiêu', code);
  return row;
}

async function taskId(trx: Trx, planId: number, code: string): Promise<number> {
  const id = await taskIdByCode(trx, planId, code);
  if (id === undefined) throw notFound('nhiệm vụ', code);
  return id;
}

interface RatioParts {
  aggregation: Indicator['aggregation'];
  kind: Indicator['kind'];
  numeratorCode: string | null;
  denominatorCode: string | null;
}

async function ratioIds(trx: Trx, plan: PlanRow, code: string, parts: RatioParts): Promise<{ numerator_id: number | null; denominator_id: number | null }> {
  if (parts.aggregation !== 'ratio') return { numerator_id: null, denominator_id: null };
  if (!parts.numeratorCode || !parts.denominatorCode) {
    throw new AppError('INVALID_RATIO', `Chỉ tiêu tỷ lệ ${code} cần chỉ rõ chỉ tiêu tử số và chỉ tiêu mẫu số.`);
  }
  if (parts.numeratorCode === code || parts.denominatorCode === code || parts.numeratorCode === parts.denominatorCode) {
    throw new AppError('INVALID_RATIO', `Tử số và mẫu số của chỉ tiêu ${code} phải là hai chỉ tiêu khác nhau và khác chính nó.`);
  }
  const numerator = await findIndicator(trx, plan.id, parts.numeratorCode);
  const denominator = await findIndicator(trx, plan.id, parts.denominatorCode);
  for (const part of [numerator, denominator]) {
    if (part.aggregation !== 'sum' || (part.kind !== 'integer' && part.kind !== 'decimal')) {
      throw new AppError('INVALID_RATIO', `Chỉ tiêu ${part.code} dùng làm tử số hoặc mẫu số phải là số và cộng dồn được.`);
    }
  }
  return { numerator_id: numerator.id, denominator_id: denominator.id };
}

function checkKind(code: string, kind: Indicator['kind'], aggregation: Indicator['aggregation']): void {
  if (kind === 'text' && aggregation !== 'latest') {
    throw new AppError('INVALID_AGGREGATION', `Chỉ tiêu ${code} dạng chữ chỉ tổng hợp được theo "số mới nhất".`);
  }
}

async function writeReporters(trx: Trx, indicatorId: number, reporters: readonly string[]): Promise<void> {
  await deleteReporters(trx, indicatorId);
  for (const agencyId of await resolveAgencyIds(trx, [...new Set(reporters)])) {
    await insertReporter(trx, { indicator_id: indicatorId, agency_id: agencyId });
  }
}

async function reload(trx: Trx, plan: PlanRow, code: string): Promise<Indicator> {
  const detail = await loadPlanDetail(trx, plan);
  const found = detail.tasks.flatMap((t) => t.indicators).find((i) => i.code === code);
  if (!found) throw notFound('chỉ tiêu', code);
  return found;
}

export async function createIndicator(ctx: AppContext, args: ParsedArgsOf<'indicators.create'>): Promise<Indicator> {
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await requirePlanForEdit(ctx, trx, args.year, args.version);
    const input = args.indicator;
    const exists = await indicatorIdByCode(trx, plan.id, input.code);
    if (exists !== undefined) throw new AppError('DUPLICATE', `Kế hoạch năm ${args.year} đã có chỉ tiêu mã "${input.code}".`);
    checkKind(input.code, input.kind, input.aggregation);
    const tId = await taskId(trx, plan.id, input.taskCode);
    const ratio = await ratioIds(trx, plan, input.code, {
      aggregation: input.aggregation,
      kind: input.kind,
      numeratorCode: input.numeratorCode ?? null,
      denominatorCode: input.denominatorCode ?? null,
    });
    const last = await lastIndicatorPlace(trx, tId);
    const id = await insertIndicator(trx, {
      plan_id: plan.id,
      task_id: tId,
      code: input.code,
      name: cleanText(input.name),
      unit: cleanText(input.unit),
      kind: input.kind,
      aggregation: input.aggregation,
      ...ratio,
      target: input.target ?? null,
      target_direction: input.target === null || input.target === undefined ? null : (input.targetDirection ?? 'min'),
      sort_order: Number(last ?? 0) + 1,
      retired_on: null,
    });
    await writeReporters(trx, id, input.reporters);
    const indicator = await reload(trx, plan, input.code);
    await audit(ctx, trx, 'create', 'indicator', `${args.year}/${input.code}`, indicator);
    return indicator;
  });
}

export async function updateIndicator(ctx: AppContext, args: ParsedArgsOf<'indicators.update'>): Promise<Indicator> {
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await requirePlanForEdit(ctx, trx, args.year, args.version);
    const row = await findIndicator(trx, plan.id, args.code);
    const before = await reload(trx, plan, args.code);
    const c = args.changes;
    const code = c.code ?? before.code;
    const kind = c.kind ?? before.kind;
    const aggregation = c.aggregation ?? before.aggregation;
    checkKind(code, kind, aggregation);
    const ratio = await ratioIds(trx, plan, code, {
      aggregation,
      kind,
      numeratorCode: c.numeratorCode !== undefined ? c.numeratorCode : before.numeratorCode,
      denominatorCode: c.denominatorCode !== undefined ? c.denominatorCode : before.denominatorCode,
    });
    if ((kind !== 'integer' && kind !== 'decimal') || aggregation !== 'sum') {
      // A part of a live ratio must stay a summable number, or the ratio loses its meaning.
      const usedBy = await liveRatiosUsing(trx, plan.id, row.id);
      if (usedBy.length > 0) {
        throw new AppError('INVALID_RATIO', `Chỉ tiêu ${args.code} là tử số hoặc mẫu số của ${usedBy.map((u) => u.code).join(', ')}, nên phải là số và tổng hợp bằng cách cộng.`);
      }
    }
    const target = c.target !== undefined ? c.target : before.target;
    await updateIndicatorRow(trx, row.id, {
      code,
      task_id: c.taskCode ? await taskId(trx, plan.id, c.taskCode) : row.task_id,
      name: c.name !== undefined ? cleanText(c.name) : before.name,
      unit: c.unit !== undefined ? cleanText(c.unit) : before.unit,
      kind,
      aggregation,
      ...ratio,
      target,
      target_direction: target === null ? null : (c.targetDirection ?? before.targetDirection ?? 'min'),
    });
    if (c.reporters) await writeReporters(trx, row.id, c.reporters);
    const after = await reload(trx, plan, code);
    await audit(ctx, trx, 'update', 'indicator', `${args.year}/${code}`, { before, after });
    return after;
  });
}

export async function reorderIndicators(ctx: AppContext, args: ParsedArgsOf<'indicators.reorder'>): Promise<Indicator[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await requirePlanForEdit(ctx, trx, args.year, args.version);
    const tId = await taskId(trx, plan.id, args.taskCode);
    const rows = await indicatorCodesOfTask(trx, tId);
    const known = new Set(rows.map((r) => r.code));
    if (new Set(args.codes).size !== args.codes.length || rows.length !== args.codes.length || args.codes.some((c) => !known.has(c))) {
      throw new AppError('INVALID_ORDER', `Thứ tự mới phải liệt kê đúng một lần mỗi chỉ tiêu của nhiệm vụ ${args.taskCode}.`);
    }
    for (const [index, code] of args.codes.entries()) {
      await placeIndicator(trx, tId, code, index + 1);
    }
    await audit(ctx, trx, 'reorder', 'indicator', `${args.year}/${args.taskCode}`, { order: args.codes });
    return (await loadPlanDetail(trx, plan)).tasks.find((t) => t.code === args.taskCode)?.indicators ?? [];
  });
}

export async function retireIndicator(ctx: AppContext, args: ParsedArgsOf<'indicators.retire'>): Promise<Indicator> {
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await requirePlanForEdit(ctx, trx, args.year, args.version);
    const row = await findIndicator(trx, plan.id, args.code);
    const usedBy = await liveRatiosUsing(trx, plan.id, row.id);
    if (usedBy.length > 0) {
      throw new AppError('IN_USE', `Chỉ tiêu ${args.code} đang là tử số hoặc mẫu số của ${usedBy.map((u) => u.code).join(', ')}. Hãy ngừng các chỉ tiêu đó trước.`);
    }
    await updateIndicatorRow(trx, row.id, { retired_on: args.on });
    await audit(ctx, trx, 'retire', 'indicator', `${args.year}/${args.code}`, { on: args.on });
    return reload(trx, plan, args.code);
  });
}
