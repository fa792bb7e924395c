// One cell of a worksheet into the model: its value by type (shared string, inline
// string, number, date, boolean, error), or its formula (a shared one slid to this
// cell) with the cached result the file carries.
import { columnLetters, columnNumber, MAX_COLUMN } from '../../../shared/cells';
import { hasExternalReference, type ModelCell, type ModelResultType, type ModelValue } from '../workbook-model';
import { isoDate, serialToIso } from './day-numbers';
import type { SheetContext } from './limits';
import { decodeXstring, type SharedString } from './shared-strings';
import type { CellStyle } from './styles';

/** A shared formula's master: its text and the cell it is written in. */
export interface SharedFormula {
  formula: string;
  row: number;
  col: number;
}

/**
 * A shared formula's text as it reads in another cell: relative references move by the
 * offset, "$" parts stay; string literals and function names are left alone.
 */
export function slideFormula(formula: string, from: { row: number; col: number }, to: { row: number; col: number }): string {
  const dRow = to.row - from.row;
  const dCol = to.col - from.col;
  return formula.replace(/"(?:[^"]|"")*"|'(?:[^']|'')*'!|(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![\w(])/gu, (match: string, colAbs?: string, letters?: string, rowAbs?: string, digits?: string) => {
    if (letters === undefined || digits === undefined) return match;
    const col = columnNumber(letters);
    const row = Number(digits);
    if (col > MAX_COLUMN || row < 1) return match;
    const newCol = colAbs ? col : col + dCol;
    const newRow = rowAbs ? row : row + dRow;
    if (newCol < 1 || newRow < 1) return '#REF!';
    return `${colAbs ?? ''}${columnLetters(newCol)}${rowAbs ?? ''}${newRow}`;
  });
}

/** The cell being read, between <c> and </c>. */
export interface PendingCell {
  row: number;
  col: number;
  type: string | undefined;
  style: CellStyle | undefined;
  value: string | undefined;
  formula: string | undefined;
  sharedIndex: string | undefined;
  sharedMaster: boolean;
  inline: SharedString | undefined;
}

/** A model cell at the pending cell's place, with its font and number format. Hot: no closures, no spreads. */
function modelCell(p: PendingCell, type: ModelCell['type'], value: ModelValue, fontName: string | undefined): ModelCell {
  const cell: ModelCell = { address: columnLetters(p.col) + p.row, row: p.row, col: p.col, type, value };
  if (fontName !== undefined) cell.fontName = fontName;
  const numFmt = p.style?.numFmt;
  if (numFmt !== undefined) cell.numFmt = numFmt;
  return cell;
}

function stringCell(p: PendingCell, s: SharedString | undefined, font: string | undefined): ModelCell | null {
  if (s === undefined || s.text === '') return null;
  return modelCell(p, s.rich ? 'richText' : 'string', s.text, s.fontName ?? font);
}

export function cellOf(p: PendingCell, ctx: SheetContext, sharedFormulas: Map<string, SharedFormula>): ModelCell | null {
  const font = p.style?.fontName;
  let formula = p.formula;
  if (p.sharedIndex !== undefined) {
    const master = sharedFormulas.get(p.sharedIndex);
    if (p.sharedMaster && formula) sharedFormulas.set(p.sharedIndex, { formula, row: p.row, col: p.col });
    else if (!formula && master) formula = slideFormula(master.formula, master, p);
  }
  if (formula !== undefined && (formula !== '' || p.sharedIndex !== undefined)) {
    const result = formulaResult(p, ctx);
    const cell = modelCell(p, 'formula', result ? result.value : null, font);
    cell.formula = formula;
    cell.hasCachedResult = result !== null;
    if (result) cell.resultType = result.type;
    if (hasExternalReference(formula)) cell.externalRef = true;
    return cell;
  }

  const text = p.value;
  if (p.inline !== undefined || p.type === 'inlineStr') return stringCell(p, p.inline ?? { text: text ?? '', rich: false }, font);
  if (text === undefined) return null;
  switch (p.type) {
    case 's':
      // An empty index is no index: Number("") is 0, which would read the first string.
      return text.trim() === '' ? null : stringCell(p, ctx.strings[Number(text)], font);
    case 'str':
      return text === '' ? null : modelCell(p, 'string', decodeXstring(text), font);
    case 'b':
      return modelCell(p, 'boolean', text.trim() === '1' || text.trim().toLowerCase() === 'true', font);
    case 'e':
      return modelCell(p, 'error', text.trim() || '#VALUE!', font);
    case 'd': {
      const iso = isoDate(text, ctx.date1904);
      return iso === null ? modelCell(p, 'string', text, font) : modelCell(p, 'date', iso, font);
    }
    default: {
      if (text.trim() === '') return null;
      const n = Number(text);
      // Not a number after all: kept as the text it is, which the cell reader then refuses where a figure is due.
      if (!Number.isFinite(n)) return modelCell(p, 'string', text, font);
      // A day number no calendar holds stays the number it is (Excel shows ####).
      const iso = p.style?.isDate ? serialToIso(n, ctx.date1904) : null;
      return iso === null ? modelCell(p, 'number', n, font) : modelCell(p, 'date', iso, font);
    }
  }
}

/** A formula's cached result, the way the cell itself would read; null when the file carries none. */
function formulaResult(p: PendingCell, ctx: SheetContext): { value: ModelValue; type: ModelResultType } | null {
  const v = p.value;
  // A text result is written as <v> with t="str"; an empty <v/> is a formula that shows "" (IF(…;"")).
  if (p.type === 'str') return v === undefined ? null : { value: decodeXstring(v), type: 'string' };
  if (v === undefined || v === '') return null;
  switch (p.type) {
    case 'b':
      return { value: v.trim() === '1' || v.trim().toLowerCase() === 'true', type: 'boolean' };
    case 'e':
      return { value: v.trim(), type: 'error' };
    case 's': {
      const s = v.trim() === '' ? undefined : ctx.strings[Number(v)];
      return s === undefined ? null : { value: s.text, type: 'string' };
    }
    case 'd': {
      const iso = isoDate(v, ctx.date1904);
      return iso === null ? { value: v, type: 'string' } : { value: iso, type: 'date' };
    }
    default: {
      const n = Number(v);
      if (!Number.isFinite(n)) return { value: v, type: 'string' };
      const iso = p.style?.isDate ? serialToIso(n, ctx.date1904) : null;
      return iso === null ? { value: n, type: 'number' } : { value: iso, type: 'date' };
    }
  }
}

