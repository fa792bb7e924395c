// The workbooks the office sends on: the consolidated workbook of a period and the
// list of agencies that have not reported. Figures come from the same consolidation
// the screen and the CLI show, so the file and the screen cannot disagree.
import type { FileBytes, ParsedArgsOf } from '../../shared/api';
import { buildPlanWorkbook, planFileName } from '../excel/plan-writer';
import { buildConsolidatedWorkbook, buildMissingListWorkbook, consolidatedFileName, missingListFileName } from '../excel/consolidated-writer';
import { listAgencyRows } from '../../db/queries/agencies';
import { audit, nowText, type AppContext } from './context';
import { toAgency } from './agencies';
import { consolidatePeriod, periodBasis } from './consolidation';
import { completenessOf } from './counting';
import { getOrganization } from './organization';
import { getSettings } from './settings';
import { loadPlanDetail, requirePlan } from './plans';

export async function exportConsolidated(ctx: AppContext, args: ParsedArgsOf<'exports.consolidated'>): Promise<FileBytes> {
  // The plan as it stood for the period and the agencies, as the consolidation counted with them.
  const { consolidation, basis } = await consolidatePeriod(ctx, { period: args.period });
  const { plan } = basis;
  const agencies = [...basis.agencies.values()];
  const [organization, settings] = await Promise.all([getOrganization(ctx), getSettings(ctx)]);
  const documentNumber = args.number?.trim() || null;
  const bytes = await buildConsolidatedWorkbook({ organization, plan, consolidation, agencies, settings, documentNumber, documentDate: args.date ?? null, generatedAt: nowText(ctx) });
  await ctx.db
    .transaction()
    .execute((trx) => audit(ctx, trx, 'export', 'consolidation', args.period, { indicators: consolidation.indicators.length, documentNumber, documentDate: args.date ?? null }));
  return { name: consolidatedFileName(args.period), bytes: new Uint8Array(bytes) };
}

export async function exportMissing(ctx: AppContext, args: { period: string }): Promise<FileBytes> {
  // The completeness carries each agency's contact person and phone, for the clerk who chases.
  const basis = await periodBasis(ctx, args.period);
  const completeness = completenessOf(basis);
  const { plan } = basis;
  const bytes = await buildMissingListWorkbook({ organization: await getOrganization(ctx), plan, completeness, generatedAt: nowText(ctx) });
  return { name: missingListFileName(args.period), bytes: new Uint8Array(bytes) };
}

export async function exportPlan(ctx: AppContext, args: { year?: number }): Promise<FileBytes> {
  const plan = await loadPlanDetail(ctx.db, await requirePlan(ctx.db, args.year));
  const agencies = (await listAgencyRows(ctx.db)).map(toAgency);
  const bytes = await buildPlanWorkbook({ organization: await getOrganization(ctx), plan, agencies, generatedAt: nowText(ctx) });
  return { name: planFileName(plan.plan.year), bytes: new Uint8Array(bytes) };
}
