// Opening an agency's original from the desktop: the page names only the report; the
// main process fetches the bytes through the Api, chooses the name (always .xlsx) and
// the folder, and clears week-old copies. On real SQLite files and real .xlsx bytes.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ORIGINAL_COPY_DAYS, placeOriginal, sweepOriginals } from '../../electron/originals';
import { fillForm } from '../fixtures/fill-form';
import { call, cleanupTempDirs, openTestApp, tempDir, type TestApp } from '../helpers/app';

afterAll(cleanupTempDirs);

const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

async function received(name: string): Promise<{ app: TestApp; id: number; bytes: Uint8Array }> {
  const app = await openTestApp({});
  open.push(app);
  const [blank] = await call(app.h, 'forms.generate', { period: '2022-Q1', agencies: ['TA'] });
  const { bytes } = await fillForm(blank!.bytes, (e) => (e.field === 'indicator:NV2.01' ? 12 : null));
  const [o] = await call(app.h, 'intake.import', { files: [{ name, bytes: bytes as Uint8Array<ArrayBuffer> }], period: '2022-Q1' });
  expect(o?.status).toBe('imported');
  const [s] = await call(app.h, 'submissions.list', { period: '2022-Q1', agency: 'TA' });
  return { app, id: s!.id, bytes };
}

describe('an original opened from the desktop', () => {
  it('is written, under its own name, into a folder of its content, and put back if the clerk changed the copy', async () => {
    const { app, id, bytes } = await received('BaoCao_TA_Q1.xlsx');
    const folder = tempDir();
    const placed = await placeOriginal(app.h, folder, id);
    if (!placed.ok) throw new Error(placed.error.message);
    expect(placed.name).toBe('BaoCao_TA_Q1.xlsx');
    expect(path.basename(placed.path)).toBe('BaoCao_TA_Q1.xlsx');
    expect(path.dirname(path.dirname(placed.path))).toBe(folder);
    expect(Buffer.from(fs.readFileSync(placed.path)).equals(Buffer.from(bytes))).toBe(true);
    fs.writeFileSync(placed.path, 'sửa trong Excel');
    const again = await placeOriginal(app.h, folder, id);
    expect(again).toEqual(placed);
    expect(Buffer.from(fs.readFileSync(placed.path)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('is always handed over as .xlsx, whatever name it came under, and never outside its folder', async () => {
    const { app, id } = await received('..\\..\\chay-ngay.bat');
    const folder = tempDir();
    const placed = await placeOriginal(app.h, folder, id);
    if (!placed.ok) throw new Error(placed.error.message);
    expect(path.basename(placed.path)).toMatch(/\.xlsx$/u);
    expect(path.basename(placed.path)).not.toContain('\\');
    expect(placed.path.startsWith(folder + path.sep)).toBe(true);
  });

  it('refuses anything but a report id, and says so; an unknown report is the Api\u2019s own refusal', async () => {
    const { app } = await received('BaoCao_TA_Q1.xlsx');
    const folder = tempDir();
    for (const bad of ['1', -1, 1.5, null, { name: 'x.bat', bytes: new Uint8Array(3) }]) {
      const r = await placeOriginal(app.h, folder, bad);
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    expect(await placeOriginal(app.h, folder, 999_999)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('week-old copies are cleared at start; a copy opened again lately is kept', async () => {
    const { app, id } = await received('BaoCao_TA_Q1.xlsx');
    const folder = tempDir();
    const placed = await placeOriginal(app.h, folder, id);
    if (!placed.ok) throw new Error(placed.error.message);
    const old = path.join(folder, 'cu');
    fs.mkdirSync(old);
    fs.writeFileSync(path.join(old, 'BaoCao.xlsx'), 'cũ');
    const longAgo = new Date(Date.now() - (ORIGINAL_COPY_DAYS + 1) * 86_400_000);
    fs.utimesSync(old, longAgo, longAgo);
    fs.utimesSync(path.dirname(placed.path), longAgo, longAgo);
    // Opened again today: its folder is fresh.
    await placeOriginal(app.h, folder, id);
    expect(sweepOriginals(folder)).toEqual(['cu']);
    expect(fs.existsSync(placed.path)).toBe(true);
    expect(sweepOriginals(path.join(folder, 'khong-co'))).toEqual([]);
  });
});
