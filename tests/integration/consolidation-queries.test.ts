// The queries a consolidation reads a period through (db/queries/consolidation.ts), on
// a real file of several years built like the scale benchmark's: each reaches the
// period's rows through an index (never a scan of a table that grows with the years),
// and what they return is what a plain SQL query over the current revisions says.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Compilable } from 'kysely';
import { openApp } from '../../electron/app/bootstrap';
import { getConsolidation } from '../../electron/app/consolidation';
import {
  currentAcceptanceQuery,
  currentCorrectionQuery,
  currentReportQuery,
  currentTaskReportQuery,
  currentValueQuery,
  type ReportScope,
} from '../../db/queries/consolidation';
import { buildScaleDb, indicatorCode } from '../bench/scale-db';
import { cleanupTempDirs, tempDir } from '../helpers/app';

afterAll(cleanupTempDirs);

const SHAPE = { years: 3, agencies: 6, tasks: 4, indicatorsPerTask: 5, tasksPerAgency: 2, firstYear: 2022 };

async function scaleApp() {
  const db = await buildScaleDb(path.join(tempDir(), 'scale.sqlite'), SHAPE);
  const ctx = await openApp(db.file, { now: () => new Date(2025, 0, 10) });
  const periodId = (code: string) => (ctx.handle.sqlite.prepare('SELECT id FROM period WHERE code = ?').get(code) as { id: number }).id;
  const agencyId = (code: string) => (ctx.handle.sqlite.prepare('SELECT id FROM agency WHERE code = ?').get(code) as { id: number }).id;
  return { db, ctx, periodId, agencyId };
}

/** The query plan's lines, as EXPLAIN QUERY PLAN gives them. */
function planOf(ctx: Awaited<ReturnType<typeof openApp>>, query: Compilable): string[] {
  const compiled = query.compile();
  const rows = ctx.handle.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as { detail: string }[];
  return rows.map((r) => r.detail);
}

describe('the queries a consolidation reads a period with', () => {
  it('reach the period through indexes: no table is scanned, whatever the scope', async () => {
    const { ctx, periodId, agencyId } = await scaleApp();
    try {
      const scopes: ReportScope[] = [{ periodId: periodId('2024-9M') }, { periodId: periodId('2024-9M'), agencyId: agencyId('DV03') }];
      for (const scope of scopes) {
        const queries = {
          reports: currentReportQuery(ctx.db, scope),
          values: currentValueQuery(ctx.db, scope),
          taskReports: currentTaskReportQuery(ctx.db, scope),
          corrections: currentCorrectionQuery(ctx.db, scope),
          acceptances: currentAcceptanceQuery(ctx.db, scope),
        };
        for (const [name, query] of Object.entries(queries)) {
          const plan = planOf(ctx, query);
          expect(plan.filter((line) => /^SCAN /u.test(line)), `${name} ${JSON.stringify(scope)}: ${plan.join(' | ')}`).toEqual([]);
          // The submissions are found by period (or by agency and period), not by walking all of them.
          expect(plan.some((line) => /SEARCH (s|submission) USING (COVERING )?INDEX (submission_period|submission_current)/u.test(line)), `${name}: ${plan.join(' | ')}`).toBe(true);
        }
      }
    } finally {
      await ctx.handle.close();
    }
  });

  it('return exactly the current revisions of the period: their figures, task reports and report rows', async () => {
    const { ctx, periodId } = await scaleApp();
    try {
      const id = periodId('2023-H1');
      const sqlite = ctx.handle.sqlite;
      const expectedValues = sqlite
        .prepare(
          `SELECT v.submission_id, i.code AS indicator_code, v.number, v.text, v.source_cell FROM value v
             JOIN indicator i ON i.id = v.indicator_id JOIN submission s ON s.id = v.submission_id
            WHERE s.period_id = ? AND s.is_current = 1 ORDER BY v.submission_id, i.code`,
        )
        .all(id);
      const values = await currentValueQuery(ctx.db, { periodId: id }).execute();
      const byKey = (a: { submission_id: number; indicator_code: string }, b: { submission_id: number; indicator_code: string }) =>
        a.submission_id - b.submission_id || a.indicator_code.localeCompare(b.indicator_code);
      expect(values.length).toBeGreaterThan(0);
      expect([...values].sort(byKey)).toEqual(expectedValues);

      const reports = await currentReportQuery(ctx.db, { periodId: id }).execute();
      const revisions = sqlite.prepare('SELECT count(*) AS n FROM submission WHERE period_id = ?').get(id) as { n: number };
      expect(reports).toHaveLength(SHAPE.agencies);
      // The file has earlier revisions of this period too, so "current only" is really tested:
      // more submissions than current reports, the rest of them not current.
      const earlier = sqlite.prepare('SELECT count(*) AS n FROM submission WHERE period_id = ? AND is_current = 0').get(id) as { n: number };
      expect(revisions.n).toBeGreaterThan(reports.length);
      expect(earlier.n).toBe(revisions.n - reports.length);
      const taskReports = await currentTaskReportQuery(ctx.db, { periodId: id }).execute();
      expect(new Set(taskReports.map((r) => r.submission_id))).toEqual(new Set(reports.map((r) => r.id)));
    } finally {
      await ctx.handle.close();
    }
  });

  it('the consolidated total of a period is the plain sum of the counted figures, on a file of several years', async () => {
    const { ctx } = await scaleApp();
    try {
      const consolidation = await getConsolidation(ctx, { period: '2024-9M' });
      expect(consolidation.indicators).toHaveLength(SHAPE.tasks * SHAPE.indicatorsPerTask);
      for (const code of [indicatorCode(0, 0), indicatorCode(3, 1)]) {
        const expected = ctx.handle.sqlite
          .prepare(
            `SELECT sum(v.number) AS sum, count(v.number) AS agencies FROM value v
               JOIN submission s ON s.id = v.submission_id JOIN period p ON p.id = s.period_id
               JOIN indicator i ON i.id = v.indicator_id AND i.plan_id = p.plan_id
               JOIN indicator_reporter r ON r.indicator_id = i.id AND r.agency_id = s.agency_id
              WHERE p.code = '2024-9M' AND i.code = ? AND s.is_current = 1 AND s.status <> 'returned'`,
          )
          .get(code) as { sum: number; agencies: number };
        const figure = consolidation.indicators.find((i) => i.code === code);
        expect(figure?.value, code).toBe(expected.sum);
        expect(figure?.coverage.reported, code).toBe(expected.agencies);
      }
    } finally {
      await ctx.handle.close();
    }
  });
});
