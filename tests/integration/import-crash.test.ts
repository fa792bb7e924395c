// "A child process importing is killed at random moments 50 times; after each, the
// integrity check passes and the import is all or nothing." A child process
// (tests/fixtures/import-child.ts) imports a batch of five filled forms into a fresh copy
// of a seeded database through importFiles and is SIGKILLed at a moment drawn from a
// seeded PRNG. The batch is written in one transaction (a savepoint per file), and that
// write window is short next to the parsing before it (about 10 of 100 ms here), so kills
// drawn over the whole import alone would seldom land in it. The child therefore
// instruments better-sqlite3 (test code only: it wraps the Statement prototype's run())
// and prints a line when the `begin` statement has run, one just before `commit` runs and
// one when it has returned. Every other kill is timed from "TRANSACTION_BEGUN": a random
// delay up to about the begin→commit time measured in calibration runs first. The others
// fall at a random moment of the whole run, timed from the child's "ready" up to a little
// after its exit (so they land while the files are read, in the window, and after it).
//
// After each kill the file passes PRAGMA integrity_check, and every submission in it is
// whole: exactly the values and task reports of its form, its import-log line and its
// audit line. What is committed is none of the batch or all of it. A file the child
// announced as imported ("settled") is stored; a file stored was announced, or the kill
// came after the child had entered the COMMIT and before the announcement (the old
// per-file test's "announced m, or m − 1 when the kill fell between a commit and its
// line"). Nothing is stored when the COMMIT had not started; all is when it had returned.
// Where the kills landed is counted from the child's lines, not from the clock: at
// least 10 between begin and commit, some after the commit returned and some before the
// begin, or the test fails.
//
// The child runs as one ESM bundle beside a bundled parse worker (the production layout
// parse.ts looks for first), built once with esbuild, which tsx brings along: starting
// `node --import tsx` and two tsx-compiled workers costs seconds per kill, the bundle a
// fraction of that. Without esbuild the test falls back to `node --import tsx`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import type * as Esbuild from 'esbuild';
import { generateForms } from '../../electron/app/forms';
import { importFiles } from '../../electron/app/intake';
import { openApp } from '../../electron/app/bootstrap';
import { createParsePool, type ParsePool } from '../../electron/excel/parse';
import { fillForm, sampleValue } from '../fixtures/fill-form';
import { cleanupTempDirs, openTestApp, tempDir } from '../helpers/app';
import { seededRandom } from '../helpers/workbooks';

const ITERATIONS = 50;
/** Of the kills, at least this many must land between the batch's `begin` and its returned `commit`… */
const INSIDE_AT_LEAST = 10;
/** …this many after the `commit` returned (the child still running), and this many before the `begin`. */
const AFTER_AT_LEAST = 2;
const BEFORE_AT_LEAST = 5;
/** Full runs timing the import and its write window before the kills. */
const CALIBRATION_RUNS = 5;
const SEED = 0x20220318;
const AGENCIES = ['CA', 'VKS', 'TA', 'STP', 'THADS'];
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD_SOURCE = path.join(ROOT, 'tests/fixtures/import-child.ts');

interface FormFile {
  agency: string;
  file: string;
  /** Value rows and task-report rows its submission must have. */
  values: number;
  taskReports: number;
}

let dir: string;
let seeded: string;
let forms: FormFile[] = [];
let child: { command: string; args: string[] };
let pool: ParsePool;

/** One ESM bundle for the child and one for the parse worker, side by side; null without esbuild. */
async function bundleChild(outDir: string): Promise<{ command: string; args: string[] } | null> {
  let esbuild: typeof Esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  const require = createRequire(import.meta.url);
  // The native addon stays where it is installed; everything else goes in the bundle.
  const betterSqlite = require.resolve('better-sqlite3');
  const common = {
    bundle: true,
    platform: 'node' as const,
    format: 'esm' as const,
    target: 'node20',
    logLevel: 'error' as const,
    // exceljs and friends are CommonJS and require Node's built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    plugins: [
      {
        name: 'installed-better-sqlite3',
        setup(build: Esbuild.PluginBuild) {
          // esbuild takes Go regular expressions: no flags.
          build.onResolve({ filter: new RegExp('^better-sqlite3$') }, () => ({ path: betterSqlite, external: true }));
        },
      },
    ],
  };
  fs.writeFileSync(path.join(outDir, 'package.json'), '{"type":"module"}\n');
  await esbuild.build({ ...common, entryPoints: [CHILD_SOURCE], outfile: path.join(outDir, 'import-child.js') });
  await esbuild.build({ ...common, entryPoints: [path.join(ROOT, 'electron/excel/parse-worker.ts')], outfile: path.join(outDir, 'parse-worker.js') });
  return { command: process.execPath, args: [path.join(outDir, 'import-child.js')] };
}

