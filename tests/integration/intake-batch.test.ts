// What a batch does before and around its writes, on a real SQLite file with real .xlsx
// bytes: a file whose bytes are already stored is answered from what is stored, before
// any worker reads it (a dry run too), truthfully (the earlier revision, agency and
// period, one outcome per report it became) and logged as an attempt; a batch is written
// in one transaction, a savepoint per file, so a file that fails to write rolls back
// alone, and a batch whose final COMMIT fails says of no file that it was stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../shared/api';
import { generateForms } from '../../electron/app/forms';
import { importFiles } from '../../electron/app/intake';
import { openApp } from '../../electron/app/bootstrap';
import { createParsePool, type ParsePool } from '../../electron/excel/parse';
import { fillForm, sampleValue } from '../fixtures/fill-form';
import { cleanupTempDirs, count, openTestApp, VIETNAMESE, type TestApp } from '../helpers/app';

let app: TestApp;
let pool: ParsePool;
/** How many files the pool has been handed since the last reset. */
let parsed = 0;
const forms = new Map<string, Uint8Array>();

/** The pool the app would use, counting what it is handed (the real workers still read). */
function countingPool(inner: ParsePool): ParsePool {
  return {
    get size() {
      return inner.size;
    },
    get running() {
      return inner.running;
    },
    parse(bytes, options) {
      parsed++;
      return inner.parse(bytes, options);
    },
    close: () => inner.close(),
  };
}

async function filledForm(agency: string, seed: number): Promise<Uint8Array> {
  const [form] = await generateForms(app.ctx, { period: '2022-Q1', agencies: [agency] });
  if (!form) throw new Error(`no form for ${agency}`);
  return (await fillForm(form.bytes, (entry) => sampleValue(entry, seed))).bytes;
}

function importLog(): { file_name: string; outcome: string; submission_id: number | null }[] {
  return app.ctx.handle.sqlite.prepare('SELECT file_name, outcome, submission_id FROM import_log ORDER BY id').all() as never;
}

beforeAll(async () => {
  app = await openTestApp();
  pool = countingPool(createParsePool(2));
  for (const [agency, seed] of [['CA', 3], ['VKS', 4], ['TA', 5], ['STP', 6]] as const) forms.set(agency, await filledForm(agency, seed));
}, 60_000);

afterAll(async () => {
  await pool?.close();
  await app?.close();
  cleanupTempDirs();
});

