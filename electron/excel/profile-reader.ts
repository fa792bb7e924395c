// Reading a workbook in an agency's own layout through a saved layout profile
// (excel.md §3). Rows find their indicator by code, by name (diacritics, case, tone
// placement, numbering and punctuation ignored) or by a confirmed row label; the agency
// is fixed, named in a heading cell, or one per column or row. Header texts are found
// through merges and multi-row headers (a column-number row such as "(1)", "(2)" under
// the header is passed over). Spacer rows, group rows ("I", "II"), total rows ("Tổng
// cộng") and notes and signatures under the table are passed over, and a workbook with
// the app's own `_meta` sheet is never read through a profile.
import { aboutField, problem, type Problem } from '../../shared/problems';
import { foldForSearch, nfc } from '../../shared/text';
import { formatNumber } from '../../shared/numbers';
import { decodeLegacyText } from '../../shared/legacy-text';
import { parsePeriodCode, periodCode as codeOf, periodFromLabel } from '../../shared/periods';
import type { Agency, Indicator, PlanDetail, ValueInput } from '../../shared/domain';
import type { LayoutProfile } from '../../shared/profiles';
import { readIndicatorCell } from './cell-values';
import { META_SHEET } from './form-contract';
import { columnLetters, columnNumber, parseCellAddress, parseRange, type CellRange } from '../../shared/cells';
import { findSheet, type ModelCell, type ModelSheet, type WorkbookModel } from './workbook-model';
import { planOfPeriod, type RecognisedReport, type Recognition, type ReportCatalog } from './recognition';

/** The first text of a row under the table that ends it: notes, the place and date line, signatures, recipients. */
const NOTES = /^(\*?\s*ghi chu|chu thich|luu y|nguoi lap|nguoi tong hop|noi nhan|thu truong( don vi| co quan|$)|xac nhan (cua|lanh dao)|lanh dao (don vi|co quan)|(kt|tm|tl|tuq|q)\. |giam doc$|[a-z ]{2,30}, ngay\b)/u;
/** A total row: "Tổng cộng", "Cộng", "TỔNG SỐ:", "Tổng cộng (I+II)", "Toàn tỉnh". */
const TOTAL = /^(tong cong|cong|tong|tong so|tong chung|toan tinh)\s*([(:].*)?$/u;
const ROMAN = /^(i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|xiii|xiv|xv)[.)]?$/u;
/** What a column-number row under a header holds: "(1)", "1", "A", "(a)", "(3)=(1)+(2)". Not "CA" or "STT". */
const COLUMN_NUMBER = /^\(?(\d{1,3}|[a-z])\)?$|^\(?\d+\)?\s*=.*$/u;
/** Cells meaning "nothing to report" in Vietnamese tables: "-", "–", "x" (not applicable), "…". */
const NOTHING = /^([-–—]+|x|\.{2,}|…)$/u;

const shownTexts = new WeakMap<ModelCell, string>();

/**
 * A cell's text as the clerk sees it on screen: legacy TCVN3 / VNI bytes converted (by
 * the cell's font first, then by character statistics), NFC, on one line. Every key,
 * header, heading and period a profile reads goes through here, so a workbook typed in
 * ".VnTime" matches the plan's names and agencies as a Unicode one does. Figures are
 * read from the raw cell (cell-values.ts), which converts text figures with a warning.
 */
export function shownText(cell: ModelCell | undefined): string {
  if (!cell || cell.value === null) return '';
  const known = shownTexts.get(cell);
  if (known !== undefined) return known;
  const raw = String(cell.value);
  const isText = typeof cell.value === 'string' && (cell.type === 'string' || cell.type === 'richText' || (cell.type === 'formula' && cell.resultType === 'string'));
  const decoded = isText ? (decodeLegacyText(raw, cell.fontName)?.text ?? raw) : raw;
  const shown = nfc(decoded).replace(/\s+/gu, ' ').trim();
  shownTexts.set(cell, shown);
  return shown;
}

function text(cell: ModelCell | undefined): string {
  return shownText(cell);
}

/** "1.", "1)", "a)", "I." and "1.1" all become a bare label: "1", "a", "i", "1.1". */
export function normaliseLabel(label: string): string {
  return foldForSearch(label).replace(/[.)\]:]+$/u, '').replace(/^[([]/u, '');
}

/** A label as a confirmed key: "II.1", "II/1" and "II - 1" are one key ("ii.1"). */
function labelKey(label: string): string {
  return normaliseLabel(label).replace(/\s*[/\-–.]\s*/gu, '.');
}

/** A name without its leading numbering ("1. Số vụ…", "a) Số vụ…", "- Số vụ…"), marks, case and punctuation. */
function nameKey(name: string): string {
  let folded = foldForSearch(name);
  for (let i = 0; i < 3; i++) {
    const stripped = folded.replace(/^(?:(?:[ivxlc]+|[a-z])[.)]|\(?[a-z]\)|\d+(?:\.\d+)*[.)]?|[-+*•–—])\s*(?=\S)/u, '');
    if (stripped === folded) break;
    folded = stripped;
  }
  return folded
    .replace(/[^a-z0-9]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** The name as a key, and without a trailing unit or remark in brackets ("… (triệu đồng)"). */
function nameKeys(name: string): string[] {
  const full = nameKey(name);
  const bare = nameKey(nfc(name).replace(/\s*\([^()]*\)\s*[.:;]?\s*$/u, ''));
  return bare && bare !== full ? [full, bare] : [full];
}

/** A code as typed: "NV2.01", "nv2.01", "NV 2.01", "NV2.1" and "NV2.01." are one key. */
function codeKey(code: string): string {
  return foldForSearch(code)
    .toUpperCase()
    .replace(/\s+/gu, '')
    .replace(/[.:;,)]+$/u, '')
    .replace(/\d+/gu, (digits) => String(Number(digits)));
}

