// Table shape: one indicator per row (the key column names it), the agency fixed, named
// in a heading cell, or one per column.
import { columnLetters, columnNumber } from '../../../shared/cells';
import type { Agency, PlanDetail } from '../../../shared/domain';
import { problem, type Problem } from '../../../shared/problems';
import type { LayoutProfile } from '../../../shared/profiles';
import { agencyNamedBy, otherAgencyHeading } from './agencies';
import type { Grid } from './grid';
import { ambiguousSkips, columnHeadedBy, findValueColumn, type Found, indicatorMatcher, leadingText, roleOf, rowSkipper, type Table } from './matching';
import { parseAddress } from './text';

/** Reads the table of an indicator-rows profile: a row per indicator, a value column per agency. */
export function readIndicatorRows(grid: Grid, profile: LayoutProfile, plan: PlanDetail, agencies: readonly Agency[], file: string): Table {
  const layout = profile.layout;
  if (layout.kind !== 'indicator-rows') throw new Error('not an indicator-rows profile');
  const sheet = grid.sheet;
  const { first, last } = profile.headerRows;
  const problems: Problem[] = [];
  const columns: { agency: Agency; col: number }[] = [];

  if (layout.agency.mode === 'columns') {
    for (const letters of layout.agency.columns) {
      const col = columnNumber(letters);
      const headers = grid.namingHeaders(col, first, last);
      const agency = headers.map((h) => agencyNamedBy(h.text, agencies)).find((a) => a !== null) ?? null;
      if (agency) {
        columns.push({ agency, col });
        continue;
      }
      const shown = headers[0];
      const where = `${sheet.name}!${shown?.address ?? `${letters}${last}`}`;
      problems.push(
        problem(
          'AGENCY_NOT_FOUND',
          'error',
          where,
          shown
            ? `${file}, ${where}: "${shown.text}" không khớp đơn vị nào (hoặc khớp nhiều đơn vị). Hãy ghi đúng tên đơn vị ở dòng tiêu đề, hoặc sửa mẫu bố cục.`
            : `${file}, ${where}: cột ${letters} không có tên đơn vị ở dòng tiêu đề ${first}–${last}. Hãy ghi tên đơn vị, hoặc sửa mẫu bố cục.`,
        ),
      );
    }
  } else {
    let agency: Agency | null = null;
    if (layout.agency.mode === 'fixed') {
      const code = layout.agency.code;
      agency = agencies.find((a) => a.code === code) ?? null;
      if (!agency) problems.push(problem('AGENCY_NOT_FOUND', 'error', '', `${file}: mẫu bố cục "${profile.name}" ghi đơn vị mã "${code}" nhưng không có đơn vị này. Hãy sửa mẫu bố cục.`));
      const other = agency ? otherAgencyHeading(grid, profile, agencies) : null;
      if (agency && other) {
        const where = `${sheet.name}!${other.address}`;
        problems.push(
          problem(
            'AGENCY_MISMATCH',
            'error',
            where,
            `${file}, trang "${sheet.name}": ô ${other.address} ghi “${other.text}”, không phải ${agency.name} của mẫu bố cục "${profile.name}". Tệp này có vẻ là báo cáo của ${other.agency.name}, nên không được đọc thành báo cáo của ${agency.name}. Hãy đọc tệp theo mẫu bố cục của ${other.agency.name} (nếu chưa có, tạo mẫu cho đơn vị này trong Mẫu bố cục; ở dòng lệnh: --profile "tên mẫu"); nếu tệp đúng là của ${agency.name}, hãy đề nghị đơn vị sửa ô ${other.address} rồi gửi lại.`,
          ),
        );
      }
    } else if (layout.agency.mode === 'sheet') {
      agency = agencyNamedBy(sheet.name, agencies);
      if (!agency) {
        problems.push(
          problem('AGENCY_NOT_FOUND', 'error', `${sheet.name}!A1`, `${file}: tên trang tính "${sheet.name}" không khớp đơn vị nào (hoặc khớp nhiều đơn vị). Hãy đặt tên trang là tên hoặc mã đơn vị, hoặc sửa mẫu bố cục.`),
        );
      }
    } else {
      const { col, row } = parseAddress(layout.agency.cell);
      const label = grid.text(col, row);
      agency = agencyNamedBy(label, agencies);
      const where = `${sheet.name}!${layout.agency.cell}`;
      if (!agency) {
        problems.push(
          problem(
            'AGENCY_NOT_FOUND',
            'error',
            where,
            label
              ? `${file}, ${where}: "${label}" không khớp đơn vị nào (hoặc khớp nhiều đơn vị), nên không biết đây là báo cáo của đơn vị nào. Hãy sửa tên đơn vị trong tệp, thêm đơn vị vào danh sách, hoặc sửa mẫu bố cục.`
              : `${file}, ${where}: ô này để trống, nên không biết đây là báo cáo của đơn vị nào. Hãy ghi tên đơn vị vào ô này, hoặc sửa mẫu bố cục.`,
          ),
        );
      }
    }
    let valueCol: number | null = null;
    if (layout.value && 'column' in layout.value) {
      valueCol = columnNumber(layout.value.column);
      const { header, column: letters } = layout.value;
      if (header && !columnHeadedBy(grid, profile, valueCol, header)) {
        const shown = grid.namingHeaders(valueCol, first, last)[0];
        const moved = findValueColumn(grid, profile, header);
        problems.push(
          problem(
            'VALUE_HEADER_CHANGED',
            'error',
            `${sheet.name}!${shown?.address ?? `${letters}${last}`}`,
            `${file}: cột ${letters} của trang "${sheet.name}" ${shown ? `có tiêu đề “${shown.text}”` : 'không có tiêu đề'}, không phải “${header}” như tệp mẫu của mẫu bố cục "${profile.name}"` +
              (moved !== null ? `; cột “${header}” nay là cột ${columnLetters(moved)}` : '') +
              '. Tệp đã đổi cách trình bày; hãy chọn đúng mẫu bố cục, hoặc cập nhật mẫu theo tệp mới.',
          ),
        );
        valueCol = null;
      }
    } else if (layout.value) {
      valueCol = findValueColumn(grid, profile, layout.value.headerText);
      if (valueCol === null) {
        problems.push(
          problem(
            'VALUE_COLUMN_NOT_FOUND',
            'error',
            `${sheet.name}!A${first}`,
            `${file}: trang "${sheet.name}" không có cột tiêu đề "${layout.value.headerText}" ở dòng ${first}–${last}. Tệp có thể đã đổi cách trình bày; hãy cập nhật mẫu bố cục.`,
          ),
        );
      }
    } else {
      problems.push(problem('VALUE_COLUMN_NOT_FOUND', 'error', '', `${file}: mẫu bố cục "${profile.name}" không cho biết cột nào chứa số liệu kỳ báo cáo. Hãy sửa mẫu bố cục.`));
    }
    if (agency && valueCol !== null) columns.push({ agency, col: valueCol });
  }

  const keyCol = columnNumber(layout.keyColumn);
  const matcher = indicatorMatcher(profile, plan);
  const skipped = rowSkipper(profile);
  const found: Found[] = [];
  const unmatched: Table['unmatched'] = [];
  let matchedRows = 0;
  let group: string | undefined;
  const lastRow = profile.lastRow ?? grid.lastRow;
  const skipTaken = new Map<string, number[]>();
  for (let row = last + 1; row <= lastRow; row++) {
    const key = grid.text(keyCol, row);
    const skipEntry = key ? skipped(key, group, leadingText(grid.rowTexts(row), keyCol)) : null;
    if (skipEntry !== null) {
      // A row the entry keeps from giving an indicator its figure: two such rows and the entry is ambiguous.
      if (columns.some((c) => grid.hasValue(c.col, row)) && matcher(key, group) !== undefined) skipTaken.set(skipEntry, [...(skipTaken.get(skipEntry) ?? []), row]);
      continue;
    }
    const indicator = key ? matcher(key, group) : undefined;
    if (indicator) {
      matchedRows++;
      for (const c of columns) found.push({ agency: c.agency, indicator, cell: grid.at(c.col, row), address: `${columnLetters(c.col)}${row}` });
      continue;
    }
    const role = roleOf(grid, row, keyCol, profile);
    if (role.end) break;
    if (role.group) group = role.group;
    if (role.passOver || !key) continue;
    if (columns.some((c) => grid.hasValue(c.col, row))) unmatched.push({ row, label: key });
  }
  problems.push(...ambiguousSkips(skipTaken, file, sheet.name, keyCol, profile));
  return { found, unmatched, problems, matchedRows };
}
