// What the parse worker hands back: a plain, structured-clone-safe picture of a
// workbook. Sheets and cells are arrays, never objects keyed by a sheet name or a
// header text, so a sheet literally named "__proto__" is just a string in a list.
import type { Problem } from '../../shared/problems';

export type ModelCellType = 'number' | 'string' | 'date' | 'boolean' | 'formula' | 'error' | 'richText' | 'empty';

/** What a formula's cached result is, when it has one. */
export type ModelResultType = 'number' | 'string' | 'date' | 'boolean' | 'error';

export type ModelValue = number | string | boolean | null;

export interface ModelCell {
  /** "F23" */
  address: string;
  row: number;
  col: number;
  type: ModelCellType;
  /**
   * number, string (rich text joined, hyperlinks as their text), boolean, a date as ISO
   * ("2022-03-18", or "2022-03-18T10:30:00" with a time; Excel dates have no zone), an
   * error as its text ("#N/A"), or for a formula its cached result the same way.
   */
  value: ModelValue;
  /** Formula text without "=", for formula cells. */
  formula?: string;
  /**
   * Whether the file carries the formula's last computed value. When it does not and the
   * app could compute the formula (formula-eval.ts), `value` and `resultType` hold the
   * computed result, so every reader sees what Excel shows; else `value` is null.
   */
  hasCachedResult?: boolean;
  resultType?: ModelResultType;
  /** The formula refers to another workbook ("[1]Sheet1!A1", "'C:\…\[Book.xlsx]Sheet1'!A1"). */
  externalRef?: boolean;
  /** The cell's font, or a rich text's first run's: legacy text is recognised by it. */
  fontName?: string;
  /** The number format when it is not General ("0.0%", "dd/mm/yyyy"). */
  numFmt?: string;
  /** For a formula the app could compute itself (formula-eval.ts): its result, to hold the stored one to. */
  computed?: ModelComputed;
}

export interface ModelComputed {
  type: 'number' | 'string' | 'boolean' | 'error';
  value: number | string | boolean;
}

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface ModelSheet {
  name: string;
  state: SheetState;
  /** The last row and column that hold a value or a merge (a cell with only a format does not count). */
  rowCount: number;
  columnCount: number;
  /** "A1:C3", one per merge. */
  merges: string[];
  /** Non-empty cells only, row by row. Cells covered by a merge are left out; the top-left one holds the value. */
  cells: ModelCell[];
}

export interface WorkbookModel {
  sheets: ModelSheet[];
  /** The workbook counts dates from 1904 (old Mac Excel). Dates above are already converted. */
  date1904: boolean;
  /** External-link parts in the package ("xl/externalLinks/externalLink1.xml"). */
  externalLinks: string[];
}

/** Finds a sheet by name without ever using the name as an object key. */
export function findSheet(model: WorkbookModel, name: string): ModelSheet | undefined {
  return model.sheets.find((s) => s.name === name);
}

/**
 * What a cell of "Sheet!A1" holds, as text, for the record of a correction: the value
 * as stored (a formula's cached result, an error's text, "" when blank). The sheet
 * name is everything before the last "!", since a sheet's name may contain one.
 */
export function cellTextAt(model: WorkbookModel, ref: string): string {
  const cut = ref.lastIndexOf('!');
  if (cut < 0) return '';
  const sheet = findSheet(model, ref.slice(0, cut).replace(/^'(.*)'$/u, '$1'));
  const cell = sheet?.cells.find((c) => c.address === ref.slice(cut + 1));
  if (!cell || cell.value === null) return cell?.type === 'formula' && cell.formula ? `=${cell.formula}` : '';
  return String(cell.value).normalize('NFC');
}

/** An address → cell index for one sheet; a Map, so no address can reach a prototype. */
export function indexCells(sheet: ModelSheet): Map<string, ModelCell> {
  return new Map(sheet.cells.map((c) => [c.address, c]));
}

/**
 * External-workbook references inside formula text: "[1]Sheet1!A1" (the index form Excel
 * writes), "[1]!Name", "[Book.xlsx]Sheet1!A1", and any quoted sheet reference holding
 * brackets ("'C:\…\[Book.xlsx]Sheet 1'!A1", "'[1]Sheet 1'!A1"): a sheet's own name may
 * not contain "[" or "]". Structured table references ("Table1[2022]", "Table1[[#This
 * Row],[Số]]") do not match: no sheet name and "!" follow their brackets.
 */
export function hasExternalReference(formula: string): boolean {
  const code = formula.replace(/"(?:[^"]|"")*"/gu, '""');
  return (
    /\[\d+\][\p{L}\p{N}_.]*!/u.test(code) ||
    /\[[^[\]]+\.(?:xl[a-z]{1,2}|csv|ods)\][\p{L}\p{N}_.]*!/iu.test(code) ||
    /'[^']*\[[^'\]]+\][^']*'!/u.test(code)
  );
}

// Messages between parse.ts and parse-worker.ts.

/** workerData.role of the parse worker: the module serves only when started as such. */
export const PARSE_WORKER_ROLE = 'tonghop-cctp/parse-worker';

export interface ParseRequest {
  type: 'parse';
  id: number;
  bytes: Uint8Array;
  /** For messages only. */
  fileName: string;
}

export type ParseReply =
  | { type: 'ready' }
  /** A null model: the problems say why the file cannot be read (a limit, a damaged archive). */
  | { type: 'result'; id: number; model: WorkbookModel | null; problems: Problem[] }
  | { type: 'failure'; id: number; message: string };
