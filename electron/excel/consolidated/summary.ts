// Sheet "Tổng hợp": each indicator's consolidated figure beside the quarter before,
// the same period last year and the plan's target; the signed page of the workbook.
import type ExcelJS from 'exceljs';
import type { ComparedFigure } from '../../../shared/api';
import { coverageText, DERIVED_EXCLUSION_LABELS, TARGET_LABELS } from '../../../shared/labels';
import { formatDateVi } from '../../../shared/numbers';
import { documentNumberLine, issuerSymbol } from '../../documents/document-heading';
import { applyA4Setup, caption, freeze, header, keepTogether, put, rowHeightFor, setColumns, viFormat, writeHeading, writeSignature } from '../cell-kit';
import { CONSOLIDATED_SHEETS, type ConsolidatedInput } from './input';
import { byTask, groupRow, MARKED, numberCode, numberFormat, ORANGE, RED } from './layout';
import { comparisonNote, completenessText, differs, names, windowText } from './notes';

export function writeSummary(wb: ExcelJS.Workbook, input: ConsolidatedInput): void {
  const { consolidation: c, plan, organization } = input;
  const ws = wb.addWorksheet(CONSOLIDATED_SHEETS.summary);
  const derived = c.indicators.find((i) => i.inQuarter)?.inQuarter ?? null;
  // The derived quarter is always labelled as such, whether or not the service's label says so.
  const derivedLabel = derived ? (/lũy kế/u.test(derived.label) ? derived.label : `${derived.label}\n(tính từ số lũy kế)`) : '';
  const previous = c.indicators.find((i) => i.previous)?.previous ?? null;
  const lastYear = c.indicators.find((i) => i.sameLastYear)?.sameLastYear ?? null;
  // Like with like: a quarter beside the quarter before; every period beside the same one last year.
  const quarterly = c.period.kind === 'quarter';

  const labels = [
    'STT',
    'Mã',
    'Chỉ tiêu',
    'Đơn vị tính',
    `Kỳ báo cáo\n(${c.period.label})`,
    'Số đơn vị',
    ...(derived ? [derivedLabel] : []),
    ...(quarterly ? [previous ? `Quý trước\n(${previous.label})` : 'Quý trước'] : []),
    lastYear ? `Cùng kỳ năm trước\n(${lastYear.label})` : 'Cùng kỳ năm trước',
    'Chỉ tiêu kế hoạch',
    'Đánh giá',
  ];
  // Within a landscape page's 952 px at full size, so the signed summary prints at 12 pt.
  const widths = [5, 8, 30, 8, 12, 11, ...(derived ? [12] : []), ...(quarterly ? [12] : []), 12, 9, 8];
  const last = widths.length;
  setColumns(ws, widths);

  const numberText = documentNumberLine(input.documentNumber, 'BC', issuerSymbol(plan.plan.number), organization.headingStyle);
  const date = input.documentDate ?? input.generatedAt.slice(0, 10);
  let row = writeHeading(ws, { organization, documentNumber: input.documentNumber, numberText, date, year: plan.plan.year }, { columns: last, leftColumns: 4 });
  caption(ws, row, 'BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ TRỌNG TÂM CÔNG TÁC CẢI CÁCH TƯ PHÁP', { bold: true, size: 14, centreAcross: last });
  ws.getRow(row++).height = 22;
  caption(ws, row++, `${c.period.label} (theo Kế hoạch số ${plan.plan.number}${plan.plan.issuedOn ? ` ngày ${formatDateVi(plan.plan.issuedOn)}` : ''})`, { bold: true, centreAcross: last });
  caption(ws, row++, windowText(c.period), { italic: true, centreAcross: last });
  caption(ws, row++, completenessText(c.completeness), { italic: true, centreAcross: last });
  row++;
  const headerAt = row;
  header(ws, row++, labels, widths);

  const groupRows = new Set<number>();
  byTask(c).forEach(({ task, indicators }, index) => {
    groupRows.add(row);
    groupRow(ws, row++, index + 1, task.code, task.title, last, widths.slice(2).reduce((a, b) => a + b, 0));
    indicators.forEach((i, n) => {
      const fmt = numberFormat(i);
      let column = 1;
      put(ws, row, column++, n + 1, { centre: true });
      put(ws, row, column++, i.code, { centre: true });
      put(ws, row, column++, i.name);
      put(ws, row, column++, i.unit, { centre: true });
      put(ws, row, column++, i.value, { right: true, numFmt: fmt, bold: true });
      put(ws, row, column++, coverageText(i.coverage), { centre: true, ...(i.coverage.reported < i.coverage.expected ? { colour: ORANGE } : {}) });
      if (derived) {
        const cell = put(ws, row, column++, i.inQuarter?.value ?? null, { right: true, numFmt: fmt, italic: true });
        const q = i.inQuarter;
        if (q && q.coverage.reported < q.coverage.expected) {
          const out = q.left.filter((l) => l.reason !== 'no_current');
          cell.note = `${coverageText(q.coverage)}.${out.length > 0 ? ` Không tính: ${out.map((l) => `${names(c, [l.code])} (${DERIVED_EXCLUSION_LABELS[l.reason]})`).join('; ')}.` : ''}`;
          cell.numFmt = numberFormat(i, MARKED);
        }
      }
      const compare = (f: ComparedFigure | null) => {
        const cell = put(ws, row, column++, f?.value ?? null, { right: true, numFmt: differs(f) ? numberFormat(i, MARKED) : fmt });
        if (f && differs(f)) cell.note = comparisonNote(c, f);
      };
      if (quarterly) compare(i.previous);
      compare(i.sameLastYear);
      // The direction lives in the number format, so the target stays a number.
      const sign = i.targetDirection === 'max' ? '≤' : '≥';
      const targetFmt = viFormat(`"${sign} "${i.target !== null && Number.isInteger(i.target) ? '#,##0' : numberCode(i)}`);
      put(ws, row, column++, i.target, { right: true, numFmt: targetFmt });
      const met = i.targetMet === null ? '' : i.targetMet ? TARGET_LABELS.met : TARGET_LABELS.notMet;
      put(ws, row, column++, met, { centre: true, bold: i.targetMet === false, ...(i.targetMet === false ? { colour: RED } : {}) });
      ws.getRow(row).height = rowHeightFor(
        [
          { text: i.name, width: widths[2] ?? 30 },
          { text: i.unit, width: widths[3] ?? 8 },
          { text: coverageText(i.coverage), width: widths[5] ?? 11 },
        ],
        20,
      );
      row++;
    });
  });

  const lastTableRow = row - 1;
  row++;
  const errors = c.checks.filter((k) => k.severity === 'error');
  const notes = [
    'Ghi chú: tỷ lệ (%) = tổng tử số / tổng mẫu số × 100 của các đơn vị báo cáo đủ cả hai số, không lấy trung bình các tỷ lệ.',
    'Cột "Số đơn vị": số đơn vị có số liệu được tính trên số đơn vị phải báo cáo chỉ tiêu; ô trống không được tính là 0.',
    ...(derived ? [`Cột "${derivedLabel.replace('\n', ' ')}" là số liệu suy ra: số lũy kế kỳ này trừ số lũy kế ${derived.fromLabel}, trên các đơn vị có số liệu cả hai kỳ.`] : []),
    '* Số đánh dấu sao: kỳ so sánh (hoặc số suy ra) không gồm cùng các đơn vị với kỳ này; ghi chú của ô cho biết đơn vị nào.',
    ...(c.checks.length > 0
      ? [`Kiểm tra số liệu: ${errors.length} lỗi (${errors.filter((k) => k.accepted).length} đã được chấp nhận có lý do), ${c.checks.length - errors.length} cảnh báo; xem trang "${CONSOLIDATED_SHEETS.checks}".`]
      : []),
    'Số liệu chi tiết của từng đơn vị xem ở trang "Theo đơn vị".',
  ];
  for (const note of notes) {
    caption(ws, row, note, { italic: true, centreAcross: last });
    ws.getCell(row, 1).alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    ws.getRow(row++).height = rowHeightFor([{ text: note, width: widths.reduce((a, b) => a + b, 0) }]);
  }

  row++;
  const end = writeSignature(
    ws,
    { style: organization.headingStyle, signer: input.settings.signer, recipients: input.settings.recipients },
    { row, left: { from: 1, to: 4 }, right: { from: last - 4, to: last } },
  );

  freeze(ws, headerAt);
  const setup = { orientation: 'landscape', titleRows: { from: headerAt, to: headerAt } } as const;
  keepTogether(ws, setup, applyA4Setup(ws, setup), { firstTableRow: headerAt + 1, lastTableRow, groupRows, closingTo: end - 1 });
}
