// Keyboard navigation in a table, the way a desktop list behaves: one row is in the
// Tab order (a roving tab stop, so a 35-row table is one Tab, not 35), ArrowUp and
// ArrowDown move between rows, Home and End jump, Enter or Space acts on the row
// (open its detail, or expand it). Clicking a row does the same as Enter.
import { useCallback, useState, type HTMLAttributes, type KeyboardEvent, type MouseEvent } from 'react';

const INTERACTIVE = 'a, button, input, textarea, select, [role="button"], [role="checkbox"], label';

function focusRow(from: HTMLElement, where: 'next' | 'previous' | 'first' | 'last'): void {
  const body = from.parentElement;
  if (!body) return;
  const rows = Array.from(body.children).filter((el): el is HTMLElement => el instanceof HTMLElement && el.dataset['navRow'] === 'true');
  const at = rows.indexOf(from);
  const target = where === 'first' ? rows[0] : where === 'last' ? rows[rows.length - 1] : rows[at + (where === 'next' ? 1 : -1)];
  target?.focus();
}

export function useRowNavigation<T>(
  rows: readonly T[],
  rowKey: (row: T) => string,
  onActivate: (row: T) => void,
  label?: (row: T) => string,
): (row: T, index?: number) => HTMLAttributes<HTMLElement> {
  const [active, setActive] = useState<string | null>(null);
  const activeShown = active !== null && rows.some((r) => rowKey(r) === active);
  return useCallback(
    (row: T, index?: number) => {
      const key = rowKey(row);
      const isStop = activeShown ? key === active : index === 0;
      return {
        tabIndex: isStop ? 0 : -1,
        'data-nav-row': 'true',
        'aria-label': label?.(row),
        className: 'nav-row',
        onFocus: (e) => {
          if (e.target === e.currentTarget) setActive(key);
        },
        onClick: (e: MouseEvent<HTMLElement>) => {
          if ((e.target as HTMLElement).closest(INTERACTIVE)) return;
          onActivate(row);
        },
        onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
          if (e.target !== e.currentTarget) return;
          const moves: Record<string, 'next' | 'previous' | 'first' | 'last'> = { ArrowDown: 'next', ArrowUp: 'previous', Home: 'first', End: 'last' };
          const move = moves[e.key];
          if (move) {
            e.preventDefault();
            focusRow(e.currentTarget, move);
          } else if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            onActivate(row);
          }
        },
      } as HTMLAttributes<HTMLElement>;
    },
    [active, activeShown, rowKey, onActivate, label],
  );
}
