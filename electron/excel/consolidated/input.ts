// What the consolidated workbook and the missing list are built from, and the names of
// their sheets (tests and the round trip find them by these names).
import type { Completeness, Consolidation } from '../../../shared/api';
import type { Agency, Organization, PlanDetail } from '../../../shared/domain';
import type { Settings } from '../../../shared/settings';

export const CONSOLIDATED_SHEETS = {
  summary: 'Tổng hợp',
  byAgency: 'Theo đơn vị',
  statuses: 'Tình trạng nhiệm vụ',
  narratives: 'Nội dung',
  receipts: 'Tiến độ nộp',
  checks: 'Kiểm tra số liệu',
} as const;

export const MISSING_SHEET = 'Đơn vị chưa nộp';

export interface ConsolidatedInput {
  organization: Organization;
  plan: PlanDetail;
  consolidation: Consolidation;
  /** The agencies on record, for the groups "Theo đơn vị" prints a page at a time. */
  agencies: readonly Agency[];
  /** Who signs the workbook, and its "Nơi nhận:" (Cài đặt). */
  settings: Pick<Settings, 'signer' | 'recipients'>;
  /** The report's number and symbol ("45-BC/BCĐ"); null leaves a blank before "-BC/BCĐ" for the clerk to write in. */
  documentNumber: string | null;
  /** ISO date of the report, for the place-and-date line; null: the day it is written. */
  documentDate: string | null;
  /** ISO date-time; its date goes on the heading's place-and-date line when no date is given. */
  generatedAt: string;
}

export interface MissingListInput {
  organization: Organization;
  plan: PlanDetail;
  /** With each agency's contact person and phone, for the clerk who chases. */
  completeness: Completeness;
  generatedAt: string;
}
