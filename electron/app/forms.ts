// Report forms (biểu mẫu) for a period: one workbook per agency that owes a report.
import { AppError } from '../../shared/errors';
import type { FileBytes } from '../../shared/api';
import { planForPeriod } from '../../shared/domain';
import { buildReportForm, reportFormFileName } from '../excel/form-writer';
import type { AppContext } from './context';
import { expectedAgencies } from './consolidation';
import { listAgencyRows } from '../../db/queries/agencies';
import { planRowById } from '../../db/queries/consolidation';
import { toAgency } from './agencies';
import { loadPlanDetail } from './plans';
import { requirePeriod, toPeriod } from './periods';
import { getOrganization } from './organization';
import { nowText } from './context';

export async function generateForms(
  ctx: AppContext,
  args: { period: string; agencies?: string[] },
  onProgress?: (done: number, total: number) => void,
): Promise<FileBytes[]> {
  const periodRow = await requirePeriod(ctx.db, args.period);
  const period = toPeriod(periodRow);
  const planRow = await planRowById(ctx.db, periodRow.plan_id);
  // A form asks for what the plan asks of this period (planForPeriod).
  const plan = planForPeriod(await loadPlanDetail(ctx.db, planRow), period);
  const organization = await getOrganization(ctx);
  const expected = expectedAgencies(plan, (await listAgencyRows(ctx.db)).map(toAgency), period);
  let chosen = expected;
  if (args.agencies && args.agencies.length > 0) {
    const unknown = args.agencies.filter((code) => !expected.some((a) => a.code === code));
    if (unknown.length > 0) {
      throw new AppError('UNKNOWN_AGENCY', `Đơn vị ${unknown.join(', ')} không có nhiệm vụ hay chỉ tiêu nào phải báo cáo trong ${period.label}, nên không có biểu mẫu.`);
    }
    chosen = expected.filter((a) => args.agencies?.includes(a.code));
  }
  const generatedAt = nowText(ctx);
  const files: FileBytes[] = [];
  for (const agency of chosen) {
    const bytes = await buildReportForm({ organization, plan, period, agency, generatedAt });
    files.push({ name: reportFormFileName(period.code, agency.code), bytes: new Uint8Array(bytes) });
    onProgress?.(files.length, chosen.length);
  }
  return files;
}
