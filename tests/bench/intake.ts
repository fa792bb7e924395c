// The clerk's import path, timed (`npx tsx tests/bench/intake.ts [--runs N]`; a part of
// `npm run bench`, see tests/bench/section.ts).
//
// Setup (not timed): a seeded database with the Lạng Sơn 2022 plan (21 agencies × 35
// indicators) plus periods 2022-Q2..Q4, report forms for every agency and all seven
// 2022 periods, filled the way another organisation's tool would (tests/fixtures/
// fill-form.ts), and on top of those a second revision from some agencies, spread over
// the periods, up to 200 distinct files on disk.
//
// Then, interleaved, N times each:
//   (a)  the app's import: importFiles of all 200 files (read from disk inside the
//        timing) into a fresh copy of the seeded database, with a warm ParsePool of
//        os.availableParallelism() workers: in the workers sniff, zip pre-scan and
//        inflate, read the cells; then recognise, validate, preview, and one write
//        transaction for the batch (a savepoint per file).
//   (a′) what the clerk waits for: the Api call (dispatch → schema check of every file's
//        bytes → the intake.import handler, with its automatic backup first) on a fresh
//        app whose parse workers start for this batch, the session's first; under tsx
//        each worker also compiles the TypeScript reader when it starts.
//   (a″) the same Api call with the app's workers already up (a later batch), after
//        (p200) the preview of the 200 through the same Api (a dry run).
//   (b)  the baseline, "a bare exceljs load": each file read from disk and loaded with
//        `new ExcelJS.Workbook().xlsx.load(buffer)`, one after another, in the main
//        thread, nothing else; (b21) the same for one period's 21 forms (2022-9M).
//   (b′) the same loads spread over os.availableParallelism() warm worker threads
//        (tests/bench/exceljs-load-worker.mjs; context).
//   (c)  one `/usr/bin/python3 tests/bench/openpyxl_sum.py DIR` process: openpyxl's
//        default full load of every file, summing the cells `_meta` names.
//   (d)  exportConsolidated for 2022-Q1 on the database (a) just filled.
//   The Api as the UI calls it, with one period's 21 forms (2022-9M), on an app whose
//   parse workers are up (a short dry run first, as an earlier batch would):
//   (i21, i21c, i21d) in process, through `dispatch` as the IPC does: the preview (a
//        dry run of the 21 in one call), the commit of the 21 in one call, then the
//        same 21 again, all duplicates;
//   (h21, h21c, h21d) the same three in browser mode: `startWebServer` in process on
//        a temp database, each call a POST of exactly what renderer/api.ts sends (the
//        token header, the bytes as base64 by shared/wire.ts), answered over HTTP; a
//        batch goes digest first (renderer/lib/intake-upload.ts: every file as its
//        SHA-256, then the bytes of those the server does not hold).
//
// Ratios against the baselines of the same run: the Api preview of 21 at most 0.5× a
// bare exceljs load of the 21 (b21), 21 duplicates at most 0.05×, the import (a) of the
// 200 at most 0.5× a bare exceljs load of the 200 (b); a missed target is reported, not
// fatal. Cross-checks (a file not imported, the stored sum, the openpyxl sum and the
// filled values disagreeing, an export without its 21 agencies × 35 indicators) fail
// the run.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { dispatch } from '../../electron/app/dispatch';
import { openApp } from '../../electron/app/bootstrap';
import { createHandlers, PARSE_POOL_IDLE_MS } from '../../electron/app/handlers';
import { generateForms } from '../../electron/app/forms';
import { importFiles } from '../../electron/app/intake';
import { exportConsolidated } from '../../electron/app/exports';
import { getConsolidation } from '../../electron/app/consolidation';
import { createParsePool, type ParsePool } from '../../electron/excel/parse';
import { startWebServer } from '../../electron/web';
import type { FileBytes, ImportOutcome, ImportStatus } from '../../shared/api';
import type { ApiResult } from '../../shared/errors';
import { fromWire, toWire } from '../../shared/wire';
import { importOverHttp } from '../../renderer/lib/intake-upload';
import { fillForm, sampleValue, type FillValue, type MetaEntry } from '../fixtures/fill-form';
import { call } from '../helpers/app';
import { runAlone, type BenchSection, type Limit, type Ratio, type SectionRunner } from './section';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const PYTHON = '/usr/bin/python3';
const OPENPYXL_SCRIPT = path.join(HERE, 'openpyxl_sum.py');
const EXCELJS_WORKER = new URL('./exceljs-load-worker.mjs', import.meta.url);
const FILES = 200;
const EXPORT_PERIOD = '2022-Q1';
const EXPORT_TARGET_MS = 1000;
/** The period whose 21 forms the clerk's batch is (the issue measured 2022-9M). */
const BATCH_PERIOD = '2022-9M';
/** The office's clock for the whole run, so nothing depends on the day it runs. */
const now = (): Date => new Date(2023, 0, 10, 9, 0, 0);

