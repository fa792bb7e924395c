// The commands of `npm run cli -- <command>`: a text front-end over the Api, like the IPC
// and HTTP ones. Each command parses its flags into a method's arguments and calls it
// through the same dispatch and schemas (run.ts hands it `call`); the command line only
// reads and writes the clerk's files, and sends and receives their bytes, as the UI does.
// A command returns its JSON document and its Vietnamese human text; run.ts prints one.
import type { ParseArgsConfig } from 'node:util';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MethodName, ArgsOf, ResultOf } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { formatDateVi, formatNumber } from '../../shared/numbers';
import { AGENCY_GROUP_LABELS, TASK_STATUS_LABELS, type PlanDetail } from '../../shared/domain';
import { importSummary, paragraph, table } from './format';
import { DERIVED_EXCLUSION_LABELS, RECEIPT_STATE_LABELS, SEVERITY_LABELS, TARGET_LABELS, gapsText } from '../../shared/labels';

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
  run(session: Session, input: CommandInput): Promise<CommandOutput>;
}

/** One Api method through dispatch and its schema, unwrapped; a refusal is thrown as an AppError (exit 1). */
export type Call = <K extends MethodName>(name: K, args: ArgsOf<K>) => Promise<ResultOf<K>>;

/** What a command works with: the Api, and which database file the command line opened. */
export interface Session {
  call: Call;
  /** The database file, absolute. */
  db: string;
  /** Whether opening it created and seeded it. */
  created: boolean;
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


function isoDateOption(input: CommandInput, name: string): string | undefined {
  const raw = input.values[name];
  if (raw === undefined) return undefined;
  const text = String(raw);
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) throw new UsageError(`--${name} là một ngày dạng yyyy-mm-dd, ví dụ 2022-09-20 (nhận được "${text}").`);
  return text;
}

function kindFormat(kind: string): 'integer' | 'decimal' | 'percent' {
  return kind === 'integer' ? 'integer' : kind === 'percent' ? 'percent' : 'decimal';
}

const periodOption = { period: { type: 'string' } } as const;

function readInput(file: string): { name: string; bytes: Uint8Array<ArrayBuffer> } {
  try {
    return { name: path.basename(file), bytes: new Uint8Array(fs.readFileSync(file)) };
  } catch {
    throw new AppError('FILE_UNREADABLE', `Không đọc được tệp ${file}. Hãy kiểm tra đường dẫn và quyền đọc tệp.`);
  }
}

/** Writes beside and renames into place, so a file under its final name is always whole (a backup above all). */
function writeOutput(file: string, bytes: Uint8Array): string {
  const target = path.resolve(file);
  const partial = `${target}.tmp`;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(partial, bytes);
    fs.renameSync(partial, target);
  } catch {
    fs.rmSync(partial, { force: true });
    throw new AppError('FILE_UNWRITABLE', `Không ghi được tệp ${target}. Hãy kiểm tra thư mục và quyền ghi; tệp có đang mở trong Excel không?`);
  }
  return target;
}

/** A command that writes one of a period's workbooks to --out. */
/** A workbook export, through the Api like every command; the consolidated one takes the report's number and date. */
function exportCommand(name: string, summary: string, method: 'exports.consolidated' | 'exports.missing', done: (period: string, target: string) => string): Command {
  const numbered = method === 'exports.consolidated';
  return {
    name,
    usage: `${name} --period MÃ_KỲ --out TỆP.xlsx${numbered ? ' [--number SỐ_KÝ_HIỆU] [--date NGÀY]' : ''}`,
    summary,
    options: { period: { type: 'string' }, out: { type: 'string' }, ...(numbered ? { number: { type: 'string' }, date: { type: 'string' } } : {}) },
    required: ['period', 'out'],
    async run({ call }, input) {
      const period = String(input.values.period);
      const file = numbered
        ? await call('exports.consolidated', { period, number: input.values.number as string | undefined, date: isoDateOption(input, 'date') })
        : await call('exports.missing', { period });
      const target = writeOutput(String(input.values.out), file.bytes);
      return { json: { file: target, sizeBytes: file.bytes.length }, human: done(period, target) };
    },
  };
}

/** The most files one intake.import call takes (its schema's limit). */
const IMPORT_CALL_FILES = 500;

const PROFILE_USAGE = 'profile list | profile show TÊN | profile add TỆP.json [--replace] | profile export TÊN [--out TỆP.json] | profile remove TÊN';

