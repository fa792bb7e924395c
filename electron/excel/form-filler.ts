// Fills a report form from a map of `_meta` field → value, the way an agency's own tool
// would: it looks only at `_meta`. The demo data goes through it, so `init --demo`
// exercises the same forms and the same import as a real agency's file.
import ExcelJS from 'exceljs';
import { META_ENTRY_HEADER, META_SHEET, parseCellRef } from './form-contract';
import { finishWorkbook } from './xlsx-finish';

export type FieldValues = ReadonlyMap<string, number | string>;

function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return String(value);
}

export async function fillReportForm(bytes: Uint8Array, values: FieldValues): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const meta = workbook.getWorksheet(META_SHEET);
  if (!meta) throw new Error('The form has no _meta sheet');
  let inEntries = false;
  meta.eachRow((row) => {
    const [cell, field, kind] = [1, 2, 3].map((i) => text(row.getCell(i).value));
    if (!inEntries) {
      inEntries = cell === META_ENTRY_HEADER[0] && field === META_ENTRY_HEADER[1] && kind === META_ENTRY_HEADER[2];
      return;
    }
    const value = values.get(field ?? '');
    const ref = parseCellRef(cell ?? '');
    if (value === undefined || value === '' || !ref) return;
    const sheet = workbook.getWorksheet(ref.sheet);
    if (sheet) sheet.getCell(ref.address).value = value;
  });
  // Saved by exceljs, the form would lose its Normal font and its print area's form; kept as the form had them, as Excel would.
  return new Uint8Array(finishWorkbook(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)));
}
