// Which sheet of a workbook is a layout profile's, found as a person finds it next
// quarter (by content, then by name, then the only one), and whether its header is where
// the profile says.
import { columnNumber } from '../../../shared/cells';
import type { LayoutProfile } from '../../../shared/profiles';
import { foldForSearch } from '../../../shared/text';
import { META_SHEET } from '../form-contract';
import { findSheet, type ModelSheet, type WorkbookModel } from '../workbook-model';
import { Grid } from './grid';
import { columnHeadedBy, findValueColumn } from './matching';
import { parseAddress, text } from './text';

/** Whether a sheet shows the profile's text in or above its header rows. */
export function hasSheetText(sheet: ModelSheet, profile: LayoutProfile): boolean {
  const { containsText } = profile.sheet;
  if (!containsText) return true;
  const wanted = foldForSearch(containsText);
  return sheet.cells.some((c) => c.row <= profile.headerRows.last && foldForSearch(text(c)).includes(wanted));
}

/** Whether the profile names texts of its header to look for: then they, not the sheet's name, say which sheet it is. */
export function looksForHeaderTexts(profile: LayoutProfile): boolean {
  const layout = profile.layout;
  if (profile.sheet.containsText) return true;
  if (layout.kind === 'agency-rows') return false;
  return (layout.value !== undefined && 'headerText' in layout.value) || layout.agency.mode === 'columns';
}

/**
 * The profile's sheet, found as a person finds it next quarter, when the sheet may have
 * been renamed ("BC CCTP Q1" → "BC CCTP 6T"): by content first, a visible sheet whose
 * header carries what the profile looks for (its text, the value column's header, the
 * agency heading or columns; the named one among several, else one whose rows are the
 * plan's); then by name; then the only visible sheet. Strict (recognising a workbook):
 * only a sheet that fits. Lenient (reading with a profile the clerk chose): the named or
 * only sheet is read even when it does not fit, and the read says what differs.
 */
export function selectSheet(model: WorkbookModel, profile: LayoutProfile, strict: boolean, rowsMatch?: (grid: Grid) => boolean): ModelSheet | undefined {
  const { name } = profile.sheet;
  const named = name === undefined ? undefined : (findSheet(model, name) ?? model.sheets.find((s) => foldForSearch(s.name) === foldForSearch(name)));
  const visible = model.sheets.filter((s) => s.state === 'visible' && s.name !== META_SHEET);
  const fits = (s: ModelSheet) => s.name !== META_SHEET && hasSheetText(s, profile) && headerFits(new Grid(s), profile);
  if (named && fits(named)) return named;
  const fitting = visible.filter(fits);
  if (fitting.length > 0 && looksForHeaderTexts(profile)) {
    if (fitting.length === 1 || !rowsMatch) return fitting[0];
    return fitting.find((s) => rowsMatch(new Grid(s))) ?? fitting[0];
  }
  // A profile with nothing of its header to look for knows its sheet by name; with the name
  // gone, only a workbook's one visible sheet is its: of several, none is (a police report
  // beside a help sheet is no older procuracy profile's to take).
  const only = !named && visible.length === 1 ? visible[0] : undefined;
  if (strict) return only && fits(only) ? only : undefined;
  return named ?? only;
}

/** Whether the header rows carry what the profile looks for, without knowing the plan. */
export function headerFits(grid: Grid, profile: LayoutProfile): boolean {
  const { first, last } = profile.headerRows;
  if (!grid.sheet.cells.some((c) => c.row >= first && c.row <= last)) return false;
  const layout = profile.layout;
  if (layout.kind === 'agency-rows') return true;
  if (layout.value && 'headerText' in layout.value && findValueColumn(grid, profile, layout.value.headerText) === null) return false;
  if (layout.value && 'column' in layout.value && layout.value.header && !columnHeadedBy(grid, profile, columnNumber(layout.value.column), layout.value.header)) return false;
  if (layout.agency.mode === 'columns' && !layout.agency.columns.every((c) => grid.namingHeaders(columnNumber(c), first, last).length > 0)) return false;
  if (layout.agency.mode === 'cell') {
    const { col, row } = parseAddress(layout.agency.cell);
    if (!grid.text(col, row)) return false;
  }
  return true;
}
