// Who, on a shared PostgreSQL server (issue #16): `server-setup` gives each person a
// login in the clerks' or the readers' group; what a clerk writes carries their role
// (filled in by the server), each clerk keeps their own name in Cài đặt, and a reader
// sees every figure but cannot change one: the server itself refuses (the GRANTs), and
// the app says so in words instead of "an unexpected error".
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApp } from '../../electron/app/bootstrap';
import { createHandlers } from '../../electron/app/handlers';
import { generateForms } from '../../electron/app/forms';
import { groupRoles } from '../../electron/app/server-setup';
import type { Handlers } from '../../shared/api';
import type { ServerSetupResult } from '../../shared/domain';
import { fillForm, sampleValue } from '../fixtures/fill-form';
import { call, cleanupTempDirs, openTestApp, refuse, rowCount, type TestApp } from '../helpers/app';
import { cli } from '../helpers/cli';
import { describeWith } from '../helpers/needs';
import { dropTestDatabases, onDatabase, openPostgresTestApp, testPostgres } from '../helpers/pg';

afterAll(cleanupTempDirs);

/** The database's URL as another login would use it. */
function asLogin(url: string, name: string, password: string | null): string {
  const u = new URL(url);
  u.username = name;
  u.password = password ?? '';
  return u.toString();
}

interface Opened {
  h: Handlers;
  role: string | null;
  canWrite: boolean;
  close: () => Promise<void>;
}

async function openAs(url: string): Promise<Opened> {
  const ctx = await openApp(url);
  return { h: createHandlers(ctx), role: ctx.handle.role, canWrite: ctx.handle.canWrite, close: () => ctx.handle.close() };
}

it('refuses to set up accounts on a SQLite file, saying to name the server', async () => {
  const app = await openTestApp();
  try {
    const e = await refuse(app.h, 'server.setup', { clerks: ['vanthu_lan'] });
    expect(e.code).toBe('SERVER_SETUP_SQLITE');
    expect(e.message).toContain('--db postgres://');
  } finally {
    await app.close();
  }
});

