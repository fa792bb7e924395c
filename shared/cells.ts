// A1 references as every reader and the wizard use them: column letters and numbers,
// cell addresses and ranges ("$B$2", "A1:XFD1048576"). Browser-safe.

export const MAX_COLUMN = 16_384;
export const MAX_ROW = 1_048_576;

/** "A" → 1, "XFD" → 16384; case does not matter. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) | 0x20) - 96);
  return n;
}

/** 1 → "A", 16384 → "XFD". */
export function columnLetters(col: number): string {
  let out = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

const CELL_ADDRESS = /^\$?([A-Za-z]{1,3})\$?([1-9]\d{0,6})$/u;

/** "B7", "$b$7" → { row: 7, col: 2 }; null for anything that is not a cell of a sheet. */
export function parseCellAddress(address: string): { row: number; col: number } | null {
  const m = CELL_ADDRESS.exec(address.trim());
  if (!m) return null;
  const col = columnNumber(m[1] ?? '');
  const row = Number(m[2]);
  return col >= 1 && col <= MAX_COLUMN && row <= MAX_ROW ? { row, col } : null;
}

export interface CellRange {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** "A1:C3" (either corner first) or a single cell "B2"; null when unreadable. */
export function parseRange(ref: string): CellRange | null {
  const [from = '', to = from, ...rest] = ref.split(':');
  if (rest.length > 0) return null;
  const a = parseCellAddress(from);
  const b = parseCellAddress(to);
  if (!a || !b) return null;
  return { r1: Math.min(a.row, b.row), c1: Math.min(a.col, b.col), r2: Math.max(a.row, b.row), c2: Math.max(a.col, b.col) };
}

export function rangeArea(r: CellRange): number {
  return (r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1);
}
