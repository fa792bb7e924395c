// Reporting periods (kỳ báo cáo): created from the Nghị định 09 or calendar presets,
// with dates and due dates the clerk can override.
import { AppError, notFound } from '../../shared/errors';
import type { Period } from '../../shared/domain';
import type { ParsedArgsOf } from '../../shared/api';
import { parsePeriodCode, periodCode, periodLabel, periodSortOrder, periodWindow, type PeriodSlot } from '../../shared/periods';
import { findPeriodByCode, insertPeriod, listPeriodRows, updatePeriodRow, type PeriodWithYear } from '../../db/queries/periods';
import { redecideLateness } from '../../db/queries/submissions';
import { audit, type AppContext } from './context';
import { requirePlan } from './plans';

export function toPeriod(row: PeriodWithYear): Period {
  return {
    code: row.code,
    planYear: row.plan_year,
    label: row.label,
    kind: row.kind,
    preset: row.preset,
    from: row.date_from,
    to: row.date_to,
    due: row.due_on,
  };
}

export async function requirePeriod(db: AppContext['db'], code: string): Promise<PeriodWithYear> {
  const row = await findPeriodByCode(db, code);
  if (!row) throw new AppError('NOT_FOUND', `Chưa có kỳ báo cáo "${code}". Hãy chọn một kỳ đã có, hoặc tạo kỳ mới ở mục Kỳ báo cáo.`);
  return row;
}

export async function listPeriods(ctx: AppContext, args: ParsedArgsOf<'periods.list'>): Promise<Period[]> {
  return (await listPeriodRows(ctx.db, args.year)).map(toPeriod);
}

export async function createPeriod(ctx: AppContext, args: ParsedArgsOf<'periods.create'>): Promise<Period> {
  if (args.kind === 'quarter' && args.quarter === undefined) {
    throw new AppError('INVALID_ARGUMENT', 'Kỳ theo quý cần chọn quý (1 đến 4).');
  }
  const slot: PeriodSlot = args.kind === 'quarter' ? { year: args.year, kind: 'quarter', quarter: args.quarter } : { year: args.year, kind: args.kind };
  const code = periodCode(slot);
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await requirePlan(trx, args.year);
    if (await findPeriodByCode(trx, code)) throw new AppError('DUPLICATE', `Kỳ báo cáo ${code} đã có.`);
    const window = periodWindow(slot, args.preset);
    await insertPeriod(trx, {
      plan_id: plan.id,
      code,
      label: periodLabel(slot),
      kind: slot.kind,
      preset: args.preset,
      date_from: window.from,
      date_to: window.to,
      due_on: window.due,
      sort_order: periodSortOrder(slot),
    });
    await audit(ctx, trx, 'create', 'period', code, { preset: args.preset, ...window });
    const created = await findPeriodByCode(trx, code);
    if (!created) throw notFound('kỳ báo cáo', code);
    return toPeriod(created);
  });
}

/**
 * Choosing a preset resets the window to it; explicit dates then override it, and any
 * date typed by hand marks the period as custom.
 */
export async function updatePeriod(ctx: AppContext, args: ParsedArgsOf<'periods.update'>): Promise<Period> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findPeriodByCode(trx, args.code);
    if (!before) throw notFound('kỳ báo cáo', args.code);
    const slot = parsePeriodCode(args.code);
    let from = before.date_from;
    let to = before.date_to;
    let due = before.due_on;
    let preset = before.preset;
    if (args.preset && slot) {
      ({ from, to, due } = periodWindow(slot, args.preset));
      preset = args.preset;
    }
    if (args.from || args.to) preset = 'custom';
    from = args.from ?? from;
    to = args.to ?? to;
    due = args.due ?? due;
    if (from > to) throw new AppError('INVALID_DATES', `Ngày bắt đầu (${from}) phải trước ngày kết thúc (${to}) của kỳ báo cáo.`);
    if (due < to) throw new AppError('INVALID_DATES', `Hạn nộp (${due}) không được trước ngày chốt số liệu (${to}).`);
    await updatePeriodRow(trx, before.id, { label: args.label ?? before.label, date_from: from, date_to: to, due_on: due, preset });
    // Late means received after the due date: a new due date decides again for every report.
    if (due !== before.due_on) await redecideLateness(trx, before.id, due);
    const after = await findPeriodByCode(trx, args.code);
    if (!after) throw notFound('kỳ báo cáo', args.code);
    await audit(ctx, trx, 'update', 'period', args.code, { before: toPeriod(before), after: toPeriod(after) });
    return toPeriod(after);
  });
}
