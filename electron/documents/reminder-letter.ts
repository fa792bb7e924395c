// The reminder letter (công văn đôn đốc) to agencies that have not reported, or whose
// report was returned and not sent again: the period, the original due date and the
// new one, in the office's heading and signed as the report is. One letter may go to
// one agency or to all of them (the clerk chooses); the service checks the new due
// date is a working day before anything is written.
import { AlignmentType, Paragraph, type Table } from 'docx';
import type { Organization, Period, Plan } from '../../shared/domain';
import { RECEIPT_STATE_LABELS } from '../../shared/labels';
import { formatDateVi } from '../../shared/numbers';
import type { Settings } from '../../shared/settings';
import { nfc } from '../../shared/text';
import { asciiFilePart, bodyParagraph, inSentence, officeDocument, packDocument, run, twips } from './document-layout';
import { documentNumberLine, headingTable, issuerSymbol } from './document-heading';
import { signatureBlock } from './signature-block';

export interface Addressee {
  code: string;
  name: string;
  state: 'missing' | 'returned';
  /** Why the report was returned, as the clerk wrote it. */
  returnReason: string | null;
}

export interface ReminderInput {
  organization: Organization;
  signer: Settings['signer'];
  /** The settings' "Nơi nhận"; a letter keeps only its filing line (see letterRecipients). */
  recipients: readonly string[];
  plan: Pick<Plan, 'number' | 'issuedOn'>;
  period: Period;
  /** The standing office reports are sent through ("Ban Nội chính Tỉnh ủy"), if any. */
  standingOffice: string | null;
  addressees: readonly Addressee[];
  number: string | null;
  /** ISO dates: the letter's, and the new due date. */
  date: string;
  due: string;
}

export function reminderFileName(periodCode: string, agencyCode?: string): string {
  return `CongVanDonDoc_${asciiFilePart(periodCode)}${agencyCode ? `_${asciiFilePart(agencyCode)}` : ''}.docx`;
}

export function reminderSubject(periodLabel: string): string {
  return `V/v đôn đốc gửi báo cáo kết quả thực hiện nhiệm vụ cải cách tư pháp ${inSentence(periodLabel)}`;
}

/**
 * A letter goes to its addressees ("Như trên", for the "Kính gửi" above) and to the
 * office's file; the report's other recipients (the central committee, the provincial
 * standing committee) are not sent a reminder. The filing line is the settings' own.
 */
export function letterRecipients(recipients: readonly string[]): string[] {
  const filing = recipients.map((r) => nfc(r).trim().replace(/^[-–+•]\s*/u, '')).filter((r) => /^lưu\b/iu.test(r));
  return ['Như trên;', ...filing];
}

function addresseeBlock(addressees: readonly Addressee[]): Paragraph[] {
  if (addressees.length === 1) {
    return [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240 }, children: [run('Kính gửi: '), run(`${addressees[0]?.name ?? ''}.`)] })];
  }
  const indent = twips(40);
  return [
    new Paragraph({ spacing: { before: 240, after: 0 }, indent: { left: twips(20) }, children: [run('Kính gửi:')] }),
    ...addressees.map((a, i) => new Paragraph({ spacing: { before: 0, after: i === addressees.length - 1 ? 240 : 0 }, indent: { left: indent }, children: [run(`- ${a.name}${i === addressees.length - 1 ? '.' : ';'}`)] })),
  ];
}

function reasonText(a: Addressee): string {
  const reason = nfc(a.returnReason ?? '').trim().replace(/[.;]+$/u, '');
  return reason ? ` (lý do: ${reason})` : '';
}

/** The screens' words, inside a sentence: "chưa nộp", "trả lại để chỉnh sửa". */
const MISSING = inSentence(RECEIPT_STATE_LABELS.missing);
const RETURNED = inSentence(RECEIPT_STATE_LABELS.returned);

/** What each addressee owes, as of the letter's date. */
function standing(addressees: readonly Addressee[], date: string): string {
  const asOf = `Đến ngày ${formatDateVi(date)}`;
  if (addressees.length === 1) {
    const a = addressees[0] as Addressee;
    return a.state === 'missing'
      ? `${asOf}, ${a.name} ${MISSING} báo cáo.`
      : `Báo cáo của ${a.name} đã được ${RETURNED}${reasonText(a)}; ${inSentence(asOf)}, đơn vị chưa gửi lại báo cáo.`;
  }
  const missing = addressees.filter((a) => a.state === 'missing');
  const returned = addressees.filter((a) => a.state === 'returned');
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`${missing.length} cơ quan, đơn vị ${MISSING} báo cáo: ${missing.map((a) => a.name).join(', ')}`);
  if (returned.length > 0) {
    parts.push(`${returned.length} cơ quan, đơn vị có báo cáo bị ${RETURNED} nhưng chưa gửi lại: ${returned.map((a) => `${a.name}${reasonText(a)}`).join(', ')}`);
  }
  return `${asOf}, còn ${parts.join('; ')}.`;
}

export async function buildReminderLetter(input: ReminderInput): Promise<Uint8Array> {
  const { organization: org, period, plan, addressees } = input;
  const style = org.headingStyle;
  const through = input.standingOffice ? ` (qua ${input.standingOffice})` : '';
  const issued = plan.issuedOn ? ` ngày ${formatDateVi(plan.issuedOn)}` : '';
  const whom = addressees.length === 1 ? (addressees[0]?.name ?? '') : 'các cơ quan, đơn vị nêu trên';
  const end = style === 'party' ? '.' : './.';
  const children: (Paragraph | Table)[] = [
    headingTable({ organization: org, numberText: documentNumberLine(input.number, 'CV', issuerSymbol(plan.number), style), date: input.date, subject: reminderSubject(period.label) }),
    ...addresseeBlock(addressees),
    bodyParagraph([
      run(
        `Thực hiện Kế hoạch số ${plan.number}${issued} của ${org.name}, các cơ quan, đơn vị gửi báo cáo kết quả thực hiện nhiệm vụ cải cách tư pháp ${inSentence(period.label)} (số liệu từ ngày ${formatDateVi(period.from)} đến ngày ${formatDateVi(period.to)}) về Ban Chỉ đạo${through}; hạn gửi báo cáo là ngày ${formatDateVi(period.due)}.`,
      ),
    ]),
    bodyParagraph([run(standing(addressees, input.date))]),
    bodyParagraph([
      run(`Để kịp thời tổng hợp, báo cáo theo quy định, ${org.name} đề nghị ${whom} khẩn trương hoàn thành, gửi báo cáo về Ban Chỉ đạo${through} `),
      // The new due date never parts from its words at a line's end.
      run(`chậm nhất ngày\u00a0${formatDateVi(input.due)}`, { bold: true }),
      run(`${end}`),
    ]),
    new Paragraph({ spacing: { before: 120, after: 0 }, keepNext: true, children: [] }),
    signatureBlock({ style, signer: input.signer, recipients: letterRecipients(input.recipients) }),
  ];
  return packDocument(officeDocument(children, { title: reminderSubject(period.label), creator: org.name }));
}
