// Reading a workbook in an agency's own layout through a saved layout profile
// (excel.md §3). Rows find their indicator by code, by name (diacritics, case, tone
// placement, numbering and punctuation ignored) or by a confirmed row label; the agency
// is fixed, named in a heading cell, or one per column or row. Header texts are found
// through merges and multi-row headers (a column-number row such as "(1)", "(2)" under
// the header is passed over). Spacer rows, group rows ("I", "II"), total rows ("Tổng
// cộng") and notes and signatures under the table are passed over, and a workbook with
// the app's own `_meta` sheet is never read through a profile.
//
// One module per job (profile/): the texts and keys compared (text), the sheet as a grid
// (grid), agency names (agencies), the matching every table shape shares (matching),
// which sheet is the profile's (sheet-choice), the period (period), one module per table
// shape (indicator-rows, agency-rows, agency-sheets), the fit recognition ranks by (fit)
// and the wizard's view (wizard-view). This one reads a workbook through a profile.
import type { ValueInput } from '../../shared/domain';
import { formatNumber } from '../../shared/numbers';
import { aboutField, problem, type Problem } from '../../shared/problems';
import type { LayoutProfile } from '../../shared/profiles';
import { foldForSearch } from '../../shared/text';
import { readIndicatorCell } from './cell-values';
import { META_SHEET } from './form-contract';
import { applyEachSheet } from './profile/agency-sheets';
import { readTable, rowsMatchPlans, structureProblems } from './profile/fit';
import { Grid } from './profile/grid';
import { resolvePeriod } from './profile/period';
import { selectSheet } from './profile/sheet-choice';
import { NOTHING, text } from './profile/text';
import { planOfPeriod, type RecognisedReport, type Recognition, type ReportCatalog } from './recognition';
import { findSheet, type WorkbookModel } from './workbook-model';

export { agencyNamedBy } from './profile/agencies';
export { profileFit, profileMatches, profileSheetFound, type ProfileFit } from './profile/fit';
export { leadingText, rowSkipKey, rowSkipper } from './profile/matching';
export { periodTextOn } from './profile/period';
export { normaliseLabel, shownText } from './profile/text';
export { describeAgencyRows, describeProfileRows, type AgencyRowReading, type ProfileColumnReading, type ProfileRowReading, type ProfileTableReading } from './profile/wizard-view';

/**
 * Reads a workbook through a layout profile: the profile's sheet (each sheet of an
 * agency-per-sheet profile), its period, and the figures of each agency found there.
 */
