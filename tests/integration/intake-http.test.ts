// Browser mode's intake over real HTTP (electron/web.ts), as renderer/api.ts sends it
// (renderer/lib/intake-upload.ts): the batch goes first as SHA-256 digests; a file the
// server holds is answered from what is stored, exactly as with its bytes, and logged as
// the clerk's attempt; of every other file the server says BYTES_NEEDED (never logged)
// and its bytes go in a second call; the server never trusts a digest sent beside bytes.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportOutcome, MethodName } from '../../shared/api';
import type { ApiResult } from '../../shared/errors';
import { fromWire, toWire } from '../../shared/wire';
import { generateForms } from '../../electron/app/forms';
import { openApp } from '../../electron/app/bootstrap';
import { startWebServer } from '../../electron/web';
import { importOverHttp } from '../../renderer/lib/intake-upload';
import { fillForm, sampleValue } from '../fixtures/fill-form';
import { cleanupTempDirs, tempDir } from '../helpers/app';
import Database from 'better-sqlite3';

let server: Awaited<ReturnType<typeof startWebServer>>;
let dbFile: string;
const forms = new Map<string, Uint8Array>();
/** Every request the client made: the method and the bytes of its JSON body. */
let sent: { name: MethodName; bytes: number }[] = [];

async function post(name: MethodName, args: unknown): Promise<ApiResult<unknown>> {
  const body = JSON.stringify(toWire(args ?? {}));
  sent.push({ name, bytes: Buffer.byteLength(body) });
  const response = await fetch(`http://127.0.0.1:${server.port}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Tonghop-Token': server.token },
    body,
  });
  return fromWire(await response.json()) as ApiResult<unknown>;
}

const importing = (files: { name: string; bytes: Uint8Array }[], extra: { dryRun?: boolean; period?: string } = {}) =>
  importOverHttp(post, { files: files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })), period: '2022-Q1', dryRun: false, ...extra });

function value(r: ApiResult<ImportOutcome[]>): ImportOutcome[] {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function rows<T>(sql: string): T[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dbFile = path.join(tempDir(), 'tonghop.sqlite');
  const app = await openApp(dbFile);
  try {
    for (const [agency, seed] of [['CA', 3], ['VKS', 4], ['TA', 5]] as const) {
      const [form] = await generateForms(app, { period: '2022-Q1', agencies: [agency] });
      if (!form) throw new Error(`no form for ${agency}`);
      forms.set(agency, (await fillForm(form.bytes, (e) => sampleValue(e, seed))).bytes);
    }
  } finally {
    await app.handle.close();
  }
  server = await startWebServer({ dbPath: dbFile, rendererDir: tempDir() });
}, 60_000);

afterAll(async () => {
  await server?.close();
  cleanupTempDirs();
});

const file = (agency: string, name = `BaoCao_2022-Q1_${agency}.xlsx`) => ({ name, bytes: forms.get(agency)! });

describe('intake over HTTP, digest first', () => {
  it('sends the bytes of files the server does not hold, and only the digests of those it does', async () => {
    sent = [];
    const first = value(await importing([file('CA'), file('VKS')]));
    expect(first.map((o) => [o.agency, o.status])).toEqual([
      ['CA', 'imported'],
      ['VKS', 'imported'],
    ]);
    // Nothing was held yet: the digests first, then every file's bytes.
    expect(sent.map((s) => s.name)).toEqual(['intake.import', 'intake.import']);
    expect(sent[0]!.bytes).toBeLessThan(1_000);
    expect(sent[1]!.bytes).toBeGreaterThan(forms.get('CA')!.byteLength + forms.get('VKS')!.byteLength);
    // Only the real attempts are logged, once each.
    expect(rows<{ file_name: string }>('SELECT file_name FROM import_log ORDER BY id').map((r) => r.file_name)).toEqual(['BaoCao_2022-Q1_CA.xlsx', 'BaoCao_2022-Q1_VKS.xlsx']);

    sent = [];
    const again = value(await importing([file('CA', 'CA (lại).xlsx'), file('VKS', 'VKS (lại).xlsx'), file('TA')]));
    expect(again.map((o) => [o.file, o.agency, o.status, o.revision])).toEqual([
      ['CA (lại).xlsx', 'CA', 'duplicate', 1],
      ['VKS (lại).xlsx', 'VKS', 'duplicate', 1],
      ['BaoCao_2022-Q1_TA.xlsx', 'TA', 'imported', 1],
    ]);
    expect(again[0]?.message).toContain('đã được nhập trước đây (lần 1 của Công an tỉnh, kỳ Quý I năm 2022)');
    // The second call carried TA's bytes only: its base64 and little more.
    expect(sent).toHaveLength(2);
    const ta = Math.ceil(forms.get('TA')!.byteLength / 3) * 4;
    expect(sent[1]!.bytes).toBeGreaterThan(ta);
    expect(sent[1]!.bytes).toBeLessThan(ta + 4_000);
    // The duplicates were logged as the clerk's attempts, as with their bytes.
    const log = rows<{ file_name: string; outcome: string }>('SELECT file_name, outcome FROM import_log ORDER BY id');
    expect(log.slice(-3)).toEqual([
      { file_name: 'CA (lại).xlsx', outcome: 'duplicate' },
      { file_name: 'VKS (lại).xlsx', outcome: 'duplicate' },
      { file_name: 'BaoCao_2022-Q1_TA.xlsx', outcome: 'imported' },
    ]);

    // A batch all held: a few hundred bytes per file, however large the workbooks.
    sent = [];
    const third = value(await importing([file('CA', 'a.xlsx'), file('VKS', 'b.xlsx'), file('TA', 'c.xlsx')], { dryRun: true }));
    expect(third.map((o) => o.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(sent.map((s) => s.name)).toEqual(['intake.import']);
    expect(sent[0]!.bytes).toBeLessThan(1_000);
  });

  it('reads a held file again, with its bytes, for another period than the one being taken in', async () => {
    sent = [];
    const [o] = value(await importing([file('CA', 'CA-sai-ky.xlsx')], { period: '2022-H1' }));
    expect(o?.status).toBe('rejected');
    expect(o?.problems.map((p) => p.code)).toContain('PERIOD_MISMATCH');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.bytes).toBeGreaterThan(forms.get('CA')!.byteLength);
  });

  it('says BYTES_NEEDED of a digest it does not hold, logs nothing for it, and the client sends the bytes', async () => {
    const logged = rows('SELECT id FROM import_log').length;
    const unknown = 'f'.repeat(64);
    const raw = (await post('intake.import', { files: [{ name: 'x.xlsx', bytes: new Uint8Array(), sha256: unknown }], period: '2022-Q1', dryRun: false })) as ApiResult<ImportOutcome[]>;
    const [o] = value(raw);
    expect(o).toMatchObject({ ok: false, status: 'failed' });
    expect(o?.problems.map((p) => p.code)).toEqual(['BYTES_NEEDED']);
    expect(o?.message).toContain('x.xlsx');
    expect(rows('SELECT id FROM import_log').length).toBe(logged);

    // A new revision through the client: said BYTES_NEEDED first, then read and stored, once.
    sent = [];
    const fresh = (await fillForm(forms.get('TA')!, (e) => sampleValue(e, 9))).bytes;
    const landed = value(await importing([{ name: 'TA-moi.xlsx', bytes: fresh }]));
    expect(landed.map((x) => [x.file, x.status, x.revision])).toEqual([['TA-moi.xlsx', 'imported', 2]]);
    expect(sent).toHaveLength(2);
    expect(rows('SELECT id FROM import_log').length).toBe(logged + 1);
  });

  it('never takes a digest sent beside the bytes for the file: the server hashes what it got', async () => {
    const heldDigest = (rows<{ file_sha256: string }>("SELECT file_sha256 FROM submission WHERE file_name = 'BaoCao_2022-Q1_CA.xlsx'"))[0]!.file_sha256;
    const other = (await fillForm(forms.get('VKS')!, (e) => sampleValue(e, 11))).bytes;
    const r = (await post('intake.import', { files: [{ name: 'VKS-moi.xlsx', bytes: other, sha256: heldDigest }], period: '2022-Q1', dryRun: true })) as ApiResult<ImportOutcome[]>;
    const [o] = value(r);
    expect(o).toMatchObject({ status: 'checked', agency: 'VKS', revision: 2 });
  });
});
