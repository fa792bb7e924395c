// "A child process importing is killed at random moments 50 times; after each, the
// integrity check passes and the import is all or nothing." A child process
// (tests/fixtures/import-child.ts) imports a batch of five filled forms into a fresh copy
// of a seeded database through importFiles and is SIGKILLed at a moment drawn from a
// seeded PRNG over the whole import: a random delay after the child is ready, up to a
// little longer than the import took in one full run measured first (so kills land
// while the files are read, while the batch's one transaction is written, around its
// COMMIT and after it). After each kill the file passes PRAGMA integrity_check, and
// every submission in it is whole: exactly the values and task reports of its form, its
// import-log line and its audit line. The batch is one transaction (a savepoint per
// file), so what is committed is none of it or all of it, never a part of a file or of
// the batch; the child announces each file settled once the COMMIT has ended, so a
// file announced is a file stored.
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

interface Run {
  lines: string[];
  settled: number;
  /** When each "settled" line came, in ms after "ready". */
  settledAt: number[];
  done: boolean;
  readyAt: number;
  endedAt: number;
  doneAt: number | null;
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/** When to kill: `delayMs` after the child has announced `afterSettled` files (0: after "ready"). */
interface Kill {
  afterSettled: number;
  delayMs: number;
}

/** Runs the child on `db` and SIGKILLs it as `kill` says (never, when null). */
function runChild(db: string, kill: Kill | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(child.command, [...child.args, db, ...forms.map((f) => f.file)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: Run = { lines: [], settled: 0, settledAt: [], done: false, readyAt: 0, endedAt: 0, doneAt: null, signal: null, code: null, stderr: '' };
    let buffer = '';
    const startup = setTimeout(() => proc.kill('SIGKILL'), 60_000);
    const arm = (): void => {
      if (kill && kill.afterSettled === run.settled) setTimeout(() => proc.kill('SIGKILL'), kill.delayMs);
    };
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        run.lines.push(line);
        if (line === 'ready') {
          run.readyAt = performance.now();
          clearTimeout(startup);
          arm();
        } else if (line.startsWith('settled ')) {
          run.settled++;
          run.settledAt.push(performance.now() - run.readyAt);
          arm();
        }
        else if (line.startsWith('done ')) {
          run.done = true;
          run.doneAt = performance.now();
        }
      }
    });
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk: string) => (run.stderr += chunk));
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      clearTimeout(startup);
      run.code = code;
      run.signal = signal;
      run.endedAt = performance.now();
      if (!run.readyAt) reject(new Error(`the import child never got ready (exit ${code ?? signal}): ${run.stderr.slice(0, 2000)}`));
      else resolve(run);
    });
  });
}

/**
 * What must hold of the file whatever the moment of the kill; returns how many files
 * of the batch are committed.
 */
function checkInvariants(db: string, run: Pick<Run, 'settled' | 'done'>): number {
  const sqlite = new BetterSqlite3(db, { fileMustExist: true });
  try {
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    const submissions = sqlite
      .prepare('SELECT s.id, a.code AS agency, s.revision, s.is_current AS current, s.file_name AS file FROM submission s JOIN agency a ON a.id = s.agency_id ORDER BY s.id')
      .all() as { id: number; agency: string; revision: number; current: number; file: string }[];
    const committed = submissions.length;
    // One transaction for the batch: none of its files, or all of them in order; a file
    // the child announced as settled is stored (a kill between the COMMIT and the first
    // line leaves all stored and none announced).
    expect(committed === 0 || committed === forms.length, `committed ${committed} of ${forms.length}`).toBe(true);
    expect(submissions.map((s) => s.agency)).toEqual(forms.slice(0, committed).map((f) => f.agency));
    if (run.settled > 0 || run.done) expect(committed).toBe(forms.length);

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
}, 120_000);

afterAll(async () => {
  await pool?.close();
  cleanupTempDirs();
});

describe('killing an import at random moments', () => {
  it(`leaves an intact database and whole submissions after each of ${ITERATIONS} SIGKILLs`, async () => {
    // One full run first: it must import the whole batch, and it times the import.
    const full = path.join(dir, 'full.sqlite');
    fs.copyFileSync(seeded, full);
    const whole = await runChild(full, null);
    expect(whole.done, whole.stderr).toBe(true);
    expect(whole.code).toBe(0);
    expect(checkInvariants(full, whole)).toBe(forms.length);
    const importMs = (whole.doneAt ?? whole.endedAt) - whole.readyAt;
    expect(whole.settledAt).toHaveLength(forms.length);

    const random = seededRandom(SEED);
    const outcomes: number[] = [];
    let recovered = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const db = path.join(dir, `kill-${i}.sqlite`);
      fs.copyFileSync(seeded, db);
      // A random moment of the import, timed from the child's "ready" (not from its
      // start), so a busy machine shifts the kills with the import instead of before it.
      const delayMs = Math.round(random() * importMs * 1.1);
      const run = await runChild(db, { afterSettled: 0, delayMs });
      if (!run.done) expect(run.signal, `iteration ${i}: ${run.stderr.slice(0, 500)}`).toBe('SIGKILL');
      const committed = checkInvariants(db, run);
      outcomes.push(committed);

      // A few times, the app opens the file again and runs the batch again: what was
      // committed comes back as a duplicate, the rest goes in.
      if (recovered < 3) {
        recovered++;
        const ctx = await openApp(db, { seed: false });
        try {
          const inputs = forms.map((f) => ({ name: path.basename(f.file), bytes: new Uint8Array(fs.readFileSync(f.file)) }));
          const again = await importFiles(ctx, inputs, {}, pool);
          expect(again.map((o) => o.status)).toEqual(forms.map((_, k) => (k < committed ? 'duplicate' : 'imported')));
        } finally {
          await ctx.handle.close();
        }
        expect(checkInvariants(db, { settled: forms.length, done: true })).toBe(forms.length);
      }
      fs.rmSync(db, { force: true });
      fs.rmSync(`${db}-wal`, { force: true });
      fs.rmSync(`${db}-shm`, { force: true });
    }

    // The kills landed both before the batch's COMMIT and after it.
    const none = outcomes.filter((m) => m === 0).length;
    const all = outcomes.filter((m) => m === forms.length).length;
    const spread = `kills leaving none committed: ${none}, all: ${all}; import took ${Math.round(importMs)} ms, files settled at ${whole.settledAt.map(Math.round).join(', ')} ms`;
    expect(none, spread).toBeGreaterThanOrEqual(10);
    expect(all, spread).toBeGreaterThanOrEqual(1);
    expect(recovered).toBe(3);
  }, 300_000);
});
