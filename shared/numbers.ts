// Vietnamese number forms: shown as vi-VN (1.234.567,8; 85,7%), and read from text
// that clerks type into workbooks. Ambiguous forms are flagged, never guessed.

const integerFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 0 });

export function formatNumber(value: number | null | undefined, kind: 'integer' | 'decimal' | 'percent' = 'decimal'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  if (kind === 'percent') return `${percentFormat.format(value)}%`;
  return (kind === 'integer' ? integerFormat : decimalFormat).format(value);
}

/** dd/mm/yyyy from an ISO date (yyyy-mm-dd…), the form every Vietnamese office reads. */
export function formatDateVi(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/u.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export type ParsedNumber =
  | { ok: true; value: number; percent: boolean }
  | { ok: false; reason: 'empty' | 'not-a-number' | 'ambiguous' };

/**
 * Reads a number typed as text the Vietnamese way: "." groups thousands, "," is the
 * decimal mark, "(1.234)" is negative, "85,5%" a percent. "1,234" or "1.5" could be
 * either convention, so they come back as ambiguous for the clerk to settle.
 */
export function parseVietnameseNumber(raw: string): ParsedNumber {
  let text = raw.normalize('NFC').replace(/[\s\u00a0]/gu, '');
  if (text === '') return { ok: false, reason: 'empty' };
  let negative = false;
  const paren = /^\((.*)\)$/u.exec(text);
  if (paren) {
    negative = true;
    text = paren[1] ?? '';
  } else if (/^[-−]/u.test(text)) {
    negative = true;
    text = text.slice(1);
  }
  let percent = false;
  if (text.endsWith('%')) {
    percent = true;
    text = text.slice(0, -1);
  }
  if (!/^[\d.,]+$/u.test(text) || !/\d/u.test(text)) return { ok: false, reason: 'not-a-number' };

  let normalised: string;
  const hasDot = text.includes('.');
  const hasComma = text.includes(',');
  if (hasDot && hasComma) {
    // Both marks: Vietnamese order is dots then one comma ("1.234,5").
    if (!/^\d{1,3}(\.\d{3})+,\d+$/u.test(text)) return { ok: false, reason: 'ambiguous' };
    normalised = text.replace(/\./gu, '').replace(',', '.');
  } else if (hasDot) {
    if (/^\d{1,3}(\.\d{3})+$/u.test(text)) normalised = text.replace(/\./gu, '');
    else return { ok: false, reason: 'ambiguous' };
  } else if (hasComma) {
    if (!/^\d+,\d+$/u.test(text)) return { ok: false, reason: 'not-a-number' };
    // "1,234" reads as 1.234 here but as 1234 to anyone used to English Excel.
    if (/^\d{1,3},\d{3}$/u.test(text)) return { ok: false, reason: 'ambiguous' };
    normalised = text.replace(',', '.');
  } else {
    normalised = text;
  }
  const value = Number(normalised);
  if (!Number.isFinite(value)) return { ok: false, reason: 'not-a-number' };
  return { ok: true, value: negative ? -value : value, percent };
}
