// How the counting rule's answers read on screen: coverage, a comparison over other
// agencies, a derived quarter's left-out agencies, an office correction, the checks'
// tally; and the screens' words agree with shared/labels.ts, so the workbook, the
// command line and the screens say the same thing.
import { describe, expect, it } from 'vitest';
import type { ComparedFigure, DerivedFigure, RuleCheck } from '../../shared/api';
import { CHECK_RULE_LABELS, DERIVED_EXCLUSION_LABELS, FIGURE_STATE_LABELS, RECEIPT_STATE_LABELS, SEVERITY_LABELS, TARGET_LABELS, coverageText, gapsText } from '../../shared/labels';
import { SUBMISSION_STATUS_LABELS, TASK_STATUS_LABELS } from '../../shared/domain';
import { translate, type Translate } from '../../renderer/i18n/index';
import { vi as viMessages, type MessageKey } from '../../renderer/i18n/vi';
import { actedBy, checkLevel, correctionText, coverageLabel, derivedLines, gapsLabel, isMismatch, isShort, leftByReason, mismatchLines, tallyChecks } from '../../renderer/lib/coverage';

const vi: Translate = (key, params) => translate('vi', key, params);
const en: Translate = (key, params) => translate('en', key, params);

const names = new Map([
  ['CA', 'Công an tỉnh'],
  ['STP', 'Sở Tư pháp'],
  ['HU-BS', 'Huyện ủy Bắc Sơn'],
  ['HU-CL', 'Huyện ủy Chi Lăng'],
  ['DLS', 'Đoàn Luật sư tỉnh'],
]);

describe('the words of the counting rule', () => {
  it('are the words of shared/labels.ts', () => {
    for (const [state, label] of Object.entries(FIGURE_STATE_LABELS)) expect(viMessages[`figureState.${state}` as MessageKey]).toBe(label);
    for (const [rule, label] of Object.entries(CHECK_RULE_LABELS)) expect(viMessages[`checkRule.${rule}` as MessageKey]).toBe(label);
    for (const [reason, label] of Object.entries(DERIVED_EXCLUSION_LABELS)) expect(viMessages[`derivedExclusion.${reason}` as MessageKey]).toBe(label);
    expect(vi('cons.severity.error')).toBe(SEVERITY_LABELS.error);
    expect(vi('cons.severity.warning')).toBe(SEVERITY_LABELS.warning);
    expect(coverageLabel(vi, { reported: 18, expected: 21 })).toBe(coverageText({ reported: 18, expected: 21 }));
    for (const gaps of [null, { indicators: [], tasks: [] }, { indicators: ['NV1.01', 'NV2.01', 'NV2.02'], tasks: ['NV1'] }, { indicators: [], tasks: ['NV1', 'NV2'] }]) {
      expect(gapsLabel(vi, gaps)).toBe(gapsText(gaps));
    }
    // English says the noun in its form for the number.
    expect(gapsLabel(en, { indicators: ['NV1.01'], tasks: [] })).toBe('Incomplete: 1 indicator blank');
    expect(gapsLabel(en, { indicators: ['NV1.01', 'NV2.01'], tasks: ['NV1'] })).toMatch(/^Incomplete: 2 indicators.*1 task status\b/u);
  });

  it('say how a report stands in the words of the workbooks and documents: receipt states, statuses, targets', () => {
    for (const [state, label] of Object.entries(RECEIPT_STATE_LABELS)) expect(viMessages[`receipt.${state}` as MessageKey], state).toBe(label);
    for (const [status, label] of Object.entries(SUBMISSION_STATUS_LABELS)) expect(viMessages[`submissionStatus.${status}` as MessageKey], status).toBe(label);
    for (const [status, label] of Object.entries(TASK_STATUS_LABELS)) expect(viMessages[`taskStatus.${status}` as MessageKey], status).toBe(label);
    expect(vi('target.met')).toBe(TARGET_LABELS.met);
    expect(vi('target.notMet')).toBe(TARGET_LABELS.notMet);
    // A returned report reads the same wherever it shows: its receipt state is its submission status.
    expect(RECEIPT_STATE_LABELS.returned).toBe(SUBMISSION_STATUS_LABELS.returned);
  });
});

