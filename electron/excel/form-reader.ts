// Reading a filled report form through its `_meta` sheet (excel.md §1–2): the meta
// keys say which plan, period and agency; each entry names an input cell and what it
// holds. The visible code column is cross-checked, so a form whose rows were inserted
// or moved is still read by code (with a warning), and one whose code cannot be found
// is refused with the place to look.
import { aboutField, problem, type Problem } from '../../shared/problems';
import { nfc } from '../../shared/text';
import { columnNumber } from '../../shared/cells';
import type { Indicator, PlanDetail, TaskReportCells, TaskReportInput, TaskStatus, ValueInput } from '../../shared/domain';
import {
  FORM_CODE_COLUMN,
  FORM_FORMAT,
  FORM_VERSION,
  META_ENTRY_HEADER,
  META_SHEET,
  isCellKind,
  parseCellRef,
  parseFieldKey,
  parsePlanKey,
  type CellKind,
  type FormField,
} from './form-contract';
import { readFieldCell, readIndicatorCell } from './cell-values';
import { findSheet, indexCells, type ModelCell, type ModelSheet, type WorkbookModel } from './workbook-model';
import type { Recognition, ReportCatalog } from './recognition';

interface MetaEntryRow {
  row: number;
  sheet: string;
  address: string;
  field: FormField;
  kind: CellKind;
}

function text(cell: ModelCell | undefined): string {
  return cell?.value === null || cell?.value === undefined ? '' : nfc(String(cell.value)).trim();
}

function splitAddress(address: string): { col: string; row: number } {
  const m = /^([A-Z]+)(\d+)$/u.exec(address);
  return { col: m?.[1] ?? 'A', row: Number(m?.[2] ?? 0) };
}

/** Key/value rows up to the entry header, then the entries; both found by content, not by a fixed row. */
function readMeta(sheet: ModelSheet, file: string): { keys: Map<string, { value: string; row: number }>; entries: MetaEntryRow[]; problems: Problem[] } {
  const byRow = new Map<number, Map<number, ModelCell>>();
  for (const cell of sheet.cells) {
    const row = byRow.get(cell.row) ?? new Map<number, ModelCell>();
    row.set(cell.col, cell);
    byRow.set(cell.row, row);
  }
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  const keys = new Map<string, { value: string; row: number }>();
  const entries: MetaEntryRow[] = [];
  const problems: Problem[] = [];
  let inEntries = false;
  for (const r of rows) {
    const cells = byRow.get(r) ?? new Map<number, ModelCell>();
    const a = text(cells.get(1));
    const b = text(cells.get(2));
    const c = text(cells.get(3));
    if (!inEntries) {
      if (a === META_ENTRY_HEADER[0] && b === META_ENTRY_HEADER[1] && c === META_ENTRY_HEADER[2]) inEntries = true;
      else if (a) keys.set(a, { value: b, row: r });
      continue;
    }
    if (!a && !b && !c) continue;
    const ref = parseCellRef(a);
    const field = parseFieldKey(b);
    if (!ref || !field || !isCellKind(c)) {
      problems.push(problem('META_ENTRY_INVALID', 'error', `${META_SHEET}!A${r}`, `${file}, ${META_SHEET}!A${r}: dòng mô tả ô nhập liệu không đọc được ("${a}" | "${b}" | "${c}"). Trang ${META_SHEET} đã bị sửa; hãy dùng lại biểu mẫu gốc do Văn phòng gửi.`));
      continue;
    }
    entries.push({ row: r, sheet: ref.sheet, address: ref.address, field, kind: c });
  }
  if (!inEntries) {
    problems.push(problem('META_ENTRY_INVALID', 'error', `${META_SHEET}!A1`, `${file}: trang ${META_SHEET} không có danh sách ô nhập liệu. Hãy dùng lại biểu mẫu gốc do Văn phòng gửi.`));
  }
  return { keys, entries, problems };
}

function codeOf(field: FormField): string {
  return field.type === 'task' ? field.taskCode : field.indicatorCode;
}

