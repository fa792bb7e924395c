// The import/export benchmark (`npm run bench`, i.e. `tsx tests/bench/run.ts [--runs N]`).
//
// Setup (not timed): a seeded database with the Lạng Sơn 2022 plan (21 agencies × 35
// indicators) plus periods 2022-Q2..Q4, report forms for every agency and all seven
// 2022 periods, filled the way another organisation's tool would (tests/fixtures/
// fill-form.ts), and on top of those a second revision from some agencies, spread over
// the periods, up to 200 distinct files on disk.
//
// Then, interleaved, N times each (default 5):
//   (a)  the app's import: importFiles of all files (read from disk inside the timing)
//        into a fresh copy of the seeded database, with a warm ParsePool of
//        os.availableParallelism() workers: in the workers sniff, zip pre-scan and
//        inflate, read the cells (workbook-reader.ts); then recognise, validate,
//        preview, one commit per file.
//   (a′) what the clerk waits for: the Api call (dispatch → schema check of every file's
//        bytes → the intake.import handler, with its automatic backup first) on a fresh
//        app whose parse workers start for this batch, the session's first; under tsx
//        each worker also compiles the TypeScript reader when it starts, which a
//        packaged app does not.
//   (a″) the same Api call with the app's workers already up (a batch after another
//        within PARSE_POOL_IDLE_MS). (a) asks for no backup.
//   (b)  the baseline, "a bare exceljs load": each file read from disk and loaded with
//        `new ExcelJS.Workbook().xlsx.load(buffer)`, one after another, in the main
//        thread, nothing else.
//   (b′) the same loads spread over os.availableParallelism() warm worker threads
//        (tests/bench/exceljs-load-worker.mjs; context).
//   (c)  one `/usr/bin/python3 tests/bench/openpyxl_sum.py DIR` process: openpyxl's default
//        full load (load_workbook(path, data_only=True)) of every file, reading `_meta`
//        and summing the numeric cells it names; Python start-up included.
//   (d)  exportConsolidated for 2022-Q1 on the database (a) just filled.
//
// Prints wall-clock medians (min, max) and the median CPU time of the process (all
// threads; for (c), what the Python process reports), the ratios a/b and a/c, PASS/MISS
// per target, the machine with its load average (a busy machine slows the parallel runs
// most), and a Markdown table for the README. Exits 1 when a cross-check fails (a file not
// imported, the stored sum, the openpyxl sum and the filled values disagreeing, an
// export without its 21 agencies × 35 indicators); a missed target is reported, not fatal.
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
import { createHandlers } from '../../electron/app/handlers';
import { generateForms } from '../../electron/app/forms';
import { importFiles } from '../../electron/app/intake';
import { exportConsolidated } from '../../electron/app/exports';
import { getConsolidation } from '../../electron/app/consolidation';
import { createParsePool, type ParsePool } from '../../electron/excel/parse';
import type { FileBytes } from '../../shared/api';
import { fillForm, sampleValue, type FillValue, type MetaEntry } from '../fixtures/fill-form';
import { call } from '../helpers/app';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const PYTHON = '/usr/bin/python3';
const OPENPYXL_SCRIPT = path.join(HERE, 'openpyxl_sum.py');
const EXCELJS_WORKER = new URL('./exceljs-load-worker.mjs', import.meta.url);
const EXPORT_PERIOD = '2022-Q1';
const EXPORT_TARGET_MS = 1000;
/** The office's clock for the whole run, so nothing depends on the day it runs. */
const now = (): Date => new Date(2023, 0, 10, 9, 0, 0);

// ---------------------------------------------------------------------------- arguments

interface Args {
  runs: number;
  files: number;
  keep: boolean;
  cold: boolean;
}

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: tsx tests/bench/run.ts [--runs N] [--files N] [--no-cold] [--keep]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { runs: 5, files: 200, keep: false, cold: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const number = (): number => {
      const text = inline ?? argv[++i];
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1) usage(`${flag} needs a whole number ≥ 1, not "${text ?? ''}"`);
      return n;
    };
    if (flag === '--runs') args.runs = number();
    else if (flag === '--files') args.files = number();
    else if (flag === '--keep') args.keep = true;
    else if (flag === '--no-cold') args.cold = false;
    else if (flag === '--help' || flag === '-h') usage('The import/export benchmark.');
    else usage(`unknown argument "${a}"`);
  }
  return args;
}

