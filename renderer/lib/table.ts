// Filtering and sorting for the desktop-style tables: a diacritic-insensitive filter
// (a clerk types "lang son" and finds "Lạng Sơn") and Vietnamese collation, never
// code-point order, so "Đình Lập" sorts after "Chi Lăng" and before "Hữu Lũng".
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
