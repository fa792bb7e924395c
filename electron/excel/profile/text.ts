// The texts a layout profile reads, as the clerk sees them (legacy TCVN3 / VNI text
// converted, NFC, one line), and the keys they are compared by: labels, names, codes,
// whole words; with what marks a row as a note, a total, a group or a column number.
import { parseCellAddress } from '../../../shared/cells';
import { decodeLegacyText } from '../../../shared/legacy-text';
import { foldForSearch, nfc } from '../../../shared/text';
import type { ModelCell } from '../workbook-model';

/** The first text of a row under the table that ends it: notes, the place and date line, signatures, recipients. */
export const NOTES = /^(\*?\s*ghi chu|chu thich|luu y|nguoi lap|nguoi tong hop|noi nhan|thu truong( don vi| co quan|$)|xac nhan (cua|lanh dao)|lanh dao (don vi|co quan)|(kt|tm|tl|tuq|q)\. |giam doc$|[a-z ]{2,30}, ngay\b)/u;

/** A total row: "Tổng cộng", "Cộng", "TỔNG SỐ:", "Tổng cộng (I+II)", "Toàn tỉnh". */
export const TOTAL = /^(tong cong|cong|tong|tong so|tong chung|toan tinh)\s*([(:].*)?$/u;

export const ROMAN = /^(i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|xiii|xiv|xv)[.)]?$/u;

/** What a column-number row under a header holds: "(1)", "1", "A", "(a)", "(3)=(1)+(2)". Not "CA" or "STT". */
export const COLUMN_NUMBER = /^\(?(\d{1,3}|[a-z])\)?$|^\(?\d+\)?\s*=.*$/u;

/** Cells meaning "nothing to report" in Vietnamese tables: "-", "–", "x" (not applicable), "…". */
export const NOTHING = /^([-–—]+|x|\.{2,}|…)$/u;

export const shownTexts = new WeakMap<ModelCell, string>();

/**
 * A cell's text as the clerk sees it on screen: legacy TCVN3 / VNI bytes converted (by
 * the cell's font first, then by character statistics), NFC, on one line. Every key,
 * header, heading and period a profile reads goes through here, so a workbook typed in
 * ".VnTime" matches the plan's names and agencies as a Unicode one does. Figures are
 * read from the raw cell (cell-values.ts), which converts text figures with a warning.
 */
export function shownText(cell: ModelCell | undefined): string {
  if (!cell || cell.value === null) return '';
  const known = shownTexts.get(cell);
  if (known !== undefined) return known;
  const raw = String(cell.value);
  const isText = typeof cell.value === 'string' && (cell.type === 'string' || cell.type === 'richText' || (cell.type === 'formula' && cell.resultType === 'string'));
  const decoded = isText ? (decodeLegacyText(raw, cell.fontName)?.text ?? raw) : raw;
  const shown = nfc(decoded).replace(/\s+/gu, ' ').trim();
  shownTexts.set(cell, shown);
  return shown;
}

export function text(cell: ModelCell | undefined): string {
  return shownText(cell);
}

/** "1.", "1)", "a)", "I." and "1.1" all become a bare label: "1", "a", "i", "1.1". */
export function normaliseLabel(label: string): string {
  return foldForSearch(label).replace(/[.)\]:]+$/u, '').replace(/^[([]/u, '');
}

/** A label as a confirmed key: "II.1", "II/1" and "II - 1" are one key ("ii.1"). */
export function labelKey(label: string): string {
  return normaliseLabel(label).replace(/\s*[/\-–.]\s*/gu, '.');
}

/** A name without its leading numbering ("1. Số vụ…", "a) Số vụ…", "- Số vụ…"), marks, case and punctuation. */
export function nameKey(name: string): string {
  let folded = foldForSearch(name);
  for (let i = 0; i < 3; i++) {
    const stripped = folded.replace(/^(?:(?:[ivxlc]+|[a-z])[.)]|\(?[a-z]\)|\d+(?:\.\d+)*[.)]?|[-+*•–—])\s*(?=\S)/u, '');
    if (stripped === folded) break;
    folded = stripped;
  }
  return folded
    .replace(/[^a-z0-9]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** The name as a key, and without a trailing unit or remark in brackets ("… (triệu đồng)"). */
export function nameKeys(name: string): string[] {
  const full = nameKey(name);
  const bare = nameKey(nfc(name).replace(/\s*\([^()]*\)\s*[.:;]?\s*$/u, ''));
  return bare && bare !== full ? [full, bare] : [full];
}

/** A code as typed: "NV2.01", "nv2.01", "NV 2.01", "NV2.1" and "NV2.01." are one key. */
export function codeKey(code: string): string {
  return foldForSearch(code)
    .toUpperCase()
    .replace(/\s+/gu, '')
    .replace(/[.:;,)]+$/u, '')
    .replace(/\d+/gu, (digits) => String(Number(digits)));
}

/** Words of a text, folded, for whole-word comparison. */
export function words(label: string): string {
  return foldForSearch(label)
    .replace(/[^a-z0-9]+/gu, ' ')
    .trim();
}

export function containsWords(haystack: string, needle: string): boolean {
  return needle !== '' && ` ${haystack} `.includes(` ${needle} `);
}

/** A profile's address (checked when the profile was saved); row 0, which holds nothing, if it is not one. */
export function parseAddress(address: string): { col: number; row: number } {
  return parseCellAddress(address) ?? { col: 1, row: 0 };
}