describe('coverage and comparisons', () => {
  const lastYear: ComparedFigure = {
    periodCode: '2021-H1',
    label: '6 tháng đầu năm 2021',
    value: 40,
    derived: false,
    coverage: { reported: 3, expected: 7, agencies: ['CA', 'STP', 'DLS'] },
    onlyHere: ['HU-BS'],
    onlyThere: ['DLS'],
  };

  it('says a figure is short of its agencies, and names the agencies only one of two figures has', () => {
    expect(isShort({ reported: 18, expected: 21 })).toBe(true);
    expect(isShort({ reported: 21, expected: 21 })).toBe(false);
    expect(isMismatch(lastYear)).toBe(true);
    expect(isMismatch({ ...lastYear, onlyHere: [], onlyThere: [] })).toBe(false);
    expect(isMismatch(null)).toBe(false);
    expect(mismatchLines(vi, names, lastYear)).toEqual(['Không cùng các đơn vị với kỳ này', 'Chỉ kỳ này có: Huyện ủy Bắc Sơn', 'Chỉ 6 tháng đầu năm 2021 có: Đoàn Luật sư tỉnh']);
    // An agency the list does not know (deleted, renamed) still shows, as its code.
    expect(mismatchLines(vi, names, { ...lastYear, onlyHere: ['XYZ'], onlyThere: [] })).toEqual(['Không cùng các đơn vị với kỳ này', 'Chỉ kỳ này có: XYZ']);
    expect(mismatchLines(vi, names, { ...lastYear, onlyHere: [], onlyThere: [] })).toEqual([]);
  });

  it('says what a derived quarter covers, why agencies are out, and who counts from zero', () => {
    const q2: DerivedFigure = {
      periodCode: '2022-Q2',
      label: 'Quý II năm 2022',
      value: 94,
      derived: true,
      quarter: 2,
      fromPeriod: '2022-Q1',
      fromLabel: 'Quý I năm 2022',
      coverage: { reported: 15, expected: 20, agencies: [] },
      fromZero: ['STP'],
      left: [
        { code: 'DLS', reason: 'no_current' },
        { code: 'HU-BS', reason: 'no_earlier' },
        { code: 'CA', reason: 'no_current' },
        { code: 'HU-CL', reason: 'earlier_returned' },
      ],
    };
    expect(leftByReason(vi, names, q2)).toEqual([
      { reason: 'Chưa có số liệu kỳ này', names: 'Đoàn Luật sư tỉnh, Công an tỉnh' },
      { reason: 'Không có số liệu kỳ trước', names: 'Huyện ủy Bắc Sơn' },
      { reason: 'Báo cáo kỳ trước bị trả lại', names: 'Huyện ủy Chi Lăng' },
    ]);
    expect(derivedLines(vi, names, q2)).toEqual([
      'Tính trên 15/20 đơn vị có số liệu được tính ở cả hai kỳ.',
      'Không tính 4 đơn vị:',
      'Chưa có số liệu kỳ này: Đoàn Luật sư tỉnh, Công an tỉnh',
      'Không có số liệu kỳ trước: Huyện ủy Bắc Sơn',
      'Báo cáo kỳ trước bị trả lại: Huyện ủy Chi Lăng',
      'Tính từ 0 (đơn vị chưa có ở Quý I năm 2022): Sở Tư pháp',
    ]);
    expect(derivedLines(vi, names, { ...q2, left: [], fromZero: [], coverage: { reported: 20, expected: 20, agencies: [] } })).toEqual(['Tính trên 20/20 đơn vị có số liệu được tính ở cả hai kỳ.']);
  });
});

describe('corrections and checks', () => {
  it('reads an office correction with what the file said, the note, when and who', () => {
    const correction = {
      field: 'indicator:NV2.06',
      cell: 'Báo cáo!E25',
      fileText: '15 phiên',
      number: 15,
      text: null,
      note: 'Theo điện thoại với đ/c Hoàng Văn Nam ngày 20/06/2022',
      at: '2022-06-25T09:05:00',
      by: { osUser: 'vanphong', clerk: 'Nguyễn Thị Lan', role: null },
    };
    expect(correctionText(vi, correction)).toBe('Tệp ghi: “15 phiên” · Ghi chú: Theo điện thoại với đ/c Hoàng Văn Nam ngày 20/06/2022 · ngày 25/06/2022 09:05 · người sửa Nguyễn Thị Lan (tài khoản máy vanphong)');
    expect(correctionText(vi, { ...correction, fileText: '', by: { osUser: null, clerk: null, role: null } })).toBe('Tệp để trống · Ghi chú: Theo điện thoại với đ/c Hoàng Văn Nam ngày 20/06/2022 · ngày 25/06/2022 09:05');
    expect(actedBy(vi, { osUser: 'vanphong', clerk: null, role: null })).toBe('vanphong');
    // On a shared server the server account is the one that names the clerk.
    expect(actedBy(vi, { osUser: 'vanphong', clerk: 'Lan', role: 'vanthu_lan' })).toBe('Lan (tài khoản máy chủ dữ liệu vanthu_lan)');
  });

  it('counts open errors, accepted errors and warnings apart', () => {
    const base: RuleCheck = { rule: 'CUMULATIVE_FALLS', severity: 'error', period: '2022-H1', agency: 'CA', indicator: 'NV2.02', against: '2022-Q2', figures: { value: 40, other: 55 }, cell: 'Báo cáo!E28', message: '…', accepted: null };
    const accepted = { ...base, accepted: { reason: 'Loại vụ trùng', at: '2022-06-25T09:00:00', by: { osUser: null, clerk: 'Lan', role: null } } };
    const warning: RuleCheck = { ...base, rule: 'NOT_COUNTED', severity: 'warning' };
    expect(tallyChecks([base, accepted, warning, warning])).toEqual({ open: 1, accepted: 1, warnings: 2 });
    expect([base, accepted, warning].map(checkLevel)).toEqual(['error', 'accepted', 'warning']);
  });
});
