// A layout profile's name is one name however it is typed: Unicode NFC (a name pasted in
// decomposed form is the same name), no spaces around it, inner spaces as one. Every way a
// name comes in (save, rename, duplicate, import, get, remove, export, the command line)
// goes through the same normalisation, and a name stored before it still opens. And a
// profile refused at the Api says what is wrong in the clerk's words, not the Api's paths.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { LayoutProfileInput } from '../../shared/profiles';
import { runCli } from '../../electron/cli/run';
import { findProfile } from '../../electron/app/profiles';
import { call, cleanupTempDirs, local, openTestApp, refuse, tempDir, VIETNAMESE, type TestApp } from '../helpers/app';

afterAll(() => cleanupTempDirs());
const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

async function start(): Promise<TestApp> {
  const app = await openTestApp({ now: () => local(2022, 7, 10) });
  open.push(app);
  return app;
}

function vks(name: string, extra: Partial<LayoutProfileInput> = {}): LayoutProfileInput {
  return {
    name,
    sheet: { name: 'S' },
    headerRows: { first: 5, last: 6 },
    layout: { kind: 'indicator-rows', keyColumn: 'B', match: { by: 'name' }, value: { column: 'D' }, agency: { mode: 'fixed', code: 'VKS' } },
    ...extra,
  };
}

const NFC = 'Viện kiểm sát quý'.normalize('NFC');
const NFD = NFC.normalize('NFD');
const SPACED = '  Viện kiểm sát   quý ';

describe('a profile name, however typed', () => {
  it('is kept in NFC with its spaces tidied, and saving the same name in NFD or with more spaces asks first', async () => {
    const app = await start();
    const saved = await call(app.h, 'profiles.save', { definition: vks(SPACED.normalize('NFD')) });
    expect(saved.name).toBe(NFC);
    for (const again of [NFC, NFD, SPACED]) expect((await refuse(app.h, 'profiles.save', { definition: vks(again) })).code).toBe('PROFILE_EXISTS');
    await call(app.h, 'profiles.save', { definition: vks(NFD, { description: 'Bản sửa' }), replace: true });
    const list = await call(app.h, 'profiles.list', {});
    expect(list.map((p) => [p.name, p.description])).toEqual([[NFC, 'Bản sửa']]);
    expect((await call(app.h, 'profiles.get', { name: NFC })).definition.name).toBe(NFC);
  });

  it('opens, renames, duplicates, exports and deletes by any form of the name', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: vks(NFC) });
    for (const form of [NFC, NFD, SPACED]) expect((await call(app.h, 'profiles.get', { name: form })).name).toBe(NFC);
    expect((await call(app.h, 'profiles.export', { name: SPACED })).name).toContain('Viện kiểm sát quý');
    const copy = await call(app.h, 'profiles.duplicate', { name: NFD, newName: ' Bản  sao '.normalize('NFD') });
    expect(copy.name).toBe('Bản sao'.normalize('NFC'));
    expect((await call(app.h, 'profiles.duplicate', { name: NFD })).name).toBe(`${NFC} (bản sao)`);
    const renamed = await call(app.h, 'profiles.rename', { name: SPACED, newName: 'Mới  tên'.normalize('NFD') });
    expect(renamed.name).toBe('Mới tên'.normalize('NFC'));
    expect((await call(app.h, 'profiles.get', { name: 'Mới tên' })).definition.name).toBe('Mới tên'.normalize('NFC'));
    expect((await refuse(app.h, 'profiles.rename', { name: 'Mới tên', newName: 'Bản   sao' })).code).toBe('PROFILE_EXISTS');
    expect((await call(app.h, 'profiles.remove', { name: 'Mới  tên'.normalize('NFD') })).name).toBe('Mới tên'.normalize('NFC'));
    expect((await call(app.h, 'profiles.list', {})).map((p) => p.name)).toEqual(['Bản sao', `${NFC} (bản sao)`].map((n) => n.normalize('NFC')));
  });

  it('is normalised on import too: an NFD name over a saved one asks first', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: vks(NFC) });
    const file = { name: 'p.json', bytes: new TextEncoder().encode(`\uFEFF${JSON.stringify(vks(SPACED.normalize('NFD')))}`) };
    expect((await refuse(app.h, 'profiles.import', { file })).code).toBe('PROFILE_EXISTS');
    expect((await call(app.h, 'profiles.import', { file, replace: true })).name).toBe(NFC);
    expect(await call(app.h, 'profiles.list', {})).toHaveLength(1);
  });

  it('still opens a profile stored before names were tidied, by its tidied name, and saving it over tidies it', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: vks('Cũ') });
    // A row stored by an older version, its name as typed then.
    const old = SPACED.normalize('NFD');
    const row = app.ctx.handle.sqlite.prepare('SELECT definition FROM layout_profile').get() as { definition: string };
    app.ctx.handle.sqlite.prepare('UPDATE layout_profile SET name = ?, definition = ?').run(old, JSON.stringify({ ...JSON.parse(row.definition), name: old }));
    for (const form of [NFC, NFD, old]) expect((await call(app.h, 'profiles.get', { name: form })).definition.name).toBe(NFC);
    expect((await findProfile(app.ctx, NFD)).profile.name).toBe(NFC);
    expect((await refuse(app.h, 'profiles.save', { definition: vks(NFC) })).code).toBe('PROFILE_EXISTS');
    await call(app.h, 'profiles.save', { definition: vks(NFC, { description: 'Bản sửa' }), replace: true });
    expect((await call(app.h, 'profiles.list', {})).map((p) => [p.name, p.description])).toEqual([[NFC, 'Bản sửa']]);
  });

  it('on the command line: profile show and remove take the name however typed', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'tonghop.sqlite');
    const cli = async (...argv: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, {});
      return { code, out, err };
    };
    expect((await cli('init', '--db', db)).code).toBe(0);
    const json = path.join(dir, 'vks.json');
    fs.writeFileSync(json, JSON.stringify(vks(SPACED)));
    expect((await cli('profile', 'add', json, '--db', db)).code).toBe(0);
    fs.writeFileSync(json, JSON.stringify(vks(NFD)));
    expect((await cli('profile', 'add', json, '--db', db)).code).toBe(1);
    const shown = await cli('profile', 'show', NFD, '--db', db, '--json');
    expect(shown.code).toBe(0);
    expect((JSON.parse(shown.out) as { name: string }).name).toBe(NFC);
    expect((await cli('profile', 'remove', SPACED, '--db', db)).code).toBe(0);
  });
});

