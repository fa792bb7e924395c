// Two clerks, two processes, one store (issue #16): each imports a different report of
// the same agency for the same period at the same moment, 20 times, on SQLite and on
// PostgreSQL. Every time both are stored, as two consecutive revisions, exactly one of
// them current, nothing lost and no import refused for the other's sake.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateForms } from '../../electron/app/forms';
import { fillForm, sampleValue } from '../fixtures/fill-form';
import { cleanupTempDirs } from '../helpers/app';
import { describeEachBackend } from '../helpers/pg';

const ROUNDS = 20;
const PERIOD = '2022-Q1';
const IMPORTER = path.join(import.meta.dirname, '..', 'helpers', 'race-importer.ts');

interface Answer {
  ok: boolean;
  message?: string;
  outcomes?: { status: string; revision: number | null; message: string }[];
}

function start(location: string): Promise<ChildProcess> {
  const child = fork(IMPORTER, [location], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => (m === 'ready' ? resolve(child) : reject(new Error(String(m)))));
    child.once('exit', (code) => reject(new Error(`the importer exited with ${code}`)));
  });
}

function ask(child: ChildProcess, name: string, bytes: Uint8Array): Promise<Answer> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as Answer));
    child.send({ name, bytes: Buffer.from(bytes).toString('base64'), period: PERIOD });
  });
}

afterAll(cleanupTempDirs);

describeEachBackend('two processes importing the same agency and period at once', (backend) => {
  let location: string;
  let files: Uint8Array[] = [];
  let clerks: ChildProcess[] = [];
  let app: Awaited<ReturnType<typeof backend.open>>;

  beforeAll(async () => {
    app = await backend.open();
    location = app.file;
    const [form] = await generateForms(app.ctx, { period: PERIOD, agencies: ['CA'] });
    if (!form) throw new Error('no form for CA');
    // Forty different reports of the same agency: none is a duplicate of another.
    files = await Promise.all(Array.from({ length: 2 * ROUNDS }, async (_, i) => (await fillForm(form.bytes, (e) => sampleValue(e, i + 1))).bytes));
    clerks = await Promise.all([start(location), start(location)]);
  }, 120_000);

  afterAll(async () => {
    for (const c of clerks) c.send('quit');
    await app?.close();
  });

  it(`stores both, ${ROUNDS} times: two revisions each time, one current, nothing lost`, async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = await Promise.all([ask(clerks[0]!, `CA-${round}-a.xlsx`, files[2 * round]!), ask(clerks[1]!, `CA-${round}-b.xlsx`, files[2 * round + 1]!)]);
      for (const [who, answer] of [['a', a], ['b', b]] as const) {
        const o = answer.outcomes?.[0];
        if (!answer.ok || o?.status !== 'imported') failures.push(`round ${round} ${who}: ${answer.message ?? `${o?.status}: ${o?.message}`}`);
      }
      const revisions = [a, b].map((x) => x.outcomes?.[0]?.revision ?? 0).sort((x, y) => x - y);
      if (failures.length === 0) expect(revisions, `round ${round}`).toEqual([2 * round + 1, 2 * round + 2]);
    }
    expect(failures).toEqual([]);
    const rows = await app.ctx.db
      .selectFrom('submission as s')
      .innerJoin('agency as a', 'a.id', 's.agency_id')
      .innerJoin('period as p', 'p.id', 's.period_id')
      .select(['s.revision', 's.is_current', 's.file_name'])
      .where('a.code', '=', 'CA')
      .where('p.code', '=', PERIOD)
      .orderBy('s.revision')
      .execute();
    expect(rows.map((r) => r.revision)).toEqual(Array.from({ length: 2 * ROUNDS }, (_, i) => i + 1));
    expect(rows.filter((r) => Number(r.is_current) === 1).map((r) => r.revision)).toEqual([2 * ROUNDS]);
    expect(new Set(rows.map((r) => r.file_name)).size).toBe(2 * ROUNDS);
  }, 240_000);
});
