// Sample agency reports for a newcomer (`init --demo`): every agency's report for
// 2022-Q1 and 2022-H1, deterministic, with the things a clerk meets in real life:
// a few late, a few missing, one returned for correction, one sent twice. The reports
// go through real forms and the real import, as an agency's would.
import { AppError } from '../../shared/errors';
import { TASK_STATUS_LABELS, type PlanDetail, type TaskReportInput, type TaskStatus, type ValueInput } from '../../shared/domain';
import { addDays } from '../../shared/periods';
import { findAgencyByCode } from '../../db/queries/agencies';
import { currentRevisionOf } from '../../db/queries/intake';
import { hasAnySubmission } from '../../db/queries/submissions';
import type { AppContext } from './context';
import { loadPlanDetail, requirePlan } from './plans';
import { requirePeriod } from './periods';
import { returnSubmission } from './submissions';
import type { SubmissionDraft } from './revisions';
import { generateForms } from './forms';
import { importFiles } from './intake';
import { createParsePool } from '../excel/parse';
import { fillReportForm } from '../excel/form-filler';

interface DemoPeriod {
  code: string;
  missing: string[];
  late: string[];
  returned: { agency: string; reason: string }[];
  /** Agencies that send a corrected second revision. */
  resent: string[];
}

const DEMO_PERIODS: DemoPeriod[] = [
  {
    code: '2022-Q1',
    missing: ['HU-DL', 'HU-BS'],
    late: ['TA', 'HU-VQ', 'MTTQ'],
    returned: [{ agency: 'HU-CL', reason: 'Thiếu số liệu chỉ tiêu NV8.03 và phần kết quả thực hiện nhiệm vụ thứ nhất.' }],
    resent: ['CA'],
  },
  {
    code: '2022-H1',
    missing: ['HU-DL', 'DLS'],
    late: ['CA', 'HU-LB'],
    returned: [{ agency: 'HU-BG', reason: 'Số liệu lũy kế 6 tháng nhỏ hơn số liệu quý I; đề nghị rà soát lại.' }],
    resent: [],
  },
];

