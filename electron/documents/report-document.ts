// The written report of a period (báo cáo kết quả thực hiện nhiệm vụ cải cách tư pháp),
// a draft for the clerk to edit down and the head of the committee to sign. Every
// figure, count and coverage in it is the consolidation's (consolidation.ts, by the one
// counting rule); every narrative is an agency's own text, kept whole and attributed.
//
// Order: heading, title, opening; I. results task by task in the plan's order (statuses,
// each agency's results, the figures as sentences); II. shortcomings and, where the
// agencies name them, their causes; III. what comes next; IV. proposals; V. who
// reported, late, returned, not at all; closing; "Nơi nhận" and the signature.
import type { Paragraph, Table } from 'docx';
import type { Consolidation, TaskConsolidation, TaskNarrative } from '../../shared/api';
import { ROLE_LABELS, TASK_STATUS_LABELS, type Organization, type PlanDetail } from '../../shared/domain';
import { RECEIPT_STATE_LABELS } from '../../shared/labels';
import { formatDateVi } from '../../shared/numbers';
import type { Settings } from '../../shared/settings';
import { nfc } from '../../shared/text';
import { TEXT_WIDTH, asciiFilePart, bodyParagraph, capitalised, centredLine, headingParagraph, inSentence, linesOf, officeDocument, packDocument, run } from './document-layout';
import { documentNumberLine, headingTable, issuerSymbol, ruleParagraph } from './document-heading';
import { figureSentence } from './figure-sentences';
import { signatureBlock } from './signature-block';

export interface ReportInput {
  organization: Organization;
  signer: Settings['signer'];
  recipients: readonly string[];
  /** The plan as it stands for the period (planForPeriod). */
  plan: PlanDetail;
  consolidation: Consolidation;
  /** The number and symbol as the clerk types it ("45-BC/BCĐ"); null leaves the number blank. */
  number: string | null;
  /** ISO date of the report. */
  date: string;
}

export function reportFileName(periodCode: string): string {
  return `BaoCaoKetQua_${asciiFilePart(periodCode)}.docx`;
}

/** "Báo cáo kết quả thực hiện nhiệm vụ cải cách tư pháp 6 tháng đầu năm 2022". */
export function reportTitle(periodLabel: string): string {
  return `Báo cáo kết quả thực hiện nhiệm vụ cải cách tư pháp ${inSentence(periodLabel)}`;
}

export const SECTION_TITLES = {
  results: 'I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ',
  shortcomings: 'II. TỒN TẠI, HẠN CHẾ',
  shortcomingsAndCauses: 'II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN',
  shortcomingsPart: '1. Tồn tại, hạn chế',
  causesPart: '2. Nguyên nhân',
  next: 'III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI',
  proposals: 'IV. KIẾN NGHỊ, ĐỀ XUẤT',
  completeness: 'V. TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ',
} as const;

/** The screens' words for how a report stands, inside a sentence: "đúng hạn", "nộp muộn", "trả lại để chỉnh sửa", "chưa nộp". */
const receipt = (state: keyof typeof RECEIPT_STATE_LABELS): string => inSentence(RECEIPT_STATE_LABELS[state]);

// ---- the agencies' words ----

/**
 * An agency's shortcomings and the causes it gives, apart: the causes start where a
 * sentence or line opens with "Nguyên nhân" ("… còn hạn chế. Nguyên nhân: do …").
 */
export function splitCauses(text: string): { shortcomings: string; causes: string } {
  const clean = nfc(text).trim();
  const m = /(^|[.;!?…]\s+|\n\s*)(nguyên nhân)/iu.exec(clean);
  if (!m) return { shortcomings: clean, causes: '' };
  const at = m.index + (m[1] ?? '').length;
  const causes = clean
    .slice(at)
    .replace(/^nguyên nhân(\s+chủ yếu)?(\s+là)?\s*[:：.–-]?\s*/iu, '')
    .trim();
  return { shortcomings: clean.slice(0, at).trim(), causes: causes === '' ? '' : capitalised(causes) };
}

interface Said {
  text: string;
  /** The agencies that wrote it, in the office's order, by code and name. */
  agencies: { code: string; name: string }[];
  /** The report's numbers of the tasks it was written under. */
  tasks: number[];
}

