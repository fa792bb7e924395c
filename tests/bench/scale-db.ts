// Years of an office's data, built fast for the scale benchmark (tests/bench/scale.ts)
// and any other part that wants a large database (the first screen on ten years).
//
// Each year has its own plan: `tasks` tasks with `indicatorsPerTask` indicators each
// (sums, one ratio of two of them, one text figure), every agency the lead of one task
// and coordinating others, reporting the indicators of its tasks; four periods a year
// (Q1, 6 tháng, 9 tháng, năm) as Nghị định 09 sets them. Every agency reports every
// period, cumulative figures growing through the year; about a fifth of the reports
// have a second revision and a few a third (only the last is current, its figures
// differ from the earlier ones), a few current ones are returned for correction, a few
// late; each report carries its task statuses and short narratives.
//
// Rows go straight into the app's own tables (the ones commitSubmission writes, less
// the audit entries and the files' bytes, which nothing here reads) in one transaction
// on the app's migrated schema, so a 10-year database takes seconds to build.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { openApp } from '../../electron/app/bootstrap';
import { foldForSearch } from '../../shared/text';
import { seededRandom } from '../helpers/workbooks';

export interface ScaleShape {
  years: number;
  agencies: number;
  /** Tasks in each year's plan. */
  tasks: number;
  /** Indicators per task (two of them are the ratio and the text figure). */
  indicatorsPerTask: number;
  /** Tasks each agency reports on (it leads one, coordinates the others). */
  tasksPerAgency: number;
  firstYear: number;
}

export const FULL_SCALE: ScaleShape = { years: 10, agencies: 40, tasks: 10, indicatorsPerTask: 10, tasksPerAgency: 5, firstYear: 2022 };

export interface ScaleDb {
  file: string;
  shape: ScaleShape;
  lastYear: number;
  /** Rows written, for the report. */
  rows: { submissions: number; values: number; taskReports: number };
}

const PERIODS = [
  { suffix: 'Q1', kind: 'quarter', label: (y: number) => `Quý I năm ${y}`, to: '03-14', due: '03-18', order: 30, share: 0.25 },
  { suffix: 'H1', kind: 'half', label: (y: number) => `6 tháng đầu năm ${y}`, to: '06-14', due: '06-17', order: 65, share: 0.5 },
  { suffix: '9M', kind: 'nine-months', label: (y: number) => `9 tháng năm ${y}`, to: '09-14', due: '09-16', order: 95, share: 0.75 },
  { suffix: 'Y', kind: 'year', label: (y: number) => `Năm ${y}`, to: '12-14', due: '12-16', order: 125, share: 1 },
] as const;

const STATUSES = ['completed', 'in_progress', 'in_progress', 'not_started', 'completed'] as const;

export const agencyCode = (a: number): string => `DV${String(a + 1).padStart(2, '0')}`;
export const taskCode = (t: number): string => `NV${t + 1}`;
export const indicatorCode = (t: number, i: number): string => `NV${t + 1}.${String(i + 1).padStart(2, '0')}`;

/** The tasks an agency reports on: it leads task a mod T and coordinates the next ones. */
function tasksOf(shape: ScaleShape, a: number): { task: number; role: 'lead' | 'coordinate' }[] {
  const out: { task: number; role: 'lead' | 'coordinate' }[] = [];
  const count = Math.min(shape.tasksPerAgency, shape.tasks);
  for (let k = 0; k < count; k++) out.push({ task: (a + k * 3) % shape.tasks, role: k === 0 ? 'lead' : 'coordinate' });
  return out.filter((x, i, all) => all.findIndex((y) => y.task === x.task) === i);
}

