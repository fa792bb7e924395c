// The matching every table shape shares: a row's indicator (by code, name or confirmed
// label), the rows the profile skips, the value column a header names, what role a row
// plays (data, group, total, notes), and the table a shape reads into.
import { columnLetters } from '../../../shared/cells';
import type { Agency, Indicator, PlanDetail } from '../../../shared/domain';
import { problem, type Problem } from '../../../shared/problems';
import type { LayoutProfile } from '../../../shared/profiles';
import { foldForSearch, nfc } from '../../../shared/text';
import type { ModelCell } from '../workbook-model';
import type { Grid } from './grid';
import { codeKey, containsWords, labelKey, nameKeys, normaliseLabel, NOTES, ROMAN, TOTAL, words } from './text';

export type Matcher = (key: string, group?: string) => Indicator | undefined;

/** How the row keys (or header texts) of this profile find their indicator in a plan. */
export function indicatorMatcher(profile: LayoutProfile, plan: PlanDetail): Matcher {
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
export function exactKey(text: string): string {
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
export function ambiguousSkips(taken: Map<string, number[]>, file: string, sheet: string, keyCol: number, profile: LayoutProfile): Problem[] {
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

/** The column whose header is the given text: an exact header first (its own text, or the group and its own together), then one containing it. */
export function findValueColumn(grid: Grid, profile: LayoutProfile, headerText: string): number | null {
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
export function columnHeadedBy(grid: Grid, profile: LayoutProfile, col: number, headerText: string): boolean {
  const { first, last } = profile.headerRows;
  const wanted = words(headerText);
  const headers = grid.namingHeaders(col, first, last).map((h) => words(h.text));
  const path = [...headers].reverse().join(' ');
  return wanted === '' || headers.includes(wanted) || path === wanted || headers.some((h) => containsWords(h, wanted)) || containsWords(path, wanted);
}

export interface RowRole {
  /** The rows under the table start here: stop. */
  end: boolean;
  /** A group row ("I", "II"), a total row or a spacer: pass over without a word. */
  passOver: boolean;
  /** The Roman numeral of a group row, folded ("ii"). */
  group: string | null;
}

/** What a row that matched nothing is: the end of the table, a group or total row, or a row to report. */
export function roleOf(grid: Grid, row: number, keyCol: number, profile: LayoutProfile): RowRole {
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

export interface Found {
  agency: Agency;
  indicator: Indicator;
  cell: ModelCell | undefined;
  address: string;
}

export interface Table {
  found: Found[];
  /** Rows with figures that named no indicator (or no agency): "21 ("Số vụ …")". */
  unmatched: { row: number; label: string }[];
  problems: Problem[];
  /** Data rows whose key (or agency) matched. */
  matchedRows: number;
}
