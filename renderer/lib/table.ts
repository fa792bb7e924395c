// Filtering and sorting for the desktop-style tables: a diacritic-insensitive filter
// (a clerk types "lang son" and finds "Lạng Sơn") and Vietnamese collation, never
// code-point order, so "Đình Lập" sorts after "Chi Lăng" and before "Hữu Lũng".
import { createElement, type HTMLAttributes, type KeyboardEvent, type MouseEvent, type ReactElement } from 'react';
import { compareVi, matchesSearch } from '../../shared/text';

/** Rows whose text (any of the given fields, joined) contains every word of the query, folded. */
export function filterRows<T>(rows: readonly T[], query: string, text: (row: T) => readonly (string | null | undefined)[]): T[] {
  if (query.trim() === '') return [...rows];
  return rows.filter((row) => matchesSearch(text(row).filter(Boolean).join(' '), query));
}

/** A comparator on a text key, by Intl.Collator('vi'). */
export function byText<T>(key: (row: T) => string | null | undefined): (a: T, b: T) => number {
  return (a, b) => compareVi(key(a) ?? '', key(b) ?? '');
}

/**
 * A comparator on a number key. Missing figures sort after every number in ascending
 * order: an agency that has not reported belongs at the end, not among the zeros.
 */
export function byNumber<T>(key: (row: T) => number | null | undefined): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    return x - y;
  };
}

export function sortRows<T>(rows: readonly T[], compare: (a: T, b: T) => number, direction: 'ascend' | 'descend' = 'ascend'): T[] {
  const sign = direction === 'ascend' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compare(a, b));
}

/**
 * antd makes a sortable header focusable and sorts on Enter; a keyboard user also
 * expects Space, as on any button. The header's own click does the sorting, so Space
 * clicks it (and does not scroll the page).
 */
export function keyboardSort<C extends { sorter?: unknown; onHeaderCell?: unknown }>(columns: C[]): C[] {
  return columns.map((c) => {
    if (!c.sorter) return c;
    const own = c.onHeaderCell as ((col: C) => HTMLAttributes<HTMLElement>) | undefined;
    return {
      ...c,
      onHeaderCell: (col: C) => {
        const cell = own?.(col) ?? {};
        return {
          ...cell,
          onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
            if (e.key === ' ' && e.target === e.currentTarget) {
              e.preventDefault();
              e.currentTarget.click();
            }
            cell.onKeyDown?.(e);
          },
        };
      },
    };
  });
}

/**
 * The label of a row's expand button, naming the row: "Mở rộng dòng Công an tỉnh"
 * instead of antd's bare "Mở rộng dòng", which a screen reader repeats for every row.
 */
/** The `t` of useT, narrowed to what these labels need (any Translate fits). */
type RowLabelT = (key: 'table.expandRow' | 'table.collapseRow', params: Record<string, string | number>) => string;

export function expandLabel(t: RowLabelT, expanded: boolean, name: string): string {
  return t(expanded ? 'table.collapseRow' : 'table.expandRow', { name });
}

/**
 * antd's expand button with that label, for a table's `expandable.expandIcon`:
 * `expandIcon: rowExpandIcon(t, (row) => row.name)`. Same markup and classes as antd's own.
 */
export function rowExpandIcon<T>(t: RowLabelT, name: (row: T) => string) {
  return function ExpandIcon(props: { prefixCls: string; expanded: boolean; expandable: boolean; record: T; onExpand: (record: T, e: MouseEvent<HTMLElement>) => void }): ReactElement {
    const { prefixCls, expanded, expandable, record, onExpand } = props;
    const icon = `${prefixCls}-row-expand-icon`;
    const state = !expandable ? `${icon}-spaced` : expanded ? `${icon}-expanded` : `${icon}-collapsed`;
    return createElement('button', {
      type: 'button',
      className: `${icon} ${state}`,
      'aria-label': expandLabel(t, expanded, name(record)),
      'aria-expanded': expanded,
      onClick: (e: MouseEvent<HTMLElement>) => {
        onExpand(record, e);
        e.stopPropagation();
      },
    });
  };
}
