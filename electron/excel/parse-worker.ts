// The worker thread that lets exceljs loose on an untrusted workbook, so that a file
// which eats memory or time costs a worker (with a heap cap, killed on a deadline) and
// never the app. It answers with the plain model of workbook-model.ts and nothing else.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import {
  PARSE_WORKER_ROLE,
  hasExternalReference,
  type ModelCell,
  type ModelResultType,
  type ModelSheet,
  type ModelValue,
  type ParseReply,
  type ParseRequest,
  type SheetState,
  type WorkbookModel,
} from './workbook-model';
import { listZipEntryNames } from './zip-scan';

const { ValueType } = ExcelJS;

/**
 * Worksheet parts the import never uses. exceljs expands every data-validation range
 * into one entry per cell (measured: 4 s for one whole column, 20 s for four), and a
 * validated column is common in agencies' own files, so validations are not read at
 * all; the others are skipped because nothing downstream looks at them.
 */
const IGNORED_SHEET_NODES = ['dataValidations', 'conditionalFormatting', 'hyperlinks', 'extLst'];

/** Excel's day numbers are wall-clock times without a zone; exceljs puts them in UTC. */
function isoOf(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

function richTextOf(value: unknown): { text: string; fontName?: string } | null {
  if (typeof value !== 'object' || value === null || !('richText' in value) || !Array.isArray(value.richText)) return null;
  let text = '';
  let fontName: string | undefined;
  for (const run of value.richText as unknown[]) {
    if (typeof run !== 'object' || run === null) continue;
    const r = run as { text?: unknown; font?: { name?: unknown } };
    if (typeof r.text === 'string') text += r.text;
    if (fontName === undefined && typeof r.font?.name === 'string') fontName = r.font.name;
  }
  return fontName === undefined ? { text } : { text, fontName };
}

function resultOf(result: unknown): { value: ModelValue; type: ModelResultType } | null {
  if (result === undefined || result === null) return null;
  if (typeof result === 'number') return { value: result, type: 'number' };
  if (typeof result === 'string') return { value: result, type: 'string' };
  if (typeof result === 'boolean') return { value: result, type: 'boolean' };
  if (result instanceof Date) return { value: isoOf(result), type: 'date' };
  if (typeof result === 'object' && 'error' in result) return { value: String(result.error), type: 'error' };
  const rich = richTextOf(result);
  return rich ? { value: rich.text, type: 'string' } : null;
}

function cellOf(cell: ExcelJS.Cell, row: number, col: number): ModelCell | null {
  const base = { address: cell.address, row, col };
  const font = cell.font?.name;
  const numFmt = typeof cell.numFmt === 'string' && cell.numFmt !== '' && cell.numFmt !== 'General' ? cell.numFmt : undefined;
  const extras = (fontName: string | undefined): Pick<ModelCell, 'fontName' | 'numFmt'> => ({
    ...(fontName !== undefined ? { fontName } : {}),
    ...(numFmt !== undefined ? { numFmt } : {}),
  });
  const v: unknown = cell.value;
  switch (cell.type) {
    case ValueType.Null:
    case ValueType.Merge:
      return null;
    case ValueType.Number:
      return typeof v === 'number' ? { ...base, type: 'number', value: v, ...extras(font) } : null;
    case ValueType.Boolean:
      return { ...base, type: 'boolean', value: v === true, ...extras(font) };
    case ValueType.Date:
      return v instanceof Date ? { ...base, type: 'date', value: isoOf(v), ...extras(font) } : null;
    case ValueType.Error: {
      const error = typeof v === 'object' && v !== null && 'error' in v ? String(v.error) : '#VALUE!';
      return { ...base, type: 'error', value: error, ...extras(font) };
    }
    case ValueType.RichText: {
      const rich = richTextOf(v);
      if (!rich || rich.text === '') return null;
      return { ...base, type: 'richText', value: rich.text, ...extras(rich.fontName ?? font) };
    }
    case ValueType.Hyperlink: {
      // The text a clerk sees; the link target is never taken in.
      const h = v as { text?: unknown };
      const rich = richTextOf(h.text);
      const text = rich ? rich.text : typeof h.text === 'string' ? h.text : '';
      return text === '' ? null : { ...base, type: 'string', value: text, ...extras(rich?.fontName ?? font) };
    }
    case ValueType.Formula: {
      const formula = cell.formula ?? '';
      const result = resultOf(cell.result);
      return {
        ...base,
        type: 'formula',
        value: result ? result.value : null,
        formula,
        hasCachedResult: result !== null,
        ...(result ? { resultType: result.type } : {}),
        ...(hasExternalReference(formula) ? { externalRef: true } : {}),
        ...extras(font),
      };
    }
    default: {
      // String and SharedString, and anything exceljs may add: its text.
      const text = typeof v === 'string' ? v : cell.text;
      return text === '' ? null : { ...base, type: 'string', value: text, ...extras(font) };
    }
  }
}

function mergesOf(ws: ExcelJS.Worksheet): string[] {
  // exceljs keeps merges keyed by their top-left address; the public `model` getter would
  // rebuild every row just to list them.
  const merges = (ws as unknown as { _merges?: Record<string, { range?: unknown }> })._merges ?? {};
  return Object.values(merges)
    .map((m) => m.range)
    .filter((r): r is string => typeof r === 'string');
}

function sheetOf(ws: ExcelJS.Worksheet): ModelSheet {
  const cells: ModelCell[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = cellOf(cell, rowNumber, colNumber);
      if (c) cells.push(c);
    });
  });
  const state: SheetState = ws.state === 'hidden' || ws.state === 'veryHidden' ? ws.state : 'visible';
  return { name: ws.name, state, rowCount: ws.rowCount, columnCount: ws.columnCount, merges: mergesOf(ws), cells };
}