/** How a profile knows the agency, in the words of Mẫu bố cục. */
const PROFILE_AGENCY_MODES: Record<string, string> = {
  cell: 'ô ghi tên đơn vị',
  columns: 'mỗi cột một đơn vị',
  rows: 'mỗi dòng một đơn vị',
  sheet: 'mỗi trang một đơn vị',
};

const IMPORT_STATUS_LABELS = { imported: 'Đã nhận', checked: 'Hợp lệ (chưa lưu)', rejected: 'Từ chối', duplicate: 'Đã nhập trước đây', skipped: 'Bỏ qua', failed: 'Lỗi khi xử lý' } as const;

export const COMMANDS: Command[] = [
  {
    name: 'init',
    usage: 'init [--demo]',
    summary: 'Tạo và khởi tạo cơ sở dữ liệu với kế hoạch năm 2022 của tỉnh Lạng Sơn; --demo thêm báo cáo mẫu.',
    options: { demo: { type: 'boolean' } },
    async run({ call, db, created }, input) {
      const demo = input.values.demo ? await call('demo.add', {}) : null;
      const detail = await call('plans.get', {});
      const agencies = await call('agencies.list', {});
      const periods = await call('periods.list', {});
      const indicators = detail.tasks.reduce((n, t) => n + t.indicators.length, 0);
      const lines = [
        created ? `Đã tạo cơ sở dữ liệu mới: ${db}` : `Cơ sở dữ liệu đã có: ${db}`,
        `Kế hoạch số ${detail.plan.number} năm ${detail.plan.year}: ${detail.tasks.length} nhiệm vụ, ${indicators} chỉ tiêu, ${agencies.length} đơn vị, ${periods.length} kỳ báo cáo.`,
      ];
      if (demo) lines.push(demo.skipped ? 'Đã có báo cáo trong cơ sở dữ liệu nên không thêm báo cáo mẫu.' : `Đã thêm ${demo.submissions} báo cáo mẫu cho kỳ 2022-Q1 và 2022-H1.`);
      return {
        json: { db, created, plan: detail.plan, tasks: detail.tasks.length, indicators, agencies: agencies.length, periods: periods.length, demo },
        human: lines.join('\n'),
      };
    },
  },
  {
    name: 'plan',
    usage: 'plan [--year NĂM]',
    summary: 'Xem kế hoạch: các nhiệm vụ với toàn văn, đơn vị chủ trì, phối hợp và chỉ tiêu.',
    options: { year: { type: 'string' } },
    async run({ call }, input) {
      const detail = await call('plans.get', { year: yearOption(input) });
      const names = new Map((await call('agencies.list', { includeInactive: true })).map((a) => [a.code, a.name]));
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
    async run({ call }, input) {
      const agencies = await call('agencies.list', { query: input.values.search as string | undefined, includeInactive: Boolean(input.values.all) });
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
    async run({ call }, input) {
      const periods = await call('periods.list', { year: yearOption(input) });
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
    async run({ call }, input) {
      const c = await call('consolidation.status', { period: String(input.values.period) });
      const codes = (...states: string[]) => c.agencies.filter((a) => states.includes(a.state)).map((a) => a.code);
      const received = c.agencies.filter((a) => a.state === 'on_time' || a.state === 'late');
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
          complete: received.filter((a) => a.complete).map((a) => a.code),
          incomplete: received.filter((a) => a.complete === false).map((a) => ({ agency: a.code, gaps: a.gaps })),
          agencies: c.agencies.map((a) => ({ code: a.code, state: a.state, receivedOn: a.receivedOn, revision: a.revision, documentNumber: a.documentNumber, complete: a.complete, gaps: a.gaps })),
        },
        human: [
          `${c.period.label} (hạn nộp ${formatDateVi(c.period.due)}): đã nhận ${n.received}/${n.expected} báo cáo — đúng hạn ${n.onTime}, nộp muộn ${n.late}, trả lại ${n.returned}, chưa nộp ${n.missing}; ${n.complete} báo cáo đủ, ${n.incomplete} báo cáo chưa đủ.`,
          '',
          table(
            [{ header: 'Mã' }, { header: 'Đơn vị' }, { header: 'Tình trạng' }, { header: 'Ngày nhận' }, { header: 'Lần', align: 'right' }, { header: 'Số văn bản' }, { header: 'Đầy đủ', max: 40 }],
            c.agencies.map((a) => [a.code, a.name, RECEIPT_STATE_LABELS[a.state], formatDateVi(a.receivedOn), a.revision ? String(a.revision) : '', a.documentNumber ?? '', gapsText(a.gaps)]),
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
    async run({ call }, input) {
      const c = await call('consolidation.get', { period: String(input.values.period) });
      const n = c.completeness.counts;
      // The two comparisons apart, in the words of the screen and the workbook: a quarter
      // with the quarter before, every period with the same one last year.
      const previousLabel = c.indicators.find((i) => i.previous)?.previous?.label;
      const lastYearLabel = c.indicators.find((i) => i.sameLastYear)?.sameLastYear?.label;
      const unlike = (f: (typeof c.indicators)[number]['previous']) => f !== null && (f.onlyHere.length > 0 || f.onlyThere.length > 0);
      const shownOther = (i: (typeof c.indicators)[number], f: (typeof c.indicators)[number]['previous']) =>
        f ? `${formatNumber(f.value, kindFormat(i.kind))} (${f.coverage.reported}/${f.coverage.expected})${unlike(f) ? ' *' : ''}` : '';
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
            { header: 'Số đơn vị', align: 'right' },
            ...(previousLabel ? [{ header: `Quý trước (${previousLabel})`, align: 'right' as const }] : []),
            { header: lastYearLabel ? `Cùng kỳ năm trước (${lastYearLabel})` : 'Cùng kỳ năm trước', align: 'right' },
            { header: 'Chỉ tiêu KH', align: 'right' },
            { header: 'Đánh giá' },
          ],
          c.indicators.map((i) => [
            i.code,
            i.name,
            i.unit,
            formatNumber(i.value, kindFormat(i.kind)),
            `${i.coverage.reported}/${i.coverage.expected}`,
            ...(previousLabel ? [shownOther(i, i.previous)] : []),
            shownOther(i, i.sameLastYear),
            formatNumber(i.target, kindFormat(i.kind)),
            i.targetMet === null ? '' : i.targetMet ? TARGET_LABELS.met : TARGET_LABELS.notMet,
          ]),
        ),
        ...(c.indicators.some((i) => unlike(i.previous) || unlike(i.sameLastYear)) ? ['* Hai kỳ so sánh không gồm cùng các đơn vị.'] : []),
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
        const first = derived[0]?.inQuarter;
        human.push('', `Số liệu riêng ${first?.label ?? 'trong quý'} (suy ra: số lũy kế ${c.period.label} trừ ${first?.fromLabel ?? 'kỳ trước'}, trên các đơn vị có đủ cả hai kỳ):`);
        human.push(
          table(
            [{ header: 'Mã' }, { header: 'Trong quý', align: 'right' }, { header: 'Số đơn vị', align: 'right' }, { header: 'Không tính', max: 60 }],
            derived.map((i) => [
              i.code,
              formatNumber(i.inQuarter?.value, kindFormat(i.kind)),
              `${i.inQuarter?.coverage.reported ?? 0}/${i.inQuarter?.coverage.expected ?? 0}`,
              (i.inQuarter?.left ?? []).filter((l) => l.reason !== 'no_current').map((l) => `${l.code} (${DERIVED_EXCLUSION_LABELS[l.reason]})`).join(', '),
            ]),
          ),
        );
      }
      if (c.checks.length > 0) {
        human.push('', `KIỂM TRA SỐ LIỆU (${c.checks.length}):`);
        for (const k of c.checks) human.push(paragraph(`${SEVERITY_LABELS[k.severity]} [${k.rule}]${k.accepted ? ' (đã chấp nhận)' : ''}: ${k.message}${k.accepted ? ` Lý do: ${k.accepted.reason}` : ''}`, 2));
      }
      const compare = (f: NonNullable<(typeof c.indicators)[number]['previous']>) => ({
        period: f.periodCode,
        value: f.value,
        derived: f.derived,
        reported: f.coverage.reported,
        expected: f.coverage.expected,
        sameAgencies: f.onlyHere.length === 0 && f.onlyThere.length === 0,
        onlyHere: f.onlyHere,
        onlyThere: f.onlyThere,
      });
      return {
        json: {
          period: c.period.code,
          completeness: c.completeness.counts,
          indicators: c.indicators.map((i) => ({
            code: i.code,
            value: i.value,
            reported: i.coverage.reported,
            expected: i.coverage.expected,
            agencies: i.coverage.agencies,
            byAgency: Object.fromEntries(i.byAgency.filter((a) => a.state === 'counted').map((a) => [a.code, a.value])),
            notCounted: i.byAgency.filter((a) => a.state === 'not_reporter' || a.state === 'not_expected' || (a.state === 'returned' && a.value !== null)).map((a) => ({ agency: a.code, value: a.value, reason: a.state })),
            corrected: i.byAgency.filter((a) => a.correction).map((a) => ({ agency: a.code, fileText: a.correction?.fileText ?? '', note: a.correction?.note ?? '' })),
            ...(i.previous ? { previous: compare(i.previous) } : {}),
            ...(i.sameLastYear ? { sameLastYear: compare(i.sameLastYear) } : {}),
            ...(i.inQuarter
              ? {
                  inQuarter: {
                    code: i.inQuarter.periodCode,
                    value: i.inQuarter.value,
                    derived: true,
                    from: i.inQuarter.fromPeriod,
                    reported: i.inQuarter.coverage.reported,
                    expected: i.inQuarter.coverage.expected,
                    agencies: i.inQuarter.coverage.agencies,
                    fromZero: i.inQuarter.fromZero,
                    left: i.inQuarter.left,
                  },
                }
              : {}),
          })),
          checks: c.checks.map((k) => ({ rule: k.rule, severity: k.severity, agency: k.agency, indicator: k.indicator, against: k.against, cell: k.cell, message: k.message, accepted: k.accepted ? { reason: k.accepted.reason } : null })),
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
    summary: 'Sao lưu toàn bộ dữ liệu ra một tệp (tệp SQLite: sao lưu trực tuyến của SQLite; máy chủ PostgreSQL: pg_dump, tệp .dump).',
    options: { out: { type: 'string' } },
    required: ['out'],
    async run({ call, db }, input) {
      const target = path.resolve(String(input.values.out));
      // Checked before the copy is made: written over the live file, the bytes would destroy it.
      if (target === path.resolve(db)) throw new AppError('INVALID_ARGUMENT', 'Không thể sao lưu đè lên chính tệp dữ liệu đang dùng. Hãy chọn tệp khác.');
      const copy = await call('backup.export', { name: path.basename(target) });
      const file = writeOutput(target, copy.bytes);
      const sizeBytes = copy.bytes.length;
      return { json: { file, sizeBytes }, human: `Đã sao lưu vào ${file} (${formatNumber(Math.ceil(sizeBytes / 1024), 'integer')} KB).` };
    },
  },
  {
    name: 'restore',
    usage: 'restore TỆP',
    summary: 'Khôi phục dữ liệu từ một bản sao lưu (kiểm tra trước; dữ liệu hiện tại được sao lưu lại).',
    options: {},
    positionals: { min: 1, max: 1 },
    async run({ call }, input) {
      const source = path.resolve(input.positionals[0] ?? '');
      if (!fs.existsSync(source) || !fs.statSync(source).isFile()) {
        throw new AppError('RESTORE_REFUSED', `Không khôi phục: tệp ${path.basename(source)} không tồn tại hoặc rỗng. Dữ liệu hiện tại được giữ nguyên.`);
      }
      const restored = await call('backup.restoreFile', { file: readInput(source) });
      const result = { ...restored, restoredFrom: source };
      return { json: result, human: `Đã khôi phục từ ${result.restoredFrom}.\nDữ liệu trước khi khôi phục được giữ ở ${result.safetyBackup}.` };
    },
  },
  {
    name: 'forms',
    usage: 'forms --period MÃ_KỲ --out THƯ_MỤC [--agency MÃ_ĐƠN_VỊ]',
    summary: 'Tạo biểu mẫu báo cáo (mỗi đơn vị một tệp Excel) cho một kỳ.',
    options: { period: { type: 'string' }, out: { type: 'string' }, agency: { type: 'string' } },
    required: ['period', 'out'],
    async run({ call }, input) {
      const agency = input.values.agency as string | undefined;
      const files = await call('forms.generate', { period: String(input.values.period), agencies: agency ? [agency] : undefined });
      const written = files.map((f) => writeOutput(path.join(String(input.values.out), f.name), f.bytes));
      return {
        json: { period: input.values.period, files: written },
        human: [`Đã tạo ${written.length} biểu mẫu trong ${path.resolve(String(input.values.out))}:`, ...files.map((f) => `  ${f.name}`)].join('\n'),
      };
    },
  },
  {
    name: 'import',
    usage: 'import TỆP... [--period MÃ_KỲ] [--agency MÃ_ĐƠN_VỊ] [--profile TÊN] [--received NGÀY] [--doc-number SỐ] [--doc-date NGÀY] [--dry-run]',
    summary: 'Nhận các tệp báo cáo Excel (mỗi tệp được nhận hoặc từ chối riêng); --received: ngày nhận (mặc định hôm nay); --dry-run chỉ kiểm tra và xem trước.',
    options: {
      period: { type: 'string' },
      agency: { type: 'string' },
      profile: { type: 'string' },
      received: { type: 'string' },
      'doc-number': { type: 'string' },
      'doc-date': { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    positionals: { min: 1, max: 10_000 },
    async run({ call }, input) {
      const receivedOn = isoDateOption(input, 'received');
      const documentDate = isoDateOption(input, 'doc-date');
      const documentNumber = input.values['doc-number'] as string | undefined;
      const files = input.positionals.map(readInput).map((f) => ({ ...f, documentNumber, documentDate }));
      // Through the Api, as every front-end; a batch larger than one call takes is sent in parts, in order, backed up once.
      const outcomes = [];
      const batch = `cli-${process.pid}-${Date.now()}`;
      for (let at = 0; at < files.length; at += IMPORT_CALL_FILES) {
        outcomes.push(
          ...(await call('intake.import', {
            files: files.slice(at, at + IMPORT_CALL_FILES),
            batch,
            receivedOn,
            period: input.values.period as string | undefined,
            agency: input.values.agency as string | undefined,
            profile: input.values.profile as string | undefined,
            dryRun: Boolean(input.values['dry-run']),
          })),
        );
      }
      const human: string[] = [];
      for (const o of outcomes) {
        human.push(`${IMPORT_STATUS_LABELS[o.status]}: ${o.message}`);
        for (const p of o.problems) human.push(`    ${SEVERITY_LABELS[p.severity]} [${p.code}] ${p.message}`);
        if (o.status === 'checked') for (const c of o.changes.slice(0, 20)) human.push(`    ${c.label}: ${c.before ?? '(trống)'} → ${c.after ?? '(trống)'}`);
      }
      const rejected = outcomes.filter((o) => !o.ok).length;
      human.push('', importSummary(outcomes, Boolean(input.values['dry-run'])));
      return {
        json: outcomes.map((o) => ({
          file: o.file,
          ok: o.ok,
          status: o.status,
          agency: o.agency,
          period: o.period,
          revision: o.revision,
          profile: o.profile,
          receivedOn: o.receivedOn,
          late: o.late,
          gaps: o.gaps,
          problems: o.problems,
          changes: o.changes,
        })),
        human: human.join('\n'),
        exitCode: rejected > 0 ? 1 : 0,
      };
    },
  },
  {
    name: 'profile',
    usage: PROFILE_USAGE,
    summary: 'Mẫu bố cục: xem danh sách, xem một mẫu, thêm từ tệp JSON (--replace để thay mẫu cùng tên), xuất ra tệp JSON để gửi đơn vị khác, xóa (báo cáo đã nhận theo mẫu vẫn giữ nguyên).',
    options: { replace: { type: 'boolean' }, out: { type: 'string' } },
    positionals: { min: 1, max: 2 },
    async run({ call }, input) {
      const [action, arg] = input.positionals;
      if (action === 'list' && !arg) {
        const profiles = await call('profiles.list', {});
        return {
          json: profiles,
          human:
            profiles.length === 0
              ? 'Chưa có mẫu bố cục nào.'
              : table(
                  [{ header: 'Tên mẫu' }, { header: 'Đơn vị' }, { header: 'Tệp đọc gần nhất', max: 40 }, { header: 'Dùng lần cuối' }, { header: 'Cập nhật' }, { header: 'Mô tả', max: 40 }],
                  profiles.map((p) => [p.name, p.agencyCode ?? PROFILE_AGENCY_MODES[p.agencyMode] ?? '', p.lastFile ? `${p.lastFile.name} (${formatDateVi(p.lastFile.at)})` : '', formatDateVi(p.lastUsedAt), formatDateVi(p.updatedAt), p.description ?? '']),
                ),
        };
      }
      if (!arg || !['show', 'add', 'export', 'remove'].includes(action ?? '')) throw new UsageError(`Cách dùng: ${PROFILE_USAGE}`);
      if (action === 'show') {
        const p = await call('profiles.get', { name: arg });
        const agency = p.agencyCode ? `${p.agencyName ?? p.agencyCode} (${p.agencyCode})` : (PROFILE_AGENCY_MODES[p.agencyMode] ?? '');
        return {
          json: p,
          human: [
            `Mẫu bố cục "${p.name}"${p.description ? `: ${p.description}` : ''}`,
            `Đơn vị: ${agency}`,
            `Tệp đọc gần nhất: ${p.lastFile ? `${p.lastFile.name} (${formatDateVi(p.lastFile.at)})` : 'chưa có'}; dùng lần cuối: ${formatDateVi(p.lastUsedAt) || 'chưa dùng'}; ${p.reports} báo cáo đã nhận theo mẫu này.`,
            '',
            JSON.stringify(p.definition, null, 2),
          ].join('\n'),
        };
      }
      if (action === 'export') {
        const file = await call('profiles.export', { name: arg });
        const target = writeOutput(typeof input.values.out === 'string' ? input.values.out : file.name, file.bytes);
        return { json: { name: arg, file: target }, human: `Đã xuất mẫu bố cục "${arg}" ra ${target}.` };
      }
      if (action === 'remove') {
        const removed = await call('profiles.remove', { name: arg });
        return {
          json: removed,
          human: `Đã xóa mẫu bố cục "${removed.name}".${removed.reports > 0 ? ` ${removed.reports} báo cáo đã nhận theo mẫu này vẫn giữ nguyên số liệu và tệp gốc.` : ''}`,
        };
      }
      // The file's bytes, as the UI sends a chosen file: the Api reads the JSON and tells a bad profile in its own terms.
      const saved = await call('profiles.import', { file: readInput(arg), replace: Boolean(input.values.replace) }).catch((err: unknown) => {
        // The Api's words fit the screen, which asks before replacing; here the way to say yes is an option.
        if (err instanceof AppError && err.code === 'PROFILE_EXISTS') throw new AppError(err.code, `${err.message} Ở dòng lệnh: thêm --replace.`, err.details);
        throw err;
      });
      return { json: saved, human: `Đã lưu mẫu bố cục "${saved.name}".` };
    },
  },
  {
    name: 'original',
    usage: 'original --period MÃ_KỲ --agency MÃ_ĐƠN_VỊ --out TỆP [--revision LẦN]',
    summary: 'Lưu ra tệp gốc mà đơn vị đã gửi (lần nộp hiện hành, hoặc lần --revision).',
    options: { period: { type: 'string' }, agency: { type: 'string' }, out: { type: 'string' }, revision: { type: 'string' } },
    required: ['period', 'agency', 'out'],
    async run({ call }, input) {
      const period = String(input.values.period);
      const agency = String(input.values.agency);
      const revision = input.values.revision === undefined ? undefined : Number(input.values.revision);
      if (revision !== undefined && (!Number.isInteger(revision) || revision < 1)) throw new UsageError(`--revision là số lần nộp, ví dụ 2 (nhận được "${String(input.values.revision)}").`);
      const list = await call('submissions.list', { period, agency });
      const chosen = revision === undefined ? list.find((s) => s.current) : list.find((s) => s.revision === revision);
      if (!chosen) {
        throw new AppError('NOT_FOUND', revision === undefined ? `Chưa có báo cáo của ${agency} kỳ ${period}.` : `Không có lần nộp thứ ${revision} của ${agency} kỳ ${period}.`);
      }
      const file = await call('submissions.original', { id: chosen.id });
      const target = writeOutput(String(input.values.out), file.bytes);
      const digest = createHash('sha256').update(file.bytes).digest('hex');
      return {
        json: { file: target, name: file.name, sizeBytes: file.bytes.length, sha256: digest, agency, period, revision: chosen.revision },
        human: `Đã lưu tệp gốc "${file.name}" (lần ${chosen.revision} của ${agency}, kỳ ${period}) vào ${target}. SHA-256: ${digest}.`,
      };
    },
  },
  {
    name: 'receipt',
    usage: 'receipt --period MÃ_KỲ --agency MÃ_ĐƠN_VỊ [--received NGÀY] [--doc-number SỐ] [--doc-date NGÀY]',
    summary: 'Sửa ngày nhận, số và ngày văn bản của báo cáo hiện hành (được ghi nhật ký).',
    options: { period: { type: 'string' }, agency: { type: 'string' }, received: { type: 'string' }, 'doc-number': { type: 'string' }, 'doc-date': { type: 'string' } },
    required: ['period', 'agency'],
    async run({ call }, input) {
      const period = String(input.values.period);
      const agency = String(input.values.agency);
      const current = (await call('submissions.list', { period, agency })).find((s) => s.current);
      if (!current) throw new AppError('NOT_FOUND', `Chưa có báo cáo của ${agency} kỳ ${period}.`);
      const s = await call('submissions.updateReceipt', {
        id: current.id,
        receivedOn: isoDateOption(input, 'received'),
        documentNumber: input.values['doc-number'] as string | undefined,
        documentDate: isoDateOption(input, 'doc-date'),
      });
      return {
        json: s,
        human: `Báo cáo lần ${s.revision} của ${agency} kỳ ${period}: nhận ngày ${formatDateVi(s.receivedOn)}${s.late ? ' (nộp muộn)' : ' (đúng hạn)'}${s.documentNumber ? `, văn bản số ${s.documentNumber}` : ''}${s.documentDate ? ` ngày ${formatDateVi(s.documentDate)}` : ''}.`,
      };
    },
  },
  exportCommand('export', 'Xuất biểu tổng hợp Excel của một kỳ; --number, --date: số, ký hiệu và ngày của báo cáo mà biểu là phụ lục.', 'exports.consolidated', (period, target) => `Đã xuất biểu tổng hợp ${period} vào ${target}.`),
  exportCommand('export-missing', 'Xuất danh sách đơn vị chưa nộp hoặc bị trả lại báo cáo của một kỳ.', 'exports.missing', (period, target) => `Đã xuất danh sách đơn vị chưa nộp kỳ ${period} vào ${target}.`),
  {
    name: 'report',
    usage: 'report --period MÃ_KỲ --out TỆP.docx [--number SỐ_KÝ_HIỆU] [--date NGÀY]',
    summary: 'Tạo dự thảo báo cáo kết quả thực hiện nhiệm vụ cải cách tư pháp của một kỳ (Word); --number: số, ký hiệu (45-BC/BCĐ), để trống thì chừa chỗ ghi số; --date: ngày của báo cáo (mặc định hôm nay).',
    options: { period: { type: 'string' }, out: { type: 'string' }, number: { type: 'string' }, date: { type: 'string' } },
    required: ['period', 'out'],
    async run({ call }, input) {
      const period = String(input.values.period);
      const file = await call('documents.report', { period, number: input.values.number as string | undefined, date: isoDateOption(input, 'date') });
      const target = writeOutput(String(input.values.out), file.bytes);
      return { json: { period, file: target, name: file.name, sizeBytes: file.bytes.length }, human: `Đã tạo dự thảo báo cáo kỳ ${period} vào ${target}.` };
    },
  },
  {
    name: 'remind',
    usage: 'remind --period MÃ_KỲ --out THƯ_MỤC|TỆP.docx [--due NGÀY] [--each] [--agency MÃ_ĐƠN_VỊ ...] [--number SỐ_KÝ_HIỆU] [--date NGÀY]',
    summary: 'Tạo công văn đôn đốc đơn vị chưa nộp hoặc bị trả lại báo cáo (Word): một công văn chung, hoặc --each mỗi đơn vị một công văn; --due: hạn gửi mới, phải là ngày làm việc (mặc định 5 ngày làm việc sau ngày của công văn).',
    options: {
      period: { type: 'string' },
      out: { type: 'string' },
      due: { type: 'string' },
      each: { type: 'boolean' },
      agency: { type: 'string', multiple: true },
      number: { type: 'string' },
      date: { type: 'string' },
    },
    required: ['period', 'out'],
    async run({ call }, input) {
      const period = String(input.values.period);
      const out = String(input.values.out);
      const each = Boolean(input.values.each);
      const toFile = /\.docx$/iu.test(out);
      if (each && toFile) throw new UsageError('Với --each, mỗi đơn vị một công văn: --out phải là một thư mục, không phải một tệp .docx.');
      let date = isoDateOption(input, 'date');
      let due = isoDateOption(input, 'due');
      if (due === undefined) {
        // Five working days after the letter (today by default), on the office's calendar.
        const next = await call('calendar.addWorkingDays', { from: date, days: 5 });
        date = next.from;
        due = next.date;
      }
      const agencies = input.values.agency as string[] | undefined;
      const files = await call('documents.reminders', { period, due, mode: each ? 'each' : 'one', agencies, number: input.values.number as string | undefined, date });
      const written = files.map((f) => writeOutput(toFile ? out : path.join(out, f.name), f.bytes));
      return {
        json: { period, due, mode: each ? 'each' : 'one', files: written },
        human: [`Đã tạo ${written.length} công văn đôn đốc kỳ ${period}, hạn gửi mới ${formatDateVi(due)}:`, ...written.map((f) => `  ${f}`)].join('\n'),
      };
    },
  },
  {
    name: 'server-setup',
    usage: 'server-setup --db postgres://CHỦ_SỞ_HỮU@MÁY_CHỦ/CSDL [--clerk TÀI_KHOẢN]… [--reader TÀI_KHOẢN]…',
    summary:
      'Thiết lập máy chủ PostgreSQL dùng chung (người quản trị chạy, bằng tài khoản chủ sở hữu cơ sở dữ liệu): nhóm văn thư (xem và nhập, sửa số liệu) và nhóm chỉ xem (lãnh đạo), mỗi người một tài khoản; tài khoản mới được cấp mật khẩu, in ra một lần.',
    options: { clerk: { type: 'string', multiple: true }, reader: { type: 'string', multiple: true } },
    async run({ call }, input) {
      const clerks = (input.values.clerk as string[] | undefined) ?? [];
      const readers = (input.values.reader as string[] | undefined) ?? [];
      const done = await call('server.setup', { clerks, readers });
      const rows = done.accounts.map((a) => [
        a.name,
        a.kind === 'clerk' ? 'văn thư' : 'chỉ xem',
        a.created ? (a.password ?? '') : 'đã có, giữ mật khẩu cũ',
        a.canLogin ? '' : 'chưa được đăng nhập (NOLOGIN): ALTER ROLE … LOGIN',
      ]);
      const human = [
        `Đã thiết lập cơ sở dữ liệu ${done.database}: nhóm văn thư ${done.groups.clerk}, nhóm chỉ xem ${done.groups.reader}.`,
        ...(rows.length > 0
          ? [
              table([{ header: 'Tài khoản' }, { header: 'Nhóm' }, { header: 'Mật khẩu' }, { header: 'Lưu ý' }], rows),
              'Mật khẩu chỉ in ra lần này: hãy trao cho từng người, để họ ghi vào tệp pgpass trên máy mình (README, mục máy chủ dữ liệu), rồi đổi bằng lệnh \\password trong psql.',
            ]
          : ['Chưa thêm tài khoản nào: thêm bằng --clerk TÊN hoặc --reader TÊN.']),
      ];
      return { json: done, human: human.join('\n') };
    },
  },
  {
    name: 'migrate-to',
    usage: 'migrate-to postgres://CHỦ_SỞ_HỮU@MÁY_CHỦ/CSDL [--db TỆP.sqlite]',
    summary:
      'Chuyển toàn bộ dữ liệu của tệp SQLite (--db) lên một cơ sở dữ liệu PostgreSQL trống, giữ nguyên mã số; chỉ ghi nhận khi số dòng mọi bảng và số liệu tổng hợp mọi kỳ trên máy chủ trùng với tệp. Tệp được giữ nguyên.',
    options: {},
    positionals: { min: 1, max: 1 },
    async run({ call, db, created }, input) {
      // The command line creates a file it is pointed at when there is none: moving that
      // fresh seed onto a server would hide a mistyped path behind a "done".
      if (created) {
        throw new AppError(
          'MIGRATE_SOURCE_NEW',
          `Tệp ${db} chưa có trước khi chạy lệnh (lệnh vừa tạo mới tệp này), nên không có dữ liệu nào để chuyển. Hãy ghi --db là đường dẫn tới tệp .sqlite đang dùng; có thể xóa tệp vừa tạo.`,
        );
      }
      const done = await call('database.migrateTo', { target: input.positionals[0] ?? '' });
      const human = [
        `Đã chuyển dữ liệu từ ${done.source} lên ${done.target}: ${formatNumber(done.rows, 'integer')} dòng trong ${done.tables.length} bảng, giữ nguyên mã số.`,
        '',
        table(
          [{ header: 'Bảng' }, { header: 'Số dòng', align: 'right' }],
          done.tables.map((t) => [t.name, formatNumber(t.rows, 'integer')]),
        ),
        '',
        done.periods.length > 0
          ? `Số liệu tổng hợp trên máy chủ trùng với tệp ở cả ${done.periods.length} kỳ: ${done.periods.join(', ')}.`
          : 'Tệp chưa có kỳ báo cáo nào để đối chiếu số liệu tổng hợp.',
        'Nhật ký trên máy chủ ghi thêm một dòng về lần chuyển này.',
        `Từ nay hãy mở ứng dụng với --db ${done.target} (hoặc biến môi trường TONGHOP_DB); tệp ${done.source} được giữ nguyên, không nên ghi thêm vào đó. Để cấp tài khoản cho văn thư và lãnh đạo, chạy server-setup.`,
      ];
      return { json: done, human: human.join('\n') };
    },
  },
];