/** Words of a text, folded, for whole-word comparison. */
function words(label: string): string {
  return foldForSearch(label)
    .replace(/[^a-z0-9]+/gu, ' ')
    .trim();
}

function containsWords(haystack: string, needle: string): boolean {
  return needle !== '' && ` ${haystack} `.includes(` ${needle} `);
}

/** A profile's address (checked when the profile was saved); row 0, which holds nothing, if it is not one. */
function parseAddress(address: string): { col: number; row: number } {
  return parseCellAddress(address) ?? { col: 1, row: 0 };
}

/** One header text of a column, with the cell it is written in (the top-left cell of its merge). */
interface HeaderText {
  text: string;
  address: string;
}

class Grid {
  private readonly cells = new Map<string, ModelCell>();
  private readonly merges: CellRange[];
  readonly lastRow: number;
  readonly lastCol: number;

  constructor(readonly sheet: ModelSheet) {
    let lastRow = 0;
    let lastCol = 0;
    for (const c of sheet.cells) {
      this.cells.set(`${c.col}:${c.row}`, c);
      lastRow = Math.max(lastRow, c.row);
      lastCol = Math.max(lastCol, c.col);
    }
    this.merges = sheet.merges.map(parseRange).filter((m): m is CellRange => m !== null);
    for (const m of this.merges) lastCol = Math.max(lastCol, m.c2);
    this.lastRow = lastRow;
    this.lastCol = Math.max(lastCol, sheet.columnCount);
  }

  at(col: number, row: number): ModelCell | undefined {
    return this.cells.get(`${col}:${row}`);
  }

  text(col: number, row: number): string {
    return text(this.at(col, row));
  }

  /** What a person sees in a cell: its own text, or the text of the merge that covers it. */
  shown(col: number, row: number): HeaderText | null {
    const own = this.text(col, row);
    if (own) return { text: own, address: `${columnLetters(col)}${row}` };
    const merge = this.merges.find((m) => m.c1 <= col && col <= m.c2 && m.r1 <= row && row <= m.r2);
    if (!merge) return null;
    const top = this.text(merge.c1, merge.r1);
    return top ? { text: top, address: `${columnLetters(merge.c1)}${merge.r1}` } : null;
  }

  /** The header texts over a column, lowest first, through merges; a text spanning several rows counts once. */
  headerTexts(col: number, first: number, last: number): HeaderText[] {
    const out: HeaderText[] = [];
    for (let row = last; row >= first; row--) {
      const shown = this.shown(col, row);
      if (shown && !out.some((h) => h.address === shown.address)) out.push(shown);
    }
    return out;
  }

  /** The header texts that name something: column-number rows ("(1)", "A") left out. */
  namingHeaders(col: number, first: number, last: number): HeaderText[] {
    return this.headerTexts(col, first, last).filter((h) => !COLUMN_NUMBER.test(foldForSearch(h.text)));
  }

  /** The texts of a row, left to right. */
  rowTexts(row: number, upTo = this.lastCol): { col: number; text: string }[] {
    const out: { col: number; text: string }[] = [];
    for (let col = 1; col <= upTo; col++) {
      const t = this.text(col, row);
      if (t) out.push({ col, text: t });
    }
    return out;
  }

  hasValue(col: number, row: number): boolean {
    const cell = this.at(col, row);
    return cell !== undefined && cell.value !== null && !NOTHING.test(foldForSearch(text(cell)));
  }
}

/** Whether a sheet shows the profile's text in or above its header rows. */
function hasSheetText(sheet: ModelSheet, profile: LayoutProfile): boolean {
  const { containsText } = profile.sheet;
  if (!containsText) return true;
  const wanted = foldForSearch(containsText);
  return sheet.cells.some((c) => c.row <= profile.headerRows.last && foldForSearch(text(c)).includes(wanted));
}

/** Whether the profile names texts of its header to look for: then they, not the sheet's name, say which sheet it is. */
function looksForHeaderTexts(profile: LayoutProfile): boolean {
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
function selectSheet(model: WorkbookModel, profile: LayoutProfile, strict: boolean, rowsMatch?: (grid: Grid) => boolean): ModelSheet | undefined {
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

/**
 * The abbreviations headings use for the judicial bodies ("VIỆN KSND TỈNH", "TAND TỈNH",
 * "CỤC THADS"), written out, so a heading abbreviated is known as the agency it names.
 */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['vksnd', 'vien kiem sat nhan dan'],
  ['ksnd', 'kiem sat nhan dan'],
  ['tand', 'toa an nhan dan'],
  ['thads', 'thi hanh an dan su'],
  ['hdnd', 'hoi dong nhan dan'],
  ['ubnd', 'uy ban nhan dan'],
]);

function expandAbbreviations(folded: string): string {
  return folded
    .split(' ')
    .map((w) => ABBREVIATIONS.get(w) ?? w)
    .join(' ');
}

const DISTRICT_PREFIX = /^(huyen uy|thanh uy|ban thuong vu huyen uy|ban thuong vu thanh uy|huyen|thanh pho|tp|h|quan|thi xa|tx)\s+/u;

/**
 * Which agency a text names: its code; or its name, whatever the case, marks and tone
 * placement; or the one agency name it contains word for word (a heading such as "BỘ
 * CÔNG AN / CÔNG AN TỈNH LẠNG SƠN"); or the one agency whose name contains it ("Văn
 * Lãng"); or, for districts, the place ("Huyện Văn Lãng", "Thành phố Lạng Sơn"). A text
 * that fits two agencies equally ("Huyện ủy", two agency names in one heading) names none.
 */
