// Vietnamese words for what the counting rule and the rule checks decide, one wording
// per concept for the workbooks and the command line. The screens' vi.ts repeats them
// as its own messages (the renderer's catalogue is flat text); a unit test holds the two
// equal, so a word changed here and not there fails the build.
import type { CheckRule, DerivedExclusion, FigureState } from './api';
import type { ReportGaps } from './domain';

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
