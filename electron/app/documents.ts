// The Word documents the office sends: the written report of a period and the
// reminder letters to agencies that have not reported. Both are built from the same
// consolidation the screen, the CLI and the workbook show (figures, coverage,
// comparisons, who reported), with the heading from the organization and the signer
// and "Nơi nhận" from the settings.
import type { FileBytes, ParsedArgsOf } from '../../shared/api';
import { planForPeriod } from '../../shared/domain';
import { AppError, notFound } from '../../shared/errors';
import { formatDateVi } from '../../shared/numbers';
import { nfc } from '../../shared/text';
import { inSentence } from '../documents/document-layout';
import { buildReportDocument, reportFileName } from '../documents/report-document';
import { buildReminderLetter, reminderFileName, type Addressee } from '../documents/reminder-letter';
import { findAgencyByCode } from '../../db/queries/agencies';
import { audit, type AppContext } from './context';
import { getConsolidation, getCompleteness } from './consolidation';
import { getOrganization } from './organization';
import { getSettings } from './settings';
import { loadPlanDetail, requirePlan } from './plans';
import { listSubmissions, today } from './submissions';
import { workCalendar } from './calendar';
import { dayOffReason, nextWorkingDay } from './working-days';

export async function documentReport(ctx: AppContext, args: ParsedArgsOf<'documents.report'>): Promise<FileBytes> {
  const consolidation = await getConsolidation(ctx, { period: args.period });
  const plan = planForPeriod(await loadPlanDetail(ctx.db, await requirePlan(ctx.db, consolidation.period.planYear)), consolidation.period);
  const [organization, settings] = await Promise.all([getOrganization(ctx), getSettings(ctx)]);
  const bytes = await buildReportDocument({
    organization,
    signer: settings.signer,
    recipients: settings.recipients,
    plan,
    consolidation,
    number: args.number || null,
    date: args.date ?? today(ctx),
  });
  await ctx.db.transaction().execute((trx) => audit(ctx, trx, 'export', 'report', args.period, { number: args.number ?? null }));
  return { name: reportFileName(args.period), bytes };
}

/**
 * The numbers of letters sent one per agency: the clerk's number for the first, the
 * next ones counted on from it ("45-CV/BCĐ", "46-CV/BCĐ", …), as they are registered.
 */
function numbersFor(number: string | undefined, count: number): (string | null)[] {
  if (!number) return Array.from({ length: count }, () => null);
  if (count === 1) return [number];
  const m = /^(\d+)(.*)$/u.exec(number);
  if (!m) {
    throw new AppError('INVALID_ARGUMENT', `Số văn bản "${number}" không bắt đầu bằng số nên không đánh số tiếp cho ${count} công văn được. Hãy nhập số của công văn đầu tiên, ví dụ 45-CV/BCĐ, hoặc để trống số.`);
  }
  const [, digits = '', rest = ''] = m;
  return Array.from({ length: count }, (_, i) => `${String(Number(digits) + i).padStart(digits.length, '0')}${rest}`);
}

export async function documentReminders(ctx: AppContext, args: ParsedArgsOf<'documents.reminders'>): Promise<FileBytes[]> {
  const date = args.date ?? today(ctx);
  const calendar = await workCalendar(ctx);
  const off = dayOffReason(args.due, calendar);
  if (off !== null) {
    const next = nextWorkingDay(args.due, calendar);
    throw new AppError('DUE_NOT_WORKING_DAY', `Hạn gửi mới ${formatDateVi(args.due)} không phải ngày làm việc (${off}). Ngày làm việc gần nhất sau đó là ${formatDateVi(next)}.`, { reason: off, next });
  }
  if (args.due <= date) {
    throw new AppError('DUE_NOT_AFTER_LETTER', `Hạn gửi mới ${formatDateVi(args.due)} phải sau ngày của công văn (${formatDateVi(date)}).`);
  }

  const completeness = await getCompleteness(ctx, { period: args.period });
  const { period } = completeness;
  const owing = completeness.agencies.filter((a) => a.state === 'missing' || a.state === 'returned');
  let chosen = owing;
  if (args.agencies && args.agencies.length === 0) {
    throw new AppError('NOTHING_TO_REMIND', 'Chưa chọn cơ quan, đơn vị nào để gửi công văn đôn đốc.');
  }
  if (args.agencies) {
    const wanted = new Set(args.agencies.map((c) => nfc(c).trim()));
    for (const code of wanted) {
      const receipt = completeness.agencies.find((a) => a.code === code);
      if (!receipt) {
        const known = (await findAgencyByCode(ctx.db, code)) !== undefined;
        if (!known) throw notFound('đơn vị', code);
        throw new AppError('NOT_EXPECTED', `Đơn vị ${code} không phải gửi báo cáo ${inLabel(period.label)}, nên không có gì để đôn đốc.`);
      }
      if (receipt.state === 'on_time' || receipt.state === 'late') {
        throw new AppError('ALREADY_REPORTED', `${receipt.name} đã gửi báo cáo ${inLabel(period.label)} (nhận ngày ${formatDateVi(receipt.receivedOn)}), không cần đôn đốc.`);
      }
    }
    // In the office's order, whatever order the clerk picked them in.
    chosen = owing.filter((a) => wanted.has(a.code));
  }
  if (chosen.length === 0) {
    throw new AppError('NOTHING_TO_REMIND', `Mọi cơ quan, đơn vị đã gửi báo cáo ${inLabel(period.label)}; không có đơn vị nào cần đôn đốc.`);
  }

  const addressees: Addressee[] = [];
  for (const a of chosen) {
    let returnReason: string | null = null;
    if (a.state === 'returned') {
      const current = (await listSubmissions(ctx, { period: args.period, agency: a.code })).find((s) => s.current);
      returnReason = current?.returnReason ?? null;
    }
    addressees.push({ code: a.code, name: a.name, state: a.state as Addressee['state'], returnReason });
  }

  const planRow = await requirePlan(ctx.db, period.planYear);
  const plan = await loadPlanDetail(ctx.db, planRow);
  const [organization, settings] = await Promise.all([getOrganization(ctx), getSettings(ctx)]);
  const office = organization.standingOfficeCode ? await findAgencyByCode(ctx.db, organization.standingOfficeCode) : undefined;
  const common = {
    organization,
    signer: settings.signer,
    recipients: settings.recipients,
    plan: plan.plan,
    period,
    standingOffice: office?.name ?? null,
    date,
    due: args.due,
  };

  const letters: { addressees: Addressee[]; name: string }[] =
    args.mode === 'each' ? addressees.map((a) => ({ addressees: [a], name: reminderFileName(period.code, a.code) })) : [{ addressees, name: reminderFileName(period.code) }];
  const numbers = numbersFor(args.number || undefined, letters.length);
  const files: FileBytes[] = [];
  for (const [i, letter] of letters.entries()) {
    files.push({ name: letter.name, bytes: await buildReminderLetter({ ...common, addressees: letter.addressees, number: numbers[i] ?? null }) });
  }
  await ctx.db.transaction().execute((trx) =>
    audit(ctx, trx, 'export', 'reminders', args.period, { mode: args.mode, agencies: addressees.map((a) => a.code), due: args.due, number: args.number ?? null }),
  );
  return files;
}

/** "kỳ 6 tháng đầu năm 2022": a period named inside a sentence. */
function inLabel(label: string): string {
  return `kỳ ${inSentence(label)}`;
}