export function agencyNamedBy(label: string, agencies: readonly Agency[]): Agency | null {
  const raw = nfc(label).trim();
  if (!raw) return null;
  const byCode = agencies.find((a) => a.code.toUpperCase() === raw.toUpperCase());
  if (byCode) return byCode;
  const folded = expandAbbreviations(words(raw));
  if (!folded) return null;
  const named = agencies.map((a) => ({ agency: a, name: words(a.name) }));
  const unique = (list: typeof named) => (list.length === 1 ? (list[0]?.agency ?? null) : null);

  const equal = named.filter((n) => n.name === folded);
  if (equal.length > 0) return unique(equal);

  // Names inside the text; one name inside another ("… Hội đồng nhân dân tỉnh" in "Ban Pháp chế …") gives way to the longer.
  const inside = named.filter((n) => containsWords(folded, n.name));
  const outermost = inside.filter((n) => !inside.some((o) => o !== n && o.name.length > n.name.length && containsWords(o.name, n.name)));
  if (outermost.length > 0) return unique(outermost);

  if (folded.includes(' ')) {
    const around = named.filter((n) => containsWords(n.name, folded));
    if (around.length > 0) return unique(around);
  }

  const place = folded.replace(DISTRICT_PREFIX, '');
  if (place !== folded && place) {
    const districts = named.filter((n) => DISTRICT_PREFIX.test(n.name) && n.name.replace(DISTRICT_PREFIX, '') === place);
    if (districts.length > 0) return unique(districts);
  }
  return null;
}

type Matcher = (key: string, group?: string) => Indicator | undefined;

/** How the row keys (or header texts) of this profile find their indicator in a plan. */
function indicatorMatcher(profile: LayoutProfile, plan: PlanDetail): Matcher {
  const all = plan.tasks.flatMap((t) => t.indicators).filter((i) => !i.retired);
  const byCode = new Map(all.map((i) => [codeKey(i.code), i]));
  const byName = new Map<string, Indicator>();
  for (const i of all) for (const k of nameKeys(i.name)) if (!byName.has(k)) byName.set(k, i);
  const match = profile.layout.match;
  const confirmedByLabel = new Map<string, Indicator>();
  const confirmedByName = new Map<string, Indicator>();
  const confirmedByCode = new Map<string, Indicator>();
  for (const [written, code] of Object.entries(match.confirmed)) {
    const indicator = byCode.get(codeKey(code));
    if (!indicator) continue;
    confirmedByLabel.set(labelKey(written), indicator);
    for (const k of nameKeys(written)) if (k) confirmedByName.set(k, indicator);
    confirmedByCode.set(codeKey(written), indicator);
  }
  // A confirmed key is the row's text in the profile's own terms: a label ("II.1" or "1"), a name, or a code as written.
  const confirmedOf = (key: string, group?: string): Indicator | undefined => {
    if (match.by === 'label') {
      const label = labelKey(key);
      return (group ? confirmedByLabel.get(`${group}.${label}`) : undefined) ?? confirmedByLabel.get(label);
    }
    if (match.by === 'name') return nameKeys(key).map((k) => confirmedByName.get(k)).find((i) => i !== undefined);
    return confirmedByCode.get(codeKey(key));
  };
  return (key, group) => {
    const confirmed = confirmedOf(key, group);
    if (confirmed) return confirmed;
    if (match.by === 'code') return byCode.get(codeKey(key));
    if (match.by === 'name') return nameKeys(key).map((k) => byName.get(k)).find((i) => i !== undefined);
    return undefined;
  };
}

/** A row key as written, marks, case and spacing folded, bullets kept: "- Số vụ…" is not "Số vụ…". */
function exactKey(text: string): string {
  return foldForSearch(nfc(text)).replace(/\s+/gu, ' ').trim();
}

/** The texts left of the key column ("2", "-", "a)"), joined: what tells a sub-row from the real row of that name. */
export function leadingText(texts: readonly { col: number; text: string }[], keyCol: number): string {
  return texts
    .filter((t) => t.col < keyCol)
    .map((t) => t.text)
    .join(' ');
}

/**
 * The key that marks one row "bỏ qua", as specific as the row allows: its group ("I:"),
 * the cells left of its key (STT or bullet, "-") and its key. A sub-row "- Số vụ án … đã
 * giải quyết" with the bullet in the STT column and the real row "2 | Số vụ án … đã giải
 * quyết" then have different keys. For labels the key is the confirm key ("II.1").
 */
export function rowSkipKey(profile: LayoutProfile, key: string, lead: string, group: string | null | undefined): string {
  const byLabel = profile.layout.kind === 'indicator-rows' && profile.layout.match.by === 'label';
  if (byLabel) {
    const label = normaliseLabel(key);
    const own = group && group !== label ? `${group.toUpperCase()}.${key.replace(/[.)\]:]+$/u, '')}` : key;
    return lead ? `${lead} ${own}` : own;
  }
  return [group ? `${group.toUpperCase()}:` : '', lead, key].filter((x) => x !== '').join(' ');
}

/**
 * Whether the clerk marked a row "bỏ qua", and by which entry: the row's skip key
 * (`rowSkipKey`), or, as profiles saved before it, its key as written (with its group,
 * "II.1", for labels), with or without the cells left of it. Exact, bullets kept, unlike
 * name matching: a skipped sub-row "- Số vụ án … đã giải quyết" must not take the real
 * row of that name. An entry that takes more than one row with figures is refused by the read.
 */
export function rowSkipper(profile: LayoutProfile): (key: string, group?: string, lead?: string) => string | null {
  const layout = profile.layout;
  const entries = new Map((layout.skip ?? []).map((e) => [exactKey(e), e]));
  if (entries.size === 0) return () => null;
  const byLabel = layout.kind === 'indicator-rows' && layout.match.by === 'label';
  return (key, group, lead = '') => {
    const candidates = [rowSkipKey(profile, key, lead, group), key];
    if (lead) candidates.push(`${lead} ${key}`);
    if (group !== undefined && !byLabel) candidates.push(rowSkipKey(profile, key, '', group));
    if (byLabel && group !== undefined) candidates.push(`${group}.${key.replace(/[.)\]:]+$/u, '')}`);
    for (const c of candidates) {
      const entry = entries.get(exactKey(c));
      if (entry !== undefined) return entry;
    }
    return null;
  };
}

