// What the clerk has pointed out so far in the layout-profile wizard, and the profile it
// makes (excel.md §3). Four table shapes agencies send: one agency's indicators down,
// indicators down with a column per agency, agencies down with indicators across, and
// one sheet per agency. Pure functions: the screen holds a Draft, these turn it into
// a definition for profiles.preview and profiles.save, and back from a saved profile.
import { columnLetters, columnNumber } from '../../../shared/cells';
import type { InspectedSheet } from '../../../shared/api';
import type { LayoutProfile, LayoutProfileInput } from '../../../shared/profiles';

export type Shape = 'indicators' | 'agencyColumns' | 'agencyRows' | 'agencySheets';
export const SHAPES: readonly Shape[] = ['indicators', 'agencyColumns', 'agencyRows', 'agencySheets'];

/** Who sent the figures, where one agency's figures fill the sheet: a heading cell, a fixed agency, or the sheet's name. */
export type AgencyMode = 'cell' | 'fixed' | 'sheet';

export type Pointing = 'headerFirst' | 'headerLast' | 'key' | 'value' | 'agency' | 'agencyColumns' | 'lastRow' | 'period';

/** What a click on the sheet points at, in the order a clerk points, for each shape; the last two are optional. */
export function stepsOf(shape: Shape, agencyMode: AgencyMode): Pointing[] {
  switch (shape) {
    case 'indicators':
      return ['headerFirst', 'headerLast', 'key', 'value', 'agency', 'lastRow', 'period'];
    case 'agencyColumns':
      return ['headerFirst', 'headerLast', 'key', 'agencyColumns', 'lastRow', 'period'];
    case 'agencyRows':
      return ['headerFirst', 'headerLast', 'key', 'lastRow', 'period'];
    case 'agencySheets':
      return agencyMode === 'cell' ? ['headerFirst', 'headerLast', 'key', 'value', 'agency', 'lastRow', 'period'] : ['headerFirst', 'headerLast', 'key', 'value', 'lastRow', 'period'];
  }
}

export interface Draft {
  shape: Shape;
  pointing: Pointing;
  first: number | null;
  last: number | null;
  /** The column that names each row: its indicator (code, name or label), or for agencies down, its agency. */
  keyCol: string | null;
  matchBy: 'name' | 'code' | 'label';
  valueCol: string | null;
  valueBy: 'header' | 'column';
  valueHeader: string;
  agencyMode: AgencyMode;
  agencyColumns: readonly string[];
  agencyCell: string | null;
  agencyCode: string | undefined;
  lastRow: number | null;
  periodCell: string | null;
  name: string;
  /** The clerk's confirmations: a row's (or header's) text → indicator code. */
  confirmed: Readonly<Record<string, string>>;
  /** Rows marked "bỏ qua", by their key. */
  skip: readonly string[];
  /**
   * The saved profile this draft was opened from, if any: what the wizard does not show
   * (its description, the text its sheet must show, an agencies-down table's value
   * columns, anything newer) is saved back as it was.
   */
  opened?: LayoutProfile;
}

export const EMPTY_DRAFT: Draft = {
  shape: 'indicators',
  pointing: 'headerFirst',
  first: null,
  last: null,
  keyCol: null,
  matchBy: 'name',
  valueCol: null,
  valueBy: 'header',
  valueHeader: '',
  agencyMode: 'cell',
  agencyColumns: [],
  agencyCell: null,
  agencyCode: undefined,
  lastRow: null,
  periodCell: null,
  name: '',
  confirmed: {},
  skip: [],
};

/** "d, e  F" → ["D", "E", "F"], left to right, each once. */
export function columnList(text: string): string[] {
  const letters = text.toUpperCase().match(/[A-Z]{1,3}/gu) ?? [];
  return sortColumns([...new Set(letters)]);
}

export function sortColumns(columns: readonly string[]): string[] {
  return [...columns].sort((a, b) => columnNumber(a) - columnNumber(b));
}

/** The text a person sees at a cell: its own, or its merge's. */
export function shownAt(sheet: InspectedSheet, row: number, col: number): string {
  const own = sheet.rows[row - 1]?.[col - 1] ?? '';
  if (own) return own;
  const m = sheet.merges.find((x) => x.row <= row && row < x.row + x.rowSpan && x.col <= col && col < x.col + x.colSpan);
  return m ? (sheet.rows[m.row - 1]?.[m.col - 1] ?? '') : '';
}

/** The lowest header text over a column that names something ("Kỳ báo cáo", not "(4)"). */
export function headerTextOf(sheet: InspectedSheet, col: number, first: number, last: number): string {
  for (let r = last; r >= first; r--) {
    const text = shownAt(sheet, r, col).trim();
    if (text && !/^\(?(\d{1,3}|[a-zA-Z])\)?$/u.test(text)) return text;
  }
  return '';
}