// ---------------------------------------------------------------------------- helpers

/** The run's cross-checks that failed, and its log; set by `run` for the run's length. */
let failures: string[] = [];
let log: (line: string) => void = () => undefined;
function check(ok: boolean, what: string): void {
  if (!ok) failures.push(what);
  log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Wall-clock time, and the CPU time of the whole process (main thread, workers, libuv's pool) meanwhile. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, value };
}

interface Stats {
  median: number;
  min: number;
  max: number;
}

function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
  return { median, min: s[0] ?? NaN, max: s[s.length - 1] ?? NaN };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

function copyDatabase(from: string, to: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(from + suffix)) fs.copyFileSync(from + suffix, to + suffix);
  }
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

function runProcess(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// ---------------------------------------------------------------------------- the machine

function cpuModel(): string {
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // not Linux: fall through
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

function packageVersion(name: string): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return manifest.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------- setup

interface Corpus {
  dir: string;
  paths: string[];
  /** The period of each file, in the order of `paths`. */
  periodOf: string[];
  /** Round 1: each agency's first report of each period, by path. */
  firstRound: Set<string>;
  bytes: number;
  periods: string[];
  pairs: number;
  revisions: number;
  /** What the filler wrote into integer and decimal cells, over every file. */
  numericCells: number;
  numericTotal: number;
}

/** How many quarters a period holds: cumulative figures grow with it (Q1 ≤ 6 tháng ≤ 9 tháng ≤ năm). */
const QUARTERS_HELD: Record<string, number> = { Q1: 1, Q2: 1, Q3: 1, Q4: 1, H1: 2, '9M': 3, Y: 4 };
/** Parts of a whole (solved ≤ received), as the rule checks require. */
const PART_OF: Record<string, string> = { 'NV2.02': 'NV2.01', 'NV2.05': 'NV2.04', 'NV5.03': 'NV5.02' };

function hash(text: string): number {
  return Math.abs([...text].reduce((acc, ch) => (Math.imul(acc, 31) + ch.charCodeAt(0)) | 0, 7));
}

/**
 * A plausible report the app accepts, rules included: an agency's figure is a base of
 * its own times the quarters the period holds, plus the revision (so a cumulative
 * figure never falls and a later revision differs), and a part stays under its whole.
 * Statuses and narratives come from sampleValue.
 */
function benchValue(entry: MetaEntry, at: { agency: string; period: string; round: number; seed: number }): FillValue {
  const code = entry.field.startsWith('indicator:') ? entry.field.slice('indicator:'.length) : '';
  if (!code || (entry.kind !== 'integer' && entry.kind !== 'decimal')) return sampleValue(entry, at.seed);
  const held = QUARTERS_HELD[at.period.slice(5)] ?? 1;
  const figure = (c: string) => (5 + (hash(`${at.agency}/${c}`) % 150)) * held + at.round;
  const whole = PART_OF[code];
  const n = whole ? Math.floor(figure(whole) * 0.8) : figure(code);
  return entry.kind === 'decimal' ? n + 0.5 : n;
}

async function buildCorpus(root: string, seededDb: string, wanted: number): Promise<Corpus> {
  const app = await openApp(seededDb, { now });
  const h = createHandlers(app);
  const blanks = new Map<string, FileBytes[]>();
  try {
    for (const quarter of [2, 3, 4]) await call(h, 'periods.create', { year: 2022, kind: 'quarter', quarter, preset: 'nd09' });
    const periods = (await call(h, 'periods.list', { year: 2022 })).map((p) => p.code);
    for (const period of periods) blanks.set(period, await generateForms(app, { period }));
  } finally {
    await app.handle.close();
  }
  const periods = [...blanks.keys()];
  // Round 1: every agency's form of every period, period by period. Later rounds: a
  // second (third…) revision, agency by agency across the periods, so they spread out.
  const byPeriod = periods.flatMap((p) => (blanks.get(p) ?? []).map((form) => ({ period: p, form })));
  const maxAgencies = Math.max(...periods.map((p) => blanks.get(p)?.length ?? 0));
  const byAgency: typeof byPeriod = [];
  for (let a = 0; a < maxAgencies; a++) {
    for (const p of periods) {
      const form = blanks.get(p)?.[a];
      if (form) byAgency.push({ period: p, form });
    }
  }
  const plan: { period: string; form: FileBytes; round: number }[] = [];
  for (let round = 1; plan.length < wanted; round++) {
    for (const item of round === 1 ? byPeriod : byAgency) {
      if (plan.length >= wanted) break;
      plan.push({ ...item, round });
    }
  }

  const dir = path.join(root, 'forms');
  fs.mkdirSync(dir);
  const paths: string[] = [];
  const periodOf: string[] = [];
  const firstRound = new Set<string>();
  const digests = new Set<string>();
  let bytes = 0;
  let numericCells = 0;
  let numericTotal = 0;
  for (const [index, item] of plan.entries()) {
    const agency = /_([A-Z0-9-]+)\.xlsx$/u.exec(item.form.name)?.[1] ?? '';
    const filled = await fillForm(item.form.bytes, (entry) => {
      const value = benchValue(entry, { agency, period: item.period, round: item.round, seed: index + 1 });
      if ((entry.kind === 'integer' || entry.kind === 'decimal') && typeof value === 'number') {
        numericCells++;
        numericTotal += value;
      }
      return value;
    });
    const name = `${String(index + 1).padStart(3, '0')}-r${item.round}-${item.form.name}`;
    const file = path.join(dir, name);
    fs.writeFileSync(file, filled.bytes);
    paths.push(file);
    periodOf.push(item.period);
    if (item.round === 1) firstRound.add(file);
    bytes += filled.bytes.byteLength;
    digests.add(createHash('sha256').update(filled.bytes).digest('hex'));
    if ((index + 1) % 50 === 0) log(`  filled ${index + 1}/${plan.length}`);
  }
  check(digests.size === plan.length, `${plan.length} files on disk, ${digests.size} distinct SHA-256`);
  return {
    dir,
    paths,
    periodOf,
    firstRound,
    bytes,
    periods,
    pairs: byPeriod.length,
    revisions: plan.filter((p) => p.round > 1).length,
    numericCells,
    numericTotal,
  };
}

// ---------------------------------------------------------------------------- measurements

async function readAll(paths: readonly string[]): Promise<FileBytes[]> {
  return Promise.all(paths.map(async (p) => ({ name: path.basename(p), bytes: new Uint8Array(await fsp.readFile(p)) })));
}

/** What (a) stored the first time, for the cross-check against openpyxl. */
let numbersStored: { n: number; total: number } | null = null;

interface ImportRun {
  importMs: number;
  importCpuMs: number;
  exportMs: number;
  exportCpuMs: number;
}

/** (a) and (d) on a fresh copy of the seeded database; checks what was stored the first time. */
async function importAndExport(root: string, seededDb: string, corpus: Corpus, pool: ParsePool | undefined, rep: number, verify: boolean): Promise<ImportRun> {
  const dbFile = path.join(root, `import-${pool ? 'warm' : 'cold'}-${rep}.sqlite`);
  copyDatabase(seededDb, dbFile);
  const ctx = await openApp(dbFile, { now });
  try {
    const imported = await timed(async () => importFiles(ctx, await readAll(corpus.paths), {}, pool));
    const outcomes = imported.value;
    const notImported = outcomes.filter((o) => o.status !== 'imported');
    const exported = await timed(() => exportConsolidated(ctx, { period: EXPORT_PERIOD }));

    if (notImported.length > 0 || outcomes.length !== corpus.paths.length) {
      check(false, `import: ${outcomes.length} outcomes, ${notImported.length} not imported (first: ${notImported[0]?.file} ${notImported[0]?.status}: ${notImported[0]?.message ?? ''})`);
    }
    if (verify) {
      check(notImported.length === 0 && outcomes.length === corpus.paths.length, `import: all ${corpus.paths.length} files imported`);
      const revisions = outcomes.filter((o) => (o.revision ?? 0) > 1).length;
      check(revisions === corpus.revisions, `import: ${revisions} of them became a later revision (expected ${corpus.revisions})`);
      const stored = ctx.handle.sqlite.prepare('SELECT count(number) AS n, total(number) AS total FROM value').get() as { n: number; total: number };
      const submissions = ctx.handle.sqlite.prepare('SELECT count(*) AS n FROM submission').get() as { n: number };
      check(submissions.n === corpus.paths.length, `database: ${submissions.n} submissions stored`);
      check(
        stored.n === corpus.numericCells && close(stored.total, corpus.numericTotal),
        `database: SUM(value.number) = ${stored.total.toFixed(1)} over ${stored.n} values; filled: ${corpus.numericTotal.toFixed(1)} over ${corpus.numericCells}`,
      );
      const consolidation = await getConsolidation(ctx, { period: EXPORT_PERIOD });
      const expected = consolidation.completeness.counts.expected;
      const received = consolidation.completeness.counts.received;
      check(
        expected === 21 && received === 21 && consolidation.indicators.length === 35,
        `export ${EXPORT_PERIOD}: ${expected} agencies expected, ${received} received, ${consolidation.indicators.length} indicators (want 21 × 35)`,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(exported.value.bytes) as unknown as ExcelJS.Buffer);
      check(workbook.worksheets.length > 0 && exported.value.bytes.byteLength > 0, `export: ${exported.value.name}, ${exported.value.bytes.byteLength} bytes, ${workbook.worksheets.length} sheets, opens again`);
      numbersStored = stored;
    }
    return { importMs: imported.ms, importCpuMs: imported.cpuMs, exportMs: exported.ms, exportCpuMs: exported.cpuMs };
  } finally {
    await ctx.handle.close();
    removeDatabase(dbFile);
  }
}


/** (a′), (a″): the Api call the UI makes, on a fresh copy of the seeded database. */
async function apiImport(root: string, seededDb: string, corpus: Corpus, rep: number, workersUp: boolean): Promise<{ ms: number; cpuMs: number; previewMs: number | null }> {
  const dbFile = path.join(root, `import-api-${workersUp ? 'warm' : 'cold'}-${rep}.sqlite`);
  copyDatabase(seededDb, dbFile);
  const ctx = await openApp(dbFile, { now, backupDir: path.join(root, `backups-${rep}-${workersUp ? 'warm' : 'cold'}`) });
  const pool = createParsePool(os.availableParallelism());
  const h = createHandlers(ctx, { pool });
  try {
    if (workersUp) {
      // An earlier batch of the session: as many files as workers, checked only.
      const earlier = await readAll(corpus.paths.slice(0, pool.size));
      const warmed = await dispatch(h, 'intake.import', { files: earlier, dryRun: true });
      check(warmed.ok && pool.running === pool.size, `Api: ${pool.running} of ${pool.size} workers up before the timed batch`);
    }
    // The preview the screen asks for first (a dry run of the whole batch), on the warm app only.
    let previewMs: number | null = null;
    if (workersUp) {
      const preview = await timed(async () => dispatch(h, 'intake.import', { files: await readAll(corpus.paths), dryRun: true }));
      const checked = preview.value.ok ? preview.value.value.filter((o) => o.status === 'checked').length : 0;
      if (checked !== corpus.paths.length) check(false, `Api preview: ${checked} of ${corpus.paths.length} files checked`);
      previewMs = preview.ms;
    }
    const t = await timed(async () => dispatch(h, 'intake.import', { files: await readAll(corpus.paths) }));
    const stored = t.value.ok ? t.value.value.filter((o) => o.status === 'imported').length : 0;
    if (stored !== corpus.paths.length) check(false, `Api import: ${stored} of ${corpus.paths.length} files imported (${t.value.ok ? '' : t.value.error.message})`);
    return { ms: t.ms, cpuMs: t.cpuMs, previewMs };
  } finally {
    await pool.close();
    await ctx.handle.close();
    removeDatabase(dbFile);
  }
}

/** (b) The baseline: read and load every file with exceljs, one after another, in this thread. */
async function bareExceljs(paths: readonly string[]): Promise<number> {
  let sheets = 0;
  for (const p of paths) {
    const buffer = await fsp.readFile(p);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    sheets += workbook.worksheets.length;
  }
  return sheets;
}

/** The next message from a worker, or its error. */
function nextMessage<T>(worker: Worker): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: T): void => {
      worker.off('error', onError);
      resolve(message);
    };
    const onError = (err: Error): void => {
      worker.off('message', onMessage);
      reject(err);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
  });
}