/**
 * What the agencies said of one kind (shortcomings, causes, proposals): each distinct
 * text once, with the agencies that wrote it and the tasks it was written under, in
 * the office's order of agencies. Twenty agencies often write the same line under
 * every task; the clerk edits one line, knowing whose it is.
 */
export function gather(tasks: readonly TaskConsolidation[], order: readonly string[], pick: (r: TaskNarrative) => string): Said[] {
  const found = new Map<string, Said>();
  tasks.forEach((task, index) => {
    for (const r of task.reports) {
      const text = linesOf(pick(r)).join(' ');
      if (text === '') continue;
      const said = found.get(text) ?? { text, agencies: [], tasks: [] };
      if (!said.agencies.some((a) => a.code === r.code)) said.agencies.push({ code: r.code, name: r.name });
      if (!said.tasks.includes(index + 1)) said.tasks.push(index + 1);
      found.set(text, said);
    }
  });
  const rank = (code: string) => {
    const i = order.indexOf(code);
    return i === -1 ? order.length : i;
  };
  for (const said of found.values()) {
    said.agencies.sort((a, b) => rank(a.code) - rank(b.code));
    said.tasks.sort((a, b) => a - b);
  }
  // By the first agency that wrote it; Array.prototype.sort is stable, so ties keep the tasks' order.
  return [...found.values()].sort((a, b) => rank(a.agencies[0]?.code ?? '') - rank(b.agencies[0]?.code ?? ''));
}

function saidParagraph(said: Said): Paragraph {
  return bodyParagraph([run(`- ${said.agencies.map((a) => a.name).join(', ')} (nhiệm vụ ${said.tasks.join(', ')}): `, { italics: true }), run(said.text)]);
}

// ---- part I, task by task ----

function statusLine(task: TaskConsolidation): Paragraph {
  const c = task.statusCounts;
  const parts = [
    [c.completed, TASK_STATUS_LABELS.completed],
    [c.inProgress, TASK_STATUS_LABELS.in_progress],
    [c.notStarted, TASK_STATUS_LABELS.not_started],
    [c.notApplicable, TASK_STATUS_LABELS.not_applicable],
    [c.noReport, 'chưa báo cáo'],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, label]) => `${n} ${inSentence(String(label))}`);
  return bodyParagraph([
    run('Tình hình thực hiện: ', { italics: true }),
    run(`trong ${task.members.length} cơ quan, đơn vị được giao chủ trì, phối hợp${parts.length > 0 ? ` có ${parts.join(', ')}` : ''}.`),
  ]);
}

/** An agency's results, attributed; a text of several lines stays several paragraphs. */
function resultParagraphs(r: TaskNarrative): Paragraph[] {
  const lines = linesOf(r.results);
  if (lines.length === 0) return [];
  const role = r.role ? ` (${inSentence(ROLE_LABELS[r.role])})` : r.member ? '' : ' (không còn được giao nhiệm vụ này)';
  const [first = '', ...rest] = lines;
  return [bodyParagraph([run(`- ${r.name}${role}: `, { italics: true }), run(first)]), ...rest.map((line) => bodyParagraph([run(line)]))];
}

function taskSection(task: TaskConsolidation, index: number, c: Consolidation, plan: PlanDetail): Paragraph[] {
  const out: Paragraph[] = [headingParagraph(`${index + 1}. ${task.title}`)];
  out.push(statusLine(task));
  const results = task.reports.flatMap(resultParagraphs);
  out.push(bodyParagraph([run('Kết quả thực hiện của các cơ quan, đơn vị:', { italics: true })], { keepNext: true }));
  if (results.length > 0) out.push(...results);
  else out.push(bodyParagraph([run('Chưa có cơ quan, đơn vị nào báo cáo kết quả thực hiện nhiệm vụ này.')]));

  const indicators = c.indicators.filter((i) => i.taskCode === task.code);
  if (indicators.length > 0) {
    const planIndicators = new Map(plan.tasks.flatMap((t) => t.indicators).map((i) => [i.code, i]));
    out.push(bodyParagraph([run('Số liệu chủ yếu:', { italics: true })], { keepNext: true }));
    for (const i of indicators) {
      const denominator = planIndicators.get(planIndicators.get(i.code)?.denominatorCode ?? '');
      out.push(bodyParagraph([run(`- ${figureSentence(i, { denominatorUnit: denominator?.unit ?? '' })}`)]));
    }
  }
  return out;
}