// ---------------------------------------------------------------------------- helpers

const log = (line: string): void => void process.stderr.write(`${line}\n`);

const failures: string[] = [];
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

interface Machine {
  date: string;
  load: string;
  cpu: string;
  cores: number;
  logicalCpus: number;
  memoryGb: string;
  os: string;
  node: string;
  exceljs: string;
  sqlite: string;
  python: string;
  openpyxl: string;
}

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
    bytes += filled.bytes.byteLength;
    digests.add(createHash('sha256').update(filled.bytes).digest('hex'));
    if ((index + 1) % 50 === 0) log(`  filled ${index + 1}/${plan.length}`);
  }
  check(digests.size === plan.length, `${plan.length} files on disk, ${digests.size} distinct SHA-256`);
  return {
    dir,
    paths,
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
      check(notImported.length === 0 && outcomes.length === corpus.paths.length, `import: all ${corpus.paths.length} files imported, each in its own commit`);
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
async function apiImport(root: string, seededDb: string, corpus: Corpus, rep: number, workersUp: boolean): Promise<{ ms: number; cpuMs: number }> {
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
    const t = await timed(async () => dispatch(h, 'intake.import', { files: await readAll(corpus.paths) }));
    const stored = t.value.ok ? t.value.value.filter((o) => o.status === 'imported').length : 0;
    if (stored !== corpus.paths.length) check(false, `Api import: ${stored} of ${corpus.paths.length} files imported (${t.value.ok ? '' : t.value.error.message})`);
    return { ms: t.ms, cpuMs: t.cpuMs };
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

// ---------------------------------------------------------------------------- main

/** Wall-clock and CPU samples of one measurement. */
interface Series {
  wall: number[];
  cpu: number[];
}

const series = (): Series => ({ wall: [], cpu: [] });

function loadAverage(): string {
  return os.loadavg().map((n) => n.toFixed(2)).join(' ');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const probe = await runProcess(PYTHON, ['-c', 'import openpyxl, platform; print(platform.python_version(), openpyxl.__version__)']).catch(() => null);
  if (!probe || probe.code !== 0) {
    process.stderr.write(`${PYTHON} cannot import openpyxl. On Debian: apt-get update && apt-get install -y python3-openpyxl\n`);
    process.exit(1);
  }
  const [pythonVersion = '?', openpyxlVersion = '?'] = probe.stdout.trim().split(/\s+/u);
  const workers = os.availableParallelism();
  const loadBefore = loadAverage();

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-bench-'));
  const seededDb = path.join(root, 'seeded.sqlite');
  let pool: ParsePool | null = null;
  let loaders: Worker[] = [];
  try {
    log(`setup in ${root}`);
    const setup = await timed(() => buildCorpus(root, seededDb, args.files));
    const corpus = setup.value;
    log(`  ${corpus.paths.length} files, ${(corpus.bytes / 1024 / 1024).toFixed(1)} MiB, periods ${corpus.periods.join(' ')}; setup ${seconds(setup.ms)}`);

    // Everything that loads exceljs is warmed up first (the main thread already is, by the
    // filling): workers started, modules loaded, the parser's code compiled and optimised.
    const warmPaths = corpus.paths.slice(0, Math.min(corpus.paths.length, 20));
    pool = createParsePool(workers);
    const warmPool = pool;
    await Promise.all((await readAll(warmPaths)).map((f) => warmPool.parse(f.bytes)));
    loaders = await startLoaders(workers);
    await bareExceljsThreads(loaders, warmPaths);

    const samples = { a: series(), aApiCold: series(), aApiWarm: series(), b: series(), bThreads: series(), c: series(), d: series() };
    const add = (s: Series, wall: number, cpu: number): void => {
      s.wall.push(wall);
      s.cpu.push(cpu);
    };
    let openpyxl: OpenpyxlResult | null = null;
    for (let rep = 0; rep < args.runs; rep++) {
      log(`run ${rep + 1}/${args.runs} (load average ${loadAverage()})`);
      const b = await timed(() => bareExceljs(corpus.paths));
      add(samples.b, b.ms, b.cpuMs);
      const bThreads = await timed(() => bareExceljsThreads(loaders, corpus.paths));
      add(samples.bThreads, bThreads.ms, bThreads.cpuMs);
      if (rep === 0) check(b.value === bThreads.value && b.value >= corpus.paths.length * 2, `exceljs: ${b.value} worksheets loaded in the main thread, ${bThreads.value} in the threads`);
      const c = await timed(() => openpyxlSum(corpus.dir));
      add(samples.c, c.ms, c.value.cpu * 1000);
      if (rep === 0) {
        openpyxl = c.value;
        check(
          c.value.files === corpus.paths.length && c.value.cells === corpus.numericCells && close(c.value.total, corpus.numericTotal),
          `openpyxl: ${c.value.files} files, sum ${c.value.total.toFixed(1)} over ${c.value.cells} cells; filled: ${corpus.numericTotal.toFixed(1)} over ${corpus.numericCells}`,
        );
      }
      const warm = await importAndExport(root, seededDb, corpus, pool, rep, rep === 0);
      add(samples.a, warm.importMs, warm.importCpuMs);
      add(samples.d, warm.exportMs, warm.exportCpuMs);
      if (rep === 0 && openpyxl && numbersStored) {
        check(close(openpyxl.total, numbersStored.total), `cross-check: openpyxl sum ${openpyxl.total.toFixed(1)} = stored SUM(value.number) ${numbersStored.total.toFixed(1)}`);
      }
      let cold = '';
      if (args.cold) {
        const first = await apiImport(root, seededDb, corpus, rep, false);
        add(samples.aApiCold, first.ms, first.cpuMs);
        const later = await apiImport(root, seededDb, corpus, rep, true);
        add(samples.aApiWarm, later.ms, later.cpuMs);
        cold = `  a′ ${seconds(first.ms)}  a″ ${seconds(later.ms)}`;
      }
      log(`  a ${seconds(warm.importMs)}${cold}  b ${seconds(b.ms)}  b′ ${seconds(bThreads.ms)}  c ${seconds(c.ms)}  d ${seconds(warm.exportMs)}`);
    }

    const machine: Machine = {
      date: new Date().toISOString().slice(0, 16).replace('T', ' '),
      load: `${loadBefore} before, ${loadAverage()} after`,
      cpu: cpuModel(),
      cores: workers,
      logicalCpus: os.cpus().length,
      memoryGb: (os.totalmem() / 1024 ** 3).toFixed(1),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      exceljs: packageVersion('exceljs'),
      sqlite: packageVersion('better-sqlite3'),
      python: openpyxl?.python ?? pythonVersion,
      openpyxl: openpyxl?.openpyxl ?? openpyxlVersion,
    };
    report(args, corpus, machine, samples, workers);
  } finally {
    await pool?.close();
    await Promise.all(loaders.map((w) => w.terminate()));
    if (args.keep) log(`kept ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    process.stderr.write(`\n${failures.length} cross-check(s) failed:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}

function report(
  args: Args,
  corpus: Corpus,
  machine: Machine,
  samples: { a: Series; aApiCold: Series; aApiWarm: Series; b: Series; bThreads: Series; c: Series; d: Series },
  workers: number,
): void {
  const n = corpus.paths.length;
  const rows: { key: string; label: string; wall: Stats; cpu: Stats; perFile: boolean }[] = [];
  const row = (key: string, label: string, s: Series, perFile = true): void => {
    if (s.wall.length > 0) rows.push({ key, label, wall: stats(s.wall), cpu: stats(s.cpu), perFile });
  };
  row('a', `app import: importFiles, ${workers} warm parse workers; scan, parse, check, store`, samples.a);
  row('a′', 'the Api call the UI makes, with backup; workers start for it (first batch)', samples.aApiCold);
  row('a″', 'the same Api call, the app\u2019s workers already up (a later batch)', samples.aApiWarm);
  row('b', 'bare exceljs load, main thread, one file after another: BASELINE', samples.b);
  row('b′', `bare exceljs load, ${workers} warm worker threads (context)`, samples.bThreads);
  row('c', 'openpyxl load_workbook + sum, one /usr/bin/python3 process', samples.c);
  row('d', `consolidated export ${EXPORT_PERIOD}, 21 agencies × 35 indicators`, samples.d, false);
  const get = (key: string): { wall: Stats; cpu: Stats } => {
    const r = rows.find((x) => x.key === key);
    if (!r) throw new Error(`no row ${key}`);
    return r;
  };
  const a = get('a');
  const b = get('b');
  const c = get('c');
  const d = get('d');
  const ratioAB = a.wall.median / b.wall.median;
  const ratioAC = a.wall.median / c.wall.median;
  const cpuAB = a.cpu.median / b.cpu.median;
  const cpuAC = a.cpu.median / c.cpu.median;
  const pass = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
  const sec = (ms: number): string => (ms / 1000).toFixed(3);
  const out: string[] = [];
  out.push('');
  out.push(`Import/export benchmark: ${n} filled report forms, ${(corpus.bytes / 1024 / 1024).toFixed(1)} MiB (${corpus.pairs} agency × period forms over ${corpus.periods.length} periods of 2022, then ${corpus.revisions} later revisions), ${args.runs} runs of each, interleaved`);
  out.push('Times in seconds for the whole batch: wall-clock median (min–max); CPU = median CPU time of the process, all threads.');
  out.push('');
  out.push(`${''.padEnd(4)}${'measurement'.padEnd(76)}${'median'.padStart(8)}${'min'.padStart(8)}${'max'.padStart(8)}${'CPU'.padStart(8)}${'ms/file'.padStart(9)}`);
  for (const r of rows) {
    out.push(
      `${r.key.padEnd(4)}${r.label.padEnd(76)}${sec(r.wall.median).padStart(8)}${sec(r.wall.min).padStart(8)}${sec(r.wall.max).padStart(8)}${sec(r.cpu.median).padStart(8)}${(r.perFile ? (r.wall.median / n).toFixed(1) : '').padStart(9)}`,
    );
  }
  out.push('');
  out.push(`a/b = ${ratioAB.toFixed(2)}  (CPU ${cpuAB.toFixed(2)})  target ≤ 1.00: the import no slower than a bare exceljs load   ${pass(ratioAB <= 1)}`);
  out.push(`a/c = ${ratioAC.toFixed(2)}  (CPU ${cpuAC.toFixed(2)})  target < 1.00: the import faster than the openpyxl read       ${pass(ratioAC < 1)}`);
  out.push(`d   = ${sec(d.wall.median)} s           target < 1 s: export of 21 agencies × 35 indicators                  ${pass(d.wall.median < EXPORT_TARGET_MS)}`);
  const api = rows.filter((r) => r.key === 'a′' || r.key === 'a″').map((r) => `${r.key}/b = ${(r.wall.median / b.wall.median).toFixed(2)}`);
  if (api.length > 0) out.push(`${api.join(', ')}  (what the clerk waits for, against the same baseline; context)`);
  out.push('');
  out.push(`machine: ${machine.cpu}, ${machine.cores} cores available (${machine.logicalCpus} logical CPUs), ${machine.memoryGb} GiB RAM, ${machine.os}`);
  out.push(`         Node ${machine.node}, exceljs ${machine.exceljs}, better-sqlite3 ${machine.sqlite}, Python ${machine.python} (${PYTHON}), openpyxl ${machine.openpyxl}`);
  out.push(`         ${machine.date} UTC; load average (1, 5, 15 min) ${machine.load}`);
  out.push(`cross-checks: ${failures.length === 0 ? 'all passed' : `${failures.length} FAILED`}`);
  out.push('');
  out.push('Markdown for the README:');
  out.push('');
  out.push(`| | ${n} forms: median (min–max) | CPU | per file |`);
  out.push('| --- | --- | --- | --- |');
  for (const r of rows) {
    out.push(`| (${r.key}) ${r.label} | ${sec(r.wall.median)} s (${sec(r.wall.min)}–${sec(r.wall.max)}) | ${sec(r.cpu.median)} s | ${r.perFile ? `${(r.wall.median / n).toFixed(1)} ms` : ''} |`);
  }
  out.push('');
  out.push(
    `a/b = **${ratioAB.toFixed(2)}** (target ≤ 1: ${pass(ratioAB <= 1)}; CPU ${cpuAB.toFixed(2)}), a/c = **${ratioAC.toFixed(2)}** (target < 1: ${pass(ratioAC < 1)}; CPU ${cpuAC.toFixed(2)}), export **${sec(d.wall.median)} s** (target < 1 s: ${pass(d.wall.median < EXPORT_TARGET_MS)})${api.length > 0 ? `; the Api path: ${api.join(', ')}` : ''}.`,
  );
  out.push('');
  out.push(
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GiB RAM, ${machine.os}; Node ${machine.node}, exceljs ${machine.exceljs}, better-sqlite3 ${machine.sqlite}; Python ${machine.python}, openpyxl ${machine.openpyxl}; ${machine.date} UTC, load average ${machine.load}.`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