export function readFilledForm(model: WorkbookModel, catalog: ReportCatalog, options: { file: string }): Recognition {
  const file = options.file;
  const fail = (problems: Problem[]): Recognition => ({ readAs: 'form', profile: null, reports: [], problems });
  const metaSheet = findSheet(model, META_SHEET);
  if (!metaSheet) {
    return fail([problem('META_MISSING', 'error', '', `${file}: không có trang ${META_SHEET}, nên không phải biểu mẫu của ứng dụng. Hãy dùng biểu mẫu do Văn phòng gửi.`, { file })]);
  }
  const { keys, entries, problems } = readMeta(metaSheet, file);
  const at = (key: string) => `${META_SHEET}!B${keys.get(key)?.row ?? 1}`;
  const value = (key: string) => keys.get(key)?.value ?? '';

  if (value('format') !== FORM_FORMAT) {
    return fail([problem('META_FORMAT', 'error', at('format'), `${file}, ${at('format')}: không phải biểu mẫu báo cáo của ứng dụng (định dạng "${value('format')}"). Hãy dùng biểu mẫu do Văn phòng gửi.`)]);
  }
  const version = Number(value('version'));
  if (!Number.isInteger(version) || version < 1) {
    return fail([problem('META_VERSION_INVALID', 'error', at('version'), `${file}, ${at('version')}: phiên bản biểu mẫu "${value('version')}" không hợp lệ. Hãy dùng lại biểu mẫu gốc.`)]);
  }
  if (version > FORM_VERSION) {
    return fail([
      problem('META_NEWER', 'error', at('version'), `${file}, ${at('version')}: biểu mẫu phiên bản ${version} được tạo bởi bản ứng dụng mới hơn (bản này đọc được đến phiên bản ${FORM_VERSION}). Hãy cập nhật ứng dụng rồi nhập lại.`),
    ]);
  }

  const periodCode = value('period');
  const period = catalog.periods.find((p) => p.code === periodCode);
  if (!period) {
    problems.push(problem('UNKNOWN_PERIOD', 'error', at('period'), `${file}, ${at('period')}: kỳ báo cáo "${periodCode}" không có trong ứng dụng. Hãy kiểm tra biểu mẫu có đúng của Văn phòng gửi không.`, { file, period: periodCode }));
  }
  const agencyCode = value('agency');
  const agency = catalog.agencies.find((a) => a.code === agencyCode);
  if (!agency) {
    problems.push(problem('UNKNOWN_AGENCY', 'error', at('agency'), `${file}, ${at('agency')}: mã đơn vị "${agencyCode}" không có trong danh sách đơn vị. Hãy kiểm tra biểu mẫu hoặc thêm đơn vị trước.`, { file, agency: agencyCode }));
  }
  const plan: PlanDetail | undefined = period ? catalog.plans.get(period.planYear) : undefined;
  const planKey = parsePlanKey(value('plan'));
  if (plan && (!planKey || planKey.number !== plan.plan.number || planKey.year !== plan.plan.year)) {
    problems.push(
      problem('PLAN_MISMATCH', 'error', at('plan'), `${file}, ${at('plan')}: biểu mẫu thuộc kế hoạch "${value('plan')}", không phải Kế hoạch ${plan.plan.number} năm ${plan.plan.year} của kỳ ${periodCode}.`),
    );
  }
  if (!period || !agency || !plan || problems.some((p) => p.severity === 'error')) return fail(problems);

  const codeColumn = (value('codeColumn') || FORM_CODE_COLUMN).toUpperCase();
  const indicators = new Map(plan.tasks.flatMap((t) => t.indicators).map((i) => [i.code, i] as [string, Indicator]));
  const tasks = new Map(plan.tasks.map((t) => [t.code, t]));
  const sheets = new Map<string, { sheet: ModelSheet; cells: Map<string, ModelCell>; rowsByCode: Map<string, number[]> }>();
  const sheetOf = (name: string) => {
    let entry = sheets.get(name);
    if (!entry) {
      const sheet = findSheet(model, name);
      if (!sheet) return null;
      const cells = indexCells(sheet);
      const rowsByCode = new Map<string, number[]>();
      const col = columnNumber(codeColumn);
      for (const c of sheet.cells) {
        if (c.col !== col) continue;
        const code = text(c);
        if (code) rowsByCode.set(code, [...(rowsByCode.get(code) ?? []), c.row]);
      }
      entry = { sheet, cells, rowsByCode };
      sheets.set(name, entry);
    }
    return entry;
  };

  const values: ValueInput[] = [];
  const reports = new Map<string, TaskReportInput & { cells: TaskReportCells }>();
  const moved: { code: string; from: number; to: number; sheet: string }[] = [];
  for (const entry of entries) {
    const target = sheetOf(entry.sheet);
    const code = codeOf(entry.field);
    if (!target) {
      problems.push(problem('SHEET_MISSING', 'error', `${entry.sheet}!${entry.address}`, `${file}: không có trang "${entry.sheet}" mà biểu mẫu ghi. Trang đã bị đổi tên hoặc xóa; hãy dùng lại biểu mẫu gốc.`, { file, sheet: entry.sheet }));
      break;
    }
    // The figures are read where the agency saw and typed them: a hidden copy of the sheet
    // could show Excel users one figure and give the app another.
    if (target.sheet.state !== 'visible') {
      problems.push(
        problem(
          'FORM_SHEET_HIDDEN',
          'error',
          `${entry.sheet}!${entry.address}`,
          `${file}: trang "${entry.sheet}" mà biểu mẫu đọc số liệu đang bị ẩn, nên số liệu người dùng Excel nhìn thấy có thể không phải số liệu được nhận. Tệp không được nhận; hãy dùng lại biểu mẫu gốc do Văn phòng gửi, hoặc hiện trang này (chuột phải vào tên trang → Unhide) và kiểm tra lại.`,
          { file, sheet: entry.sheet },
        ),
      );
      break;
    }
    // Cross-check the visible code column: the row may have moved when rows were inserted.
    const { col, row } = splitAddress(entry.address);
    let readRow = row;
    if (text(target.cells.get(`${codeColumn}${row}`)) !== code) {
      const found = target.rowsByCode.get(code) ?? [];
      if (found.length !== 1) {
        problems.push(
          problem(
            'FIELD_NOT_FOUND',
            'error',
            `${entry.sheet}!${codeColumn}${row}`,
            found.length === 0
              ? `${file}, ${entry.sheet}!${codeColumn}${row}: không tìm thấy dòng có mã ${code} ở cột ${codeColumn}. Có thể dòng đã bị xóa hoặc mã bị sửa; hãy dùng lại biểu mẫu gốc và nhập lại số liệu.`
              : `${file}: mã ${code} xuất hiện ${found.length} lần ở cột ${codeColumn} (dòng ${found.join(', ')}), không biết dòng nào đúng. Hãy xóa dòng thừa rồi nhập lại.`,
          ),
        );
        continue;
      }
      readRow = found[0] ?? row;
      if (!moved.some((m) => m.code === code)) moved.push({ code, from: row, to: readRow, sheet: entry.sheet });
    }
    const address = `${col}${readRow}`;
    const sourceCell = `${entry.sheet}!${address}`;
    const field = entry.field;
    if (field.type === 'indicator') {
      const indicatorCode = field.indicatorCode;
      const indicator = indicators.get(indicatorCode);
      const place = { sheet: entry.sheet, address, date1904: model.date1904 };
      // The plan decides how a figure is read; _meta's kind serves only an indicator the plan no longer has (validation refuses it).
      const read = indicator
        ? readIndicatorCell(target.cells.get(address), indicator, place)
        : readFieldCell(target.cells.get(address), entry.kind, { ...place, label: `chỉ tiêu ${indicatorCode}` });
      problems.push(...read.problems.map((p) => aboutField(p, `indicator:${indicatorCode}`, agencyCode)));
      if (read.kind === 'integer' || read.kind === 'decimal') values.push({ indicatorCode: indicatorCode, number: read.value, sourceCell });
      else if (read.kind === 'text') values.push({ indicatorCode: indicatorCode, number: null, text: read.value, sourceCell });
      continue;
    }
    const { taskCode, part } = field;
    const task = tasks.get(taskCode);
    const partLabel = { status: 'tình trạng', results: 'kết quả thực hiện', difficulties: 'tồn tại, khó khăn', proposals: 'kiến nghị, đề xuất' }[part];
    const label = `nhiệm vụ ${taskCode}${task ? ` – ${task.title}` : ''}, ${partLabel}`;
    const read = readFieldCell(target.cells.get(address), entry.kind, { sheet: entry.sheet, address, label, date1904: model.date1904 });
    problems.push(...read.problems.map((p) => aboutField(p, `task:${taskCode}:${part}`, agencyCode)));
    const report = reports.get(taskCode) ?? { taskCode: taskCode, status: null, results: '', difficulties: '', proposals: '', cells: { status: null, results: null, difficulties: null, proposals: null } };
    if (part === 'status') report.status = read.kind === 'status' ? (read.value as TaskStatus | null) : null;
    else report[part] = read.value === null ? '' : String(read.value);
    report.cells[part] = sourceCell;
    reports.set(taskCode, report);
  }

  if (moved.length > 0) {
    const first = moved[0];
    const examples = moved.slice(0, 3).map((m) => `${m.code}: dòng ${m.from} → ${m.to}`).join('; ');
    problems.push(
      problem(
        'ROW_MOVED',
        'warning',
        first ? `${first.sheet}!${codeColumn}${first.to}` : '',
        `${file}: ${moved.length} dòng đã bị chèn hoặc dời so với biểu mẫu gốc (${examples}${moved.length > 3 ? '; …' : ''}); số liệu đã được đọc theo mã ở cột ${codeColumn}. Hãy kiểm tra lại bản xem trước.`,
        { file, count: moved.length, column: codeColumn },
      ),
    );
  }

  // A task the agency left wholly blank is no report on it, not an empty one.
  const taskReports = [...reports.values()].filter((r) => r.status !== null || r.results || r.difficulties || r.proposals);
  return { readAs: 'form', profile: null, reports: [{ agencyCode, periodCode, taskReports, values }], problems };
}

