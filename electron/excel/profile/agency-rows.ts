// Table shape: one agency per row (the agency column names it), one indicator per column.
import { columnLetters, columnNumber } from '../../../shared/cells';
import type { Agency, Indicator, PlanDetail } from '../../../shared/domain';
import { problem, type Problem } from '../../../shared/problems';
import type { LayoutProfile } from '../../../shared/profiles';
import { agencyNamedBy } from './agencies';
import type { Grid } from './grid';
import { type Found, indicatorMatcher, roleOf, rowSkipper, type Table } from './matching';

/** Reads the table of an agency-rows profile: a row per agency, a column per indicator. */
export function readAgencyRows(grid: Grid, profile: LayoutProfile, plan: PlanDetail, agencies: readonly Agency[], file: string): Table {
  const layout = profile.layout;
  if (layout.kind !== 'agency-rows') throw new Error('not an agency-rows profile');
  const sheet = grid.sheet;
  const { first, last } = profile.headerRows;
  const problems: Problem[] = [];
  const agencyCol = columnNumber(layout.agencyColumn);
  const matcher = indicatorMatcher(profile, plan);
  const skipped = rowSkipper(profile);
  const candidates = layout.columns?.map(columnNumber) ?? Array.from({ length: Math.max(0, grid.lastCol - agencyCol) }, (_, i) => agencyCol + 1 + i);
  const byColumn: { col: number; indicator: Indicator }[] = [];
  for (const col of candidates) {
    const indicator = grid
      .namingHeaders(col, first, last)
      .map((h) => matcher(h.text))
      .find((i) => i !== undefined);
    if (indicator) byColumn.push({ col, indicator });
    else if (layout.columns) {
      const shown = grid.namingHeaders(col, first, last)[0];
      problems.push(
        problem(
          'INDICATOR_COLUMN_UNMATCHED',
          'warning',
          `${sheet.name}!${shown?.address ?? `${columnLetters(col)}${last}`}`,
          `${file}: cột ${columnLetters(col)}${shown ? ` ("${shown.text}")` : ''} không khớp chỉ tiêu nào của kế hoạch và đã được bỏ qua. Nếu cần, hãy xác nhận cột này trong mẫu bố cục.`,
        ),
      );
    }
  }
  if (byColumn.length === 0) {
    problems.push(
      problem(
        'INDICATOR_COLUMNS_NOT_FOUND',
        'error',
        `${sheet.name}!A${first}`,
        `${file}: không có cột nào ở dòng tiêu đề ${first}–${last} của trang "${sheet.name}" mang tên hoặc mã của một chỉ tiêu trong kế hoạch. Tệp có thể đã đổi cách trình bày; hãy cập nhật mẫu bố cục.`,
      ),
    );
  }

  const found: Found[] = [];
  const unmatched: Table['unmatched'] = [];
  let matchedRows = 0;
  const lastRow = profile.lastRow ?? grid.lastRow;
  for (let row = last + 1; row <= lastRow; row++) {
    const label = grid.text(agencyCol, row);
    if (label && skipped(label) !== null) continue;
    const agency = label ? agencyNamedBy(label, agencies) : null;
    if (!agency) {
      const role = roleOf(grid, row, agencyCol, profile);
      if (role.end) break;
      if (label && !role.passOver && byColumn.some((c) => grid.hasValue(c.col, row))) unmatched.push({ row, label });
      continue;
    }
    if (byColumn.length > 0) matchedRows++;
    for (const c of byColumn) found.push({ agency, indicator: c.indicator, cell: grid.at(c.col, row), address: `${columnLetters(c.col)}${row}` });
  }
  return { found, unmatched, problems, matchedRows };
}