describeWith(testPostgres, 'a shared server with a clerk and a reader (PostgreSQL)', () => {
  let owner: TestApp;
  let clerk: Opened;
  let reader: Opened;
  let setup: ServerSetupResult;
  let clerkName: string;
  let readerName: string;
  let database: string;
  const form: { bytes?: Uint8Array } = {};

  beforeAll(async () => {
    owner = await openPostgresTestApp();
    database = new URL(owner.file).pathname.slice(1);
    clerkName = `${database}_lan`;
    readerName = `${database}_lanhdao`;
    setup = await call(owner.h, 'server.setup', { clerks: [clerkName], readers: [readerName] });
    const [made] = await generateForms(owner.ctx, { period: '2022-Q1', agencies: ['CA'] });
    if (!made) throw new Error('no form for CA');
    form.bytes = (await fillForm(made.bytes, (e) => sampleValue(e, 3))).bytes;
    const password = (name: string) => setup.accounts.find((a) => a.name === name)?.password ?? null;
    clerk = await openAs(asLogin(owner.file, clerkName, password(clerkName)));
    reader = await openAs(asLogin(owner.file, readerName, password(readerName)));
  }, 120_000);

  afterAll(async () => {
    await clerk?.close();
    await reader?.close();
    await owner?.close();
    // The database first (its GRANTs go with it), then the logins and groups, which are the server's.
    await dropTestDatabases();
    const groups = groupRoles(database);
    await onDatabase(new URL('/postgres', owner.file).toString(), async (c) => {
      for (const role of [clerkName, readerName, groups.clerk, groups.reader]) await c.query(`DROP ROLE IF EXISTS "${role}"`);
    });
  });

  it('makes one login per person in its group, with a password shown once', () => {
    expect(setup.groups).toEqual(groupRoles(database));
    expect(setup.accounts.map((a) => [a.name, a.kind, a.created])).toEqual([
      [clerkName, 'clerk', true],
      [readerName, 'reader', true],
    ]);
    for (const a of setup.accounts) expect(a.password).toMatch(/^[A-Za-z0-9_-]{22}$/u);
    expect(clerk).toMatchObject({ role: clerkName, canWrite: true });
    expect(reader).toMatchObject({ role: readerName, canWrite: false });
  });

  it("records the clerk's role on the report and the audit row, and keeps each clerk's own name", async () => {
    await call(clerk.h, 'settings.update', { clerkName: 'Nguyễn Thị Lan' });
    expect((await call(clerk.h, 'settings.get', {})).clerkName).toBe('Nguyễn Thị Lan');
    // The owner's (another clerk's) name is not hers.
    expect((await call(owner.h, 'settings.get', {})).clerkName).toBe('');

    const [o] = await call(clerk.h, 'intake.import', { files: [{ name: 'CA_Q1.xlsx', bytes: new Uint8Array(form.bytes ?? []) }], period: '2022-Q1', dryRun: false });
    expect(o, JSON.stringify(o?.problems)).toMatchObject({ status: 'imported', agency: 'CA' });
    const [stored] = await call(owner.h, 'submissions.list', { period: '2022-Q1', agency: 'CA' });
    const detail = await call(owner.h, 'submissions.get', { id: stored?.id ?? 0 });
    expect(detail.recordedBy).toEqual({ osUser: expect.anything(), clerk: 'Nguyễn Thị Lan', role: clerkName });
    const audit = await call(owner.h, 'audit.list', {});
    const received = audit.find((e) => e.entity === 'submission');
    expect(received?.by).toMatchObject({ clerk: 'Nguyễn Thị Lan', role: clerkName });
    // The owner's own rows carry the owner's role: the server fills it in, whoever writes.
    expect(audit.find((e) => e.action === 'setup')?.by.role).toBe(new URL(owner.file).username);
  });

  it('lets the reader see every figure, and refuses each write in words, changing nothing', async () => {
    expect(await call(reader.h, 'session.get', {})).toMatchObject({ backend: 'postgres', role: readerName, canWrite: false });
    expect(await call(reader.h, 'consolidation.get', { period: '2022-Q1' })).toEqual(await call(owner.h, 'consolidation.get', { period: '2022-Q1' }));
    const before = await rowCount(owner.ctx.db, 'submission');
    const plan = await call(reader.h, 'plans.get', { year: 2022 });

    for (const [method, args] of [
      ['tasks.update', { year: 2022, code: 'NV1', changes: { title: 'Sửa bởi lãnh đạo' } }],
      ['agencies.create', { code: 'MOI', name: 'Đơn vị mới', group: 'district' }],
      ['settings.update', { clerkName: 'Lãnh đạo' }],
      ['agencies.update', { code: 'CA', changes: { name: 'Công an tỉnh (sửa)' } }],
    ] as const) {
      const e = await refuse(reader.h, method, args);
      expect(e.code, `${method}: ${e.message}`).toBe('READ_ONLY');
      expect(e.message).toContain('chỉ được xem số liệu');
    }
    // A batch the reader tries to receive is refused as that, not as an unexpected fault; a preview is reading.
    const batch = { files: [{ name: 'CA_Q1_lai.xlsx', bytes: new Uint8Array(form.bytes ?? []) }], period: '2022-Q1' };
    expect((await refuse(reader.h, 'intake.import', { ...batch, dryRun: false })).code).toBe('READ_ONLY');
    const [preview] = await call(reader.h, 'intake.import', { ...batch, dryRun: true });
    expect(preview?.status).toBe('duplicate');
    expect(await rowCount(owner.ctx.db, 'submission')).toBe(before);
    expect((await call(owner.h, 'plans.get', { year: 2022 })).plan.version).toBe(plan.plan.version);

    // Exporting is reading: allowed, and recorded with who.
    const exported = await call(reader.h, 'exports.consolidated', { period: '2022-Q1' });
    expect(exported.bytes.byteLength).toBeGreaterThan(0);
    expect((await call(owner.h, 'audit.list', {})).find((e) => e.action === 'export')?.by.role).toBe(readerName);
  });

  it('is the server that refuses the reader, not the app: a statement of its own is denied too', async () => {
    const password = setup.accounts.find((a) => a.name === readerName)?.password ?? null;
    const denied = await onDatabase(asLogin(owner.file, readerName, password), (c) =>
      c.query("INSERT INTO agency (code, name, group_kind, search_key) VALUES ('X', 'X', 'district', 'x')").then(
        () => null,
        (err: { code?: string }) => err.code,
      ),
    );
    expect(denied).toBe('42501');
  });

  it('leaves an existing login its password, and moves it to the other group when asked', async () => {
    const again = await call(owner.h, 'server.setup', { clerks: [readerName], readers: [] });
    expect(again.accounts).toEqual([{ name: readerName, kind: 'clerk', created: false, password: null, canLogin: true }]);
    const moved = await openAs(asLogin(owner.file, readerName, setup.accounts.find((a) => a.name === readerName)?.password ?? null));
    try {
      expect(moved.canWrite).toBe(true);
    } finally {
      await moved.close();
    }
    await call(owner.h, 'server.setup', { readers: [readerName] });
  });

  it('refuses a clerk running the setup, a name in both lists, and the owner as a clerk, changing nothing', async () => {
    expect((await refuse(clerk.h, 'server.setup', { readers: [`${database}_khac`] })).code).toBe('SERVER_SETUP_DENIED');
    expect((await refuse(owner.h, 'server.setup', { clerks: [`${database}_x`], readers: [`${database}_x`] })).code).toBe('SERVER_SETUP_BOTH');
    expect((await refuse(owner.h, 'server.setup', { clerks: [new URL(owner.file).username] })).code).toBe('SERVER_SETUP_OWNER');
    expect((await refuse(owner.h, 'server.setup', { clerks: ['Văn Thư'] })).code).toBe('INVALID_ARGUMENT');
    const made = await onDatabase(owner.file, (c) => c.query(`SELECT count(*)::int AS n FROM pg_roles WHERE rolname IN ('${database}_khac', '${database}_x')`));
    expect(made.rows[0]?.n).toBe(0);
  });

  it('is a command of its own: server-setup prints each account with its group', async () => {
    const name = `${database}_hung`;
    try {
      const run = await cli('server-setup', '--db', owner.file, '--clerk', name);
      expect(run.code, run.err).toBe(0);
      expect(run.out).toContain(name);
      expect(run.out).toContain('văn thư');
      expect(run.out).toContain('Mật khẩu chỉ in ra lần này');
    } finally {
      await onDatabase(owner.file, (c) => c.query(`DROP ROLE IF EXISTS "${name}"`));
    }
  });
});
