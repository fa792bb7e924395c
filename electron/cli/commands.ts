// The commands of `npm run cli -- <command>`, each on the same services as the UI.
// A command returns its JSON document and its Vietnamese human text; cli.ts picks one.
import type { ParseArgsConfig } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import type { MethodName, ArgsOf, ResultOf } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { formatDateVi, formatNumber } from '../../shared/numbers';
import { AGENCY_GROUP_LABELS, TASK_STATUS_LABELS, type PlanDetail } from '../../shared/domain';
import type { AppContext } from '../app/context';
import { createHandlers } from '../app/handlers';
import { dispatch } from '../app/dispatch';
import { addDemoReports } from '../app/demo';
import { backupTo, restoreFrom } from '../app/backup';
import { generateForms } from '../app/forms';
import { importFiles } from '../app/intake';
import { listProfiles, saveProfile } from '../app/profiles';
import { exportConsolidated, exportMissing } from '../app/exports';
import { paragraph, table } from './format';

export interface CommandInput {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface CommandOutput {
  json: unknown;
  human: string;
  /** Done, but some input was refused (a rejected file of a batch): exit 1. */
  exitCode?: number;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  positionals?: { min: number; max: number };
  /** Options that must be given; missing ones are a usage error (exit 2). */
  required?: string[];
  run(ctx: AppContext & { seeded: boolean }, input: CommandInput): Promise<CommandOutput>;
}

/** Calls one Api method and unwraps it; a refusal becomes an AppError (exit 1). */
async function call<K extends MethodName>(ctx: AppContext, name: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
  const result = await dispatch(createHandlers(ctx), name, args);
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
  return result.value;
}

function yearOption(input: CommandInput): number | undefined {
  const raw = input.values.year;
  if (raw === undefined) return undefined;
  const year = Number(raw);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(`--year phải là một năm, ví dụ 2022 (nhận được "${String(raw)}").`);
  return year;
}

export class UsageError extends Error {}

function planJson(detail: PlanDetail) {
  return {
    plan: detail.plan,
    tasks: detail.tasks.map((t) => ({
      code: t.code,
      title: t.title,
      content: t.content,
      lead: t.lead,
      coordinate: t.coordinate,
      indicators: t.indicators.map((i) => ({ code: i.code, name: i.name, unit: i.unit, kind: i.kind, aggregation: i.aggregation })),
    })),
  };
}

const STATE_LABELS = { on_time: 'Đúng hạn', late: 'Muộn', returned: 'Trả lại', missing: 'Chưa nộp' } as const;

function kindFormat(kind: string): 'integer' | 'decimal' | 'percent' {
  return kind === 'integer' ? 'integer' : kind === 'percent' ? 'percent' : 'decimal';
}

const periodOption = { period: { type: 'string' } } as const;

function readInput(file: string): { name: string; bytes: Uint8Array } {
  try {
    return { name: path.basename(file), bytes: new Uint8Array(fs.readFileSync(file)) };
  } catch {
    throw new AppError('FILE_UNREADABLE', `Không đọc được tệp ${file}. Hãy kiểm tra đường dẫn và quyền đọc tệp.`);
  }
}

function writeOutput(file: string, bytes: Uint8Array): string {
  const target = path.resolve(file);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes);
  } catch {
    throw new AppError('FILE_UNWRITABLE', `Không ghi được tệp ${target}. Hãy kiểm tra thư mục và quyền ghi; tệp có đang mở trong Excel không?`);
  }
  return target;
}

/** A command that writes one of a period's workbooks to --out. */
function exportCommand(
  name: string,
  summary: string,
  make: (ctx: AppContext, args: { period: string }) => Promise<{ bytes: Uint8Array }>,
  done: (period: string, target: string) => string,
): Command {
  return {
    name,
    usage: `${name} --period MÃ_KỲ --out TỆP.xlsx`,
    summary,
    options: { period: { type: 'string' }, out: { type: 'string' } },
    required: ['period', 'out'],
    async run(ctx, input) {
      const period = String(input.values.period);
      const file = await make(ctx, { period });
      const target = writeOutput(String(input.values.out), file.bytes);
      return { json: { file: target, sizeBytes: file.bytes.length }, human: done(period, target) };
    },
  };
}

