// The reference the workbook reader is held to: the same WorkbookModel built from an
// exceljs load of the same bytes (what the import used before workbook-reader.ts).
// Only for tests; the two must agree on every fixture, except where a comment in
// tests/unit/workbook-reader.test.ts says why the reader knows better.
import ExcelJS from 'exceljs';
import { hasExternalReference, type ModelCell, type ModelResultType, type ModelSheet, type ModelValue, type SheetState, type WorkbookModel } from '../../electron/excel/workbook-model';

const { ValueType } = ExcelJS;

function isoOf(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

function richTextOf(value: unknown): { text: string; fontName?: string } | null {
  if (typeof value !== 'object' || value === null || !('richText' in value) || !Array.isArray(value.richText)) return null;
  let text = '';
  let fontName: string | undefined;
  for (const run of value.richText as { text?: unknown; font?: { name?: unknown } }[]) {
    if (typeof run.text === 'string') text += run.text;
    if (fontName === undefined && typeof run.font?.name === 'string') fontName = run.font.name;
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
    case ValueType.Error:
      return { ...base, type: 'error', value: typeof v === 'object' && v !== null && 'error' in v ? String(v.error) : '#VALUE!', ...extras(font) };
    case ValueType.RichText: {
      const rich = richTextOf(v);
      if (!rich || rich.text === '') return null;
      return { ...base, type: 'richText', value: rich.text, ...extras(rich.fontName ?? font) };
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
      const text = typeof v === 'string' ? v : cell.text;
      return text === '' ? null : { ...base, type: 'string', value: text, ...extras(font) };
    }
  }
}

function sheetOf(ws: ExcelJS.Worksheet): ModelSheet {
  const cells: ModelCell[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = cellOf(cell, rowNumber, colNumber);
      if (c) cells.push(c);
    });
  });
  const merges = Object.values((ws as unknown as { _merges?: Record<string, { range?: unknown }> })._merges ?? {})
    .map((m) => m.range)
    .filter((r): r is string => typeof r === 'string');
  const state: SheetState = ws.state === 'hidden' || ws.state === 'veryHidden' ? ws.state : 'visible';
  return { name: ws.name, state, rowCount: ws.rowCount, columnCount: ws.columnCount, merges, cells };
}

export async function exceljsModel(bytes: Uint8Array, externalLinks: string[] = []): Promise<WorkbookModel> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer, { ignoreNodes: ['dataValidations', 'conditionalFormatting', 'hyperlinks', 'extLst'] });
  return { sheets: workbook.worksheets.map(sheetOf), date1904: workbook.properties.date1904 === true, externalLinks };
}
