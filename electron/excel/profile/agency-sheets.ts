// Table shape: one agency per sheet, each sheet laid out like the sample; summary sheets
// ("Tổng hợp", "TH") are passed over, and two sheets of one agency refused, not merged.
import { columnLetters } from '../../../shared/cells';
import { problem, type Problem } from '../../../shared/problems';
import type { LayoutProfile } from '../../../shared/profiles';
import { foldForSearch, nfc } from '../../../shared/text';
import { META_SHEET } from '../form-contract';
import type { RecognisedReport, Recognition } from '../recognition';
import type { ModelSheet, WorkbookModel } from '../workbook-model';
import { MAX_HEADING_TEXT } from './agencies';
import { Grid } from './grid';
import { headerFits } from './sheet-choice';
import { words } from './text';

/** A sheet's name that says it holds totals, not one agency's report: "Tổng hợp", "TH Quý I", "Tổng cộng", "Toàn tỉnh". */
export const SUMMARY_NAME = /(^| )(tong hop|tong cong|toan tinh|th)( |$)/u;

/**
 * A heading line that says so: "TỔNG HỢP SỐ LIỆU CÁC ĐƠN VỊ", "Toàn tỉnh", "TH". An agency's
 * own title often begins "Tổng hợp kết quả…" too: only a summary of several ("… các đơn
 * vị", "… các huyện") counts, never the word alone.
 */
export const SUMMARY_HEADING = /^(tong hop\b.*\bcac (don vi|co quan|huyen|cap uy|nganh|so)\b|tong cong( |$)|toan tinh( |$)|th$)/u;

/** Why a sheet is a summary of several agencies, if it is: its name, or a heading line above the table. */
export function summaryMark(sheet: ModelSheet, profile: LayoutProfile): string | null {
  if (SUMMARY_NAME.test(words(nfc(sheet.name)))) return `tên trang "${sheet.name}"`;
  const grid = new Grid(sheet);
  for (let row = 1; row < profile.headerRows.first; row++) {
    for (const t of grid.rowTexts(row)) {
      if (t.text.length <= MAX_HEADING_TEXT && SUMMARY_HEADING.test(words(t.text))) return `ô ${columnLetters(t.col)}${row} ghi “${t.text}”`;
    }
  }
  return null;
}

/** Whether the profile lists the sheet among those to pass over (`skipSheets`). */
export function listedToSkip(sheet: ModelSheet, profile: LayoutProfile): boolean {
  const name = foldForSearch(nfc(sheet.name)).trim();
  return (profile.skipSheets ?? []).some((s) => foldForSearch(s).trim() === name);
}

/**
 * One sheet per agency: the visible sheets whose header is the sample's (a help sheet is
 * not), and those passed over among them: a sheet the profile lists to skip, and a
 * summary of several agencies ("Tổng hợp", "Toàn tỉnh"), whose totals are no agency's
 * figures even when its heading names one.
 */
export function sheetsOfAgencies(model: WorkbookModel, profile: LayoutProfile): { sheets: ModelSheet[]; summaries: { sheet: ModelSheet; mark: string }[] } {
  const sheets: ModelSheet[] = [];
  const summaries: { sheet: ModelSheet; mark: string }[] = [];
  for (const s of model.sheets) {
    if (s.state !== 'visible' || s.name === META_SHEET || listedToSkip(s, profile) || !headerFits(new Grid(s), profile)) continue;
    const mark = summaryMark(s, profile);
    if (mark) summaries.push({ sheet: s, mark });
    else sheets.push(s);
  }
  return { sheets, summaries };
}

export function sheetsLaidOutAs(model: WorkbookModel, profile: LayoutProfile): ModelSheet[] {
  return sheetsOfAgencies(model, profile).sheets;
}

/** The profile as it reads one of the workbook's sheets. */
export function oneSheet(profile: LayoutProfile, sheet: ModelSheet): LayoutProfile {
  return { ...profile, eachSheet: false, sheet: { name: sheet.name } };
}

/**
 * Each sheet laid out like the sample is its agency's report; two sheets of one agency
 * are refused, not merged. `readSheet` reads the workbook through a profile of one sheet
 * (applyProfile, profile-reader.ts), as a workbook of that one shape is read.
 */
export function applyEachSheet(model: WorkbookModel, profile: LayoutProfile, options: { file: string }, readSheet: (profile: LayoutProfile) => Recognition): Recognition {
  const { sheets, summaries } = sheetsOfAgencies(model, profile);
  const problems: Problem[] = summaries.map(({ sheet, mark }) =>
    problem(
      'SHEET_SUMMARY_SKIPPED',
      'warning',
      `${sheet.name}!A1`,
      `${options.file}: trang "${sheet.name}" là trang tổng hợp (${mark}) nên không được đọc là báo cáo của đơn vị nào. Nếu trang này là báo cáo của một đơn vị, hãy đổi tên trang (và dòng tiêu đề) rồi nhập lại tệp.`,
    ),
  );
  if (sheets.length === 0) {
    // Only summaries: nothing is any agency's report; say so rather than read one as such.
    if (summaries.length > 0) {
      problems.push(problem('PROFILE_NO_DATA', 'error', '', `${options.file}: không có trang nào là báo cáo của một đơn vị theo mẫu bố cục "${profile.name}" (chỉ có trang tổng hợp). Hãy kiểm tra lại tệp.`));
      return { readAs: 'profile', profile: profile.name, reports: [], problems, asRead: [] };
    }
    // No such sheet: read as one sheet, for the refusal that says why.
    return readSheet({ ...profile, eachSheet: false });
  }
  const reports: RecognisedReport[] = [];
  const sheetOf = new Map<string, string>();
  for (const sheet of sheets) {
    const read = readSheet(oneSheet(profile, sheet));
    problems.push(...read.problems);
    for (const report of read.asRead ?? read.reports) {
      const earlier = sheetOf.get(report.agencyCode);
      if (earlier !== undefined) {
        problems.push(problem('SHEET_AGENCY_DUPLICATE', 'error', `${sheet.name}!A1`, `${options.file}: trang "${sheet.name}" và trang "${earlier}" cùng là báo cáo của ${report.agencyCode}. Hãy kiểm tra lại tệp.`));
        continue;
      }
      sheetOf.set(report.agencyCode, sheet.name);
      reports.push(report);
    }
  }
  const blocking = problems.some((p) => p.severity === 'error' && p.remedy !== 'correct');
  if (blocking && reports.length > 0) {
    // The sheets that were read are not taken in either: one workbook is taken whole or not at all.
    const read = [...sheetOf.values()].map((n) => `"${n}"`).join(', ');
    problems.push(
      problem(
        'SHEETS_NOT_TAKEN',
        'warning',
        '',
        `${options.file}: các trang ${read} đọc được số liệu, nhưng vì lỗi nêu trên nên chưa trang nào của tệp được nhận. Hãy sửa lỗi đó (hoặc xóa khỏi tệp trang không phải báo cáo của đơn vị nào) rồi nhập lại tệp.`,
      ),
    );
  }
  return { readAs: 'profile', profile: profile.name, reports: blocking ? [] : reports, problems, asRead: reports };
}
