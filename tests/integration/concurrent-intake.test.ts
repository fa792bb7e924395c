// Two clerks, two processes, one store (issue #16): each imports a different report of
// the same agency for the same period at the same moment, 20 times, on SQLite and on
// PostgreSQL. Every time both are stored, as two consecutive revisions, exactly one of
// them current, nothing lost and no import refused for the other's sake.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImportOutcome } from '../../shared/api';
import type { ApiResult } from '../../shared/errors';
import { generateForms } from '../../electron/app/forms';
import { fillForm, sampleValue } from '../fixtures/fill-form';
import { cleanupTempDirs } from '../helpers/app';
import { startClerk, type Clerk } from '../helpers/clerks';
import { describeEachBackend } from '../helpers/pg';

const ROUNDS = 20;
const PERIOD = '2022-Q1';

function importing(clerk: Clerk, name: string, bytes: Uint8Array): Promise<ApiResult<ImportOutcome[]>> {
  return clerk.call('intake.import', { files: [{ name, bytes: new Uint8Array(bytes) }], period: PERIOD, dryRun: false });
}

afterAll(cleanupTempDirs);

describeEachBackend('two processes importing the same agency and period at once', (backend) => {
  let location: string;
  let files: Uint8Array[] = [];
  let clerks: Clerk[] = [];
  let app: Awaited<ReturnType<typeof backend.open>>;

  beforeAll(async () => {
    app = await backend.open();
    location = app.file;
    const [form] = await generateForms(app.ctx, { period: PERIOD, agencies: ['CA'] });
    if (!form) throw new Error('no form for CA');
    // Forty different reports of the same agency: none is a duplicate of another.
    files = await Promise.all(Array.from({ length: 2 * ROUNDS }, async (_, i) => (await fillForm(form.bytes, (e) => sampleValue(e, i + 1))).bytes));
    clerks = await Promise.all([startClerk(location), startClerk(location)]);
  }, 120_000);

  afterAll(async () => {
    for (const c of clerks) c.quit();
    await app?.close();
  });

  it(`stores both, ${ROUNDS} times: two revisions each time, one current, nothing lost`, async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = await Promise.all([importing(clerks[0]!, `CA-${round}-a.xlsx`, files[2 * round]!), importing(clerks[1]!, `CA-${round}-b.xlsx`, files[2 * round + 1]!)]);
      for (const [who, answer] of [['a', a], ['b', b]] as const) {
        const o = answer.ok ? answer.value[0] : undefined;
        if (!answer.ok || o?.status !== 'imported') failures.push(`round ${round} ${who}: ${answer.ok ? `${o?.status}: ${o?.message}` : answer.error.message}`);
      }
      const revisions = [a, b].map((x) => (x.ok ? (x.value[0]?.revision ?? 0) : 0)).sort((x, y) => x - y);
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