export function applyProfile(model: WorkbookModel, profile: LayoutProfile, catalog: ReportCatalog, options: { file: string; period?: string }): Recognition {
  if (profile.eachSheet && !findSheet(model, META_SHEET)) return applyEachSheet(model, profile, options, (one) => applyProfile(model, one, catalog, options));
  const file = options.file;
  const done = (reports: RecognisedReport[], problems: Problem[]): Recognition => ({ readAs: 'profile', profile: profile.name, reports, problems });
  if (findSheet(model, META_SHEET)) {
    return done([], [problem('PROFILE_ON_FORM', 'error', '', `${file}: đây là biểu mẫu của ứng dụng (có trang "${META_SHEET}"), không đọc theo mẫu bố cục "${profile.name}". Hãy nhập tệp này mà không chọn mẫu bố cục.`)]);
  }
  const sheet = selectSheet(model, profile, false, rowsMatchPlans(profile, catalog, options.period));
  if (!sheet) {
    const named = profile.sheet.name ? ` (trang "${profile.sheet.name}"${profile.sheet.containsText ? `, hoặc trang có dòng chữ “${profile.sheet.containsText}”` : ''})` : '';
    return done([], [problem('PROFILE_SHEET_MISSING', 'error', '', `${file}: không tìm thấy trang tính mà mẫu bố cục "${profile.name}" mô tả${named}. Tệp có thể không theo mẫu này; hãy chọn đúng mẫu bố cục hoặc cập nhật mẫu.`)]);
  }
  const grid = new Grid(sheet);
  const period = resolvePeriod(grid, profile, options.period, catalog, file);
  if (!period.code) return done([], period.problems);
  // Rows are matched against what the plan asks of this period: an indicator retired after it began still counts.
  const plan = planOfPeriod(catalog, period.code);
  if (!plan) return done([], [problem('UNKNOWN_PERIOD', 'error', '', `${file}: kỳ ${period.code} không thuộc kế hoạch nào.`)]);
  const { first, last } = profile.headerRows;
  const table = readTable(grid, profile, plan, catalog.agencies, file);
  const problems: Problem[] = [...period.problems, ...structureProblems(grid, profile, plan, catalog.agencies, file), ...table.problems];

  if (table.unmatched.length > 0) {
    const layout = profile.layout;
    const keyLetters = layout.kind === 'indicator-rows' ? layout.keyColumn : layout.agencyColumn;
    const what = layout.kind === 'indicator-rows' ? 'chỉ tiêu' : 'đơn vị';
    const listed = table.unmatched
      .slice(0, 5)
      .map((u) => `${u.row} ("${u.label}")`)
      .join(', ');
    problems.push(
      problem(
        'ROW_UNMATCHED',
        'warning',
        `${sheet.name}!${keyLetters}${table.unmatched[0]?.row ?? first}`,
        `${file}, trang "${sheet.name}": ${table.unmatched.length} dòng có số liệu nhưng không khớp ${what} nào và đã được bỏ qua: dòng ${listed}${table.unmatched.length > 5 ? ', …' : ''}. Nếu cần, hãy xác nhận các dòng này trong mẫu bố cục.`,
      ),
    );
  }

  const byAgency = new Map<string, ValueInput[]>();
  for (const f of table.found) {
    const sourceCell = `${sheet.name}!${f.address}`;
    // A ratio is the app's to compute from its numerator and denominator, whatever the file says.
    if (f.indicator.aggregation === 'ratio') continue;
    const cell = f.cell && f.cell.type !== 'formula' && NOTHING.test(foldForSearch(text(f.cell))) ? undefined : f.cell;
    const read = readIndicatorCell(cell, f.indicator, { sheet: sheet.name, address: f.address, date1904: model.date1904 });
    // A matrix of every agency and indicator is normal in such workbooks: figures an agency does not owe are passed over.
    if (!f.indicator.reporters.includes(f.agency.code)) {
      if (read.value !== null && read.value !== 0) {
        problems.push(problem('NOT_A_REPORTER', 'warning', sourceCell, `${file}, ${sourceCell}: ${f.agency.code} không được giao chỉ tiêu ${f.indicator.code}; số liệu ô này được bỏ qua.`));
      }
      continue;
    }
    const list = byAgency.get(f.agency.code) ?? [];
    const earlier = list.find((v) => v.indicatorCode === f.indicator.code);
    if (earlier) {
      const figure = read.kind === 'text' || read.kind === 'integer' || read.kind === 'decimal' ? read.value : null;
      const before = earlier.number ?? earlier.text ?? null;
      const shown = (v: string | number | null) => (v === null ? 'trống' : typeof v === 'number' ? `“${formatNumber(v, 'decimal')}”` : `“${v}”`);
      if (figure === null || figure === before) {
        // The same figure twice (or a blank second): nothing to choose between.
        problems.push(
          problem(
            'ROW_DUPLICATE',
            'warning',
            sourceCell,
            `${file}, ${sourceCell}: chỉ tiêu ${f.indicator.code} của ${f.agency.code} đã được đọc ở ô ${earlier.sourceCell ?? ''}; ô này được bỏ qua. Hãy kiểm tra lại tệp hoặc xác nhận dòng này trong mẫu bố cục.`,
          ),
        );
      } else {
        // Two rows give one indicator two figures (typically a sub-row "- Số vụ … đã giải quyết"
        // named like the indicator, above or below its real row): which is the figure cannot be
        // told, and taking the first would store a wrong one. The file waits for the clerk.
        const at = (ref: string | undefined) => (ref ?? '').replace(/^.*!/u, '');
        problems.push(
          problem(
            'ROW_DUPLICATE',
            'error',
            sourceCell,
            `${file}, trang "${sheet.name}": hai dòng cùng cho chỉ tiêu ${f.indicator.code} của ${f.agency.name} hai số khác nhau: ô ${at(earlier.sourceCell ?? undefined)} ghi ${shown(before)}, ô ${f.address} ghi ${shown(figure)}. Chưa biết số nào đúng nên tệp chưa được nhận. Trong Mẫu bố cục, hãy mở mẫu "${profile.name}" (Sửa) và đánh dấu "bỏ qua" cho dòng không phải chỉ tiêu này (dòng con, "Trong đó"), hoặc xác nhận đúng chỉ tiêu cho từng dòng.`,
          ),
        );
      }
      continue;
    }
    problems.push(...read.problems.map((p) => aboutField(p, `indicator:${f.indicator.code}`, f.agency.code)));
    if (read.kind === 'text') list.push({ indicatorCode: f.indicator.code, number: null, text: read.value, sourceCell });
    else if (read.kind === 'integer' || read.kind === 'decimal') list.push({ indicatorCode: f.indicator.code, number: read.value, sourceCell });
    byAgency.set(f.agency.code, list);
  }
  if (byAgency.size === 0 && !problems.some((p) => p.severity === 'error')) {
    problems.push(problem('PROFILE_NO_DATA', 'error', `${sheet.name}!A${last + 1}`, `${file}, trang "${sheet.name}": không đọc được số liệu nào theo mẫu bố cục "${profile.name}". Hãy kiểm tra lại trang này của tệp hoặc mẫu bố cục.`));
  }
  const reports = [...byAgency.entries()].map(([agencyCode, values]) => ({ agencyCode, periodCode: period.code as string, taskReports: [], values }));
  // A cell the office may correct leaves the reports readable, so the clerk can give its value;
  // any other error means the table was not read as the profile says.
  const blocking = problems.some((p) => p.severity === 'error' && p.remedy !== 'correct');
  return { ...done(blocking ? [] : reports, problems), asRead: reports };
}
