// Layout profiles (excel.md §3): how to read a workbook in an agency's own layout.
// Made once (by pointing at a sample in the UI, or as a JSON description) and stored
// in SQLite; later imports of matching workbooks use it on their own.
import { z } from 'zod';
import { decodeLegacyText } from './legacy-text';

const column = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,3}$/u, { message: 'Cột ghi bằng chữ cái, ví dụ "E"' });
const address = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,3}[1-9]\d*$/u, { message: 'Ô ghi dạng A1, ví dụ "A3"' });
const row = z.number().int().min(1).max(1_048_576);

/**
 * A profile's name as it is kept and looked up: Unicode NFC (a name typed or pasted in
 * decomposed form, "Viện" as V-i-ê-̣-n, is the same name), without spaces around it, and
 * inner runs of spaces as one. Every way a name comes in (saving, renaming, duplicating,
 * importing, opening, deleting, the command line) goes through this.
 */
export function normalizeProfileName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ');
}
export const PROFILE_NAME_MAX = 100;
export const profileNameSchema = z
  .string()
  .transform(normalizeProfileName)
  .pipe(z.string().min(1, { message: 'Cần tên mẫu bố cục' }).max(PROFILE_NAME_MAX, { message: `Tên mẫu bố cục dài quá ${PROFILE_NAME_MAX} ký tự` }));

/**
 * Text a profile looks for in a workbook, stored in Unicode (NFC): a text picked from a
 * grid that showed a legacy font's bytes ("Kú b¸o c¸o") is converted by its characters,
 * so a saved profile, and one saved before workbooks were converted, matches the
 * converted workbook. Unicode text is never touched (legacy-text.ts leaves it alone).
 */
function unicodeText(text: string): string {
  return (decodeLegacyText(text)?.text ?? text).normalize('NFC');
}
const lookedFor = z.string().min(1).transform(unicodeText);

/**
 * Which sheet: by its name, or the first visible sheet showing a text in or above its
 * header rows; with both, the named sheet must show the text for a workbook to be
 * recognised as this layout.
 */
const sheetSelector = z
  .object({ name: z.string().min(1).optional(), containsText: lookedFor.optional() })
  .refine((s) => s.name !== undefined || s.containsText !== undefined, { message: 'Cần tên trang tính hoặc một dòng chữ có trên trang' });

/** How a row (or, for agency rows, a header cell) finds its indicator. */
const indicatorMatch = z.object({
  by: z.enum(['code', 'name', 'label']),
  /**
   * Clerk-confirmed matches: the row's text (label, name, or code as written, by `by`) →
   * indicator code. Names ignore case, marks, numbering and punctuation; a label may name
   * its group too ("II.1": row "1" under group row "II"), since "1" starts every group.
   */
  confirmed: z.record(z.string().trim().min(1, { message: 'Dòng đã xác nhận cần có chữ' }), z.string().trim().min(1, { message: 'Cần mã chỉ tiêu, ví dụ "NV2.01"' })).default({})
    .transform((confirmed) => Object.fromEntries(Object.entries(confirmed).map(([written, code]) => [unicodeText(written), code]))),
});

const agencySource = z.discriminatedUnion('mode', [
  /** The whole workbook is one agency's. */
  z.object({ mode: z.literal('fixed'), code: z.string().min(1) }),
  /** A heading cell names the agency ("CÔNG AN TỈNH LẠNG SƠN"); matched to agency names and codes. */
  z.object({ mode: z.literal('cell'), cell: address }),
  /** A column per agency: the last header row names the agency over each value column. */
  z.object({ mode: z.literal('columns'), columns: z.array(column).min(1) }),
  /** The sheet's own name names the agency (a workbook with one sheet per agency: "CA", "Huyện ủy Bắc Sơn"). */
  z.object({ mode: z.literal('sheet') }),
]);

/**
 * Rows the clerk marked "bỏ qua" (sub-rows such as "Trong đó:", "- Án thụ lý mới", totals):
 * their key in the same terms as `match.confirmed` for indicator rows, or the agency
 * column's text for agency rows. A skipped row is never read and never warned about.
 */
const skipList = z.array(z.string().trim().min(1).transform(unicodeText)).max(1000).optional();

const indicatorRows = z.object({
  kind: z.literal('indicator-rows'),
  /** The column whose text identifies the row: a code, an indicator name, or a label such as "1.", "a)", "I". */
  keyColumn: column,
  match: indicatorMatch,
  /** This period's figure: a column, or the header text over it ("Số liệu kỳ báo cáo"). Unused for agency columns. */
  value: z
    .union([
      /** `header`: the text over the column in the sample; a file whose column is headed otherwise is refused, not read. */
      z.object({ column, header: lookedFor.optional() }),
      z.object({ headerText: lookedFor }),
    ])
    .optional(),
  agency: agencySource,
  skip: skipList,
});