/** What the child printed, each line timed in ms after its "ready" (by the parent's clock). */
interface Run {
  lines: string[];
  readyAt: number;
  /** "TRANSACTION_BEGUN" lines, and when the first came. */
  begun: number;
  begunAt: number | null;
  /** "COMMIT_STARTED" lines: the child had entered the `commit` statement. */
  commitStarted: number;
  /** "TRANSACTION_COMMITTED" lines: the `commit` statement had returned. */
  committed: number;
  committedAt: number | null;
  settled: number;
  settledAt: number[];
  done: boolean;
  doneAt: number | null;
  outcomes: { status: string; agency: string | null }[];
  endedAt: number;
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/** What a run's output says it had done, all checkInvariants reads. */
type Progress = Pick<Run, 'begun' | 'commitStarted' | 'committed' | 'settled' | 'done'>;

/** When to kill: `delayMs` after the child's "ready", its "TRANSACTION_BEGUN", or its "TRANSACTION_COMMITTED". */
interface Kill {
  after: 'ready' | 'begin' | 'committed';
  delayMs: number;
}

/** Where a kill landed, by the child's own lines: before the batch's `begin`, between it and the returned `commit`, or after that. */
type Landing = 'before' | 'inside' | 'after';
const landingOf = (run: Progress): Landing => (run.committed > 0 ? 'after' : run.begun > 0 ? 'inside' : 'before');

/** The lines of a whole run, in order ("done" stands for the done line with its summary). */
const FULL_SEQUENCE = ['ready', 'TRANSACTION_BEGUN', 'COMMIT_STARTED', 'TRANSACTION_COMMITTED', ...AGENCIES.map((_, k) => `settled ${k + 1}/${AGENCIES.length}`), 'done'];
const kindOf = (line: string): string => (line.startsWith('done ') ? 'done' : line);

/** Runs the child on `db` and SIGKILLs it as `kill` says (never, when null). */
function runChild(db: string, kill: Kill | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(child.command, [...child.args, db, ...forms.map((f) => f.file)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: Run = {
      lines: [],
      readyAt: 0,
      begun: 0,
      begunAt: null,
      commitStarted: 0,
      committed: 0,
      committedAt: null,
      settled: 0,
      settledAt: [],
      done: false,
      doneAt: null,
      outcomes: [],
      endedAt: 0,
      signal: null,
      code: null,
      stderr: '',
    };
    let buffer = '';
    const startup = setTimeout(() => proc.kill('SIGKILL'), 60_000);
    const arm = (moment: Kill['after']): void => {
      if (!kill || kill.after !== moment) return;
      // setTimeout makes anything under 1 ms a full millisecond: a delay of 0 is now.
      if (kill.delayMs < 1) proc.kill('SIGKILL');
      else setTimeout(() => proc.kill('SIGKILL'), kill.delayMs);
    };
    const since = (): number => performance.now() - run.readyAt;
    const take = (line: string): void => {
      run.lines.push(line);
      if (line === 'ready') {
        run.readyAt = performance.now();
        clearTimeout(startup);
        arm('ready');
      } else if (line === 'TRANSACTION_BEGUN') {
        run.begun++;
        run.begunAt ??= since();
        arm('begin');
      } else if (line === 'COMMIT_STARTED') run.commitStarted++;
      else if (line === 'TRANSACTION_COMMITTED') {
        run.committed++;
        run.committedAt ??= since();
        arm('committed');
      } else if (line.startsWith('settled ')) {
        run.settled++;
        run.settledAt.push(since());
      } else if (line.startsWith('done ')) {
        run.done = true;
        run.doneAt = since();
        run.outcomes = JSON.parse(line.slice('done '.length)) as Run['outcomes'];
      }
    };
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) take(line);
    });
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk: string) => (run.stderr += chunk));
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      clearTimeout(startup);
      // A line cut short would be a write the kill split: kept, so the order check sees it.
      if (buffer) run.lines.push(buffer);
      run.code = code;
      run.signal = signal;
      run.endedAt = since();
      if (!run.readyAt) reject(new Error(`the import child never got ready (exit ${code ?? signal}): ${run.stderr.slice(0, 2000)}`));
      else resolve(run);
    });
  });
}