/**
 * Loads the bytes with exceljs and returns the plain model. Only ever in the parse
 * worker: exceljs keeps some maps in plain objects keyed by names taken from the file,
 * and a defined name on a sheet called "__proto__" adds keys to Object.prototype of the
 * thread that parses (see `sealPrototypes`).
 */
async function readWorkbookModel(bytes: Uint8Array): Promise<WorkbookModel> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer, { ignoreNodes: IGNORED_SHEET_NODES });
  const externalLinks = (await listZipEntryNames(bytes)).filter((n) => /(^|\/)xl\/externalLinks\/[^/]+\.xml$/iu.test(n));
  return {
    sheets: workbook.worksheets.map(sheetOf),
    date1904: workbook.properties.date1904 === true,
    externalLinks,
  };
}

/**
 * This thread parses one untrusted file after another (the pool reuses it), so nothing a
 * file does may stay behind: no new keys on the shared prototypes. An attempt then fails
 * inside exceljs (a TypeError, reported as an unreadable file) instead of polluting.
 */
function sealPrototypes(): void {
  for (const proto of [Object.prototype, Array.prototype, Function.prototype]) Object.preventExtensions(proto);
}

function prototypesClean(): boolean {
  return Object.keys(Object.prototype).length === 0 && Object.keys(Array.prototype).length === 0;
}

function serve(port: NonNullable<typeof parentPort>): void {
  sealPrototypes();
  port.on('message', (request: ParseRequest) => {
    if (request?.type !== 'parse') return;
    readWorkbookModel(request.bytes).then(
      (model) => port.postMessage({ type: 'result', id: request.id, model } satisfies ParseReply),
      (err: unknown) => port.postMessage({ type: 'failure', id: request.id, message: err instanceof Error ? err.message : String(err) } satisfies ParseReply),
    ).finally(() => {
      // Belt and braces: a thread that was tampered with anyway is not trusted with the next file.
      if (!prototypesClean()) process.exit(1);
    });
  });
  port.postMessage({ type: 'ready' } satisfies ParseReply);
}

// Serve only when started as the parse worker, never as a side effect of an import
// (a test runner's own worker thread, say).
const role = (workerData as { role?: unknown } | null | undefined)?.role;
if (!isMainThread && parentPort && role === PARSE_WORKER_ROLE) serve(parentPort);