describe('a file already imported', () => {
  it('is answered from what is stored, before any worker reads it, in a dry run and in a commit', async () => {
    const bytes = forms.get('CA')!;
    const [first] = await importFiles(app.ctx, [{ name: 'BaoCao_2022-Q1_CA.xlsx', bytes }], { receivedOn: '2022-03-15' }, pool);
    expect(first).toMatchObject({ status: 'imported', agency: 'CA', period: '2022-Q1', revision: 1 });
    const submissions = count(app.ctx.handle.sqlite, 'submission');
    const logged = importLog().length;

    parsed = 0;
    const [checked] = await importFiles(app.ctx, [{ name: 'CA (1).xlsx', bytes }], { dryRun: true }, pool);
    const [again] = await importFiles(app.ctx, [{ name: 'CA (2).xlsx', bytes }], {}, pool);
    expect(parsed).toBe(0);
    for (const [o, file] of [[checked, 'CA (1).xlsx'], [again, 'CA (2).xlsx']] as const) {
      expect(o).toMatchObject({ file, ok: true, status: 'duplicate', agency: 'CA', period: '2022-Q1', revision: 1, readAs: 'form', profile: null, changes: [], receivedOn: '2022-03-15', late: false });
      expect(o?.message).toContain('đã được nhập trước đây');
      expect(o?.message).toMatch(VIETNAMESE);
      // The clerk reads the agency's name and the period's label, not their codes.
      expect(o?.message).toContain('lần 1 của Công an tỉnh, kỳ Quý I năm 2022');
      expect(o?.message).not.toMatch(/của CA\b|2022-Q1/u);
    }
    // Only the commit's attempt is logged, as a duplicate naming no report; nothing else changed.
    expect(importLog().slice(logged)).toEqual([{ file_name: 'CA (2).xlsx', outcome: 'duplicate', submission_id: null }]);
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(submissions);
    // Logged without waiting for the disk, for that transaction alone: every other write still waits for it (FULL = 2).
    expect(app.ctx.handle.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(app.ctx.handle.sqlite.inTransaction).toBe(false);
  });

  it('is a duplicate of the earlier file of the same batch, which alone is stored', async () => {
    const bytes = forms.get('VKS')!;
    const outcomes = await importFiles(app.ctx, [{ name: 'VKS.xlsx', bytes }, { name: 'VKS (1).xlsx', bytes }], {}, pool);
    expect(outcomes.map((o) => [o.file, o.status, o.agency, o.revision])).toEqual([
      ['VKS.xlsx', 'imported', 'VKS', 1],
      ['VKS (1).xlsx', 'duplicate', 'VKS', 1],
    ]);
  });

  it('for another period than the one being taken in is still refused for it, as before', async () => {
    const [o] = await importFiles(app.ctx, [{ name: 'CA (3).xlsx', bytes: forms.get('CA')! }], { period: '2022-H1', dryRun: true }, pool);
    expect(o).toMatchObject({ status: 'rejected' });
    expect(o?.problems.map((p) => p.code)).toContain('PERIOD_MISMATCH');
  });
});

describe('one transaction per batch', () => {
  it('rolls back alone a file whose write fails; the others of the batch are stored', async () => {
    const sqlite = app.ctx.handle.sqlite;
    sqlite.exec("CREATE TEMP TRIGGER poison_ta BEFORE INSERT ON submission WHEN (SELECT code FROM agency WHERE id = NEW.agency_id) = 'TA' BEGIN SELECT RAISE(ABORT, 'poisoned'); END");
    try {
      const before = count(sqlite, 'submission');
      const outcomes = await importFiles(app.ctx, [{ name: 'TA.xlsx', bytes: forms.get('TA')! }, { name: 'STP.xlsx', bytes: forms.get('STP')! }], {}, pool);
      expect(outcomes.map((o) => [o.file, o.status])).toEqual([
        ['TA.xlsx', 'failed'],
        ['STP.xlsx', 'imported'],
      ]);
      expect(count(sqlite, 'submission')).toBe(before + 1);
      const values = sqlite.prepare("SELECT count(*) AS n FROM value v JOIN submission s ON s.id = v.submission_id JOIN agency a ON a.id = s.agency_id WHERE a.code = 'TA'").get() as { n: number };
      expect(values.n).toBe(0);
    } finally {
      sqlite.exec('DROP TRIGGER poison_ta');
    }
  });

  it('tells the truth when SQLite itself ends the batch transaction while a failed file is logged', async () => {
    const sqlite = app.ctx.handle.sqlite;
    // TA's write fails; writing its log line then makes SQLite roll the whole transaction
    // back (as SQLITE_FULL or an I/O error would). Nothing before or after may say "stored"
    // unless it is, and no file may be written outside the batch's transaction.
    sqlite.exec("CREATE TEMP TRIGGER poison_ta3 BEFORE INSERT ON submission WHEN (SELECT code FROM agency WHERE id = NEW.agency_id) = 'TA' BEGIN SELECT RAISE(ABORT, 'poisoned'); END");
    sqlite.exec("CREATE TEMP TRIGGER end_batch AFTER INSERT ON import_log WHEN NEW.outcome = 'rejected' BEGIN SELECT RAISE(ROLLBACK, 'the transaction is gone'); END");
    const before = count(sqlite, 'submission');
    let outcomes: ImportOutcome[] = [];
    try {
      const batch = [
        { name: 'CA_lan3.xlsx', bytes: await filledForm('CA', 31) },
        { name: 'TA_lan3.xlsx', bytes: await filledForm('TA', 32) },
        { name: 'STP_lan3.xlsx', bytes: await filledForm('STP', 33) },
      ];
      outcomes = await importFiles(app.ctx, batch, {}, pool);
    } finally {
      sqlite.exec('DROP TRIGGER poison_ta3');
      sqlite.exec('DROP TRIGGER end_batch');
    }
    const stored = count(sqlite, 'submission') - before;
    const said = outcomes.filter((o) => o.status === 'imported').length;
    expect(said).toBe(stored);
    // One transaction: the batch is stored whole or not at all (TA aside, which failed alone).
    expect(stored).toBe(0);
    expect(sqlite.inTransaction).toBe(false);
    for (const o of outcomes) expect(o.message).toContain('chưa được nhận');
  });

  it('answers as a duplicate a file another connection stored while this batch read it', async () => {
    const bytes = await filledForm('STP', 41);
    const other = await openApp(app.file, {});
    const before = count(app.ctx.handle.sqlite, 'submission');
    // While this batch's worker reads the file, another window (its own connection) stores it.
    let raced = false;
    const racing: ParsePool = {
      ...pool,
      size: pool.size,
      running: pool.running,
      async parse(b, options) {
        if (!raced) {
          raced = true;
          const first = await importFiles(other, [{ name: 'STP_cua_may_khac.xlsx', bytes }], {}, pool);
          expect(first.map((o) => o.status)).toEqual(['imported']);
        }
        return pool.parse(b, options);
      },
      close: () => Promise.resolve(),
    };
    try {
      const outcomes = await importFiles(app.ctx, [{ name: 'STP_lan4.xlsx', bytes }], {}, racing);
      expect(raced).toBe(true);
      expect(outcomes.map((o) => [o.status, o.agency])).toEqual([['duplicate', 'STP']]);
      expect(count(app.ctx.handle.sqlite, 'submission')).toBe(before + 1);
    } finally {
      await other.handle.close();
    }
  });

  it('says of no file that it was stored when the final COMMIT fails', async () => {
    const sqlite = app.ctx.handle.sqlite;
    // A deferred foreign key broken by the batch fails its COMMIT, not any statement in it.
    sqlite.exec('CREATE TABLE commit_guard (submission_id INTEGER REFERENCES submission(id) DEFERRABLE INITIALLY DEFERRED)');
    sqlite.exec("CREATE TEMP TRIGGER break_commit AFTER INSERT ON submission BEGIN INSERT INTO commit_guard VALUES (-1); END");
    const before = count(sqlite, 'submission');
    let outcomes: ImportOutcome[] = [];
    try {
      const ta = await filledForm('TA', 9);
      outcomes = await importFiles(app.ctx, [{ name: 'TA_lan2.xlsx', bytes: ta }, { name: 'CA_lan2.xlsx', bytes: await filledForm('CA', 8) }], {}, pool);
    } finally {
      sqlite.exec('DROP TRIGGER break_commit');
      sqlite.exec('DROP TABLE commit_guard');
    }
    expect(outcomes.map((o) => [o.file, o.status, o.ok])).toEqual([
      ['TA_lan2.xlsx', 'failed', false],
      ['CA_lan2.xlsx', 'failed', false],
    ]);
    for (const o of outcomes) expect(o.message).toContain('chưa được nhận');
    expect(count(sqlite, 'submission')).toBe(before);
    // The app goes on: the same files land in the next batch.
    const again = await importFiles(app.ctx, [{ name: 'TA_lan2.xlsx', bytes: await filledForm('TA', 9) }], {}, pool);
    expect(again.map((o) => o.status)).toEqual(['imported']);
  });
});
