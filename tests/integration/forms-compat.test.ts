// The report form became the agency's own document (its heading, number, date and
// signer as input cells), and the import reads it exactly as before: the same figures
// and narratives, from the cells "_meta" names, as from a form written by the earlier
// form writer, which an agency may still send back. Through the Api, on real SQLite
// files and real .xlsx bytes filled the way another organisation's tool would.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { SubmissionDetail } from '../../shared/domain';
import { SLOT_KEYS } from '../../electron/excel/form-contract';
import { fillForm, sampleValue, type MetaEntry } from '../fixtures/fill-form';
import { call, cleanupTempDirs, local, openTestApp, type TestApp } from '../helpers/app';
import { editWorkbook, metaEntries, splitRef } from '../helpers/workbooks';

afterAll(cleanupTempDirs);
const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

/**
 * A form for Công an tỉnh, 2022-Q1, as the form writer wrote it before the agency's
 * heading slots (at commit 176ac90): the committee's heading on rows 1–4, "_meta"'s
 * header on row 10. Kept as bytes, since that writer is gone.
 */
const OLD_FORM = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'forms', 'form-before-agency-heading_2022-Q1_CA.xlsx');

/** Every field a value, the same for the same field whatever the form: the tool fills by `_meta` alone. */
const choose = (entry: MetaEntry): number | string | null =>
  entry.kind === 'text' ? `Nội dung ${entry.field}: đã triển khai theo kế hoạch, ${'kết quả cụ thể; '.repeat(6)}xong.` : sampleValue(entry, 7);

function content(detail: SubmissionDetail) {
  return {
    values: detail.values.map((v) => ({ indicatorCode: v.indicatorCode, number: v.number, text: v.text ?? null })).sort((a, b) => a.indicatorCode.localeCompare(b.indicatorCode)),
    taskReports: detail.taskReports.map((r) => ({ taskCode: r.taskCode, status: r.status, results: r.results, difficulties: r.difficulties, proposals: r.proposals })),
  };
}

async function importOne(app: TestApp, name: string, bytes: Uint8Array) {
  const [outcome] = await call(app.h, 'intake.import', { files: [{ name, bytes: new Uint8Array(bytes) }], period: '2022-Q1', receivedOn: '2022-03-17' });
  expect(outcome?.status, outcome?.message).toBe('imported');
  expect(outcome?.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const [submission] = await call(app.h, 'submissions.list', { period: '2022-Q1', agency: 'CA' });
  if (!submission) throw new Error('not stored');
  return call(app.h, 'submissions.get', { id: submission.id });
}

describe('forms written before and after the agency heading slots', () => {
  it('are read alike: the same fields, the same values, each from the cell its own _meta names', async () => {
    const app = await openTestApp({ now: () => local(2022, 3, 20) });
    open.push(app);
    const oldBytes = new Uint8Array(fs.readFileSync(OLD_FORM));
    const [form] = await call(app.h, 'forms.generate', { period: '2022-Q1', agencies: ['CA'] });
    if (!form) throw new Error('no form');

    const oldMeta = await metaEntries(oldBytes);
    const newMeta = await metaEntries(form.bytes);
    // The old form has none of the slot keys; the new one has them all, after the keys both share.
    for (const key of SLOT_KEYS) {
      expect(oldMeta.keys.has(key), key).toBe(false);
      expect(newMeta.keys.get(key), key).toMatch(/^Báo cáo![A-H]\d+$/u);
    }
    expect([...newMeta.keys.keys()].slice(0, 9)).toEqual([...oldMeta.keys.keys()]);
    expect(newMeta.entries.map((e) => [e.field, e.kind])).toEqual(oldMeta.entries.map((e) => [e.field, e.kind]));
    // The layout moved: the same fields sit in other cells.
    expect(newMeta.entries.map((e) => e.cell)).not.toEqual(oldMeta.entries.map((e) => e.cell));

    const oldFilled = await fillForm(oldBytes, choose);
    const before = await importOne(app, 'BaoCao_2022-Q1_CA_cu.xlsx', oldFilled.bytes);
    const newFilled = await fillForm(form.bytes, choose);
    const after = await importOne(app, 'BaoCao_2022-Q1_CA.xlsx', newFilled.bytes);
    expect(after.revision).toBe(before.revision + 1);

    expect(content(after)).toEqual(content(before));
    expect(content(after).values.length).toBe(newMeta.entries.filter((e) => e.field.startsWith('indicator:')).length);
    expect(content(after).taskReports.length).toBe(6);
    // What was written is what was read.
    for (const v of after.values) expect(v.number, v.indicatorCode).toBe(newFilled.written.get(`indicator:${v.indicatorCode}`));
    for (const r of after.taskReports) expect(r.results, r.taskCode).toBe(newFilled.written.get(`task:${r.taskCode}:results`));
    const cellOf = (entries: readonly MetaEntry[], field: string) => entries.find((e) => e.field === field)?.cell;
    for (const v of before.values) expect(v.sourceCell, v.indicatorCode).toBe(cellOf(oldMeta.entries, `indicator:${v.indicatorCode}`));
    for (const v of after.values) expect(v.sourceCell, v.indicatorCode).toBe(cellOf(newMeta.entries, `indicator:${v.indicatorCode}`));
  });

  it("reads a new form the same whether or not the agency filled its heading, number, date and signer", async () => {
    const app = await openTestApp({ now: () => local(2022, 3, 20) });
    open.push(app);
    const [form] = await call(app.h, 'forms.generate', { period: '2022-Q1', agencies: ['CA'] });
    if (!form) throw new Error('no form');
    const plain = await fillForm(form.bytes, choose);
    const first = content(await importOne(app, 'lan1.xlsx', plain.bytes));

    // The agency's own document, filled as its clerk would, then the figures as before.
    const { keys } = await metaEntries(form.bytes);
    const typed: Record<string, string> = {
      superiorBodyCell: 'BỘ CÔNG AN',
      agencyNameCell: 'CÔNG AN TỈNH LẠNG SƠN',
      documentNumberCell: 'Số: 125/BC-CAT-PV01',
      documentDateCell: 'Lạng Sơn, ngày 16 tháng 3 năm 2022',
      recipientsCell: '- Ban Chỉ đạo CCTP tỉnh (b/c);\n- Lưu: VT, PV01.',
      signerCapacityCell: 'KT. GIÁM ĐỐC',
      signerTitleCell: 'PHÓ GIÁM ĐỐC',
      signerNameCell: 'Đại tá Nguyễn Văn B',
    };
    const headed = await editWorkbook(form.bytes, (wb) => {
      for (const [key, text] of Object.entries(typed)) {
        const ref = splitRef(String(keys.get(key)));
        wb.getWorksheet(ref.sheet)!.getCell(ref.address).value = text;
      }
    });
    const withSlots = await fillForm(headed, choose);
    const second = await importOne(app, 'lan2.xlsx', withSlots.bytes);
    expect(content(second)).toEqual(first);
    // The import does not take the agency's number from the form: the clerk records it on receipt, as before.
    expect(second.documentNumber).toBeNull();
  });
});
