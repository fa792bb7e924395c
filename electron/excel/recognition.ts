// What reading a workbook yields, whichever way it was read (our form through its
// `_meta`, or an agency's own layout through a profile): reports per agency, plus
// every problem found on the way. Readers are pure: the plan, agencies and periods
// come in as a catalog, so no reader touches the database.
import type { Agency, Period, PlanDetail, TaskReportInput, ValueInput } from '../../shared/domain';
import type { Problem } from '../../shared/problems';

export interface ReportCatalog {
  agencies: readonly Agency[];
  periods: readonly Period[];
  /** Plans by year. */
  plans: ReadonlyMap<number, PlanDetail>;
}

export interface RecognisedReport {
  agencyCode: string;
  periodCode: string;
  taskReports: TaskReportInput[];
  values: ValueInput[];
}

export interface Recognition {
  readAs: 'form' | 'profile';
  profile: string | null;
  /** Empty when an error stops the reading. */
  reports: RecognisedReport[];
  problems: Problem[];
}