const agencyRows = z.object({
  kind: z.literal('agency-rows'),
  /** One row per agency; this column names it (code or name). */
  agencyColumn: column,
  /** Header cells over the value columns name the indicators. */
  match: indicatorMatch,
  /** The value columns; default every column right of the agency column with a matching header. */
  columns: z.array(column).optional(),
  skip: skipList,
});

export const layoutProfileSchema = z
  .object({
    name: profileNameSchema,
    description: z.string().max(1000).optional(),
    sheet: sheetSelector,
    /**
     * One sheet per agency: every visible sheet laid out like the sample (its header
     * found) is read, each as its own agency's report; the agency is named per sheet
     * (a heading cell, or the sheet's name). Optional: stored profiles read one sheet.
     */
    eachSheet: z.boolean().optional(),
    /**
     * One sheet per agency: sheets never read as an agency's report (a summary, an
     * instructions sheet laid out like the table), by name. Summary sheets ("Tổng hợp",
     * "Toàn tỉnh") are passed over without being listed. Optional.
     */
    skipSheets: z.array(z.string().trim().min(1).transform(unicodeText)).max(200).optional(),
    /** Header rows, first and last (merged, multi-row headers are normal). */
    headerRows: z.object({ first: row, last: row }).refine((h) => h.first <= h.last, { message: 'Dòng tiêu đề đầu phải trước dòng cuối' }),
    /** Last row of the table; default: read down to the notes under it. */
    lastRow: row.optional(),
    /** Where the period is written, if anywhere ("Quý I năm 2022"), to check it against the chosen period. */
    periodCell: address.optional(),
    layout: z.discriminatedUnion('kind', [indicatorRows, agencyRows]),
  })
  .superRefine((p, ctx) => {
    if (p.lastRow !== undefined && p.lastRow <= p.headerRows.last) {
      ctx.addIssue({ code: 'custom', path: ['lastRow'], message: 'Dòng cuối của bảng phải sau dòng tiêu đề cuối' });
    }
    // One agency's workbook needs to say which column holds this period's figure; a column per agency does not.
    if (p.layout.kind === 'indicator-rows' && p.layout.agency.mode !== 'columns' && p.layout.value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['layout', 'value'], message: 'Cần cho biết cột số liệu kỳ báo cáo: {"column": "D"} hoặc {"headerText": "Kỳ báo cáo"}' });
    }
    // Each sheet is one agency's: the agency is named on the sheet, never fixed for the whole workbook.
    if (p.eachSheet && (p.layout.kind !== 'indicator-rows' || (p.layout.agency.mode !== 'cell' && p.layout.agency.mode !== 'sheet'))) {
      ctx.addIssue({ code: 'custom', path: ['eachSheet'], message: 'Mỗi trang một đơn vị: tên đơn vị phải ghi ở một ô của mỗi trang hoặc là tên trang tính' });
    }
  });

export type LayoutProfile = z.output<typeof layoutProfileSchema>;

/** What each part of a profile is, in the clerk's words (a path's numbers and keys as "*"). */
const PART_NAMES: Record<string, string> = {
  '': 'mẫu bố cục',
  name: 'tên mẫu',
  description: 'mô tả',
  sheet: 'trang tính',
  'sheet.name': 'tên trang tính',
  'sheet.containsText': 'dòng chữ có trên trang tính',
  eachSheet: 'cách đọc mỗi trang một đơn vị',
  skipSheets: 'các trang bỏ qua',
  'skipSheets.*': 'tên trang bỏ qua',
  headerRows: 'các dòng tiêu đề',
  'headerRows.first': 'dòng tiêu đề đầu',
  'headerRows.last': 'dòng tiêu đề cuối',
  lastRow: 'dòng cuối của bảng',
  periodCell: 'ô ghi kỳ báo cáo',
  layout: 'kiểu bảng',
  'layout.kind': 'kiểu bảng',
  'layout.keyColumn': 'cột tên chỉ tiêu',
  'layout.agencyColumn': 'cột tên đơn vị',
  'layout.match': 'cách nhận ra chỉ tiêu',
  'layout.match.by': 'cách nhận ra chỉ tiêu',
  'layout.match.confirmed': 'các dòng đã xác nhận',
  'layout.match.confirmed.*': 'mã chỉ tiêu của dòng đã xác nhận',
  'layout.value': 'cột số liệu kỳ báo cáo',
  'layout.value.column': 'cột số liệu kỳ báo cáo',
  'layout.value.header': 'tiêu đề cột số liệu',
  'layout.value.headerText': 'tiêu đề cột số liệu',
  'layout.agency': 'đơn vị gửi báo cáo',
  'layout.agency.mode': 'cách biết đơn vị gửi báo cáo',
  'layout.agency.code': 'mã đơn vị',
  'layout.agency.cell': 'ô ghi tên đơn vị',
  'layout.agency.columns': 'các cột đơn vị',
  'layout.agency.columns.*': 'cột đơn vị',
  'layout.columns': 'các cột số liệu',
  'layout.columns.*': 'cột số liệu',
  'layout.skip': 'các dòng bỏ qua',
  'layout.skip.*': 'dòng bỏ qua',
};

