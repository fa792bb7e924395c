// A worksheet part (§18.3): its rows, cells and merges, read in one pass, each cell
// counted against the limits as it closes.
import { MAX_COLUMN, MAX_ROW, parseCellAddress, type CellRange } from '../../../shared/cells';
import { formatNumber } from '../../../shared/numbers';
import type { ModelCell, ModelSheet } from '../workbook-model';
import { cellOf, type PendingCell, type SharedFormula } from './cells';
import { areaTooLarge, countText, MAX_SHEET_CELLS, type SheetContext } from './limits';
import { mergeRef, readMerge, withoutMergedCells } from './merges';
import { StringCollector } from './shared-strings';
import { parseXml } from './xml';

export function readWorksheet(text: string, ctx: SheetContext): ModelSheet {
  const cells: ModelCell[] = [];
  const merges: string[] = [];
  const mergeRanges: CellRange[] = [];
  const sharedFormulas = new Map<string, SharedFormula>();
  let rowCount = 0;
  let columnCount = 0;
  let cellElements = 0;

  let row = 0;
  let col = 0;
  let cell: PendingCell | null = null;
  /** Which child of <c> is taking text. */
  let capture: 'v' | 'f' | null = null;
  let inline: StringCollector | null = null;

  parseXml(text, {
    open(name, tag) {
      if (inline) {
        inline.open(name, tag);
        return;
      }
      switch (name) {
        case 'row': {
          const r = Number(tag.attributes.r ?? row + 1);
          if (!Number.isInteger(r) || r < 1 || r > MAX_ROW) throw new Error(`row number "${tag.attributes.r ?? ''}" unreadable`);
          row = r;
          col = 0;
          return;
        }
        case 'c': {
          if (++cellElements > MAX_SHEET_CELLS) throw areaTooLarge(ctx, `có hơn ${formatNumber(MAX_SHEET_CELLS, 'integer')} ô, vượt giới hạn.`);
          const ref = tag.attributes.r;
          let at: { row: number; col: number } | null;
          if (ref === undefined) at = row >= 1 && col < MAX_COLUMN ? { row, col: col + 1 } : null;
          else at = parseCellAddress(ref);
          if (!at) throw new Error(`cell reference "${ref ?? ''}" unreadable`);
          col = at.col;
          const s = tag.attributes.s;
          cell = {
            row: at.row,
            col: at.col,
            type: tag.attributes.t,
            // s="" (some generators write it) is no style, not style 0.
            style: s === undefined || s.trim() === '' ? undefined : ctx.styles[Number(s)],
            value: undefined,
            formula: undefined,
            sharedIndex: undefined,
            sharedMaster: false,
            inline: undefined,
          };
          return;
        }
        case 'v':
          if (cell) {
            capture = 'v';
            cell.value ??= '';
          }
          return;
        case 'f':
          if (cell) {
            capture = 'f';
            cell.formula ??= '';
            if (tag.attributes.t === 'shared' && tag.attributes.si !== undefined) {
              cell.sharedIndex = tag.attributes.si;
              cell.sharedMaster = tag.attributes.ref !== undefined;
            }
          }
          return;
        case 'is':
          if (cell) inline = new StringCollector();
          return;
        case 'mergeCell': {
          const range = readMerge(tag.attributes.ref ?? '', merges.length, ctx);
          if (!range) return;
          merges.push(mergeRef(range));
          mergeRanges.push(range);
          if (range.r2 > rowCount) rowCount = range.r2;
          if (range.c2 > columnCount) columnCount = range.c2;
          return;
        }
        default:
          return;
      }
    },
    close(name) {
      if (inline) {
        if (name === 'is') {
          if (cell) cell.inline = inline.take();
          inline = null;
        } else inline.close(name);
        return;
      }
      if (name === 'v' || name === 'f') capture = null;
      else if (name === 'c' && cell) {
        const made = cellOf(cell, ctx, sharedFormulas);
        if (made) {
          countText(made, ctx);
          cells.push(made);
          if (made.row > rowCount) rowCount = made.row;
          if (made.col > columnCount) columnCount = made.col;
        }
        cell = null;
        capture = null;
      }
    },
    text(t) {
      if (inline) inline.add(t);
      else if (capture === 'v' && cell) cell.value += t;
      else if (capture === 'f' && cell) cell.formula += t;
    },
  });

  return { name: ctx.name, state: 'visible', rowCount, columnCount, merges, cells: withoutMergedCells(cells, mergeRanges) };
}
