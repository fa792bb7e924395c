// A real wrong-period form through the real import: the problem carries the raw params
// its English form needs, and English mode says it without a Vietnamese letter.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateForms } from '../../electron/app/forms';
import { importFiles } from '../../electron/app/intake';
import { createParsePool, type ParsePool } from '../../electron/excel/parse';
import { apiText } from '../../renderer/lib/api-message';
import { fillForm, sampleValue } from '../fixtures/fill-form';
import { cleanupTempDirs, openTestApp, VIETNAMESE, type TestApp } from '../helpers/app';

let app: TestApp;
let pool: ParsePool;

beforeAll(async () => {
  app = await openTestApp();
  pool = createParsePool(1);
}, 60_000);

afterAll(async () => {
  await pool?.close();
  await app?.close();
  cleanupTempDirs();
});

it('says a form of another period in English, with the periods in English words', async () => {
  const [form] = await generateForms(app.ctx, { period: '2022-Q1', agencies: ['CA'] });
  const { bytes } = await fillForm(form!.bytes, (entry) => sampleValue(entry, 3));
  const [o] = await importFiles(app.ctx, [{ name: 'CA.xlsx', bytes }], { period: '2022-H1', dryRun: true }, pool);
  const found = o?.problems.find((p) => p.code === 'PERIOD_MISMATCH');
  expect(found?.params).toEqual({ file: 'CA.xlsx', period: '2022-Q1', expected: '2022-H1' });
  expect(found?.message).toMatch(VIETNAMESE);
  const english = apiText(found!.code, found!.params, found!.message, 'en');
  expect(english).toContain('Q1 2022');
  expect(english).toContain('H1 2022');
  expect(english).not.toMatch(VIETNAMESE);
}, 60_000);