/** Builds the database at `file` (replacing one there). */
export async function buildScaleDb(file: string, shape: Partial<ScaleShape> = {}): Promise<ScaleDb> {
  const s: ScaleShape = { ...FULL_SCALE, ...shape };
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const ctx = await openApp(file, { seed: false, backupDir: `${file}.backups` });
  const sqlite = ctx.handle.sqlite;
  const rows = { submissions: 0, values: 0, taskReports: 0 };
  try {
    const insert = {
      organization: sqlite.prepare(
        `INSERT INTO organization (id, name, parent_body, issuing_body, place, heading_style, standing_office_code) VALUES (1, 'Ban Chỉ đạo Cải cách tư pháp tỉnh Lạng Sơn', 'TỈNH ỦY LẠNG SƠN', 'BAN CHỈ ĐẠO CẢI CÁCH TƯ PHÁP', 'Lạng Sơn', 'party', ?)`,
      ),
      agency: sqlite.prepare(`INSERT INTO agency (code, name, group_kind, sort_order, search_key) VALUES (?, ?, ?, ?, ?)`),
      plan: sqlite.prepare(`INSERT INTO plan (year, number, issued_on, title, basis, status) VALUES (?, ?, ?, ?, NULL, ?)`),
      task: sqlite.prepare(`INSERT INTO task (plan_id, parent_id, code, ordinal, ordinal_label, title, content, sort_order) VALUES (?, NULL, ?, ?, NULL, ?, ?, ?)`),
      taskAgency: sqlite.prepare(`INSERT INTO task_agency (task_id, agency_id, role) VALUES (?, ?, ?)`),
      indicator: sqlite.prepare(
        `INSERT INTO indicator (plan_id, task_id, code, name, unit, kind, aggregation, numerator_id, denominator_id, target, target_direction, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      reporter: sqlite.prepare(`INSERT INTO indicator_reporter (indicator_id, agency_id) VALUES (?, ?)`),
      period: sqlite.prepare(`INSERT INTO period (plan_id, code, label, kind, preset, date_from, date_to, due_on, sort_order) VALUES (?, ?, ?, ?, 'nd09', ?, ?, ?, ?)`),
      submission: sqlite.prepare(
        `INSERT INTO submission (agency_id, period_id, revision, is_current, received_at, received_on, is_late, status, return_reason, source_kind, file_name, file_sha256, document_number, document_date, os_user, clerk)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'template', ?, ?, ?, ?, 'bench', 'Chuyên viên')`,
      ),
      value: sqlite.prepare(`INSERT INTO value (submission_id, indicator_id, number, text, source_cell) VALUES (?, ?, ?, ?, ?)`),
      taskReport: sqlite.prepare(
        `INSERT INTO task_report (submission_id, task_id, status, results, difficulties, proposals, source_cell, results_cell, difficulties_cell, proposals_cell) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    const build = sqlite.transaction(() => {
      insert.organization.run(agencyCode(0));
      const agencyIds: number[] = [];
      for (let a = 0; a < s.agencies; a++) {
        const name = `Đơn vị số ${a + 1}`;
        agencyIds.push(Number(insert.agency.run(agencyCode(a), name, a < 4 ? 'judicial' : 'district', a + 1, foldForSearch(name)).lastInsertRowid));
      }
      const next = seededRandom(13);
      for (let y = 0; y < s.years; y++) {
        const year = s.firstYear + y;
        const last = y === s.years - 1;
        const planId = Number(insert.plan.run(year, `${8 + y}-KH/BCĐ`, `${year}-01-10`, `Kế hoạch thực hiện nhiệm vụ trọng tâm công tác cải cách tư pháp năm ${year}`, last ? 'in_force' : 'closed').lastInsertRowid);
        // indicatorIds[t][i]; the ratio (second to last) divides the second sum by the first.
        const taskIds: number[] = [];
        const indicatorIds: number[][] = [];
        const ratioAt = s.indicatorsPerTask - 2;
        const textAt = s.indicatorsPerTask - 1;
        for (let t = 0; t < s.tasks; t++) {
          const taskId = Number(insert.task.run(planId, taskCode(t), t + 1, `Nhiệm vụ ${t + 1} năm ${year}`, `Nội dung nhiệm vụ ${t + 1} của kế hoạch năm ${year}.`, t + 1).lastInsertRowid);
          taskIds.push(taskId);
          const ids: number[] = [];
          for (let i = 0; i < s.indicatorsPerTask; i++) {
            const code = indicatorCode(t, i);
            const isRatio = i === ratioAt;
            const isText = i === textAt;
            const id = insert.indicator.run(
              planId,
              taskId,
              code,
              isRatio ? `Tỷ lệ giải quyết, nhiệm vụ ${t + 1}` : isText ? `Kết quả khác, nhiệm vụ ${t + 1}` : `Chỉ tiêu ${code}`,
              isRatio ? '%' : isText ? '' : 'vụ',
              isRatio ? 'percent' : isText ? 'text' : 'integer',
              isRatio ? 'ratio' : isText ? 'latest' : 'sum',
              isRatio ? ids[1] : null,
              isRatio ? ids[0] : null,
              isRatio ? 90 : null,
              isRatio ? 'min' : null,
              i + 1,
            ).lastInsertRowid;
            ids.push(Number(id));
          }
          indicatorIds.push(ids);
        }
        const reportedTasks = agencyIds.map((_, a) => tasksOf(s, a));
        reportedTasks.forEach((list, a) => {
          for (const { task, role } of list) {
            insert.taskAgency.run(taskIds[task], agencyIds[a], role);
            for (const id of indicatorIds[task] ?? []) insert.reporter.run(id, agencyIds[a]);
          }
        });
        // A yearly figure per agency and indicator; each cumulative period reports its share.
        const base = agencyIds.map(() => Array.from({ length: s.tasks * s.indicatorsPerTask }, () => 20 + Math.floor(next() * 200)));
        for (const p of PERIODS) {
          const periodId = Number(insert.period.run(planId, `${year}-${p.suffix}`, p.label(year), p.kind, `${year - 1}-12-15`, `${year}-${p.to}`, `${year}-${p.due}`, p.order).lastInsertRowid);
          const due = `${year}-${p.due}`;
          agencyIds.forEach((agencyId, a) => {
            const r = next();
            const revisions = r < 0.03 ? 3 : r < 0.2 ? 2 : 1;
            for (let rev = 1; rev <= revisions; rev++) {
              const current = rev === revisions;
              const late = next() < 0.1;
              const day = late ? `${year}-${p.to.slice(0, 2)}-${Math.min(28, Number(p.due.slice(3)) + 2 + rev)}` : `${year}-${p.to}`;
              const returned = current ? next() < 0.02 : rev === 1 && next() < 0.3;
              const key = `${year}-${p.suffix}/${agencyCode(a)}/${rev}`;
              const submissionId = Number(
                insert.submission.run(
                  agencyId,
                  periodId,
                  rev,
                  current ? 1 : 0,
                  `${day}T0${rev + 7}:00:00`,
                  day,
                  day > due ? 1 : 0,
                  returned ? 'returned' : 'received',
                  returned ? 'Số liệu chưa khớp, đề nghị đơn vị rà soát lại.' : null,
                  `BaoCao_${year}-${p.suffix}_${agencyCode(a)}.xlsx`,
                  createHash('sha256').update(key).digest('hex'),
                  `${a + 1}${rev}/BC-${agencyCode(a)}`,
                  day,
                ).lastInsertRowid,
              );
              rows.submissions++;
              for (const [row, { task }] of (reportedTasks[a] ?? []).entries()) {
                const ids = indicatorIds[task] ?? [];
                for (let i = 0; i < s.indicatorsPerTask; i++) {
                  if (i === ratioAt) continue; // a ratio is never stored, only its parts
                  const cell = `Chỉ tiêu!E${row * s.indicatorsPerTask + i + 6}`;
                  if (i === textAt) {
                    insert.value.run(submissionId, ids[i], null, `Đã triển khai ${rev} đợt tuyên truyền`, cell);
                  } else {
                    const yearly = base[a]?.[task * s.indicatorsPerTask + i] ?? 0;
                    // The second figure (solved) stays below the first (received), so the ratio stays in 0–100%.
                    const figure = Math.round((i === 1 ? yearly * 0.85 : yearly) * p.share) + (current ? 0 : 3 * (revisions - rev));
                    insert.value.run(submissionId, ids[i], figure, null, cell);
                  }
                  rows.values++;
                }
                const status = STATUSES[(a + task + y) % STATUSES.length] ?? 'in_progress';
                insert.taskReport.run(
                  submissionId,
                  taskIds[task],
                  status,
                  `Đơn vị đã thực hiện nhiệm vụ ${task + 1} theo kế hoạch ${p.label(year).toLowerCase()}.`,
                  a % 3 === 0 ? 'Thiếu biên chế, cơ sở vật chất còn hạn chế.' : '',
                  a % 4 === 0 ? 'Đề nghị bổ sung kinh phí.' : '',
                  `Nhiệm vụ!C${row + 6}`,
                  `Nhiệm vụ!D${row + 6}`,
                  `Nhiệm vụ!E${row + 6}`,
                  `Nhiệm vụ!F${row + 6}`,
                );
                rows.taskReports++;
              }
            }
          });
        }
      }
    });
    // No ANALYZE: the office's file never gets one, so the planner works as it does there.
    build();
  } finally {
    await ctx.handle.close();
  }
  return { file, shape: s, lastYear: s.firstYear + s.years - 1, rows };
}
