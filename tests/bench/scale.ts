// The ten-year scale part of `npm run bench` (issue 13, item 5): `tsx tests/bench/scale.ts [--runs N]`.
//
// Setup (not timed): four databases built the same way (scale-db.ts), 100 indicators
// each year and four periods a year, every agency reporting every period with revisions:
//   10y×40  ten years, 40 agencies (the one the targets are about)
//   1y×20   one year, 20 agencies (the baseline every growth ratio divides by)
//   10y×20  ten years, 20 agencies (growth with years alone)
//   1y×40   one year, 40 agencies (growth with agencies alone)
//
// Then, on each, for the last year's 9 tháng (the period that reads the most: the
// 6 tháng before it for the in-quarter figure, the same period a year earlier, the
// periods around it for the rule checks):
//   consolidation  consolidation.get  (getConsolidation)
//   status         consolidation.status (getCompleteness)
//   export         exports.consolidated (exportConsolidated: the consolidation, the
//                  workbook, its audit entry)
// each through dispatch with the app's handlers (the path the UI takes, schema check
// included) and directly. Cold: the first call on a freshly opened file (new
// connection, no prepared statement, nothing loaded; the OS has the file cached, and
// the process's JIT was warmed once on the small database first). Warm: the median of
// N further calls. Limits: consolidation under 50 ms, export under 1 s, on 10y×40 through
// dispatch. Ratios: each warm measure on 10y×40, 10y×20 and 1y×40 against the same on
// 1y×20 in this run.
//
// Cross-checks (a failure exits 1): the consolidated total of one indicator equals the
// sum of the current, not returned revisions' figures by a plain SQL query written
// here, not the app's; the coverage counts those agencies; the consolidation has every
// indicator and the status every agency; dispatch and the direct call agree; the
// workbook opens in exceljs with its sheets.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { openApp } from '../../electron/app/bootstrap';
import type { AppContext } from '../../electron/app/context';
import { createHandlers } from '../../electron/app/handlers';
import { dispatch } from '../../electron/app/dispatch';
import { getCompleteness, getConsolidation } from '../../electron/app/consolidation';
import { exportConsolidated } from '../../electron/app/exports';
import type { Handlers, MethodName } from '../../shared/api';
import { buildScaleDb, indicatorCode, type ScaleDb, type ScaleShape } from './scale-db';
import { runAlone, type Limit, type Ratio, type SectionRunner } from './section';

export { buildScaleDb, FULL_SCALE, type ScaleDb, type ScaleShape } from './scale-db';

const CONSOLIDATION_TARGET_MS = 50;
const EXPORT_TARGET_MS = 1000;
/** Consolidating one period must not read the other years: at most this much slower on ten years than on one. */
const YEARS_GROWTH_TARGET = 2;
/** The indicator whose total is checked against plain SQL (a sum the first agencies report). */
const CHECKED = indicatorCode(0, 0);

interface Database {
  key: string;
  shape: Partial<ScaleShape>;
}

const FULL: Database = { key: '10y×40', shape: { years: 10, agencies: 40 } };
const BASE: Database = { key: '1y×20', shape: { years: 1, agencies: 20 } };
const YEARS: Database = { key: '10y×20', shape: { years: 10, agencies: 20 } };
const AGENCIES: Database = { key: '1y×40', shape: { years: 1, agencies: 40 } };
const DATABASES = [BASE, YEARS, AGENCIES, FULL];

type Measure = 'consolidation' | 'status' | 'export';
type Path = 'dispatch' | 'direct';
const MEASURES: Measure[] = ['consolidation', 'status', 'export'];
const PATHS: Path[] = ['dispatch', 'direct'];

const METHOD: Record<Measure, MethodName> = { consolidation: 'consolidation.get', status: 'consolidation.status', export: 'exports.consolidated' };

