// The Api's part for layout profiles (agencies' own workbooks) and the wizard that makes them.
import { z } from 'zod';
import { fileBytes, method, none, periodCode, type FileBytes } from './method';
import { layoutProfileSchema, profileNameSchema, type LayoutProfileDetail, type LayoutProfileSummary } from '../profiles';
import type { Problem } from '../problems';
import type { AgencyRef } from './consolidation';

// ---- the layout-profile wizard (profiles.inspect, profiles.preview) ----

/** A merged range of an inspected grid, 1-based and clipped to the grid shown. */
export interface GridMerge {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/** The top-left corner of one sheet as the clerk sees it: display text, merges kept. */
export interface InspectedSheet {
  name: string;
  /** The sheet's full size; the grid shows at most the first rows and columns. */
  rowCount: number;
  columnCount: number;
  /** rows[r][c] is the text of row r + 1, column c + 1 ("" when empty or covered by a merge). */
  rows: string[][];
  merges: GridMerge[];
  truncated: boolean;
}

export interface WorkbookInspection {
  file: string;
  sheets: InspectedSheet[];
  problems: Problem[];
}

export interface IndicatorSuggestion {
  code: string;
  name: string;
  /** How 0–1 sure: the share of words shared (by name), 1 for a code written in the row. */
  score: number;
  /** Why it is suggested: its code is written in the row, its name shares words, or it sits between the rows matched above and below. */
  reason: 'code' | 'name' | 'position';
}

/** How a matched row (or column) found its indicator: the clerk's confirmation, or the profile's own matching. */
export type PreviewMatchedBy = 'confirmed' | 'code' | 'name' | 'label';

export interface ProfilePreviewRow {
  row: number;
  key: string;
  /** The row's texts joined, as shown. */
  text: string;
  /** The figure in the value column, as shown (for a row per agency: its figures, left to right). */
  value: string;
  /** 'skipped': marked "bỏ qua" in the profile. */
  role: 'matched' | 'unmatched' | 'group' | 'passed' | 'skipped' | 'end';
  indicator: { code: string; name: string; unit: string; computed: boolean } | null;
  matchedBy: PreviewMatchedBy | null;
  /** For a row per agency: the agency it names. */
  agency: AgencyRef | null;
  /** What to put in match.confirmed to tie this row to an indicator. */
  confirmKey: string;
  /**
   * What to put in layout.skip to mark this row "bỏ qua" (its group, the cells left of its
   * key and its key, so a sub-row is not taken for the real row of that name); for a
   * skipped row, the entry that took it, to take out to read it again.
   */
  skipKey: string;
  /** For unmatched rows: the closest indicators, each with its reason. */
  suggestions: IndicatorSuggestion[];
  /** A sub-row ("Trong đó:", "- Án thụ lý mới"): "bỏ qua" is the first suggestion, before any indicator. */
  skipSuggested: 'sub-row' | null;
}

/** A value column of a table with one row per agency: the indicator its header names. */
export interface ProfilePreviewColumn {
  column: string;
  header: string;
  indicator: { code: string; name: string; unit: string; computed: boolean } | null;
  matchedBy: PreviewMatchedBy | null;
  confirmKey: string;
  suggestions: IndicatorSuggestion[];
}

export interface ProfilePreview {
  sheet: string | null;
  valueColumn: string | null;
  agency: AgencyRef | null;
  planYear: number | null;
  /** What the profile's period cell says, when it names one ("Quý I năm 2022"). */
  periodText: string | null;
  rows: ProfilePreviewRow[];
  /** What an import through this profile would say (the same reader). */
  problems: Problem[];
  /** Figures an import would take, per agency: none where an error stops the import. */
  reports: { agency: string; values: number }[];
  /** Figures the table holds as read, per agency, errors or not: what the clerk points at. */
  read: { agency: string; values: number }[];
  /** The table's shape: a row per indicator, or a row per agency (whose value columns are listed). */
  kind: 'indicator-rows' | 'agency-rows';
  columns: ProfilePreviewColumn[];
  /** One sheet per agency: every sheet read, and the agency each one names. */
  sheets: { name: string; agency: AgencyRef | null }[];
}

const profileName = profileNameSchema;

export const profilesApi = {
  'profiles.list': method<LayoutProfileSummary[]>()(none),
  /** Refused (PROFILE_EXISTS) when the name is taken, unless `replace`: the clerk is asked first. */
  'profiles.save': method<LayoutProfileSummary>()(z.object({ definition: layoutProfileSchema, replace: z.boolean().default(false) })),
  'profiles.get': method<LayoutProfileDetail>()(z.object({ name: profileName })),
  'profiles.rename': method<LayoutProfileSummary>()(z.object({ name: profileName, newName: profileName })),
  /** A copy under `newName`, or the first free "Tên (bản sao)". */
  'profiles.duplicate': method<LayoutProfileSummary>()(z.object({ name: profileName, newName: profileName.optional() })),
  /** Audited; the reports read through it keep their figures, file and the profile's name. */
  'profiles.remove': method<{ name: string; reports: number }>()(z.object({ name: profileName })),
  /** The definition as a JSON file, to share with another office. */
  'profiles.export': method<FileBytes>()(z.object({ name: profileName })),
  'profiles.import': method<LayoutProfileSummary>()(z.object({ file: fileBytes, replace: z.boolean().default(false) })),
  'profiles.inspect': method<WorkbookInspection>()(z.object({ file: fileBytes })),
  'profiles.preview': method<ProfilePreview>()(z.object({ file: fileBytes, definition: layoutProfileSchema, period: periodCode.optional() })),
} as const;