// ---- parts II to V ----

function shortcomingsPart(c: Consolidation, order: readonly string[]): Paragraph[] {
  const shortcomings = gather(c.tasks, order, (r) => splitCauses(r.difficulties).shortcomings);
  const causes = gather(c.tasks, order, (r) => splitCauses(r.difficulties).causes);
  const none = (what: string) => bodyParagraph([run(`Các cơ quan, đơn vị chưa nêu ${what} trong kỳ.`)]);
  if (causes.length === 0) {
    return [headingParagraph(SECTION_TITLES.shortcomings, { before: 12 }), ...(shortcomings.length > 0 ? shortcomings.map(saidParagraph) : [none('tồn tại, hạn chế')])];
  }
  return [
    headingParagraph(SECTION_TITLES.shortcomingsAndCauses, { before: 12 }),
    headingParagraph(SECTION_TITLES.shortcomingsPart),
    ...(shortcomings.length > 0 ? shortcomings.map(saidParagraph) : [none('tồn tại, hạn chế')]),
    headingParagraph(SECTION_TITLES.causesPart),
    ...causes.map(saidParagraph),
  ];
}

function nextPart(c: Consolidation, plan: PlanDetail, organization: Organization): Paragraph[] {
  const out = [headingParagraph(SECTION_TITLES.next, { before: 12 })];
  const open = c.tasks
    .map((t, index) => ({ t, index }))
    .filter(({ t }) => t.statusCounts.inProgress + t.statusCounts.notStarted + t.statusCounts.noReport > 0);
  const plainTitle = `Kế hoạch số ${plan.plan.number}`;
  if (open.length > 0) {
    out.push(bodyParagraph([run(`${organization.name} tiếp tục chỉ đạo các cơ quan, đơn vị thực hiện các nhiệm vụ theo ${plainTitle}, tập trung vào các nhiệm vụ chưa hoàn thành:`)]));
    for (const { t, index } of open) out.push(bodyParagraph([run(`- Nhiệm vụ ${index + 1}: ${t.title}.`)]));
  } else {
    out.push(bodyParagraph([run(`Các cơ quan, đơn vị được giao đã báo cáo hoàn thành các nhiệm vụ của kỳ; ${organization.name} tiếp tục chỉ đạo duy trì kết quả theo ${plainTitle}.`)]));
  }
  const n = c.completeness.counts;
  if (n.missing + n.returned > 0) {
    out.push(bodyParagraph([run(`- Đôn đốc các cơ quan, đơn vị ${receipt('missing')} báo cáo hoặc có báo cáo bị ${receipt('returned')} hoàn thành, gửi báo cáo theo quy định.`)]));
  }
  return out;
}

function proposalsPart(c: Consolidation, order: readonly string[]): Paragraph[] {
  const proposals = gather(c.tasks, order, (r) => r.proposals);
  return [
    headingParagraph(SECTION_TITLES.proposals, { before: 12 }),
    ...(proposals.length > 0 ? proposals.map(saidParagraph) : [bodyParagraph([run('Các cơ quan, đơn vị chưa có kiến nghị, đề xuất trong kỳ.')])]),
  ];
}

