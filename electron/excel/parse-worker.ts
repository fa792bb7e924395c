// The worker thread that lets exceljs loose on an untrusted workbook, so that a file
// which eats memory or time costs a worker (with a heap cap, killed on a deadline) and
// never the app. It answers with the plain model of workbook-model.ts and nothing else.
import { parentPort } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import {
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

/** Loads the bytes with exceljs and returns the plain model (in whatever thread calls it). */
export async function readWorkbookModel(bytes: Uint8Array): Promise<WorkbookModel> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const externalLinks = (await listZipEntryNames(bytes)).filter((n) => /(^|\/)xl\/externalLinks\/[^/]+\.xml$/iu.test(n));
  return {
    sheets: workbook.worksheets.map(sheetOf),
    date1904: workbook.properties.date1904 === true,
    externalLinks,
  };
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (request: ParseRequest) => {
    if (request?.type !== 'parse') return;
    readWorkbookModel(request.bytes).then(
      (model) => port.postMessage({ type: 'result', id: request.id, model } satisfies ParseReply),
      (err: unknown) => port.postMessage({ type: 'failure', id: request.id, message: err instanceof Error ? err.message : String(err) } satisfies ParseReply),
    );
  });
  port.postMessage({ type: 'ready' } satisfies ParseReply);
}