/**
 * What must hold of the file whatever the moment of the kill, given what the child had
 * printed by then; returns how many files of the batch are committed.
 */
function checkInvariants(db: string, run: Progress): number {
  const sqlite = new BetterSqlite3(db, { fileMustExist: true });
  try {
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    const submissions = sqlite
      .prepare('SELECT s.id, a.code AS agency, s.revision, s.is_current AS current, s.file_name AS file FROM submission s JOIN agency a ON a.id = s.agency_id ORDER BY s.id')
      .all() as { id: number; agency: string; revision: number; current: number; file: string }[];
    const committed = submissions.length;
    const said = `committed ${committed} of ${forms.length}; the child had printed begin ×${run.begun}, commit started ×${run.commitStarted}, commit returned ×${run.committed}, settled ${run.settled}${run.done ? ', done' : ''}`;
    // One transaction for the batch: none of its files, or all of them in order.
    expect(committed === 0 || committed === forms.length, said).toBe(true);
    expect(submissions.map((s) => s.agency)).toEqual(forms.slice(0, committed).map((f) => f.agency));
    // Announced ⇒ stored: a file the child announced as settled (or summed up as done) is stored.
    if (run.settled > 0 || run.done) expect(committed, said).toBe(forms.length);
    // Stored ⇒ announced, or the kill fell after the child entered the COMMIT and before
    // it announced them: nothing of the batch is stored before its COMMIT has begun.
    // (Not "after the COMMIT returned": a kill inside the `commit` statement, once SQLite
    // has written the commit frame to the WAL but before the fsync returns, leaves the
    // batch stored and the return unprinted, as a power cut would not but a kill does.)
    if (committed > 0 && run.settled < forms.length) expect(run.commitStarted, said).toBeGreaterThan(0);
    // And a COMMIT that returned stored the whole batch.
    if (run.committed > 0) expect(committed, said).toBe(forms.length);

    const countOf = (table: string, id: number) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE submission_id = ?`).get(id) as { n: number }).n;
    for (const s of submissions) {
      const form = forms.find((f) => f.agency === s.agency)!;
      expect({ agency: s.agency, revision: s.revision, current: s.current, file: s.file }).toEqual({ agency: form.agency, revision: 1, current: 1, file: path.basename(form.file) });
      expect({ agency: s.agency, values: countOf('value', s.id), taskReports: countOf('task_report', s.id) }).toEqual({ agency: s.agency, values: form.values, taskReports: form.taskReports });
    }
    // The import log and the audit trail landed with the submissions, never without them.
    // (A re-run after a kill logs the files it finds already imported as duplicates: attempts, not imports.)
    const logged = sqlite.prepare("SELECT file_name AS file, outcome, submission_id AS id FROM import_log WHERE outcome <> 'duplicate' ORDER BY id").all() as { file: string; outcome: string; id: number | null }[];
    expect(logged).toEqual(submissions.map((s) => ({ file: s.file, outcome: 'imported', id: s.id })));
    const audited = sqlite.prepare("SELECT entity_key AS key FROM audit_log WHERE action = 'receive' ORDER BY id").all() as { key: string }[];
    expect(audited.map((a) => a.key)).toEqual(submissions.map((s) => `2022-Q1/${s.agency}/1`));
    const strays = sqlite.prepare('SELECT (SELECT count(*) FROM value WHERE submission_id NOT IN (SELECT id FROM submission)) + (SELECT count(*) FROM task_report WHERE submission_id NOT IN (SELECT id FROM submission)) AS n').get() as { n: number };
    expect(strays.n).toBe(0);
    return committed;
  } finally {
    sqlite.close();
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

beforeAll(async () => {
  dir = tempDir();
  // A seeded database, with the five filled forms of the batch, then closed: a copy of
  // a closed file is a whole database.
  const app = await openTestApp({}, dir);
  for (const form of await generateForms(app.ctx, { period: '2022-Q1', agencies: AGENCIES })) {
    const { bytes, written, keys } = await fillForm(form.bytes, (entry) => sampleValue(entry, 3));
    const file = path.join(dir, form.name);
    fs.writeFileSync(file, bytes);
    const fields = [...written.keys()];
    forms.push({
      agency: keys.get('agency') ?? '',
      file,
      values: fields.filter((f) => f.startsWith('indicator:')).length,
      taskReports: new Set(fields.filter((f) => f.startsWith('task:')).map((f) => f.split(':')[1])).size,
    });
  }
  await app.close();
  seeded = app.file;
  expect(fs.existsSync(`${seeded}-wal`) ? fs.statSync(`${seeded}-wal`).size : 0).toBe(0);
  forms = AGENCIES.map((a) => forms.find((f) => f.agency === a)!);

  const bundleDir = path.join(dir, 'child');
  fs.mkdirSync(bundleDir);
  child = (await bundleChild(bundleDir)) ?? { command: process.execPath, args: ['--import', 'tsx', CHILD_SOURCE] };
  pool = createParsePool(2);
  // Its workers load exceljs now, not during the timed runs: two cores are all there is.
  await Promise.all([pool.parse(new Uint8Array()).catch(() => undefined), pool.parse(new Uint8Array()).catch(() => undefined)]);
}, 120_000);

afterAll(async () => {
  await pool?.close();
  cleanupTempDirs();
});

describe('killing an import at random moments', () => {
  it(`leaves an intact database and whole submissions after each of ${ITERATIONS} SIGKILLs, ${INSIDE_AT_LEAST} or more of them between the batch's begin and commit`, async () => {
    // Full runs first: each must import the whole batch in one transaction, printing every
    // line in order; they time the import and its write window (begin to returned commit).
    const calibration: Run[] = [];
    for (let k = 0; k < CALIBRATION_RUNS; k++) {
      const full = path.join(dir, `full-${k}.sqlite`);
      fs.copyFileSync(seeded, full);
      const whole = await runChild(full, null);
      expect(whole.done, whole.stderr).toBe(true);
      expect(whole.code).toBe(0);
      expect(whole.lines.map(kindOf)).toEqual(FULL_SEQUENCE);
      expect(whole.outcomes.map((o) => [o.agency, o.status])).toEqual(forms.map((f) => [f.agency, 'imported']));
      expect(checkInvariants(full, whole)).toBe(forms.length);
      calibration.push(whole);
    }
    const importMs = median(calibration.map((r) => r.doneAt ?? r.endedAt));
    // The whole run, from "ready" to the child's exit (it closes its pool and database after "done").
    const lifeMs = median(calibration.map((r) => r.endedAt));
    // The window's length varies up to two- or threefold from run to run on a busy machine
    // (the calibration runs tend to the long side): delays scaled on the shortest one
    // measured put most of the kills timed from "begin" inside the window, spread over all
    // of it; the ones that land after the commit are counted as such.
    const windowMs = Math.min(...calibration.map((r) => (r.committedAt ?? 0) - (r.begunAt ?? 0)));
    const timing = `import took ${Math.round(importMs)} ms (done at ${calibration.map((r) => Math.round(r.doneAt ?? 0)).join(', ')}, exit at ${calibration.map((r) => Math.round(r.endedAt)).join(', ')} ms); begin→commit ${calibration.map((r) => ((r.committedAt ?? 0) - (r.begunAt ?? 0)).toFixed(1)).join(', ')} ms (begin at ${calibration.map((r) => Math.round(r.begunAt ?? 0)).join(', ')} ms)`;
    expect(windowMs, timing).toBeGreaterThan(0);

    const random = seededRandom(SEED);
    const landings: { kill: Kill; landing: Landing; committed: number; signal: NodeJS.Signals | null }[] = [];
    let recovered = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const db = path.join(dir, `kill-${i}.sqlite`);
      fs.copyFileSync(seeded, db);
      // Every other kill in the write window: a random delay after the child printed that
      // `begin` ran, up to half as much again as the shortest begin→commit of the
      // calibration runs (so some land just after the COMMIT returned, while the files are
      // announced). The others at a random moment of the whole run, from the child's
      // "ready" to a little after its exit in the calibration runs; timed from "ready" (not
      // from its start), so a busy machine shifts the kills with the import instead of
      // before it.
      // The k-th kill of each kind falls at a random point of the k-th of ITERATIONS / 2
      // equal slices of its range: random moments, spread evenly, so how many land where
      // varies little between runs.
      const slice = (Math.floor(i / 2) + random()) / (ITERATIONS / 2);
      // And every tenth just after the COMMIT returned, while the files are being announced:
      // left to chance, too few of those land there for the test to rely on (it once got one).
      const kill: Kill =
        i % 10 === 9
          ? { after: 'committed', delayMs: random() * 2 }
          : i % 2 === 0
            ? { after: 'begin', delayMs: slice * windowMs * 1.5 }
            : { after: 'ready', delayMs: slice * lifeMs * 1.1 };
      const run = await runChild(db, kill);
      if (!run.done) expect(run.signal, `iteration ${i}: ${run.stderr.slice(0, 500)}`).toBe('SIGKILL');
      // What the child printed is a beginning of a whole run's lines, in the same order.
      expect(run.lines.map(kindOf), `iteration ${i}`).toEqual(FULL_SEQUENCE.slice(0, run.lines.length));
      expect(run.begun).toBeLessThanOrEqual(1);
      const committed = checkInvariants(db, run);
      const landing = landingOf(run);
      landings.push({ kill, landing, committed, signal: run.signal });

      // A few times, the app opens the file again and runs the batch again: what was
      // committed comes back as a duplicate, the rest goes in. After the first three kills
      // that landed inside the window, whose file may hold a transaction cut off in its WAL.
      if (landing === 'inside' && recovered < 3) {
        recovered++;
        const ctx = await openApp(db, { seed: false });
        try {
          const inputs = forms.map((f) => ({ name: path.basename(f.file), bytes: new Uint8Array(fs.readFileSync(f.file)) }));
          const again = await importFiles(ctx, inputs, {}, pool);
          expect(again.map((o) => o.status)).toEqual(forms.map((_, k) => (k < committed ? 'duplicate' : 'imported')));
        } finally {
          await ctx.handle.close();
        }
        expect(checkInvariants(db, { begun: 1, commitStarted: 1, committed: 1, settled: forms.length, done: true })).toBe(forms.length);
      }
      fs.rmSync(db, { force: true });
      fs.rmSync(`${db}-wal`, { force: true });
      fs.rmSync(`${db}-shm`, { force: true });
    }

    // Where the kills landed, by the child's lines: enough of them between begin and
    // commit that the window is really tried, and some before it and after the commit.
    const count = (l: Landing, after?: Kill['after']) => landings.filter((x) => x.landing === l && (after === undefined || x.kill.after === after)).length;
    const exited = landings.filter((x) => x.signal === null).length;
    const storedUnreturned = landings.filter((x) => x.landing === 'inside' && x.committed > 0).length;
    const spread =
      `kills before begin: ${count('before')} (${count('before', 'begin')} of them timed from begin), ` +
      `inside begin→commit: ${count('inside')} (${count('inside', 'begin')} timed from begin; ${storedUnreturned} inside the commit statement, stored), ` +
      `after the commit returned: ${count('after')} (${count('after', 'begin')} timed from begin; ${exited} of them after the child had exited); ` +
      `committed none: ${landings.filter((x) => x.committed === 0).length}, all: ${landings.filter((x) => x.committed === forms.length).length}; ` +
      timing;
    // Shown on every run (vitest prints it), so the spread can be read without a failure.
    console.info(`[import-crash] ${spread}`);
    expect(count('inside'), spread).toBeGreaterThanOrEqual(INSIDE_AT_LEAST);
    // Kills, not children that had exited already.
    expect(landings.filter((x) => x.landing === 'after' && x.signal === 'SIGKILL').length, spread).toBeGreaterThanOrEqual(AFTER_AT_LEAST);
    expect(count('before'), spread).toBeGreaterThanOrEqual(BEFORE_AT_LEAST);
    expect(recovered).toBe(3);
  }, 300_000);
});