/** What the wizard shows and sets: at the top of a profile, and in each kind of layout. */
const SHOWN_TOP = new Set(['name', 'sheet', 'headerRows', 'lastRow', 'periodCell', 'eachSheet', 'layout']);
const SHOWN_LAYOUT: Record<string, Set<string>> = {
  'indicator-rows': new Set(['kind', 'keyColumn', 'match', 'value', 'agency', 'skip']),
  'agency-rows': new Set(['kind', 'agencyColumn', 'match', 'skip']),
};

function without(o: object, shown: Set<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => !shown.has(k) && v !== undefined));
}

/** The shape a saved profile opens as. */
function shapeOf(p: LayoutProfile): Shape {
  if (p.layout.kind === 'agency-rows') return 'agencyRows';
  switch (p.layout.agency.mode) {
    case 'columns':
      return 'agencyColumns';
    case 'cell':
      return p.eachSheet ? 'agencySheets' : 'indicators';
    case 'fixed':
      return 'indicators';
    case 'sheet':
      return 'agencySheets';
  }
}

/** The sheet: the opened profile's as it was (a name, a text it shows, or both), unless the clerk points at another sheet. */
function sheetOf(d: Draft, sheetName: string): LayoutProfileInput['sheet'] {
  const saved = d.opened?.sheet;
  if (!saved) return { name: sheetName };
  if (saved.name === undefined || saved.name === sheetName) return { ...saved };
  return { ...saved, name: sheetName };
}

/** The profile the draft describes, or null while something it needs is not pointed out yet. */
export function definitionOf(d: Draft, sheetName: string): LayoutProfileInput | null {
  const made = madeOf(d, sheetName);
  const opened = d.opened;
  if (!made || !opened) return made;
  // Laid back over what the wizard does not show; a layout of another kind keeps nothing of the old one.
  const keptLayout = opened.layout.kind === made.layout.kind ? without(opened.layout, SHOWN_LAYOUT[opened.layout.kind] ?? new Set()) : {};
  // Figures by agency column need no value column; one the saved profile names is kept.
  if (made.layout.kind === 'indicator-rows' && opened.layout.kind === 'indicator-rows' && d.shape === 'agencyColumns' && opened.layout.value && !made.layout.value) {
    keptLayout.value = opened.layout.value;
  }
  // "eachSheet: false" written out, or a sheet-named agency read from one sheet only: as saved, while the shape is the saved one.
  const modeOf = (l: { kind: string; agency?: { mode: string } }) => (l.kind === 'agency-rows' ? 'rows' : l.agency?.mode);
  const sameAgency = modeOf(made.layout) === modeOf(opened.layout);
  const eachSheet =
    d.shape === shapeOf(opened) && sameAgency ? (opened.eachSheet === undefined ? {} : { eachSheet: opened.eachSheet }) : made.eachSheet ? { eachSheet: true } : {};
  const { eachSheet: _made, ...rest } = made;
  return { ...without(opened, SHOWN_TOP), ...rest, ...eachSheet, layout: { ...keptLayout, ...made.layout } as LayoutProfileInput['layout'] };
}

function madeOf(d: Draft, sheetName: string): LayoutProfileInput | null {
  if (d.first === null || !d.keyCol) return null;
  const headerLast = Math.max(d.first, d.last ?? d.first);
  const common = {
    name: d.name.trim() || `Mẫu ${sheetName}`,
    sheet: sheetOf(d, sheetName),
    headerRows: { first: d.first, last: headerLast },
    // Optional: a last row above the notes and signatures, and a cell that names the period.
    ...(d.lastRow !== null && d.lastRow > headerLast ? { lastRow: d.lastRow } : {}),
    ...(d.periodCell ? { periodCell: d.periodCell } : {}),
  };
  const skip = d.skip.length > 0 ? { skip: [...d.skip] } : {};
  if (d.shape === 'agencyRows') {
    // Header cells name the indicators: by name or by code, never by a row's numbering.
    const by = d.matchBy === 'label' && d.opened?.layout.kind !== 'agency-rows' ? 'name' : d.matchBy;
    return { ...common, layout: { kind: 'agency-rows', agencyColumn: d.keyCol, match: { by, confirmed: { ...d.confirmed } }, ...skip } };
  }
  const match = { by: d.matchBy, confirmed: { ...d.confirmed } };
  if (d.shape === 'agencyColumns') {
    // Each agency's figures are in its own column: no single value column.
    if (d.agencyColumns.length === 0) return null;
    return { ...common, layout: { kind: 'indicator-rows', keyColumn: d.keyCol, match, agency: { mode: 'columns', columns: [...d.agencyColumns] }, ...skip } };
  }
  // Read by letter, the column keeps the sample's header text: a file whose column is headed
  // otherwise next quarter is refused rather than read from the wrong column.
  const value =
    d.valueBy === 'header' && d.valueHeader.trim() ? { headerText: d.valueHeader.trim() } : d.valueCol ? { column: d.valueCol, ...(d.valueHeader.trim() ? { header: d.valueHeader.trim() } : {}) } : null;
  if (!value) return null;
  const mode: AgencyMode = d.shape === 'agencySheets' && d.agencyMode === 'fixed' ? 'sheet' : d.shape === 'indicators' && d.agencyMode === 'sheet' ? 'cell' : d.agencyMode;
  const agency = mode === 'cell' ? (d.agencyCell ? { mode: 'cell' as const, cell: d.agencyCell } : null) : mode === 'fixed' ? (d.agencyCode ? { mode: 'fixed' as const, code: d.agencyCode } : null) : { mode: 'sheet' as const };
  if (!agency) return null;
  return { ...common, ...(d.shape === 'agencySheets' ? { eachSheet: true } : {}), layout: { kind: 'indicator-rows', keyColumn: d.keyCol, match, value, agency, ...skip } };
}

