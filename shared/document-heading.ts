// The wording of the heading every document the office sends carries (domain.md,
// "Documents the office sends on"), shared by the workbooks (electron/excel/heading.ts)
// and the Word documents (electron/documents/), so a number line or a date line reads
// the same in both. Party documents follow Hướng dẫn 36-HD/VPTW, State documents
// Nghị định 30/2020/NĐ-CP.
import type { Organization } from './domain';
import { nfc } from './text';

export type HeadingStyle = Organization['headingStyle'];

/** Room left for what the clerk writes by hand when the document is registered and signed. */
export const BLANK = '\u00a0'.repeat(6);

function pad2(n: string): string {
  return n.padStart(2, '0');
}

/**
 * "Lạng Sơn, ngày 21 tháng 02 năm 2022". A Party document pads day and month below 10
 * with a zero (36-HD/VPTW); a State document pads the day below 10 but, of the months,
 * only 1 and 2 (Nghị định 30/2020: so that nobody can turn them into 11 or 12).
 */
export function placeAndDate(place: string, isoDate: string | null, style: HeadingStyle, year?: number): string {
  const m = isoDate ? /^(\d{4})-(\d{2})-(\d{2})/u.exec(isoDate) : null;
  if (!m) return `${nfc(place)}, ngày${BLANK}tháng${BLANK}năm ${year ?? ''}`.trimEnd();
  const [, y = '', mo = '', d = ''] = m;
  const day = pad2(String(Number(d)));
  const monthNumber = Number(mo);
  const month = style === 'party' || monthNumber <= 2 ? pad2(String(monthNumber)) : String(monthNumber);
  return `${nfc(place)}, ngày ${day} tháng ${month} năm ${y}`;
}

/** "Số 08-KH/BCĐ" for the Party (no colon), "Số: 12/BC-UBND" for the State. */
export function numberLine(documentNumber: string | null, style: HeadingStyle): string {
  const label = style === 'party' ? 'Số' : 'Số:';
  return documentNumber ? `${label} ${nfc(documentNumber).trim()}` : `${label}${BLANK}`;
}

export const PARTY_LINE = 'ĐẢNG CỘNG SẢN VIỆT NAM';
export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';
