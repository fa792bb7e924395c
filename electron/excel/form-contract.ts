// The machine contract of a report form (excel.md §1): what the hidden "_meta" sheet
// holds, shared by the writer (form-writer.ts) and the reader (form-reader.ts). Anyone's
// tool must be able to fill a form from "_meta" alone, so the layout is fixed here and
// any change to it is a new FORM_VERSION.
//
// Layout of "_meta" (columns A, B, C; rows from 1):
//   rows 1..17  key | value, in the order of META_KEYS:
//               format     = "tonghop-cctp/report-form"
//               version    = 1 (a number)
//               plan       = "08-KH/BCĐ 2022": the plan's number, one space, its year
//                            (planKey); readable by a person, and split apart by parsePlanKey
//               planNumber = "08-KH/BCĐ"   (the same, in its own row, for tools)
//               planYear   = 2022 (a number)
//               period     = "2022-Q1"      (period code)
//               agency     = "CA"           (agency code)
//               generated  = ISO date-time the form was made
//               codeColumn = "B"            (column of "Báo cáo" holding task and indicator codes)
//               then the cells of the agency's own document, which the import does not
//               read (SLOT_KEYS; "Báo cáo!A3" each): superiorBodyCell, agencyNameCell,
//               documentNumberCell, documentDateCell, recipientsCell, signerCapacityCell,
//               signerTitleCell, signerNameCell
//   row 18      header: cell | field | kind
//   rows 19..   one row per input cell the import reads:
//               cell  = "Báo cáo!F23" (sheet name, "!", A1 address; the sheet name is never quoted)
//               field = "task:NV1:status" | "task:NV1:results" | "task:NV1:difficulties"
//                       | "task:NV1:proposals" | "indicator:NV2.01"
//               kind  = status | text | integer | decimal
// A reader should find the header row by its "cell" label rather than trust row 18, and
// ignore keys it does not know, so that a later version can add keys. That is how the
// slot keys came: forms written before them (header on row 10) read as they always did,
// and a reader that knows nothing of them reads the new forms alike; so version 1 still.
import { TASK_STATUSES, TASK_STATUS_LABELS, type TaskStatus } from '../../shared/domain';
import { nfc } from '../../shared/text';

export const FORM_FORMAT = 'tonghop-cctp/report-form';
export const FORM_VERSION = 1;
/** The visible sheet an agency fills in. */
export const FORM_SHEET = 'Báo cáo';
export const META_SHEET = '_meta';
/** Column of FORM_SHEET that holds each row's task or indicator code, for finding moved rows. */
export const FORM_CODE_COLUMN = 'B';

/**
 * The input cells of the agency's own document: its heading (superior body, its own
 * name), its number and date, its "Nơi nhận", and who signs it. The agency fills them
 * for its paper; the import does not read them.
 */
export const SLOT_KEYS = [
  'superiorBodyCell',
  'agencyNameCell',
  'documentNumberCell',
  'documentDateCell',
  'recipientsCell',
  'signerCapacityCell',
  'signerTitleCell',
  'signerNameCell',
] as const;
export type SlotKey = (typeof SLOT_KEYS)[number];

export const META_KEYS = ['format', 'version', 'plan', 'planNumber', 'planYear', 'period', 'agency', 'generated', 'codeColumn', ...SLOT_KEYS] as const;
export type MetaKey = (typeof META_KEYS)[number];

export interface FormMeta extends Record<SlotKey, string> {
  format: string;
  version: number;
  plan: string;
  planNumber: string;
  planYear: number;
  period: string;
  agency: string;
  generated: string;
  codeColumn: string;
}

export const META_ENTRY_HEADER = ['cell', 'field', 'kind'] as const;

/** Where things are on "_meta" (1-based rows, column letters). */
export const META_LAYOUT = {
  keyColumn: 'A',
  valueColumn: 'B',
  firstKeyRow: 1,
  headerRow: META_KEYS.length + 1,
  firstEntryRow: META_KEYS.length + 2,
  entryColumns: { cell: 'A', field: 'B', kind: 'C' },
} as const;

export const CELL_KINDS = ['status', 'text', 'integer', 'decimal'] as const;
/** status: one of FORM_STATUS_LABELS; text: free text; integer: whole ≥ 0; decimal: ≥ 0 (a typed percent is a decimal 0–100). */
export type CellKind = (typeof CELL_KINDS)[number];

export const TASK_PARTS = ['status', 'results', 'difficulties', 'proposals'] as const;
export type TaskPart = (typeof TASK_PARTS)[number];

export type FormField = { type: 'task'; taskCode: string; part: TaskPart } | { type: 'indicator'; indicatorCode: string };

export interface MetaEntry {
  cell: string;
  field: string;
  kind: CellKind;
}

export function fieldKey(field: FormField): string {
  return field.type === 'task' ? `task:${field.taskCode}:${field.part}` : `indicator:${field.indicatorCode}`;
}

/** Reads a `field` value; null when it is not one this version knows. */
export function parseFieldKey(text: string): FormField | null {
  const value = nfc(text).trim();
  if (value.startsWith('indicator:')) {
    const indicatorCode = value.slice('indicator:'.length);
    return indicatorCode ? { type: 'indicator', indicatorCode } : null;
  }
  if (value.startsWith('task:')) {
    const rest = value.slice('task:'.length);
    const cut = rest.lastIndexOf(':');
    const taskCode = rest.slice(0, cut);
    const part = rest.slice(cut + 1);
    if (cut <= 0 || !(TASK_PARTS as readonly string[]).includes(part)) return null;
    return { type: 'task', taskCode, part: part as TaskPart };
  }
  return null;
}

export function isCellKind(text: string): text is CellKind {
  return (CELL_KINDS as readonly string[]).includes(text);
}

/** "08-KH/BCĐ 2022": the plan's number and year, as the `plan` key holds them. */
export function planKey(number: string, year: number): string {
  return `${nfc(number).trim()} ${year}`;
}

export function parsePlanKey(text: string): { number: string; year: number } | null {
  const m = /^(.*\S)\s+(\d{4})$/u.exec(nfc(text).trim());
  return m ? { number: m[1] ?? '', year: Number(m[2]) } : null;
}

/** "Báo cáo!F23". */
export function cellRef(sheet: string, address: string): string {
  return `${sheet}!${address}`;
}

/** Splits "Báo cáo!F23" (or "'Báo cáo'!$F$23", as a person might type it) into sheet and address. */
export function parseCellRef(ref: string): { sheet: string; address: string } | null {
  const cut = ref.lastIndexOf('!');
  if (cut <= 0) return null;
  let sheet = nfc(ref.slice(0, cut)).trim();
  if (sheet.length >= 2 && sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/gu, "'");
  const address = ref.slice(cut + 1).replace(/\$/gu, '').trim().toUpperCase();
  return /^[A-Z]{1,3}[1-9]\d*$/u.test(address) ? { sheet, address } : null;
}

/** The dropdown of a status cell, in this order. */
export const FORM_STATUS_LABELS: readonly string[] = TASK_STATUSES.map((s) => TASK_STATUS_LABELS[s]);

/** The status a dropdown label stands for; null when the text is none of them. */
export function statusFromLabel(label: string): TaskStatus | null {
  const wanted = nfc(label).trim().toLocaleLowerCase('vi');
  return TASK_STATUSES.find((s) => TASK_STATUS_LABELS[s].toLocaleLowerCase('vi') === wanted) ?? null;
}
