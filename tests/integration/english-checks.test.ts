// The rule checks and the intake's refusals through the real import carry the raw
// params their English form needs; English mode says them with the periods in English
// words and en-US numbers, and without the Vietnamese sentence.
import ExcelJS from 'exceljs';
import { afterAll, afterEach, expect, it } from 'vitest';
import type { ArgsOf, ImportOutcome } from '../../shared/api';
import { apiText, outcomeText } from '../../renderer/lib/api-message';
import { fillForm, type FillValue } from '../fixtures/fill-form';
import { call, cleanupTempDirs, openTestApp, VIETNAMESE, type TestApp } from '../helpers/app';

afterAll(cleanupTempDirs);

type IncomingFile = ArgsOf<'intake.import'>['files'][number];

const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

async function start(): Promise<TestApp> {
  const app = await openTestApp();
  open.push(app);
  return app;
}

async function form(app: TestApp, agency: string, period: string, fields: Record<string, FillValue>): Promise<IncomingFile> {
  const [blank] = await call(app.h, 'forms.generate', { period, agencies: [agency] });
  if (!blank) throw new Error('no form');
  const { bytes } = await fillForm(blank.bytes, (entry) => (Object.hasOwn(fields, entry.field) ? (fields[entry.field] ?? null) : null));
  return { name: `BaoCao_${period}_${agency}.xlsx`, bytes: bytes as Uint8Array<ArrayBuffer> };
}

function importing(app: TestApp, files: IncomingFile[], period: string): Promise<ImportOutcome[]> {
  return call(app.h, 'intake.import', { files, period, dryRun: true, receivedOn: '2022-10-05' });
}

it('says a cumulative figure that falls in English, with both periods and both figures', async () => {
  const app = await start();
  await call(app.h, 'submissions.enter', { period: '2022-H1', agency: 'CA', taskReports: [], values: [{ indicatorCode: 'NV1.01', number: 1200 }] });
  const [o] = await importing(app, [await form(app, 'CA', '2022-9M', { 'indicator:NV1.01': 1100 })], '2022-9M');
  const fall = o?.problems.find((p) => p.code === 'CUMULATIVE_FALLS');
  expect(fall?.params).toMatchObject({ indicator: 'NV1.01', period: '2022-9M', against: '2022-H1', value: 1100, other: 1200 });
  const english = apiText(fall!.code, fall!.params, fall!.message, 'en');
  expect(english).toContain('9 months of 2022');
  expect(english).toContain('H1 2022');
  expect(english).toContain('1,100');
  expect(english).toContain('1,200');
  expect(english).not.toContain('lũy kế');
  // The outcome's own sentence too: one error, in English.
  expect(outcomeText(o!, 'en', () => 'Police')).toBe('BaoCao_2022-9M_CA.xlsx was not received: 1 error to fix, listed below. Nothing was changed.');
}, 60_000);

it('says in English that a workbook matches no form and no layout profile', async () => {
  const app = await start();
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Báo cáo').addRow(['STT', 'Nội dung', 'Số liệu']);
  const bytes = new Uint8Array(await book.xlsx.writeBuffer()) as Uint8Array<ArrayBuffer>;
  const [o] = await importing(app, [{ name: 'Bao cao rieng.xlsx', bytes }], '2022-9M');
  const refused = o?.problems.find((p) => p.code === 'NOT_RECOGNISED');
  expect(refused?.params).toEqual({ file: 'Bao cao rieng.xlsx' });
  const english = apiText(refused!.code, refused!.params, refused!.message, 'en');
  expect(english).toContain('matches no saved layout profile');
  expect(english).not.toMatch(VIETNAMESE);
}, 60_000);

it('says a receipt date in the future in English words', () => {
  const vi = 'ngày nhận 05/10/2099 là một ngày chưa tới (hôm nay là 05/10/2022).';
  expect(apiText('RECEIVED_IN_FUTURE', { received: '2099-10-05', today: '2022-10-05' }, vi, 'en')).toBe(
    'The received date 5 October 2099 has not come yet (today is 5 October 2022). Choose the day the document really reached the Office.',
  );
});
