// The sentences the consolidated workbook's sheets write above a table or in a cell's
// note: the period's window, how complete it is, a comparison, an office correction.
import type { ComparedFigure, Completeness, Consolidation, ReceiptState } from '../../../shared/api';
import type { Correction, Period } from '../../../shared/domain';
import { coverageText, RECEIPT_STATE_LABELS } from '../../../shared/labels';
import { formatDateVi } from '../../../shared/numbers';

export function windowText(period: Period): string {
  return `Số liệu tính từ ngày ${formatDateVi(period.from)} đến ngày ${formatDateVi(period.to)}; hạn nộp báo cáo: ${formatDateVi(period.due)}.`;
}

export function completenessText(c: Completeness): string {
  const n = c.counts;
  const word = (state: ReceiptState) => RECEIPT_STATE_LABELS[state].toLocaleLowerCase('vi');
  return `Số đơn vị phải báo cáo: ${n.expected}; đã nộp: ${n.received} (${word('on_time')} ${n.onTime}, ${word('late')} ${n.late}; đủ ${n.complete}, chưa đủ ${n.incomplete}); ${word('returned')}: ${n.returned}; ${word('missing')}: ${n.missing}.`;
}

export function names(c: Consolidation, codes: readonly string[]): string {
  const known = new Map(c.completeness.agencies.map((a) => [a.code, a.name]));
  for (const i of c.indicators) for (const f of i.byAgency) known.set(f.code, f.name);
  return codes.map((code) => known.get(code) ?? code).join(', ');
}

/** Whether a comparison covers other agencies than this period's figure. */
export function differs(f: ComparedFigure | null): boolean {
  return f !== null && (f.onlyHere.length > 0 || f.onlyThere.length > 0);
}

export function comparisonNote(c: Consolidation, f: ComparedFigure): string {
  const parts = [`${f.label}: ${coverageText(f.coverage)}${f.derived ? ', suy ra từ số lũy kế' : ''}.`];
  if (f.onlyHere.length > 0) parts.push(`Chỉ có ở kỳ này: ${names(c, f.onlyHere)}.`);
  if (f.onlyThere.length > 0) parts.push(`Chỉ có ở kỳ so sánh: ${names(c, f.onlyThere)}.`);
  return parts.join(' ');
}

/** What the office's correction of a figure says, for a cell's note. */
export function correctionNote(k: Correction): string {
  const by = [k.by.clerk, k.by.osUser ? `máy: ${k.by.osUser}` : ''].filter(Boolean).join(', ');
  return `Văn phòng sửa ngày ${formatDateVi(k.at)}${by ? ` (${by})` : ''}. Tệp ghi: "${k.fileText}". Ghi chú: ${k.note}`;
}
