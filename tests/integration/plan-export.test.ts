// The plan as a workbook with the Party heading, and what a plan change would touch.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/app/dispatch';
import { cleanupTempDirs, openTestApp } from '../helpers/app';

afterEach(() => cleanupTempDirs());

function cellTexts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value ?? ''))));
  return out;
}

describe('plan export', () => {
  it('writes every task with its full text, agencies and indicators under the Party heading', async () => {
    const app = await openTestApp();
    try {
      const file = await dispatch(app.h, 'exports.plan', { year: 2022 });
      if (!file.ok) throw new Error(file.error.message);
      expect(file.value.name).toBe('KeHoach_2022.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file.value.bytes) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Kế hoạch');
      if (!ws) throw new Error('no sheet');
      const texts = cellTexts(ws);
      expect(texts).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(texts).toContain('Số 08-KH/BCĐ');
      expect(texts.some((t) => t.startsWith('Lạng Sơn, ngày 21 tháng 02 năm 2022'))).toBe(true);
      const plan = await dispatch(app.h, 'plans.get', { year: 2022 });
      if (!plan.ok) throw new Error(plan.error.message);
      for (const task of plan.value.tasks) {
        expect(texts).toContain(task.content);
        for (const i of task.indicators) expect(texts).toContain(i.name);
      }
      expect(texts).toContain('Chủ trì: Công an tỉnh; Viện Kiểm sát nhân dân tỉnh; Tòa án nhân dân tỉnh');
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.getCell('A1').font?.name).toBe('Times New Roman');
    } finally {
      await app.close();
    }
  });
});

describe('plan impact', () => {
  it('says a plan without reports is safe to change, and counts what a change touches once reports exist', async () => {
    const app = await openTestApp();
    try {
      const before = await dispatch(app.h, 'plans.impact', { year: 2022, indicatorCode: 'NV2.01' });
      expect(before.ok && before.value).toMatchObject({ submissions: 0, affected: 0 });
      expect(before.ok && before.value.message).toContain('chưa có báo cáo nào');
      await dispatch(app.h, 'submissions.enter', { period: '2022-Q1', agency: 'CA', values: [{ indicatorCode: 'NV2.01', number: 12 }], taskReports: [{ taskCode: 'NV2', status: 'in_progress', results: 'Đã thụ lý', difficulties: '', proposals: '' }] });
      await dispatch(app.h, 'submissions.enter', { period: '2022-Q1', agency: 'VKS', values: [{ indicatorCode: 'NV2.01', number: 7 }], taskReports: [] });
      const indicator = await dispatch(app.h, 'plans.impact', { year: 2022, indicatorCode: 'NV2.01' });
      expect(indicator.ok && indicator.value).toMatchObject({ submissions: 2, agencies: 2, periods: ['2022-Q1'], affected: 2 });
      expect(indicator.ok && indicator.value.message).toContain('Chỉ tiêu NV2.01 đã có 2 số liệu được nhận.');
      const task = await dispatch(app.h, 'plans.impact', { year: 2022, taskCode: 'NV2' });
      expect(task.ok && task.value.affected).toBe(1);
    } finally {
      await app.close();
    }
  });
});
