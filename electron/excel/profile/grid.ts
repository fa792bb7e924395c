// One sheet as a layout profile looks at it: cells by place, merges resolved to their
// top-left cell, and the header texts of a column through merges and multi-row headers.
import { type CellRange, columnLetters, parseRange } from '../../../shared/cells';
import { foldForSearch } from '../../../shared/text';
import type { ModelCell, ModelSheet } from '../workbook-model';
import { COLUMN_NUMBER, NOTHING, text } from './text';

/** One header text of a column, with the cell it is written in (the top-left cell of its merge). */
export interface HeaderText {
  text: string;
  address: string;
}

export class Grid {
  private readonly cells = new Map<string, ModelCell>();
  private readonly merges: CellRange[];
  readonly lastRow: number;
  readonly lastCol: number;

  constructor(readonly sheet: ModelSheet) {
    let lastRow = 0;
    let lastCol = 0;
    for (const c of sheet.cells) {
      this.cells.set(`${c.col}:${c.row}`, c);
      lastRow = Math.max(lastRow, c.row);
      lastCol = Math.max(lastCol, c.col);
    }
    this.merges = sheet.merges.map(parseRange).filter((m): m is CellRange => m !== null);
    for (const m of this.merges) lastCol = Math.max(lastCol, m.c2);
    this.lastRow = lastRow;
    this.lastCol = Math.max(lastCol, sheet.columnCount);
  }

  at(col: number, row: number): ModelCell | undefined {
    return this.cells.get(`${col}:${row}`);
  }

  text(col: number, row: number): string {
    return text(this.at(col, row));
  }

  /** What a person sees in a cell: its own text, or the text of the merge that covers it. */
  shown(col: number, row: number): HeaderText | null {
    const own = this.text(col, row);
    if (own) return { text: own, address: `${columnLetters(col)}${row}` };
    const merge = this.merges.find((m) => m.c1 <= col && col <= m.c2 && m.r1 <= row && row <= m.r2);
    if (!merge) return null;
    const top = this.text(merge.c1, merge.r1);
    return top ? { text: top, address: `${columnLetters(merge.c1)}${merge.r1}` } : null;
  }

  /** The header texts over a column, lowest first, through merges; a text spanning several rows counts once. */
  headerTexts(col: number, first: number, last: number): HeaderText[] {
    const out: HeaderText[] = [];
    for (let row = last; row >= first; row--) {
      const shown = this.shown(col, row);
      if (shown && !out.some((h) => h.address === shown.address)) out.push(shown);
    }
    return out;
  }

  /** The header texts that name something: column-number rows ("(1)", "A") left out. */
  namingHeaders(col: number, first: number, last: number): HeaderText[] {
    return this.headerTexts(col, first, last).filter((h) => !COLUMN_NUMBER.test(foldForSearch(h.text)));
  }

  /** The texts of a row, left to right. */
  rowTexts(row: number, upTo = this.lastCol): { col: number; text: string }[] {
    const out: { col: number; text: string }[] = [];
    for (let col = 1; col <= upTo; col++) {
      const t = this.text(col, row);
      if (t) out.push({ col, text: t });
    }
    return out;
  }

  hasValue(col: number, row: number): boolean {
    const cell = this.at(col, row);
    return cell !== undefined && cell.value !== null && !NOTHING.test(foldForSearch(text(cell)));
  }
}
