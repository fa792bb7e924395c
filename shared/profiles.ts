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
const skipList = z.array(z.string().trim().min(1)).max(1000).optional();

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
    name: z.string().trim().min(1).max(100),
    description: z.string().max(1000).optional(),
    sheet: sheetSelector,
    /**
     * One sheet per agency: every visible sheet laid out like the sample (its header
     * found) is read, each as its own agency's report; the agency is named per sheet
     * (a heading cell, or the sheet's name). Optional: stored profiles read one sheet.
     */
    eachSheet: z.boolean().optional(),
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