const IMPORT_STATUS_LABELS = { imported: 'Đã nhận', checked: 'Hợp lệ (chưa lưu)', rejected: 'Từ chối', duplicate: 'Đã nhập trước đây', skipped: 'Bỏ qua' } as const;

export const COMMANDS: Command[] = [
  {
    name: 'init',
    usage: 'init [--demo]',
    summary: 'Tạo và khởi tạo cơ sở dữ liệu với kế hoạch năm 2022 của tỉnh Lạng Sơn; --demo thêm báo cáo mẫu.',
    options: { demo: { type: 'boolean' } },
    async run(ctx, input) {
      const demo = input.values.demo ? await addDemoReports(ctx) : null;
      const detail = await call(ctx, 'plans.get', {});
      const agencies = await call(ctx, 'agencies.list', {});
      const periods = await call(ctx, 'periods.list', {});
      const indicators = detail.tasks.reduce((n, t) => n + t.indicators.length, 0);
      const lines = [
        ctx.seeded ? `Đã tạo cơ sở dữ liệu mới: ${ctx.handle.path}` : `Cơ sở dữ liệu đã có: ${ctx.handle.path}`,
        `Kế hoạch số ${detail.plan.number} năm ${detail.plan.year}: ${detail.tasks.length} nhiệm vụ, ${indicators} chỉ tiêu, ${agencies.length} đơn vị, ${periods.length} kỳ báo cáo.`,
      ];
      if (demo) lines.push(demo.skipped ? 'Đã có báo cáo trong cơ sở dữ liệu nên không thêm báo cáo mẫu.' : `Đã thêm ${demo.submissions} báo cáo mẫu cho kỳ 2022-Q1 và 2022-H1.`);
      return {
        json: { db: ctx.handle.path, created: ctx.seeded, plan: detail.plan, tasks: detail.tasks.length, indicators, agencies: agencies.length, periods: periods.length, demo },
        human: lines.join('\n'),
      };
    },
  },
  {
    name: 'plan',
    usage: 'plan [--year NĂM]',
    summary: 'Xem kế hoạch: các nhiệm vụ với toàn văn, đơn vị chủ trì, phối hợp và chỉ tiêu.',
    options: { year: { type: 'string' } },
    async run(ctx, input) {
      const detail = await call(ctx, 'plans.get', { year: yearOption(input) });
      const names = new Map((await call(ctx, 'agencies.list', { includeInactive: true })).map((a) => [a.code, a.name]));
      const named = (codes: string[]) => codes.map((c) => names.get(c) ?? c).join('; ') || '—';
      const out = [`KẾ HOẠCH SỐ ${detail.plan.number} (năm ${detail.plan.year})`, paragraph(detail.plan.title), ''];
      for (const t of detail.tasks) {
        out.push(`${t.ordinalLabel ?? t.ordinal} (${t.code}${t.retired ? ', đã ngừng' : ''}): ${t.title}`);
        out.push(paragraph(t.content, 4), '');
        out.push(paragraph(`Chủ trì: ${named(t.lead)}`, 4), paragraph(`Phối hợp: ${named(t.coordinate)}`, 4));
        if (t.indicators.length > 0) {
          out.push('');
          out.push(
            table(
              [{ header: '    Mã' }, { header: 'Chỉ tiêu', max: 60 }, { header: 'Đơn vị tính' }, { header: 'Tổng hợp' }],
              t.indicators.map((i) => [`    ${i.code}`, i.name, i.unit, i.aggregation === 'ratio' ? `tỷ lệ ${i.numeratorCode}/${i.denominatorCode}` : i.aggregation === 'sum' ? 'cộng' : i.aggregation === 'max' ? 'lớn nhất' : 'mới nhất']),
            ),
          );
        }
        out.push('');
      }
      return { json: planJson(detail), human: out.join('\n').trimEnd() };
    },
  },
  {
    name: 'agencies',
    usage: 'agencies [--search TỪ_KHÓA] [--all]',
    summary: 'Danh sách đơn vị (tìm không dấu: "toa an" tìm được "Tòa án").',
    options: { search: { type: 'string' }, all: { type: 'boolean' } },
    async run(ctx, input) {
      const agencies = await call(ctx, 'agencies.list', { query: input.values.search as string | undefined, includeInactive: Boolean(input.values.all) });
      return {
        json: agencies,
        human:
          agencies.length === 0
            ? 'Không có đơn vị nào khớp.'
            : table(
                [{ header: 'Mã' }, { header: 'Tên đơn vị' }, { header: 'Nhóm' }, { header: 'Hiệu lực' }],
                agencies.map((a) => [a.code, a.name, AGENCY_GROUP_LABELS[a.group], a.validFrom || a.validTo ? `${formatDateVi(a.validFrom) || '…'} – ${formatDateVi(a.validTo) || '…'}` : '']),
              ),
      };
    },
  },
  {
    name: 'periods',
    usage: 'periods [--year NĂM]',
    summary: 'Các kỳ báo cáo với thời gian chốt số liệu và hạn nộp.',
    options: { year: { type: 'string' } },
    async run(ctx, input) {
      const periods = await call(ctx, 'periods.list', { year: yearOption(input) });
      return {
        json: periods.map((p) => ({ code: p.code, label: p.label, from: p.from, to: p.to, due: p.due })),
        human:
          periods.length === 0
            ? 'Chưa có kỳ báo cáo nào.'
            : table(
                [{ header: 'Mã kỳ' }, { header: 'Kỳ báo cáo' }, { header: 'Từ ngày' }, { header: 'Đến ngày' }, { header: 'Hạn nộp' }],
                periods.map((p) => [p.code, p.label, formatDateVi(p.from), formatDateVi(p.to), formatDateVi(p.due)]),
              ),
      };
    },
  },
  {
    name: 'status',
    usage: 'status --period MÃ_KỲ',
    summary: 'Tình hình nộp báo cáo của một kỳ: đã nộp, nộp muộn, chưa nộp.',
    options: periodOption,
    required: ['period'],
    async run(ctx, input) {
      const c = await call(ctx, 'consolidation.status', { period: String(input.values.period) });
      const codes = (...states: string[]) => c.agencies.filter((a) => states.includes(a.state)).map((a) => a.code);
      const n = c.counts;
      return {
        json: {
          period: c.period.code,
          expected: c.agencies.map((a) => a.code),
          received: codes('on_time', 'late'),
          onTime: codes('on_time'),
          late: codes('late'),
          returned: codes('returned'),
          missing: codes('missing'),
        },
        human: [
          `${c.period.label} (hạn nộp ${formatDateVi(c.period.due)}): đã nhận ${n.received}/${n.expected} báo cáo — đúng hạn ${n.onTime}, muộn ${n.late}, trả lại ${n.returned}, chưa nộp ${n.missing}.`,
          '',
          table(
            [{ header: 'Mã' }, { header: 'Đơn vị' }, { header: 'Tình trạng' }, { header: 'Ngày nhận' }, { header: 'Lần', align: 'right' }],
            c.agencies.map((a) => [a.code, a.name, STATE_LABELS[a.state], formatDateVi(a.receivedAt), a.revision ? String(a.revision) : '']),
          ),
        ].join('\n'),
      };
    },
  },
  {
    name: 'consolidate',
    usage: 'consolidate --period MÃ_KỲ',
    summary: 'Tổng hợp số liệu và tình trạng nhiệm vụ của một kỳ.',
    options: periodOption,
    required: ['period'],
    async run(ctx, input) {
      const c = await call(ctx, 'consolidation.get', { period: String(input.values.period) });
      const n = c.completeness.counts;
      const human = [
        `TỔNG HỢP ${c.period.label.toUpperCase()} (số liệu từ ${formatDateVi(c.period.from)} đến ${formatDateVi(c.period.to)})`,
        `Đã nhận ${n.received}/${n.expected} báo cáo (đúng hạn ${n.onTime}, muộn ${n.late}); trả lại ${n.returned}; chưa nộp ${n.missing}` +
          (n.missing > 0 ? `: ${c.completeness.agencies.filter((a) => a.state === 'missing').map((a) => a.name).join(', ')}.` : '.'),
        '',
        table(
          [
            { header: 'Mã' },
            { header: 'Chỉ tiêu', max: 48 },
            { header: 'Đơn vị tính' },
            { header: 'Kỳ này', align: 'right' },
            { header: 'Đã báo cáo', align: 'right' },
            { header: 'Kỳ trước', align: 'right' },
            { header: 'Chỉ tiêu KH', align: 'right' },
            { header: 'Đạt' },
          ],
          c.indicators.map((i) => [
            i.code,
            i.name,
            i.unit,
            formatNumber(i.value, kindFormat(i.kind)),
            `${i.reported}/${i.expectedReporters}`,
            formatNumber(i.previous?.value, kindFormat(i.kind)),
            formatNumber(i.target, kindFormat(i.kind)),
            i.targetMet === null ? '' : i.targetMet ? 'Đạt' : 'Chưa đạt',
          ]),
        ),
        '',
        table(
          [
            { header: 'Nhiệm vụ' },
            { header: 'Tên nhiệm vụ', max: 48 },
            { header: TASK_STATUS_LABELS.completed, align: 'right' },
            { header: TASK_STATUS_LABELS.in_progress, align: 'right' },
            { header: TASK_STATUS_LABELS.not_started, align: 'right' },
            { header: 'Không thuộc PV', align: 'right' },
            { header: 'Chưa báo cáo', align: 'right' },
          ],
          c.tasks.map((t) => [t.code, t.title, ...[t.statusCounts.completed, t.statusCounts.inProgress, t.statusCounts.notStarted, t.statusCounts.notApplicable, t.statusCounts.noReport].map(String)]),
        ),
      ];
      const derived = c.indicators.filter((i) => i.inQuarter && i.inQuarter.value !== null);
      if (derived.length > 0) {
        human.push('', `Số liệu riêng ${derived[0]?.inQuarter?.label ?? 'trong quý'} (tính từ số lũy kế, trên các đơn vị báo cáo đủ cả hai kỳ):`);
        human.push(table([{ header: 'Mã' }, { header: 'Trong quý', align: 'right' }], derived.map((i) => [i.code, formatNumber(i.inQuarter?.value, kindFormat(i.kind))])));
      }
      return {
        json: {
          period: c.period.code,
          completeness: c.completeness.counts,
          indicators: c.indicators.map((i) => ({
            code: i.code,
            value: i.value,
            byAgency: Object.fromEntries(i.byAgency.map((a) => [a.code, a.value])),
            ...(i.inQuarter ? { inQuarter: { code: i.inQuarter.periodCode, value: i.inQuarter.value, derived: true } } : {}),
          })),
          tasks: c.tasks.map((t) => ({
            code: t.code,
            statusCounts: { completed: t.statusCounts.completed, inProgress: t.statusCounts.inProgress, notStarted: t.statusCounts.notStarted, notApplicable: t.statusCounts.notApplicable },
            noReport: t.statusCounts.noReport,
          })),
        },
        human: human.join('\n'),
      };
    },
  },
  {
    name: 'backup',
    usage: 'backup --out TỆP',
    summary: 'Sao lưu toàn bộ dữ liệu ra một tệp (dùng cơ chế sao lưu trực tuyến của SQLite).',
    options: { out: { type: 'string' } },
    required: ['out'],
    async run(ctx, input) {
      const info = await backupTo(ctx, path.resolve(String(input.values.out)));
      return { json: { file: info.path, sizeBytes: info.sizeBytes }, human: `Đã sao lưu vào ${info.path} (${formatNumber(Math.ceil(info.sizeBytes / 1024), 'integer')} KB).` };
    },
  },
  {
    name: 'restore',
    usage: 'restore TỆP',
    summary: 'Khôi phục dữ liệu từ một bản sao lưu (kiểm tra trước; dữ liệu hiện tại được sao lưu lại).',
    options: {},
    positionals: { min: 1, max: 1 },
    async run(ctx, input) {
      const result = await restoreFrom(ctx, path.resolve(input.positionals[0] ?? ''));
      return { json: result, human: `Đã khôi phục từ ${result.restoredFrom}.\nDữ liệu trước khi khôi phục được giữ ở ${result.safetyBackup}.` };
    },
  },
  {
    name: 'forms',
    usage: 'forms --period MÃ_KỲ --out THƯ_MỤC [--agency MÃ_ĐƠN_VỊ]',
    summary: 'Tạo biểu mẫu báo cáo (mỗi đơn vị một tệp Excel) cho một kỳ.',
    options: { period: { type: 'string' }, out: { type: 'string' }, agency: { type: 'string' } },
    required: ['period', 'out'],
    async run(ctx, input) {
      const agency = input.values.agency as string | undefined;
      const files = await generateForms(ctx, { period: String(input.values.period), agencies: agency ? [agency] : undefined });
      const written = files.map((f) => writeOutput(path.join(String(input.values.out), f.name), f.bytes));
      return {
        json: { period: input.values.period, files: written },
        human: [`Đã tạo ${written.length} biểu mẫu trong ${path.resolve(String(input.values.out))}:`, ...files.map((f) => `  ${f.name}`)].join('\n'),
      };
    },
  },
  {
    name: 'import',
    usage: 'import TỆP... [--period MÃ_KỲ] [--agency MÃ_ĐƠN_VỊ] [--profile TÊN] [--dry-run]',
    summary: 'Nhận các tệp báo cáo Excel (mỗi tệp được nhận hoặc từ chối riêng); --dry-run chỉ kiểm tra và xem trước.',
    options: { period: { type: 'string' }, agency: { type: 'string' }, profile: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    positionals: { min: 1, max: 10_000 },
    async run(ctx, input) {
      const files = input.positionals.map(readInput);
      const outcomes = await importFiles(ctx, files, {
        period: input.values.period as string | undefined,
        agency: input.values.agency as string | undefined,
        profile: input.values.profile as string | undefined,
        dryRun: Boolean(input.values['dry-run']),
        backupFirst: true,
      });
      const human: string[] = [];
      for (const o of outcomes) {
        human.push(`${IMPORT_STATUS_LABELS[o.status]}: ${o.message}`);
        for (const p of o.problems) human.push(`    ${p.severity === 'error' ? 'Lỗi' : 'Cảnh báo'} [${p.code}] ${p.message}`);
        if (o.status === 'checked') for (const c of o.changes.slice(0, 20)) human.push(`    ${c.field}: ${c.before ?? '(trống)'} → ${c.after ?? '(trống)'}`);
      }
      const rejected = outcomes.filter((o) => !o.ok).length;
      human.push('', `${outcomes.length - rejected} tệp được nhận hoặc không cần nhận lại, ${rejected} tệp bị từ chối.`);
      return {
        json: outcomes.map((o) => ({ file: o.file, ok: o.ok, status: o.status, agency: o.agency, period: o.period, revision: o.revision, profile: o.profile, problems: o.problems, changes: o.changes })),
        human: human.join('\n'),
        exitCode: rejected > 0 ? 1 : 0,
      };
    },
  },
  {
    name: 'profile',
    usage: 'profile add TỆP.json | profile list',
    summary: 'Thêm (hoặc thay) một mẫu bố cục từ tệp mô tả JSON, hoặc xem các mẫu đã lưu.',
    options: {},
    positionals: { min: 1, max: 2 },
    async run(ctx, input) {
      const [action, file] = input.positionals;
      if (action === 'list' && !file) {
        const profiles = await listProfiles(ctx);
        return {
          json: profiles,
          human: profiles.length === 0 ? 'Chưa có mẫu bố cục nào.' : table([{ header: 'Tên mẫu' }, { header: 'Đơn vị' }, { header: 'Cập nhật' }, { header: 'Mô tả', max: 50 }], profiles.map((p) => [p.name, p.agencyCode ?? '', formatDateVi(p.updatedAt), p.description ?? ''])),
        };
      }
      if (action !== 'add' || !file) throw new UsageError('Cách dùng: profile add TỆP.json hoặc profile list');
      let raw: unknown;
      try {
        raw = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        throw new AppError('INVALID_PROFILE', `Không đọc được ${file} như một tệp JSON. Hãy kiểm tra tệp mô tả mẫu bố cục.`);
      }
      const saved = await saveProfile(ctx, raw);
      return { json: saved, human: `Đã lưu mẫu bố cục "${saved.name}".` };
    },
  },
  exportCommand('export', 'Xuất biểu tổng hợp Excel của một kỳ.', exportConsolidated, (period, target) => `Đã xuất biểu tổng hợp ${period} vào ${target}.`),
  exportCommand('export-missing', 'Xuất danh sách đơn vị chưa nộp hoặc bị trả lại báo cáo của một kỳ.', exportMissing, (period, target) => `Đã xuất danh sách đơn vị chưa nộp kỳ ${period} vào ${target}.`),
];
