// Layout profiles (excel.md §3): how to read a workbook in an agency's own layout.
// Made once (by pointing at a sample in the UI, or as a JSON description) and stored
// in SQLite; later imports of matching workbooks use it on their own.
import { z } from 'zod';

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
 * Which sheet: by its name, or the first visible sheet showing a text in or above its
 * header rows; with both, the named sheet must show the text for a workbook to be
 * recognised as this layout.
 */
const sheetSelector = z
  .object({ name: z.string().min(1).optional(), containsText: z.string().min(1).optional() })
  .refine((s) => s.name !== undefined || s.containsText !== undefined, { message: 'Cần tên trang tính hoặc một dòng chữ có trên trang' });

/** How a row (or, for agency rows, a header cell) finds its indicator. */
const indicatorMatch = z.object({
  by: z.enum(['code', 'name', 'label']),
  /**
   * Clerk-confirmed matches: the row's text (label, name, or code as written, by `by`) →
   * indicator code. Names ignore case, marks, numbering and punctuation; a label may name
   * its group too ("II.1": row "1" under group row "II"), since "1" starts every group.
   */
  confirmed: z.record(z.string().trim().min(1, { message: 'Dòng đã xác nhận cần có chữ' }), z.string().trim().min(1, { message: 'Cần mã chỉ tiêu, ví dụ "NV2.01"' })).default({}),
});

const agencySource = z.discriminatedUnion('mode', [
  /** The whole workbook is one agency's. */
  z.object({ mode: z.literal('fixed'), code: z.string().min(1) }),
  /** A heading cell names the agency ("CÔNG AN TỈNH LẠNG SƠN"); matched to agency names and codes. */
  z.object({ mode: z.literal('cell'), cell: address }),
  /** A column per agency: the last header row names the agency over each value column. */
  z.object({ mode: z.literal('columns'), columns: z.array(column).min(1) }),
]);

const indicatorRows = z.object({
  kind: z.literal('indicator-rows'),
  /** The column whose text identifies the row: a code, an indicator name, or a label such as "1.", "a)", "I". */
  keyColumn: column,
  match: indicatorMatch,
  /** This period's figure: a column, or the header text over it ("Số liệu kỳ báo cáo"). Unused for agency columns. */
  value: z.union([z.object({ column }), z.object({ headerText: z.string().min(1) })]).optional(),
  agency: agencySource,
});

const agencyRows = z.object({
  kind: z.literal('agency-rows'),
  /** One row per agency; this column names it (code or name). */
  agencyColumn: column,
  /** Header cells over the value columns name the indicators. */
  match: indicatorMatch,
  /** The value columns; default every column right of the agency column with a matching header. */
  columns: z.array(column).optional(),
});

export const layoutProfileSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    description: z.string().max(1000).optional(),
    sheet: sheetSelector,
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
  });

export type LayoutProfile = z.output<typeof layoutProfileSchema>;
export type LayoutProfileInput = z.input<typeof layoutProfileSchema>;

export interface LayoutProfileSummary {
  id: number;
  name: string;
  description: string | null;
  agencyCode: string | null;
  updatedAt: string;
}