/** A saved profile as a draft, as if the clerk had pointed at everything it says. */
export function draftOf(p: LayoutProfile): Draft {
  const common: Draft = {
    ...EMPTY_DRAFT,
    opened: p,
    name: p.name,
    first: p.headerRows.first,
    last: p.headerRows.last,
    lastRow: p.lastRow ?? null,
    periodCell: p.periodCell ?? null,
    confirmed: p.layout.match.confirmed,
    skip: p.layout.skip ?? [],
    matchBy: p.layout.match.by,
  };
  const layout = p.layout;
  if (layout.kind === 'agency-rows') return { ...common, shape: 'agencyRows', keyCol: layout.agencyColumn };
  const value =
    layout.value && 'column' in layout.value
      ? { valueBy: 'column' as const, valueCol: layout.value.column, valueHeader: layout.value.header ?? '' }
      : layout.value
        ? { valueBy: 'header' as const, valueHeader: layout.value.headerText }
        : {};
  const base = { ...common, ...value, keyCol: layout.keyColumn };
  switch (layout.agency.mode) {
    case 'columns':
      return { ...base, shape: 'agencyColumns', agencyColumns: layout.agency.columns };
    case 'cell':
      return { ...base, shape: p.eachSheet ? 'agencySheets' : 'indicators', agencyMode: 'cell', agencyCell: layout.agency.cell };
    case 'fixed':
      return { ...base, shape: 'indicators', agencyMode: 'fixed', agencyCode: layout.agency.code };
    case 'sheet':
      return { ...base, shape: 'agencySheets', agencyMode: 'sheet' };
  }
}

/** What a click on the sheet at (row, col) changes, given what is being pointed at; null when the click points at nothing. */
export function pointAt(d: Draft, sheet: InspectedSheet, row: number | null, col: number | null): Partial<Draft> | null {
  const steps = stepsOf(d.shape, d.agencyMode);
  const next = (done: Pointing): Pointing => steps[Math.min(steps.indexOf(done) + 1, steps.length - 1)] ?? done;
  switch (d.pointing) {
    case 'headerFirst':
      if (row === null) return null;
      return { first: row, last: d.last === null || d.last < row ? row : d.last, pointing: next('headerFirst') };
    case 'headerLast':
      if (row === null) return null;
      return { last: row, first: d.first === null || d.first > row ? row : d.first, pointing: next('headerLast') };
    case 'key':
      if (col === null) return null;
      return { keyCol: columnLetters(col), pointing: next('key') };
    case 'value': {
      if (col === null) return null;
      const text = d.first !== null ? headerTextOf(sheet, col, d.first, d.last ?? d.first) : '';
      return { valueCol: columnLetters(col), valueHeader: text, valueBy: text ? 'header' : 'column', pointing: next('value') };
    }
    case 'agencyColumns': {
      // Each click adds a column, or takes it away again; the clerk may click several.
      if (col === null) return null;
      const letter = columnLetters(col);
      return { agencyColumns: d.agencyColumns.includes(letter) ? d.agencyColumns.filter((c) => c !== letter) : sortColumns([...d.agencyColumns, letter]) };
    }
    case 'agency':
      if (row === null || col === null) return null;
      return { agencyMode: 'cell', agencyCell: `${columnLetters(col)}${row}`, pointing: next('agency') };
    case 'lastRow':
      // The table's last row is under its header: a click above it points at nothing.
      if (row === null || row <= (d.last ?? d.first ?? 0)) return null;
      return { lastRow: row, pointing: next('lastRow') };
    case 'period':
      if (row === null || col === null) return null;
      return { periodCell: `${columnLetters(col)}${row}` };
  }
}

/**
 * The name a draft takes once a preview finds its agency: a new profile still called
 * "Mẫu <file>" (or nothing) becomes "<agency> – mẫu riêng"; a saved profile being edited
 * keeps its name, or saving would make a second profile and leave the first unchanged.
 * Null: the name stays.
 */
export function nameAfterPreview(d: Draft, agencyName: string | null, editingName: string | null): string | null {
  if (agencyName === null || editingName !== null || d.opened) return null;
  return !d.name.trim() || d.name.startsWith('Mẫu ') ? `${agencyName} – mẫu riêng` : null;
}

/**
 * Requests whose answers may come back out of order (a preview per change): `start` gives
 * each its ticket, and `isLatest` tells whether an answer belongs to the last one asked,
 * so an older answer never overwrites a newer one.
 */
export function requestSequence() {
  let last = 0;
  return { start: () => ++last, isLatest: (ticket: number) => ticket === last };
}