/** The part of a profile an issue's path points at, in the clerk's words; the nearest named part for one not named. */
function partName(path: readonly PropertyKey[]): string {
  const keys = path.map((k, i) => (typeof k === 'number' || (i > 0 && path[i - 1] === 'confirmed') ? '*' : String(k)));
  for (let n = keys.length; n >= 0; n--) {
    const name = PART_NAMES[keys.slice(0, n).join('.')];
    if (name !== undefined) return name;
  }
  return 'mẫu bố cục';
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const k of path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

interface ProfileIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
}

const EXPECTED: Record<string, string> = { number: 'phải là một số', string: 'phải là chữ', boolean: 'phải là có hoặc không (true/false)', array: 'phải là một danh sách' };

/** The ways a part may be written, for a profile written by hand. */
const WAYS: Record<string, string> = {
  'layout.kind': '"indicator-rows" hoặc "agency-rows"',
  'layout.match.by': '"code", "name" hoặc "label"',
  'layout.value': '{"column": "D"} hoặc {"headerText": "Kỳ báo cáo"}',
  'layout.agency': '{"mode": "fixed", "code": …}, {"mode": "cell", "cell": "A2"}, {"mode": "columns", "columns": […]} hoặc {"mode": "sheet"}',
  'layout.agency.mode': '"fixed", "cell", "columns" hoặc "sheet"',
};

/** One issue as the clerk reads it: what part, and what is wrong with it. */
function describeIssue(issue: ProfileIssue, raw: unknown): string {
  const part = partName(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(raw, issue.path) === undefined) return `thiếu ${part}`;
      return `${part} ${EXPECTED[String(issue.expected)] ?? 'ghi sai dạng'}`;
    case 'invalid_union':
    case 'invalid_value': {
      const hint = WAYS[issue.path.filter((k) => typeof k === 'string').join('.')];
      return `${part} không đúng với một cách ghi được nhận${hint ? ` (${hint})` : ''}`;
    }
    case 'too_small':
      if (issue.origin === 'string') return `${part} không được để trống`;
      if (issue.origin === 'array') return `cần ít nhất ${String(issue.minimum)} ${part.replace(/^các /u, '')}`;
      return `${part} phải từ ${String(issue.minimum)} trở lên`;
    case 'too_big':
      if (issue.origin === 'string') return `${part} dài quá ${String(issue.maximum)} ký tự`;
      if (issue.origin === 'array') return `${part} nhiều quá ${String(issue.maximum)}`;
      return `${part} không được quá ${String(issue.maximum)}`;
    case 'custom':
      // The profile's own checks are written for the clerk already.
      return issue.message;
    default:
      return `${part}: ${issue.message}`;
  }
}

/**
 * Why a profile does not parse, in the clerk's words ("thiếu mã đơn vị; cột tên chỉ tiêu:
 * Cột ghi bằng chữ cái…"), never the schema's paths. `raw` is what was checked, to tell
 * a part left out from one written wrong.
 */
export function describeProfileIssues(issues: readonly ProfileIssue[], raw: unknown): string {
  const said = [...new Set(issues.map((i) => describeIssue(i, raw)))];
  return said.slice(0, 3).join('; ');
}
export type LayoutProfileInput = z.input<typeof layoutProfileSchema>;

export interface LayoutProfileSummary {
  id: number;
  name: string;
  description: string | null;
  agencyCode: string | null;
  updatedAt: string;
  /** The fixed agency's name, or null for a profile whose files name their agency. */
  agencyName: string | null;
  /** How the agency is known ('fixed', 'cell', 'columns', 'sheet', 'rows'), for the list's "Đơn vị" column. */
  agencyMode: string;
  createdAt: string;
  /** The last file taken in through the profile, and when (local date-time). */
  lastFile: { name: string; at: string } | null;
  /** The last import that read a file through it, whatever became of the file. */
  lastUsedAt: string | null;
  /** Reports read through it; they keep their record when the profile is deleted. */
  reports: number;
}

/** A saved profile with its definition, for the wizard to open and for export. */
export interface LayoutProfileDetail extends LayoutProfileSummary {
  definition: LayoutProfile;
  /** The report the last file became, so its original can open as the wizard's sample. */
  lastSubmissionId: number | null;
}
