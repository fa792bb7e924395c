// The workbooks the office sends on: the consolidated workbook of a period and the
// list of agencies that have not reported. Figures come from the same consolidation
// the screen and the CLI show, so the file and the screen cannot disagree.
import type { FileBytes, ParsedArgsOf } from '../../shared/api';
import { planForPeriod } from '../../shared/domain';
import { buildPlanWorkbook, planFileName } from '../excel/plan-writer';
import { buildConsolidatedWorkbook, buildMissingListWorkbook, consolidatedFileName, missingListFileName } from '../excel/consolidated-writer';
import { listAgencyRows } from '../../db/queries/agencies';
import { audit, nowText, type AppContext } from './context';
import { toAgency } from './agencies';
import { getCompleteness, getConsolidation } from './consolidation';
import { getOrganization } from './organization';
import { getSettings } from './settings';
import { loadPlanDetail, requirePlan } from './plans';

export async function exportConsolidated(ctx: AppContext, args: ParsedArgsOf<'exports.consolidated'>): Promise<FileBytes> {
  const consolidation = await getConsolidation(ctx, { period: args.period });
  const plan = planForPeriod(await loadPlanDetail(ctx.db, await requirePlan(ctx.db, consolidation.period.planYear)), consolidation.period);
  const [organization, settings, agencies] = await Promise.all([getOrganization(ctx), getSettings(ctx), listAgencyRows(ctx.db).then((rows) => rows.map(toAgency))]);
  const documentNumber = args.number?.trim() || null;
  const bytes = await buildConsolidatedWorkbook({ organization, plan, consolidation, agencies, settings, documentNumber, documentDate: args.date ?? null, generatedAt: nowText(ctx) });
  await ctx.db
    .transaction()
    .execute((trx) => audit(ctx, trx, 'export', 'consolidation', args.period, { indicators: consolidation.indicators.length, documentNumber, documentDate: args.date ?? null }));
  return { name: consolidatedFileName(args.period), bytes: new Uint8Array(bytes) };
}

export async function exportMissing(ctx: AppContext, args: { period: string }): Promise<FileBytes> {
  // The completeness carries each agency's contact person and phone, for the clerk who chases.
  const completeness = await getCompleteness(ctx, args);
  const plan = planForPeriod(await loadPlanDetail(ctx.db, await requirePlan(ctx.db, completeness.period.planYear)), completeness.period);
  const bytes = await buildMissingListWorkbook({ organization: await getOrganization(ctx), plan, completeness, generatedAt: nowText(ctx) });
  return { name: missingListFileName(args.period), bytes: new Uint8Array(bytes) };
}

export async function exportPlan(ctx: AppContext, args: { year?: number }): Promise<FileBytes> {
  const plan = await loadPlanDetail(ctx.db, await requirePlan(ctx.db, args.year));
  const agencies = (await listAgencyRows(ctx.db)).map(toAgency);
  const bytes = await buildPlanWorkbook({ organization: await getOrganization(ctx), plan, agencies, generatedAt: nowText(ctx) });
  return { name: planFileName(plan.plan.year), bytes: new Uint8Array(bytes) };
}