/**
 * A "bỏ qua" entry that took more than one row with figures that name an indicator: which
 * of them the clerk meant cannot be told, and skipping all could drop a real figure. The
 * file is refused. (Rows naming no indicator, such as several "Cộng" rows, are skipped.)
 */
function ambiguousSkips(taken: Map<string, number[]>, file: string, sheet: string, keyCol: number, profile: LayoutProfile): Problem[] {
  const out: Problem[] = [];
  for (const [entry, rows] of taken) {
    if (rows.length < 2) continue;
    out.push(
      problem(
        'SKIP_AMBIGUOUS',
        'error',
        `${sheet}!${columnLetters(keyCol)}${rows[0] ?? 1}`,
        `${file}, trang "${sheet}": dòng đánh dấu "bỏ qua" "${entry}" trong mẫu bố cục "${profile.name}" khớp ${rows.length} dòng có số liệu (dòng ${rows.join(', ')}), nên chưa biết dòng nào cần bỏ qua và tệp chưa được nhận. Trong Mẫu bố cục, hãy mở mẫu "${profile.name}" (Sửa), bỏ đánh dấu "bỏ qua" của dòng này rồi đánh dấu lại đúng dòng cần bỏ qua.`,
      ),
    );
  }
  return out;
}

/** A line of a heading that gives a date, not the period: "Lạng Sơn, ngày 16 tháng 3 năm 2022". */
const DATE_LINE = /\bngay\b.*\bthang\b/u;

/**
 * The period the file says it is of, and where: the profile's period cell; else (no
 * cell, or one that no longer names a period) the heading above the table, as a person
 * reads it: a quarter, 6 or 9 months before a bare year, and only when the heading names
 * one period. The place-and-date line names a year only by its date, so it is passed over.
 */
function writtenPeriod(grid: Grid, profile: LayoutProfile): { code: string; address: string } | null {
  if (profile.periodCell) {
    const { col, row } = parseAddress(profile.periodCell);
    const slot = periodFromLabel(grid.text(col, row));
    if (slot) return { code: codeOf(slot), address: profile.periodCell };
  }
  const found: { code: string; address: string; year: boolean }[] = [];
  for (let row = 1; row < profile.headerRows.first; row++) {
    for (const t of grid.rowTexts(row)) {
      const folded = foldForSearch(t.text);
      if (DATE_LINE.test(folded) || NOT_THE_SENDER.test(folded)) continue;
      const slot = periodFromLabel(t.text);
      if (slot) found.push({ code: codeOf(slot), address: `${columnLetters(t.col)}${row}`, year: slot.kind === 'year' });
    }
  }
  const specific = found.filter((f) => !f.year);
  const named = specific.length > 0 ? specific : found;
  return new Set(named.map((f) => f.code)).size === 1 ? (named[0] ?? null) : null;
}

/**
 * What the file says its period is, as written (the period cell, else the heading line
 * that names one), for the wizard to show the text an import will hold the period to.
 */
export function periodTextOn(model: WorkbookModel, sheetName: string, profile: LayoutProfile): string | null {
  const sheet = findSheet(model, sheetName);
  if (!sheet) return null;
  const grid = new Grid(sheet);
  const address = writtenPeriod(grid, profile)?.address ?? profile.periodCell;
  if (!address) return null;
  const { col, row } = parseAddress(address);
  return grid.text(col, row) || null;
}

function resolvePeriod(grid: Grid, profile: LayoutProfile, chosen: string | undefined, catalog: ReportCatalog, file: string): { code: string | null; problems: Problem[] } {
  const said = writtenPeriod(grid, profile);
  const written = said?.code ?? null;
  const where = `${grid.sheet.name}!${said?.address ?? profile.periodCell ?? 'A1'}`;
  if (chosen && written && chosen !== written) {
    return { code: null, problems: [problem('PERIOD_MISMATCH', 'error', where, `${file}, ${where}: tệp ghi kỳ ${written}, không phải kỳ đang nhận (${chosen}). Hãy chọn đúng kỳ hoặc đề nghị đơn vị gửi số liệu của kỳ ${chosen}.`)] };
  }
  const code = chosen ?? written;
  if (!code || !parsePeriodCode(code)) {
    return { code: null, problems: [problem('PERIOD_REQUIRED', 'error', where, `${file}: không xác định được kỳ báo cáo của tệp. Hãy chọn kỳ báo cáo khi nhập tệp này.`)] };
  }
  if (!catalog.periods.some((p) => p.code === code)) {
    return { code: null, problems: [problem('UNKNOWN_PERIOD', 'error', where, `${file}: chưa có kỳ báo cáo ${code} trong ứng dụng.`)] };
  }
  return { code, problems: [] };
}

/** The column whose header is the given text: an exact header first (its own text, or the group and its own together), then one containing it. */
function findValueColumn(grid: Grid, profile: LayoutProfile, headerText: string): number | null {
  const { first, last } = profile.headerRows;
  const wanted = words(headerText);
  if (!wanted) return null;
  const columns = Array.from({ length: grid.lastCol }, (_, i) => {
    const headers = grid.namingHeaders(i + 1, first, last).map((h) => words(h.text));
    return { col: i + 1, headers, path: [...headers].reverse().join(' ') };
  });
  const exact = columns.find((c) => c.headers.includes(wanted) || c.path === wanted);
  if (exact) return exact.col;
  const containing = columns.find((c) => c.headers.some((h) => containsWords(h, wanted)) || containsWords(c.path, wanted));
  return containing?.col ?? null;
}

