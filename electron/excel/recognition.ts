// What reading a workbook yields, whichever way it was read (our form through its
// `_meta`, or an agency's own layout through a profile): reports per agency, plus
// every problem found on the way. Readers are pure: the plan, agencies and periods
// come in as a catalog, so no reader touches the database.
import { planForPeriod, type Agency, type Period, type PlanDetail, type TaskReportCells, type TaskReportInput, type ValueInput } from '../../shared/domain';
import type { Problem } from '../../shared/problems';
import { parsePeriodCode, periodLabel } from '../../shared/periods';

export interface ReportCatalog {
  agencies: readonly Agency[];
  periods: readonly Period[];
  /** Plans by year. */
  plans: ReadonlyMap<number, PlanDetail>;
}

/** A period as the clerk reads it ("6 tháng đầu năm 2022"), never its code, in what the import says. */
export function periodWords(catalog: ReportCatalog, code: string): string {
  const stored = catalog.periods.find((p) => p.code === code)?.label;
  if (stored) return stored;
  const slot = parsePeriodCode(code);
  return slot ? periodLabel(slot) : code;
}

/** An agency as the clerk reads it (its name), its code only when it is not in the list. */
export function agencyWords(catalog: ReportCatalog, code: string): string {
  return catalog.agencies.find((a) => a.code === code)?.name ?? code;
}

export interface RecognisedReport {
  agencyCode: string;
  periodCode: string;
  taskReports: (TaskReportInput & { cells?: TaskReportCells })[];
  values: ValueInput[];
}

export interface Recognition {
  readAs: 'form' | 'profile';
  profile: string | null;
  /** Empty when an error stops the reading. */
  reports: RecognisedReport[];
  problems: Problem[];
  /**
   * What a layout profile read, errors or not: for the wizard's preview, which shows the
   * clerk the table as read while an error (two figures for one indicator) stops the import.
   * Never stored.
   */
  asRead?: RecognisedReport[];
}

const periodPlans = new WeakMap<ReportCatalog, Map<string, PlanDetail | undefined>>();

/**
 * What the plan asks of a period (planForPeriod), made once per catalog and period: a
 * batch of a hundred files of one period projects the plan once, whichever reader asks.
 * Undefined for a period the catalog does not have.
 */
export function planOfPeriod(catalog: ReportCatalog, periodCode: string): PlanDetail | undefined {
  let byCode = periodPlans.get(catalog);
  if (!byCode) {
    byCode = new Map();
    periodPlans.set(catalog, byCode);
  }
  if (!byCode.has(periodCode)) {
    const period = catalog.periods.find((p) => p.code === periodCode);
    const plan = period ? catalog.plans.get(period.planYear) : undefined;
    byCode.set(periodCode, period && plan ? planForPeriod(plan, period) : undefined);
  }
  return byCode.get(periodCode);
}