/** A small deterministic generator (mulberry32), so every demo database is the same. */
function random(seedText: string): () => number {
  let seed = 0;
  for (const ch of seedText) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A quarter's typical size of each figure for one agency, so totals look like a province's. */
const SCALE: Record<string, number> = {
  'NV1.01': 6, 'NV1.02': 450, 'NV1.03': 4, 'NV1.04': 900,
  'NV2.01': 160, 'NV2.04': 420, 'NV2.06': 5, 'NV2.07': 0, 'NV2.08': 1, 'NV2.09': 600,
  'NV3.01': 140, 'NV3.02': 45, 'NV3.03': 60, 'NV3.04': 12,
  'NV4.01': 3, 'NV4.02': 0, 'NV4.03': 40,
  'NV5.01': 2, 'NV5.02': 6,
  'NV6.01': 2, 'NV6.02': 1, 'NV6.03': 5,
  'NV7.01': 2, 'NV7.02': 30, 'NV7.03': 120, 'NV7.04': 8, 'NV7.05': 850,
  'NV8.01': 3, 'NV8.02': 2, 'NV8.03': 5,
};

/** "Part" indicators that are at most a share of another (solved ≤ received). */
const SHARE_OF: Record<string, [string, number]> = {
  'NV2.02': ['NV2.01', 0.85],
  'NV2.05': ['NV2.04', 0.7],
  'NV5.03': ['NV5.02', 0.75],
};

const RESULTS: Record<string, string> = {
  NV1: 'Đã tổ chức quán triệt các văn bản mới của Trung ương và của tỉnh; tuyên truyền pháp luật lồng ghép trong sinh hoạt chi bộ và tại cơ sở.',
  NV2: 'Thụ lý, giải quyết các vụ án đúng thời hạn luật định; tổ chức phiên tòa rút kinh nghiệm và phiên tòa trực tuyến theo kế hoạch.',
  NV3: 'Tạo điều kiện cho luật sư, trợ giúp viên pháp lý tham gia tố tụng; thực hiện giám định, định giá tài sản kịp thời.',
  NV4: 'Kiểm tra, giám sát nội bộ theo kế hoạch; cử cán bộ tham gia các lớp đào tạo, bồi dưỡng nghiệp vụ.',
  NV5: 'Tổ chức giám sát chuyên đề đối với hoạt động của các cơ quan tư pháp; theo dõi việc thực hiện kiến nghị sau giám sát.',
  NV6: 'Duy trì hội đàm, trao đổi thông tin với cơ quan chức năng phía Trung Quốc; giải quyết yêu cầu tương trợ tư pháp.',
  NV7: 'Bố trí mặt bằng, xây dựng trụ sở Công an xã; triển khai ghi âm, ghi hình có âm thanh khi hỏi cung.',
  NV8: 'Ban hành văn bản lãnh đạo, chỉ đạo; kiểm tra, giám sát của cấp ủy đối với tổ chức đảng trong các cơ quan tư pháp.',
};

const DIFFICULTIES = [
  'Biên chế còn thiếu so với khối lượng công việc.',
  'Cơ sở vật chất, trang thiết bị phục vụ chuyển đổi số còn hạn chế.',
  'Một số vụ việc phức tạp, kéo dài, phải xin ý kiến cấp trên.',
  '',
];

const PROPOSALS = [
  'Đề nghị Ban Chỉ đạo quan tâm bố trí kinh phí cho hoạt động tư pháp.',
  'Đề nghị tăng cường phối hợp giữa các cơ quan tiến hành tố tụng.',
  '',
];

function figure(code: string, rnd: () => number, cumulativeFactor: number): number {
  const scale = SCALE[code] ?? 3;
  if (scale === 0) return rnd() < 0.08 ? 1 : 0; // the "should be zero" figures are now and then not
  return Math.round(scale * (0.5 + rnd()) * cumulativeFactor);
}

function statusFor(periodIndex: number, rnd: () => number): TaskStatus {
  const r = rnd();
  if (periodIndex === 0) return r < 0.15 ? 'completed' : r < 0.85 ? 'in_progress' : 'not_started';
  return r < 0.4 ? 'completed' : r < 0.95 ? 'in_progress' : 'not_started';
}

function draftFor(plan: PlanDetail, agency: string, period: DemoPeriod, periodIndex: number, revision: number): Pick<SubmissionDraft, 'taskReports' | 'values'> {
  // Cumulative reports grow from the same base as the quarter, so derived quarters stay positive.
  const base = random(`${agency}`);
  const extra = random(`${agency}/${period.code}/${revision}`);
  const values: ValueInput[] = [];
  const given = new Map<string, number>();
  const indicators = plan.tasks.flatMap((t) => t.indicators).filter((i) => !i.retired && i.reporters.includes(agency) && i.aggregation !== 'ratio');
  for (const i of indicators.filter((x) => !SHARE_OF[x.code])) {
    const q1 = figure(i.code, base, 1);
    const value = periodIndex === 0 ? q1 : q1 + figure(i.code, extra, 1);
    const number = i.kind === 'decimal' ? Math.round(value * 10.5) / 10 : value;
    given.set(i.code, number);
    values.push({ indicatorCode: i.code, number });
  }
  for (const i of indicators.filter((x) => SHARE_OF[x.code])) {
    const [whole, share] = SHARE_OF[i.code] ?? ['', 1];
    const number = Math.floor((given.get(whole) ?? 0) * share * (0.85 + 0.15 * extra()));
    values.push({ indicatorCode: i.code, number });
  }
  const taskReports: TaskReportInput[] = plan.tasks
    .filter((t) => !t.retired && (t.lead.includes(agency) || t.coordinate.includes(agency)))
    .map((t) => ({
      taskCode: t.code,
      status: statusFor(periodIndex, extra),
      results: RESULTS[t.code] ?? 'Đã triển khai thực hiện theo kế hoạch.',
      difficulties: DIFFICULTIES[Math.floor(extra() * DIFFICULTIES.length)] ?? '',
      proposals: PROPOSALS[Math.floor(extra() * PROPOSALS.length)] ?? '',
    }));
  return { taskReports, values };
}

/** Received a day or more before the due date, or a few days after it when late. */
function receivedOn(due: string, agency: string, late: boolean, revision: number): string {
  const offset = Math.floor(random(`${agency}/${due}`)() * 4);
  return late ? addDays(due, 1 + offset) : addDays(due, -offset - 1 + (revision - 1));
}

export interface DemoResult {
  submissions: number;
  skipped: boolean;
}

/** The form's fields for a report: `indicator:NV2.01` → 12, `task:NV1:status` → "Đang thực hiện", … */
function fieldValues(report: Pick<SubmissionDraft, 'taskReports' | 'values'>): Map<string, number | string> {
  const fields = new Map<string, number | string>();
  for (const v of report.values) if (v.number !== null) fields.set(`indicator:${v.indicatorCode}`, v.number);
  for (const r of report.taskReports) {
    if (r.status) fields.set(`task:${r.taskCode}:status`, TASK_STATUS_LABELS[r.status]);
    fields.set(`task:${r.taskCode}:results`, r.results);
    fields.set(`task:${r.taskCode}:difficulties`, r.difficulties);
    fields.set(`task:${r.taskCode}:proposals`, r.proposals);
  }
  return fields;
}

/**
 * Adds the demo reports unless there are reports already (so running it twice changes
 * nothing). Each report is a real form, generated, filled through its `_meta` and
 * imported through the same path as an agency's file.
 */
export async function addDemoReports(ctx: AppContext): Promise<DemoResult> {
  const planRow = await requirePlan(ctx.db, 2022);
  const plan = await loadPlanDetail(ctx.db, planRow);
  if (await hasAnySubmission(ctx.db)) return { submissions: 0, skipped: true };
  const pool = createParsePool();
  let count = 0;
  try {
    for (const [periodIndex, demo] of DEMO_PERIODS.entries()) {
      const period = await requirePeriod(ctx.db, demo.code);
      const forms = await generateForms(ctx, { period: demo.code });
      for (const form of forms) {
        const agency = /_([A-Z0-9-]+)\.xlsx$/u.exec(form.name)?.[1] ?? '';
        if (demo.missing.includes(agency)) continue;
        const revisions = demo.resent.includes(agency) ? 2 : 1;
        for (let revision = 1; revision <= revisions; revision++) {
          const report = draftFor(plan, agency, demo, periodIndex, revision);
          const bytes = await fillReportForm(form.bytes, fieldValues(report));
          const name = revision === 1 ? form.name : form.name.replace('.xlsx', `_lan${revision}.xlsx`);
          const [outcome] = await importFiles(ctx, [{ name, bytes }], { period: demo.code, receivedOn: receivedOn(period.due_on, agency, demo.late.includes(agency), revision) }, pool);
          if (!outcome || outcome.status !== 'imported') {
            throw new AppError('DEMO_INVALID', `Demo report ${name} was not imported: ${outcome?.message ?? 'no outcome'}`);
          }
          count++;
          const returned = demo.returned.find((r) => r.agency === agency);
          const agencyRow = await findAgencyByCode(ctx.db, agency);
          const current = agencyRow ? await currentRevisionOf(ctx.db, agencyRow.id, period.id) : undefined;
          if (!current) throw new AppError('DEMO_INVALID', `Báo cáo mẫu ${name} đã nhập nhưng không thành báo cáo hiện hành của đơn vị ${agency}; hãy tạo lại dữ liệu mẫu trên một cơ sở dữ liệu trống.`);
          if (returned) await returnSubmission(ctx, { id: current.id, reason: returned.reason });
        }
      }
    }
  } finally {
    await pool.close();
  }
  return { submissions: count, skipped: false };
}