/** Whether a column is still headed by the sample's text (its own, its group's and its own together, or one containing it). */
function columnHeadedBy(grid: Grid, profile: LayoutProfile, col: number, headerText: string): boolean {
  const { first, last } = profile.headerRows;
  const wanted = words(headerText);
  const headers = grid.namingHeaders(col, first, last).map((h) => words(h.text));
  const path = [...headers].reverse().join(' ');
  return wanted === '' || headers.includes(wanted) || path === wanted || headers.some((h) => containsWords(h, wanted)) || containsWords(path, wanted);
}

interface RowRole {
  /** The rows under the table start here: stop. */
  end: boolean;
  /** A group row ("I", "II"), a total row or a spacer: pass over without a word. */
  passOver: boolean;
  /** The Roman numeral of a group row, folded ("ii"). */
  group: string | null;
}

/** What a row that matched nothing is: the end of the table, a group or total row, or a row to report. */
function roleOf(grid: Grid, row: number, keyCol: number, profile: LayoutProfile): RowRole {
  const texts = grid.rowTexts(row);
  if (texts.length === 0) return { end: false, passOver: true, group: null };
  const lead = foldForSearch(texts[0]?.text ?? '');
  if (!profile.lastRow && NOTES.test(lead)) return { end: true, passOver: true, group: null };
  const left = texts.filter((t) => t.col <= keyCol).map((t) => foldForSearch(t.text));
  const roman = left.find((t) => ROMAN.test(t));
  if (roman) return { end: false, passOver: true, group: normaliseLabel(roman) };
  if (left.some((t) => TOTAL.test(t.replace(/[.:]+$/u, '')))) return { end: false, passOver: true, group: null };
  return { end: false, passOver: false, group: null };
}

interface Found {
  agency: Agency;
  indicator: Indicator;
  cell: ModelCell | undefined;
  address: string;
}

interface Table {
  found: Found[];
  /** Rows with figures that named no indicator (or no agency): "21 ("Số vụ …")". */
  unmatched: { row: number; label: string }[];
  problems: Problem[];
  /** Data rows whose key (or agency) matched. */
  matchedRows: number;
}

