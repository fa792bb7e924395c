// Vietnamese words for what the counting rule and the rule checks decide, and for how a
// report stands (on time, late, returned, missing; target met or not), one wording per
// concept for the workbooks, the Word documents and the command line. The screens' vi.ts
// repeats them as its own messages (the renderer's catalogue is flat text); a unit test
// holds the two equal, so a word changed here and not there fails the build. Task and
// submission statuses have theirs beside their types, in domain.ts.
import type { CheckRule, DerivedExclusion, FigureState, ReceiptState } from './api';
import { SUBMISSION_STATUS_LABELS, type ReportGaps } from './domain';

/** How an expected agency's report stands for a period (Tiến độ nộp, the missing list, the screens). */
export const RECEIPT_STATE_LABELS: Record<ReceiptState, string> = {
  on_time: 'Đúng hạn',
  late: 'Nộp muộn',
  returned: SUBMISSION_STATUS_LABELS.returned,
  missing: 'Chưa nộp',
};

/**
 * A figure against the plan's target. "Chưa đạt" rather than "Không đạt": most periods
 * are a part of the year, whose target may still be reached.
 */
export const TARGET_LABELS = { met: 'Đạt', notMet: 'Chưa đạt' } as const;

export const FIGURE_STATE_LABELS: Record<FigureState, string> = {
  counted: 'Được tính',
  blank: 'Để trống',
  missing: 'Chưa nộp',
  returned: 'Trả lại để chỉnh sửa, không tính',
  not_reporter: 'Không còn được giao, không tính',
  not_expected: 'Không phải báo cáo kỳ này, không tính',
};

export const CHECK_RULE_LABELS: Record<CheckRule, string> = {
  CUMULATIVE_FALLS: 'Số lũy kế giảm',
  NUMERATOR_ABOVE_DENOMINATOR: 'Tử số lớn hơn mẫu số',
  RATIO_OUT_OF_RANGE: 'Tỷ lệ ngoài 0–100%',
  OUTLIER: 'Chênh lệch bất thường',
  NOT_COUNTED: 'Số liệu không được tính',
};

export const SEVERITY_LABELS = { error: 'Lỗi', warning: 'Cảnh báo' } as const;

export const DERIVED_EXCLUSION_LABELS: Record<DerivedExclusion, string> = {
  no_current: 'chưa có số liệu kỳ này',
  no_earlier: 'không có số liệu kỳ trước',
  earlier_returned: 'báo cáo kỳ trước bị trả lại',
};

/** "18/21 đơn vị": how many of the expected agencies a figure covers. */
export function coverageText(coverage: { reported: number; expected: number }): string {
  return `${coverage.reported}/${coverage.expected} đơn vị`;
}

/** "Đủ", or what a report leaves blank: "Chưa đủ: trống 3 chỉ tiêu, 1 nhiệm vụ". */
export function gapsText(gaps: ReportGaps | null): string {
  if (!gaps) return '';
  if (gaps.indicators.length === 0 && gaps.tasks.length === 0) return 'Đủ';
  const parts = [gaps.indicators.length > 0 ? `${gaps.indicators.length} chỉ tiêu` : '', gaps.tasks.length > 0 ? `${gaps.tasks.length} nhiệm vụ chưa ghi tình trạng` : ''].filter(Boolean);
  return `Chưa đủ: trống ${parts.join(', ')}`;
}