function completenessPart(c: Consolidation): Paragraph[] {
  const { counts: n, agencies, period } = c.completeness;
  const named = (state: string) => agencies.filter((a) => a.state === state);
  const late = named('late');
  const returned = named('returned');
  const missing = named('missing');
  const incomplete = agencies.filter((a) => (a.state === 'on_time' || a.state === 'late') && a.complete === false);
  const out = [headingParagraph(SECTION_TITLES.completeness, { before: 12 })];
  const received = [`${n.onTime} ${receipt('on_time')}`, ...(n.late > 0 ? [`${n.late} ${receipt('late')} (${late.map((a) => `${a.name}, nhận ngày ${formatDateVi(a.receivedOn)}`).join('; ')})`] : [])];
  out.push(
    bodyParagraph([
      run(`Kỳ báo cáo có ${n.expected} cơ quan, đơn vị phải gửi báo cáo, hạn gửi ngày ${formatDateVi(period.due)}. Đã nhận ${n.received}/${n.expected} báo cáo: ${received.join(', ')}.`),
    ]),
  );
  if (incomplete.length > 0) {
    out.push(bodyParagraph([run(`${n.incomplete} báo cáo còn để trống một số chỉ tiêu hoặc nhiệm vụ: ${incomplete.map((a) => a.name).join(', ')}.`)]));
  }
  if (returned.length > 0) out.push(bodyParagraph([run(`${n.returned} báo cáo bị ${receipt('returned')}: ${returned.map((a) => a.name).join(', ')}.`)]));
  if (missing.length > 0) out.push(bodyParagraph([run(`${n.missing} cơ quan, đơn vị ${receipt('missing')} báo cáo: ${missing.map((a) => a.name).join(', ')}.`)]));
  return out;
}

// ---- the document ----

function opening(input: ReportInput): Paragraph {
  const { plan, consolidation: c, organization } = input;
  const n = c.completeness.counts;
  const planTitle = nfc(plan.plan.title).trim().replace(/^kế hoạch\s+/iu, '');
  const issued = plan.plan.issuedOn ? ` ngày ${formatDateVi(plan.plan.issuedOn)}` : '';
  return bodyParagraph([
    run(
      `Thực hiện Kế hoạch số ${plan.plan.number}${issued} của ${organization.name} về ${inSentence(planTitle)}, trên cơ sở báo cáo của các cơ quan, đơn vị (đã nhận ${n.received}/${n.expected} báo cáo; số liệu từ ngày ${formatDateVi(c.period.from)} đến ngày ${formatDateVi(c.period.to)}), ${organization.name} báo cáo kết quả thực hiện nhiệm vụ cải cách tư pháp ${inSentence(c.period.label)} như sau:`,
    ),
  ]);
}

function titleBlock(periodLabel: string, style: Organization['headingStyle']): Paragraph[] {
  return [
    centredLine([run('BÁO CÁO', { bold: true, size: 15 })], { spacing: { before: 360, after: 0 } }),
    centredLine([run(capitalised(reportTitle(periodLabel).replace(/^Báo cáo\s+/u, '')), { bold: true })]),
    // 36-HD/VPTW puts five dashes under the title; Nghị định 30 a short rule (a third of the title's line).
    ...(style === 'party' ? [centredLine([run('-----')])] : [ruleParagraph(TEXT_WIDTH, Math.round(TEXT_WIDTH / 4))]),
    centredLine([], { spacing: { before: 0, after: 120 } }),
  ];
}

export async function buildReportDocument(input: ReportInput): Promise<Uint8Array> {
  const { organization, consolidation: c, plan } = input;
  const style = organization.headingStyle;
  const order = c.completeness.agencies.map((a) => a.code);
  const children: (Paragraph | Table)[] = [
    headingTable({ organization, numberText: documentNumberLine(input.number, 'BC', issuerSymbol(plan.plan.number), style), date: input.date }),
    ...titleBlock(c.period.label, style),
    opening(input),
    headingParagraph(SECTION_TITLES.results, { before: 12 }),
    ...c.tasks.flatMap((task, index) => taskSection(task, index, c, plan)),
    ...shortcomingsPart(c, order),
    ...nextPart(c, plan, organization),
    ...proposalsPart(c, order),
    ...completenessPart(c),
    bodyParagraph([run(`Trên đây là báo cáo kết quả thực hiện nhiệm vụ cải cách tư pháp ${inSentence(c.period.label)} của ${organization.name}${style === 'party' ? '.' : './.'}`)], { spacing: { before: 120, after: 240 }, keepNext: true, keepLines: true }),
    // Kept with the closing line above, so the signature never stands on a page alone.
    signatureBlock({ style, signer: input.signer, recipients: input.recipients }),
  ];
  const title = reportTitle(c.period.label);
  return packDocument(officeDocument(children, { title, creator: organization.name }));
}