/** Reads the table of an indicator-rows profile: a row per indicator, a value column per agency. */
function readIndicatorRows(grid: Grid, profile: LayoutProfile, plan: PlanDetail, agencies: readonly Agency[], file: string): Table {
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

/** Reads the table of an agency-rows profile: a row per agency, a column per indicator. */
function readAgencyRows(grid: Grid, profile: LayoutProfile, plan: PlanDetail, agencies: readonly Agency[], file: string): Table {
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

function readTable(grid: Grid, profile: LayoutProfile, plan: PlanDetail, agencies: readonly Agency[], file: string): Table {
  return profile.layout.kind === 'indicator-rows' ? readIndicatorRows(grid, profile, plan, agencies, file) : readAgencyRows(grid, profile, plan, agencies, file);
}

/** Texts above the table that name someone other than the sender: the addressee, the recipients. */
const NOT_THE_SENDER = /^(kinh gui|dong kinh gui|noi nhan|gui)\b/u;
/** The longest heading line that can name the sender; a long title or remark names others in passing. */
const MAX_HEADING_TEXT = 120;

/** The heading cells above the table that name an agency, top to bottom, left to right. */
function headingAgencies(grid: Grid, profile: LayoutProfile, agencies: readonly Agency[]): { agency: Agency; address: string; text: string }[] {
  const out: { agency: Agency; address: string; text: string }[] = [];
  for (let row = 1; row < profile.headerRows.first; row++) {
    for (const t of grid.rowTexts(row)) {
      if (t.text.length > MAX_HEADING_TEXT || NOT_THE_SENDER.test(foldForSearch(t.text))) continue;
      const agency = agencyNamedBy(t.text, agencies);
      if (agency) out.push({ agency, address: `${columnLetters(t.col)}${row}`, text: t.text });
    }
  }
  return out;
}

/**
 * For a fixed-agency profile: the heading cell naming another agency, when the heading
 * names some agency but never the profile's own. A template is shared between agencies
 * (the court's report in the procuracy's layout), so the layout alone never says whose
 * file it is; a heading naming no agency at all is the profile's to vouch for.
 */
function otherAgencyHeading(grid: Grid, profile: LayoutProfile, agencies: readonly Agency[]): { agency: Agency; address: string; text: string } | null {
  const layout = profile.layout;
  if (layout.kind !== 'indicator-rows' || layout.agency.mode !== 'fixed') return null;
  const code = layout.agency.code;
  const named = headingAgencies(grid, profile, agencies);
  if (named.some((n) => n.agency.code === code)) return null;
  return named[0] ?? null;
}

/**
 * What differs from the sample's structure, said before anything is read from it: the
 * profile's text not on the sheet, header rows left empty, nothing in the key column.
 * A file laid out otherwise is refused, never read by guesswork.
 */
function structureProblems(grid: Grid, profile: LayoutProfile, plan: PlanDetail, agencies: readonly Agency[], file: string): Problem[] {
  const sheet = grid.sheet;
  const { first, last } = profile.headerRows;
  const out: Problem[] = [];
  const { containsText } = profile.sheet;
  if (containsText && !hasSheetText(sheet, profile)) {
    out.push(
      problem(
        'PROFILE_TEXT_MISSING',
        'error',
        `${sheet.name}!A1`,
        `${file}: trang "${sheet.name}" không có dòng chữ “${containsText}” ở dòng 1–${last} như tệp mẫu của mẫu bố cục "${profile.name}". Tệp có thể không theo mẫu này hoặc đã đổi cách trình bày; hãy chọn đúng mẫu bố cục, hoặc cập nhật mẫu theo tệp mới.`,
      ),
    );
  }
  if (!sheet.cells.some((c) => c.row >= first && c.row <= last && text(c) !== '')) {
    out.push(
      problem(
        'PROFILE_HEADER_MISSING',
        'error',
        `${sheet.name}!A${first}`,
        `${file}: dòng tiêu đề ${first}–${last} của trang "${sheet.name}" để trống, khác với tệp mẫu của mẫu bố cục "${profile.name}". Hãy chọn đúng mẫu bố cục, hoặc cập nhật mẫu theo tệp mới.`,
      ),
    );
  }
  const layout = profile.layout;
  const keyLetters = layout.kind === 'indicator-rows' ? layout.keyColumn : layout.agencyColumn;
  const keyCol = columnNumber(keyLetters);
  // The table's rows: down to the notes and signatures under it, which may well be in the key column.
  const lastRow = Math.min(profile.lastRow ?? grid.lastRow, grid.lastRow);
  const rows: number[] = [];
  for (let row = last + 1; row <= lastRow && !roleOf(grid, row, keyCol, profile).end; row++) rows.push(row);
  if (rows.length > 0 && !rows.some((row) => grid.text(keyCol, row) !== '')) {
    // Where the keys went, if a column now holds them (an inserted column moves them right).
    const matcher = layout.kind === 'indicator-rows' ? indicatorMatcher(profile, plan) : null;
    const names = (col: number) => rows.some((row) => {
      const t = grid.text(col, row);
      return t !== '' && (matcher ? matcher(t) !== undefined : agencyNamedBy(t, agencies) !== null);
    });
    const moved = Array.from({ length: grid.lastCol }, (_, i) => i + 1).find((col) => col !== keyCol && names(col));
    const what = layout.kind === 'indicator-rows' ? 'tên, mã hoặc số thứ tự chỉ tiêu' : 'tên đơn vị';
    out.push(
      problem(
        'KEY_COLUMN_EMPTY',
        'error',
        `${sheet.name}!${keyLetters}${last + 1}`,
        `${file}: cột ${keyLetters} của trang "${sheet.name}" (dưới dòng tiêu đề ${last}) không có chữ nào, trong khi mẫu bố cục "${profile.name}" tìm ${what} ở cột này.` +
          (moved !== undefined ? ` Có vẻ tệp đã chèn hoặc xóa cột: ${what} nay ở cột ${columnLetters(moved)}.` : '') +
          ' Hãy chọn đúng mẫu bố cục, hoặc cập nhật mẫu theo tệp mới.',
      ),
    );
  }
  return out;
}

/** Whether the header rows carry what the profile looks for, without knowing the plan. */
function headerFits(grid: Grid, profile: LayoutProfile): boolean {
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

/**
 * Whether a stored profile is meant for this workbook, for recognising a workbook that
 * has no `_meta`: never the app's own form; the sheet the profile names (with its header
 * text); the header it reads (the value column's header text, the agency columns, the
 * heading cell); and, with the catalog, at least one row (or, for agency rows, one
 * indicator column and one agency row) that matches the plan of the period, or of any
 * plan when no period is chosen. Without a catalog, at least one key under the header.
 */
export function profileMatches(model: WorkbookModel, profile: LayoutProfile, catalog?: ReportCatalog, options: { period?: string; otherAgency?: boolean } = {}): boolean {
  return profileFit(model, profile, catalog, options) !== null;
}

/**
 * How a profile fits a workbook, strongest first: `name`, its named sheet is there (and
 * shows its header texts); `content`, another sheet shows the header texts it looks for;
 * `only`, the workbook's one visible sheet, for a profile with no header text to look for
 * whose named sheet is gone. Recognition takes the strongest; two profiles fitting
 * equally are told apart by the agency they read, never by their names' order.
 */
export interface ProfileFit {
  by: 'name' | 'content' | 'only';
  /** The sheet the profile reads. */
  sheet: string;
}

export function profileFit(model: WorkbookModel, profile: LayoutProfile, catalog?: ReportCatalog, options: { period?: string; otherAgency?: boolean } = {}): ProfileFit | null {
  if (findSheet(model, META_SHEET)) return null;
  if (profile.eachSheet) {
    // One sheet per agency: known by the sheets' header, never by a name.
    const sheet = sheetsLaidOutAs(model, profile).find((s) => profileMatches(model, oneSheet(profile, s), catalog, options));
    return sheet ? { by: 'content', sheet: sheet.name } : null;
  }
  const rowsMatch = catalog ? rowsMatchPlans(profile, catalog, options.period) : undefined;
  const sheet = selectSheet(model, profile, true, rowsMatch);
  if (!sheet) return null;
  const grid = new Grid(sheet);
  if (!headerFits(grid, profile)) return null;
  // A fixed-agency profile is not for a file headed by another agency (unless asked, to refuse it saying so).
  if (!options.otherAgency && catalog && otherAgencyHeading(grid, profile, catalog.agencies)) return null;
  const { name } = profile.sheet;
  const fit: ProfileFit = {
    by: name !== undefined && foldForSearch(sheet.name) === foldForSearch(name) ? 'name' : looksForHeaderTexts(profile) ? 'content' : 'only',
    sheet: sheet.name,
  };
  if (rowsMatch) return rowsMatch(grid) ? fit : null;
  const { last } = profile.headerRows;
  const lastRow = profile.lastRow ?? grid.lastRow;
  const layout = profile.layout;
  const keyCol = columnNumber(layout.kind === 'indicator-rows' ? layout.keyColumn : layout.agencyColumn);
  for (let row = last + 1; row <= lastRow; row++) if (grid.text(keyCol, row)) return fit;
  return null;
}

/**
 * Whether the workbook has the profile's sheet, found by its name or by the header texts
 * the profile looks for, however the rest of it differs: a file that has drifted from
 * this profile, to be told what differs rather than "not recognised".
 */
export function profileSheetFound(model: WorkbookModel, profile: LayoutProfile): { by: 'name' | 'content'; sheet: string } | null {
  if (findSheet(model, META_SHEET) || profile.eachSheet) return null;
  const { name } = profile.sheet;
  const named = name === undefined ? undefined : model.sheets.find((s) => s.name !== META_SHEET && foldForSearch(s.name) === foldForSearch(name));
  if (named) return { by: 'name', sheet: named.name };
  if (!looksForHeaderTexts(profile)) return null;
  const shown = model.sheets.find((s) => s.state === 'visible' && s.name !== META_SHEET && hasSheetText(s, profile) && headerFits(new Grid(s), profile));
  return shown ? { by: 'content', sheet: shown.name } : null;
}

/** Whether a sheet's rows (or, for agency rows, its columns and rows) match the plan of the period, or of any plan. */
function rowsMatchPlans(profile: LayoutProfile, catalog: ReportCatalog, period: string | undefined): (grid: Grid) => boolean {
  const planYear = period ? catalog.periods.find((p) => p.code === period)?.planYear : undefined;
  const plans = planYear !== undefined ? [catalog.plans.get(planYear)].filter((p): p is PlanDetail => p !== undefined) : [...catalog.plans.values()];
  return (grid) => plans.some((plan) => readTable(grid, profile, plan, catalog.agencies, '').matchedRows > 0);
}

/** A sheet's name that says it holds totals, not one agency's report: "Tổng hợp", "TH Quý I", "Tổng cộng", "Toàn tỉnh". */
const SUMMARY_NAME = /(^| )(tong hop|tong cong|toan tinh|th)( |$)/u;
/**
 * A heading line that says so: "TỔNG HỢP SỐ LIỆU CÁC ĐƠN VỊ", "Toàn tỉnh", "TH". An agency's
 * own title often begins "Tổng hợp kết quả…" too: only a summary of several ("… các đơn
 * vị", "… các huyện") counts, never the word alone.
 */
const SUMMARY_HEADING = /^(tong hop\b.*\bcac (don vi|co quan|huyen|cap uy|nganh|so)\b|tong cong( |$)|toan tinh( |$)|th$)/u;

/** Why a sheet is a summary of several agencies, if it is: its name, or a heading line above the table. */
function summaryMark(sheet: ModelSheet, profile: LayoutProfile): string | null {
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
function listedToSkip(sheet: ModelSheet, profile: LayoutProfile): boolean {
  const name = foldForSearch(nfc(sheet.name)).trim();
  return (profile.skipSheets ?? []).some((s) => foldForSearch(s).trim() === name);
}

/**
 * One sheet per agency: the visible sheets whose header is the sample's (a help sheet is
 * not), and those passed over among them: a sheet the profile lists to skip, and a
 * summary of several agencies ("Tổng hợp", "Toàn tỉnh"), whose totals are no agency's
 * figures even when its heading names one.
 */
function sheetsOfAgencies(model: WorkbookModel, profile: LayoutProfile): { sheets: ModelSheet[]; summaries: { sheet: ModelSheet; mark: string }[] } {
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

function sheetsLaidOutAs(model: WorkbookModel, profile: LayoutProfile): ModelSheet[] {
  return sheetsOfAgencies(model, profile).sheets;
}

/** The profile as it reads one of the workbook's sheets. */
function oneSheet(profile: LayoutProfile, sheet: ModelSheet): LayoutProfile {
  return { ...profile, eachSheet: false, sheet: { name: sheet.name } };
}

/** Each sheet laid out like the sample is its agency's report; two sheets of one agency are refused, not merged. */
function applyEachSheet(model: WorkbookModel, profile: LayoutProfile, catalog: ReportCatalog, options: { file: string; period?: string }): Recognition {
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
    return applyProfile(model, { ...profile, eachSheet: false }, catalog, options);
  }
  const reports: RecognisedReport[] = [];
  const sheetOf = new Map<string, string>();
  for (const sheet of sheets) {
    const read = applyProfile(model, oneSheet(profile, sheet), catalog, options);
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

export function applyProfile(model: WorkbookModel, profile: LayoutProfile, catalog: ReportCatalog, options: { file: string; period?: string }): Recognition {
  if (profile.eachSheet && !findSheet(model, META_SHEET)) return applyEachSheet(model, profile, catalog, options);
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

// ---- The layout-profile wizard's view of a table (the same matching as a read) ----

/** One row under the header of an indicator-rows table, as a read through the profile sees it. */
export interface ProfileRowReading {
  row: number;
  /** The key column's text ("1", "Số vụ …", "NV2.01"). */
  key: string;
  /** The row's texts left to right, for the clerk (and for name suggestions). */
  texts: string[];
  /** The texts left of the key column ("2", "-"), joined. */
  lead: string;
  /** For a skipped row: the profile's "bỏ qua" entry that took it. */
  skipEntry: string | null;
  /** The Roman numeral of the group the row sits under, folded ("ii"), if any. */
  group: string | null;
  /** 'group' and 'passed' rows (groups, totals) are read over, 'skipped' ones the clerk marked "bỏ qua"; 'end' is the first row under the table. */
  role: 'matched' | 'unmatched' | 'group' | 'passed' | 'skipped' | 'end';
  indicator: Indicator | null;
  /** The value column's cell, if one is known. */
  valueCell: ModelCell | undefined;
  hasValue: boolean;
}

export interface ProfileTableReading {
  sheet: string;
  valueColumn: string | null;
  agency: Agency | null;
  rows: ProfileRowReading[];
}

/**
 * Walks an indicator-rows table the way `applyProfile` does (the same sheet choice,
 * matcher, group rows, totals and notes) and says what became of every row, for the
 * wizard's preview. Null when the profile's sheet is not in the workbook.
 */
export function describeProfileRows(model: WorkbookModel, profile: LayoutProfile, plan: PlanDetail, agencies: readonly Agency[]): ProfileTableReading | null {
  const layout = profile.layout;
  if (layout.kind !== 'indicator-rows') return null;
  // The same sheet a read chooses: among several that fit, the one whose rows are the plan's.
  const sheet = selectSheet(model, profile, false, (g) => readTable(g, profile, plan, agencies, '').matchedRows > 0);
  if (!sheet) return null;
  const grid = new Grid(sheet);
  const { last } = profile.headerRows;
  let valueCol: number | null = null;
  if (layout.value && 'column' in layout.value) valueCol = columnNumber(layout.value.column);
  else if (layout.value) valueCol = findValueColumn(grid, profile, layout.value.headerText);
  let agency: Agency | null = null;
  if (layout.agency.mode === 'fixed') {
    const code = layout.agency.code;
    agency = agencies.find((a) => a.code === code) ?? null;
  } else if (layout.agency.mode === 'cell') {
    const { col, row } = parseAddress(layout.agency.cell);
    agency = agencyNamedBy(grid.text(col, row), agencies);
  } else if (layout.agency.mode === 'sheet') {
    agency = agencyNamedBy(sheet.name, agencies);
  }
  const keyCol = columnNumber(layout.keyColumn);
  const matcher = indicatorMatcher(profile, plan);
  const skipped = rowSkipper(profile);
  const rows: ProfileRowReading[] = [];
  let group: string | undefined;
  const lastRow = profile.lastRow ?? grid.lastRow;
  for (let row = last + 1; row <= lastRow; row++) {
    const key = grid.text(keyCol, row);
    const texts = grid.rowTexts(row).map((t) => t.text);
    const valueCell = valueCol === null ? undefined : grid.at(valueCol, row);
    const hasValue = valueCol !== null && grid.hasValue(valueCol, row);
    const lead = leadingText(grid.rowTexts(row), keyCol);
    const base = { row, key, lead, texts, group: group ?? null, valueCell, hasValue, skipEntry: null };
    const skipEntry = key ? skipped(key, group, lead) : null;
    if (skipEntry !== null) {
      rows.push({ ...base, role: 'skipped', indicator: null, skipEntry });
      continue;
    }
    const indicator = key ? matcher(key, group) : undefined;
    if (indicator) {
      rows.push({ ...base, role: 'matched', indicator });
      continue;
    }
    const role = roleOf(grid, row, keyCol, profile);
    if (role.end) {
      rows.push({ ...base, role: 'end', indicator: null });
      break;
    }
    if (role.group) {
      group = role.group;
      rows.push({ ...base, group: role.group, role: 'group', indicator: null });
      continue;
    }
    if (texts.length === 0) continue;
    rows.push({ ...base, role: role.passOver || !key ? 'passed' : 'unmatched', indicator: null });
  }
  return { sheet: sheet.name, valueColumn: valueCol === null ? null : columnLetters(valueCol), agency, rows };
}

/** One value column of an agency-rows table, as a read through the profile sees it. */
export interface ProfileColumnReading {
  column: string;
  /** The lowest header text over it that names something ("Số kiến nghị…", not "(3)"). */
  header: string;
  indicator: Indicator | null;
}

/** One row of an agency-rows table: the agency it names (if any) and its figures. */
export interface AgencyRowReading {
  row: number;
  key: string;
  texts: string[];
  role: 'matched' | 'unmatched' | 'group' | 'passed' | 'skipped' | 'end';
  agency: Agency | null;
  /** The cells under the matched indicator columns, left to right. */
  cells: (ModelCell | undefined)[];
}

/**
 * Walks an agency-rows table the way `readAgencyRows` does (the same columns, matcher,
 * skipped rows, totals and notes) for the wizard's preview. Null without the sheet.
 */
export function describeAgencyRows(model: WorkbookModel, profile: LayoutProfile, plan: PlanDetail, agencies: readonly Agency[]): { sheet: string; columns: ProfileColumnReading[]; rows: AgencyRowReading[] } | null {
  const layout = profile.layout;
  if (layout.kind !== 'agency-rows') return null;
  // The same sheet a read chooses: among several that fit, the one whose rows are the plan's.
  const sheet = selectSheet(model, profile, false, (g) => readTable(g, profile, plan, agencies, '').matchedRows > 0);
  if (!sheet) return null;
  const grid = new Grid(sheet);
  const { first, last } = profile.headerRows;
  const agencyCol = columnNumber(layout.agencyColumn);
  const matcher = indicatorMatcher(profile, plan);
  const skipped = rowSkipper(profile);
  const candidates = layout.columns?.map(columnNumber) ?? Array.from({ length: Math.max(0, grid.lastCol - agencyCol) }, (_, i) => agencyCol + 1 + i);
  const columns: (ProfileColumnReading & { col: number })[] = [];
  for (const col of candidates) {
    const headers = grid.namingHeaders(col, first, last);
    const header = headers[0]?.text;
    if (!header) continue;
    const indicator = headers.map((h) => matcher(h.text)).find((i) => i !== undefined) ?? null;
    columns.push({ col, column: columnLetters(col), header, indicator });
  }
  const read = columns.filter((c) => c.indicator !== null);
  const rows: AgencyRowReading[] = [];
  const lastRow = profile.lastRow ?? grid.lastRow;
  for (let row = last + 1; row <= lastRow; row++) {
    const key = grid.text(agencyCol, row);
    const texts = grid.rowTexts(row).map((t) => t.text);
    if (texts.length === 0) continue;
    const base = { row, key, texts, cells: read.map((c) => grid.at(c.col, row)) };
    if (key && skipped(key) !== null) {
      rows.push({ ...base, role: 'skipped', agency: null });
      continue;
    }
    const agency = key ? agencyNamedBy(key, agencies) : null;
    if (agency) {
      rows.push({ ...base, role: 'matched', agency });
      continue;
    }
    const role = roleOf(grid, row, agencyCol, profile);
    if (role.end) {
      rows.push({ ...base, role: 'end', agency: null });
      break;
    }
    rows.push({ ...base, role: role.group ? 'group' : role.passOver || !key ? 'passed' : 'unmatched', agency: null });
  }
  return { sheet: sheet.name, columns: columns.map(({ column, header, indicator }) => ({ column, header, indicator })), rows };
}