interface Timings {
  cold: Record<Path, Record<Measure, number>>;
  warm: Record<Path, Record<Measure, number[]>>;
  /** CPU time of the warm calls (the process's, all threads): what a loaded machine moves least. */
  warmCpu: Record<Path, Record<Measure, number[]>>;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

async function callDirect(ctx: AppContext, measure: Measure, period: string): Promise<unknown> {
  if (measure === 'consolidation') return getConsolidation(ctx, { period });
  if (measure === 'status') return getCompleteness(ctx, { period });
  return exportConsolidated(ctx, { period, number: '45-BC/BCĐ' });
}

async function callDispatch(h: Handlers, measure: Measure, period: string): Promise<unknown> {
  const args = measure === 'export' ? { period, number: '45-BC/BCĐ' } : { period };
  const result = await dispatch(h, METHOD[measure], args);
  if (!result.ok) throw new Error(`${METHOD[measure]} was refused: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function timed(work: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number; value: unknown }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, value };
}

/** The office's clock: early the year after the last, so every period is closed. */
const clockFor = (db: ScaleDb) => (): Date => new Date(db.lastYear + 1, 0, 10, 9, 0, 0);

async function openOn(db: ScaleDb): Promise<{ ctx: AppContext; h: Handlers }> {
  const ctx = await openApp(db.file, { now: clockFor(db), osUser: 'bench', backupDir: `${db.file}.backups` });
  return { ctx, h: createHandlers(ctx) };
}

async function measureOn(db: ScaleDb, period: string, runs: number): Promise<{ timings: Timings; results: Record<Path, Record<Measure, unknown>> }> {
  const cold = { dispatch: {}, direct: {} } as Timings['cold'];
  const warm: Timings['warm'] = {
    dispatch: { consolidation: [], status: [], export: [] },
    direct: { consolidation: [], status: [], export: [] },
  };
  const warmCpu: Timings['warmCpu'] = {
    dispatch: { consolidation: [], status: [], export: [] },
    direct: { consolidation: [], status: [], export: [] },
  };
  const results = { dispatch: {}, direct: {} } as Record<Path, Record<Measure, unknown>>;
  // Cold: each measure first on its own freshly opened file, so none warms another's statements.
  for (const p of PATHS) {
    for (const m of MEASURES) {
      const { ctx, h } = await openOn(db);
      try {
        const r = await timed(() => (p === 'dispatch' ? callDispatch(h, m, period) : callDirect(ctx, m, period)));
        cold[p][m] = r.ms;
        results[p][m] = r.value;
      } finally {
        await ctx.handle.close();
      }
    }
  }
  const { ctx, h } = await openOn(db);
  try {
    for (let i = 0; i < runs; i++) {
      for (const m of MEASURES) {
        for (const p of PATHS) {
          const r = await timed(() => (p === 'dispatch' ? callDispatch(h, m, period) : callDirect(ctx, m, period)));
          warm[p][m].push(r.ms);
          warmCpu[p][m].push(r.cpuMs);
        }
      }
    }
  } finally {
    await ctx.handle.close();
  }
  return { timings: { cold, warm, warmCpu }, results };
}

interface ConsolidationLike {
  indicators: { code: string; value: number | null; coverage: { reported: number; expected: number } }[];
  completeness: { counts: { expected: number } };
}

/** The figure recomputed by hand, not through the app: current, not returned, from the indicator's reporters. */
function plainSum(file: string, period: string, indicator: string): { sum: number | null; agencies: number } {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  try {
    return sqlite
      .prepare(
        `SELECT sum(v.number) AS sum, count(v.number) AS agencies
           FROM value v
           JOIN submission s ON s.id = v.submission_id
           JOIN period p ON p.id = s.period_id
           JOIN indicator i ON i.id = v.indicator_id AND i.plan_id = p.plan_id
           JOIN indicator_reporter r ON r.indicator_id = i.id AND r.agency_id = s.agency_id
          WHERE p.code = ? AND i.code = ? AND s.is_current = 1 AND s.status <> 'returned'`,
      )
      .get(period, indicator) as { sum: number | null; agencies: number };
  } finally {
    sqlite.close();
  }
}

async function crossCheck(db: ScaleDb, key: string, period: string, results: Record<Path, Record<Measure, unknown>>): Promise<string[]> {
  const failures: string[] = [];
  const shape = db.shape;
  const consolidation = results.direct.consolidation as ConsolidationLike;
  const figure = consolidation.indicators.find((i) => i.code === CHECKED);
  const expected = plainSum(db.file, period, CHECKED);
  if (!figure || figure.value !== expected.sum || figure.coverage.reported !== expected.agencies) {
    failures.push(`${key}: ${CHECKED} ${period} consolidated ${figure?.value} over ${figure?.coverage.reported} agencies, plain SQL says ${expected.sum} over ${expected.agencies}`);
  }
  if (consolidation.indicators.length !== shape.tasks * shape.indicatorsPerTask) {
    failures.push(`${key}: the consolidation has ${consolidation.indicators.length} indicators, the plan ${shape.tasks * shape.indicatorsPerTask}`);
  }
  const status = results.direct.status as { counts: { expected: number } };
  if (status.counts.expected !== shape.agencies || consolidation.completeness.counts.expected !== shape.agencies) {
    failures.push(`${key}: the status expects ${status.counts.expected} agencies, the database has ${shape.agencies}`);
  }
  for (const m of ['consolidation', 'status'] as const) {
    if (JSON.stringify(results.dispatch[m]) !== JSON.stringify(results.direct[m])) failures.push(`${key}: ${m} through dispatch differs from the direct call`);
  }
  const file = results.dispatch.export as { name: string; bytes: Uint8Array };
  try {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
    if (workbook.worksheets.length < 5) failures.push(`${key}: the consolidated workbook has ${workbook.worksheets.length} sheets`);
  } catch (err) {
    failures.push(`${key}: the consolidated workbook does not open: ${(err as Error).message}`);
  }
  return failures;
}

const ms = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

export const run: SectionRunner = async ({ runs, log }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-scale-'));
  const failures: string[] = [];
  const measured = new Map<string, { db: ScaleDb; timings: Timings; buildMs: number }>();
  try {
    const built = new Map<string, { db: ScaleDb; buildMs: number }>();
    for (const d of DATABASES) {
      const started = performance.now();
      const db = await buildScaleDb(path.join(dir, `${d.key.replace('×', 'x')}.sqlite`), d.shape);
      built.set(d.key, { db, buildMs: performance.now() - started });
      log(`built ${d.key}: ${db.rows.submissions} reports, ${db.rows.values} figures, ${db.rows.taskReports} task reports, ${(fs.statSync(db.file).size / 1024 / 1024).toFixed(1)} MiB in ${ms(performance.now() - started)} ms`);
    }
    // One untimed pass on the small database, so the first database measured does not pay for the JIT alone.
    const base = built.get(BASE.key);
    if (base) await measureOn(base.db, `${base.db.lastYear}-9M`, 1);
    for (const d of DATABASES) {
      const entry = built.get(d.key);
      if (!entry) continue;
      const period = `${entry.db.lastYear}-9M`;
      const { timings, results } = await measureOn(entry.db, period, runs);
      measured.set(d.key, { ...entry, timings });
      failures.push(...(await crossCheck(entry.db, d.key, period, results)));
      log(`${d.key} ${period}: ${MEASURES.map((m) => `${m} cold ${ms(timings.cold.dispatch[m])} warm ${ms(median(timings.warm.dispatch[m]))} ms`).join(', ')}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const warmOf = (key: string, m: Measure, p: Path = 'dispatch'): number => median(measured.get(key)?.timings.warm[p][m] ?? []);
  const coldOf = (key: string, m: Measure, p: Path = 'dispatch'): number => measured.get(key)?.timings.cold[p][m] ?? NaN;
  const cpuOf = (key: string, m: Measure, p: Path = 'dispatch'): number => median(measured.get(key)?.timings.warmCpu[p][m] ?? []);
  const ratios: Ratio[] = MEASURES.flatMap((m) => [
    { name: `${m} warm, 10y×40 / 1y×20`, value: warmOf(FULL.key, m) / warmOf(BASE.key, m), target: null },
    { name: `${m} warm, 10y×20 / 1y×20 (years)`, value: warmOf(YEARS.key, m) / warmOf(BASE.key, m), target: YEARS_GROWTH_TARGET },
    { name: `${m} warm, 1y×40 / 1y×20 (agencies)`, value: warmOf(AGENCIES.key, m) / warmOf(BASE.key, m), target: null },
  ]);
  const limits: Limit[] = [
    { name: `consolidation warm, 10y×40, dispatch`, ms: warmOf(FULL.key, 'consolidation'), targetMs: CONSOLIDATION_TARGET_MS },
    { name: `consolidation cold, 10y×40, dispatch`, ms: coldOf(FULL.key, 'consolidation'), targetMs: CONSOLIDATION_TARGET_MS },
    { name: `export warm, 10y×40, dispatch`, ms: warmOf(FULL.key, 'export'), targetMs: EXPORT_TARGET_MS },
    { name: `export cold, 10y×40, dispatch`, ms: coldOf(FULL.key, 'export'), targetMs: EXPORT_TARGET_MS },
  ];

  const md: string[] = [];
  const full = measured.get(FULL.key)?.db;
  md.push(
    `Ten years: ${full ? `${full.rows.submissions} reports (${full.rows.values} figures, ${full.rows.taskReports} task reports)` : ''} from 40 agencies, 100 indicators a year, four periods a year, ` +
      `about a fifth of the reports revised; the last year's 9 tháng, median of ${runs} warm calls (wall clock, and the process's CPU time), cold = first call on a freshly opened file. ` +
      `Load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} on ${os.cpus().length}× ${os.cpus()[0]?.model ?? 'unknown'}.`,
  );
  md.push('');
  md.push(`| ms, dispatch (direct) | ${DATABASES.map((d) => d.key).join(' | ')} | 10y×40 / 1y×20 | years ×10 | agencies ×2 | target |`);
  md.push(`| --- | ${DATABASES.map(() => '---').join(' | ')} | --- | --- | --- | --- |`);
  for (const m of MEASURES) {
    for (const kind of ['warm', 'warm CPU', 'cold'] as const) {
      const of = kind === 'warm' ? warmOf : kind === 'cold' ? coldOf : cpuOf;
      const cells = DATABASES.map((d) => `${ms(of(d.key, m))} (${ms(of(d.key, m, 'direct'))})`);
      const target = kind === 'warm CPU' ? '' : m === 'consolidation' ? `< ${CONSOLIDATION_TARGET_MS} ms` : m === 'export' ? `< ${EXPORT_TARGET_MS} ms` : '';
      const growth = (key: string) => (of(key, m) / of(BASE.key, m)).toFixed(2);
      md.push(`| ${m} ${kind} | ${cells.join(' | ')} | ${growth(FULL.key)} | ${growth(YEARS.key)} | ${growth(AGENCIES.key)} | ${target} |`);
    }
  }
  md.push('');
  md.push(
    'Each figure reads one period and the few around it (the 6 tháng before, the same period a year earlier, Q1 and năm for the rule checks): ' +
      'the current revisions by the index submission_period (period_id), their figures and task reports by the primary keys of value and task_report ' +
      '(submission_id first), corrections and accepted checks by correction_submission and check_acceptance_submission, the plan by indicator and task ' +
      '(plan_id, code) and indicator_reporter\'s key. So each grows with the agencies (the reports and figures of a period) and hardly with the years on record; ' +
      'the export adds the workbook, which grows with agencies × indicators. ' +
      `Years ×10 is the 10y×20 figure over the 1y×20 one (target ≤ ${YEARS_GROWTH_TARGET}: a one-year file has no earlier year to compare with, so some growth is the comparison itself); ` +
      'agencies ×2 is 1y×40 over 1y×20. The machine was shared while measured; re-measure on a quiet one.',
  );
  return { title: 'Ten years of data: consolidation, status and export at scale', ratios, limits, markdown: md.join('\n'), failures };
};

void runAlone(import.meta.url, run);