/** (b′) Worker threads, each loading its share of the files with exceljs. */
async function startLoaders(count: number): Promise<Worker[]> {
  const workers = Array.from({ length: count }, () => new Worker(EXCELJS_WORKER));
  await Promise.all(workers.map((w) => nextMessage(w)));
  return workers;
}

async function bareExceljsThreads(workers: readonly Worker[], paths: readonly string[]): Promise<number> {
  const counts = await Promise.all(
    workers.map((w, i) => {
      const reply = nextMessage<{ sheets: number }>(w);
      w.postMessage(paths.filter((_, j) => j % workers.length === i));
      return reply.then((m) => m.sheets);
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

interface OpenpyxlResult {
  files: number;
  cells: number;
  total: number;
  /** Seconds of CPU the Python process used, start-up included. */
  cpu: number;
  python: string;
  openpyxl: string;
  mode: string;
}

/** (c) One Python process, start-up included. */
async function openpyxlSum(dir: string): Promise<OpenpyxlResult> {
  const { code, stdout, stderr } = await runProcess(PYTHON, [OPENPYXL_SCRIPT, dir]);
  if (code !== 0) throw new Error(`${PYTHON} ${OPENPYXL_SCRIPT} exited with ${code}: ${stderr.trim()}`);
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as OpenpyxlResult;
}

// ---------------------------------------------------------------------------- the clerk's batch of 21

interface BatchTimes {
  previewMs: number;
  commitMs: number;
  duplicatesMs: number;
}

/** One intake.import call as the screen makes it. */
type Import = (args: { files: FileBytes[]; period?: string; dryRun?: boolean; batch?: string }) => Promise<ApiResult<ImportOutcome[]>>;

/** Preview, commit, then the same files again, each one call of the whole batch; checks what each said. */
async function clerkBatch(what: string, importing: Import, batch: readonly string[], warm: readonly string[], rep: number): Promise<BatchTimes> {
  const expect = (r: ApiResult<ImportOutcome[]>, status: ImportStatus, step: string): void => {
    const n = r.ok ? r.value.filter((o) => o.status === status).length : 0;
    if (n !== batch.length) check(false, `${what} ${step}: ${n} of ${batch.length} files ${status} (${r.ok ? r.value.find((o) => o.status !== status)?.message ?? '' : r.error.message})`);
  };
  // An earlier, small batch of the session: the app's workers are up, as after the clerk's first drop.
  const warmed = await importing({ files: await readAll(warm), dryRun: true });
  if (!warmed.ok) check(false, `${what}: the warming call was refused: ${warmed.error.message}`);
  const preview = await timed(async () => importing({ files: await readAll(batch), period: BATCH_PERIOD, dryRun: true }));
  expect(preview.value, 'checked', 'preview');
  const commit = await timed(async () => importing({ files: await readAll(batch), period: BATCH_PERIOD, dryRun: false, batch: `bench-${rep}` }));
  expect(commit.value, 'imported', 'commit');
  const again = await timed(async () => importing({ files: await readAll(batch), period: BATCH_PERIOD, dryRun: false, batch: `bench-${rep}-again` }));
  expect(again.value, 'duplicate', 'the same files again');
  return { previewMs: preview.ms, commitMs: commit.ms, duplicatesMs: again.ms };
}

/** (i21…) In process, through dispatch, as the IPC calls it; the app's own pool, kept warm between calls. */
async function dispatchBatch(root: string, seededDb: string, batch: readonly string[], warm: readonly string[], rep: number): Promise<BatchTimes> {
  const folder = path.join(root, `dispatch-${rep}`);
  fs.mkdirSync(folder);
  const dbFile = path.join(folder, 'tonghop.sqlite');
  copyDatabase(seededDb, dbFile);
  const ctx = await openApp(dbFile, { now, backupDir: path.join(folder, 'backups') });
  const pool = createParsePool(os.availableParallelism(), { idleMs: PARSE_POOL_IDLE_MS });
  const h = createHandlers(ctx, { pool });
  try {
    return await clerkBatch('dispatch', (args) => dispatch(h, 'intake.import', args), batch, warm, rep);
  } finally {
    await pool.close();
    await ctx.handle.close();
  }
}

/** (h21…) Browser mode: the server in process, each call the POST renderer/api.ts makes. */
async function browserBatch(root: string, seededDb: string, batch: readonly string[], warm: readonly string[], rep: number): Promise<BatchTimes> {
  const folder = path.join(root, `web-${rep}`);
  const rendererDir = path.join(folder, 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  const dbFile = path.join(folder, 'tonghop.sqlite');
  copyDatabase(seededDb, dbFile);
  const server = await startWebServer({ dbPath: dbFile, rendererDir });
  const call = async (name: string, args: unknown): Promise<ApiResult<unknown>> => {
    const response = await fetch(`http://127.0.0.1:${server.port}/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Tonghop-Token': server.token },
      body: JSON.stringify(toWire(args)),
    });
    return fromWire(await response.json()) as ApiResult<unknown>;
  };
  // What renderer/api.ts does for intake.import: digest first, then the bytes of the files the server lacks.
  const post: Import = (args) => importOverHttp(call, args as Parameters<typeof importOverHttp>[1]);
  try {
    return await clerkBatch('browser mode', post, batch, warm, rep);
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------------------- the run

/** Wall-clock and CPU samples of one measurement. */
interface Series {
  wall: number[];
  cpu: number[];
}

const series = (): Series => ({ wall: [], cpu: [] });

function loadAverage(): string {
  return os.loadavg().map((n) => n.toFixed(2)).join(' ');
}

interface Figure {
  key: string;
  label: string;
  s: Series;
  /** The key of its baseline, when it is a ratio. */
  baseline?: string;
  target?: number | null;
}

export const run: SectionRunner = async (options) => {
  failures = [];
  log = options.log;
  numbersStored = null;
  const runs = options.runs;
  const probe = await runProcess(PYTHON, ['-c', 'import openpyxl, platform; print(platform.python_version(), openpyxl.__version__)']).catch(() => null);
  const openpyxlThere = probe !== null && probe.code === 0;
  if (!openpyxlThere) check(false, `${PYTHON} cannot import openpyxl. On Debian: apt-get update && apt-get install -y python3-openpyxl`);
  const [pythonVersion = '?', openpyxlVersion = '?'] = openpyxlThere ? probe.stdout.trim().split(/\s+/u) : [];
  const workers = os.availableParallelism();
  const loadBefore = loadAverage();

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-bench-'));
  const seededDb = path.join(root, 'seeded.sqlite');
  let pool: ParsePool | null = null;
  let loaders: Worker[] = [];
  const samples: Record<string, Series> = {};
  const add = (key: string, wall: number, cpu = NaN): void => {
    const s = (samples[key] ??= series());
    s.wall.push(wall);
    s.cpu.push(cpu);
  };
  let corpus: Corpus;
  let openpyxl: OpenpyxlResult | null = null;
  try {
    log(`setup in ${root}`);
    const setup = await timed(() => buildCorpus(root, seededDb, FILES));
    corpus = setup.value;
    log(`  ${corpus.paths.length} files, ${(corpus.bytes / 1024 / 1024).toFixed(1)} MiB, periods ${corpus.periods.join(' ')}; setup ${seconds(setup.ms)}`);
    const batch = corpus.paths.filter((p, i) => corpus.periodOf[i] === BATCH_PERIOD && corpus.firstRound.has(p));
    check(batch.length === 21, `the clerk's batch: ${batch.length} forms of ${BATCH_PERIOD}, one per agency`);
    // The warming batch of the Api runs: one file per worker, of another period (never one of the batch).
    const warmBatch = corpus.paths.filter((_, i) => corpus.periodOf[i] !== BATCH_PERIOD).slice(0, workers);

    // Everything that loads exceljs is warmed up first (the main thread already is, by the
    // filling): workers started, modules loaded, the parser's code compiled and optimised.
    const warmPaths = corpus.paths.slice(0, Math.min(corpus.paths.length, 20));
    pool = createParsePool(workers);
    const warmPool = pool;
    await Promise.all((await readAll(warmPaths)).map((f) => warmPool.parse(f.bytes)));
    loaders = await startLoaders(workers);
    await bareExceljsThreads(loaders, warmPaths);

    for (let rep = 0; rep < runs; rep++) {
      log(`run ${rep + 1}/${runs} (load average ${loadAverage()})`);
      const b = await timed(() => bareExceljs(corpus.paths));
      add('b', b.ms, b.cpuMs);
      const b21 = await timed(() => bareExceljs(batch));
      add('b21', b21.ms, b21.cpuMs);
      const bThreads = await timed(() => bareExceljsThreads(loaders, corpus.paths));
      add('b′', bThreads.ms, bThreads.cpuMs);
      if (rep === 0) check(b.value === bThreads.value && b.value >= corpus.paths.length * 2, `exceljs: ${b.value} worksheets loaded in the main thread, ${bThreads.value} in the threads`);
      if (openpyxlThere) {
        const c = await timed(() => openpyxlSum(corpus.dir));
        add('c', c.ms, c.value.cpu * 1000);
        if (rep === 0) {
          openpyxl = c.value;
          check(
            c.value.files === corpus.paths.length && c.value.cells === corpus.numericCells && close(c.value.total, corpus.numericTotal),
            `openpyxl: ${c.value.files} files, sum ${c.value.total.toFixed(1)} over ${c.value.cells} cells; filled: ${corpus.numericTotal.toFixed(1)} over ${corpus.numericCells}`,
          );
        }
      }
      const warm = await importAndExport(root, seededDb, corpus, pool, rep, rep === 0);
      add('a', warm.importMs, warm.importCpuMs);
      add('d', warm.exportMs, warm.exportCpuMs);
      if (rep === 0 && openpyxl && numbersStored) {
        const stored: { n: number; total: number } = numbersStored;
        check(close(openpyxl.total, stored.total), `cross-check: openpyxl sum ${openpyxl.total.toFixed(1)} = stored SUM(value.number) ${stored.total.toFixed(1)}`);
      }
      const first = await apiImport(root, seededDb, corpus, rep, false);
      add('a′', first.ms, first.cpuMs);
      const later = await apiImport(root, seededDb, corpus, rep, true);
      add('a″', later.ms, later.cpuMs);
      if (later.previewMs !== null) add('p200', later.previewMs);
      const inProcess = await dispatchBatch(root, seededDb, batch, warmBatch, rep);
      add('i21', inProcess.previewMs);
      add('i21c', inProcess.commitMs);
      add('i21d', inProcess.duplicatesMs);
      const web = await browserBatch(root, seededDb, batch, warmBatch, rep);
      add('h21', web.previewMs);
      add('h21c', web.commitMs);
      add('h21d', web.duplicatesMs);
      log(
        `  a ${seconds(warm.importMs)}  a′ ${seconds(first.ms)}  a″ ${seconds(later.ms)}  p200 ${seconds(later.previewMs ?? NaN)}  b ${seconds(b.ms)}  b21 ${seconds(b21.ms)}  b′ ${seconds(bThreads.ms)}  d ${seconds(warm.exportMs)}` +
          `\n  dispatch 21: preview ${seconds(inProcess.previewMs)} commit ${seconds(inProcess.commitMs)} duplicates ${seconds(inProcess.duplicatesMs)}` +
          `; HTTP 21: preview ${seconds(web.previewMs)} commit ${seconds(web.commitMs)} duplicates ${seconds(web.duplicatesMs)}`,
      );
    }
  } finally {
    await pool?.close();
    await Promise.all(loaders.map((w) => w.terminate()));
    fs.rmSync(root, { recursive: true, force: true });
  }

  const figures: Figure[] = [
    { key: 'a', label: `import of ${FILES} forms: importFiles, ${workers} warm parse workers, one write transaction`, s: samples.a ?? series(), baseline: 'b', target: 0.5 },
    { key: 'a′', label: `the Api call for ${FILES} (dispatch, with backup); workers start for it (first batch)`, s: samples['a′'] ?? series(), baseline: 'b', target: null },
    { key: 'a″', label: `the same Api call, the app's workers already up (a later batch)`, s: samples['a″'] ?? series(), baseline: 'b', target: null },
    { key: 'p200', label: `the Api preview of ${FILES} (dispatch, dry run, workers up)`, s: samples.p200 ?? series(), baseline: 'b', target: null },
    { key: 'i21', label: `the Api preview of ${BATCH_PERIOD}'s 21 forms, in process (dispatch, as the IPC)`, s: samples.i21 ?? series(), baseline: 'b21', target: 0.5 },
    { key: 'i21c', label: 'the commit of the 21, in process', s: samples.i21c ?? series(), baseline: 'b21', target: null },
    { key: 'i21d', label: 'the same 21 again, all duplicates, in process', s: samples.i21d ?? series(), baseline: 'b21', target: 0.05 },
    { key: 'h21', label: `the Api preview of the 21 in browser mode (HTTP)`, s: samples.h21 ?? series(), baseline: 'b21', target: 0.5 },
    { key: 'h21c', label: 'the commit of the 21 in browser mode', s: samples.h21c ?? series(), baseline: 'b21', target: null },
    { key: 'h21d', label: 'the same 21 again in browser mode, all duplicates', s: samples.h21d ?? series(), baseline: 'b21', target: 0.05 },
    { key: 'b', label: `bare exceljs load of the ${FILES}, main thread: BASELINE`, s: samples.b ?? series() },
    { key: 'b21', label: 'bare exceljs load of the 21, main thread: BASELINE', s: samples.b21 ?? series() },
    { key: 'b′', label: `bare exceljs load of the ${FILES}, ${workers} warm worker threads (context)`, s: samples['b′'] ?? series() },
    { key: 'c', label: `openpyxl load_workbook + sum of the ${FILES}, one /usr/bin/python3 process`, s: samples.c ?? series() },
    { key: 'd', label: `consolidated export ${EXPORT_PERIOD}, 21 agencies × 35 indicators`, s: samples.d ?? series() },
  ];
  const median = (key: string): number => stats(figures.find((f) => f.key === key)?.s.wall ?? []).median;
  const ratios: Ratio[] = figures
    .filter((f) => f.baseline !== undefined && f.s.wall.length > 0)
    .map((f) => ({ name: `${f.key}/${f.baseline}: ${f.label}`, value: median(f.key) / median(f.baseline ?? ''), target: f.target ?? null }));
  if (samples.c) ratios.push({ name: 'a/c: the import of the 200 / openpyxl', value: median('a') / median('c'), target: 1 });
  const limits: Limit[] = samples.d ? [{ name: `d: consolidated export ${EXPORT_PERIOD}`, ms: median('d'), targetMs: EXPORT_TARGET_MS }] : [];

  const sec = (ms: number): string => (ms / 1000).toFixed(3);
  const rows = figures.filter((f) => f.s.wall.length > 0);
  const md: string[] = [];
  md.push(`| ${FILES} forms (${(corpus.bytes / 1024 / 1024).toFixed(1)} MiB), ${runs} runs | median (min–max) | CPU | baseline | ratio | target |`);
  md.push('| --- | --- | --- | --- | --- | --- |');
  for (const f of rows) {
    const w = stats(f.s.wall);
    const cpu = stats(f.s.cpu.filter((x) => !Number.isNaN(x)));
    const ratio = f.baseline ? median(f.key) / median(f.baseline) : null;
    const target = f.target === undefined || f.target === null ? '' : `≤ ${f.target}: ${ratio !== null && ratio <= f.target ? 'met' : '**missed**'}`;
    md.push(`| (${f.key}) ${f.label} | ${sec(w.median)} s (${sec(w.min)}–${sec(w.max)}) | ${Number.isNaN(cpu.median) ? '' : `${sec(cpu.median)} s`} | ${f.baseline ? `(${f.baseline})` : ''} | ${ratio === null ? '' : `**${ratio.toFixed(2)}**`} | ${target} |`);
  }
  md.push('');
  md.push(
    `Machine: ${cpuModel()}, ${workers} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}; Node ${process.version}, exceljs ${packageVersion('exceljs')}, better-sqlite3 ${packageVersion('better-sqlite3')}; ` +
      `Python ${openpyxl?.python ?? pythonVersion}, openpyxl ${openpyxl?.openpyxl ?? openpyxlVersion}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load average ${loadBefore} before, ${loadAverage()} after.`,
  );
  const section: BenchSection = { title: `Intake: ${FILES} filled forms, and one period's 21 through the Api (${runs} runs, interleaved)`, ratios, limits, markdown: md.join('\n'), failures };
  return section;
};

void runAlone(import.meta.url, run);