describe('a profile refused at the Api', () => {
  const bad = { ...vks('X'), layout: { ...vks('X').layout, agency: { mode: 'fixed' } } };

  it('profiles.save and profiles.preview say what is wrong with the profile, in the clerk’s words', async () => {
    const app = await start();
    const file = { name: 'a.xlsx', bytes: new Uint8Array([1]) };
    for (const error of [await refuse(app.h, 'profiles.save', { definition: bad }), await refuse(app.h, 'profiles.preview', { file, definition: bad })]) {
      expect(error.code).toBe('INVALID_PROFILE');
      expect(error.message).toMatch(VIETNAMESE);
      expect(error.message).toContain('Mẫu bố cục "X"');
      expect(error.message).toContain('mã đơn vị');
      expect(error.message).not.toMatch(/definition|layout|agency|Dữ liệu gửi lên|undefined|string/u);
    }
    const badRows = { ...vks('Y'), headerRows: { first: 6, last: 5 }, layout: { ...vks('Y').layout, keyColumn: '1' } };
    const error = await refuse(app.h, 'profiles.save', { definition: badRows });
    expect(error.message).toContain('Dòng tiêu đề đầu phải trước dòng cuối');
    expect(error.message).toContain('Cột ghi bằng chữ cái');
    expect(error.message).not.toMatch(/headerRows|keyColumn|definition/u);
    // The other arguments are still the Api's.
    expect((await refuse(app.h, 'profiles.save', { definition: vks('Z'), replace: 'có' })).code).toBe('INVALID_ARGUMENT');
  });
});
