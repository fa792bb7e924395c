// The foot of an office document: "Nơi nhận:" and its list on the left, the signer on
// the right (capacity, title, room for the signature and the seal, name), side by
// side in a borderless table, from the settings (Cài đặt: signer, recipients).
// Party documents (36-HD/VPTW) underline "Nơi nhận:" and set it upright; State
// documents (Nghị định 30/2020) set it in bold italics, the list in 11 pt.
import { AlignmentType, Paragraph, Table, TableBorders, TableCell, TableRow, VerticalAlign, WidthType } from 'docx';
import type { HeadingStyle } from '../../shared/document-heading';
import type { Settings } from '../../shared/settings';
import { nfc } from '../../shared/text';
import { TEXT_WIDTH, centredLine, run } from './document-layout';

export const RECIPIENTS_LABEL = 'Nơi nhận:';

/** Room for the signature and the seal between the title and the name: five empty lines, about 3 cm. */
const SIGNATURE_SPACE = 5;

/** "- Lưu Văn phòng." from "Lưu Văn phòng.": the list's dash, added once. */
export function recipientLine(line: string): string {
  const text = nfc(line).trim();
  return /^[-–+•]/u.test(text) ? text.replace(/^[-–+•]\s*/u, '- ') : `- ${text}`;
}

export interface SignatureInput {
  style: HeadingStyle;
  signer: Settings['signer'];
  recipients: readonly string[];
}

function cell(children: Paragraph[], width: number): TableCell {
  return new TableCell({ children, width: { size: width, type: WidthType.DXA }, verticalAlign: VerticalAlign.TOP, borders: TableBorders.NONE });
}

export function signatureBlock(input: SignatureInput): Table {
  const left = Math.round(TEXT_WIDTH * 0.45);
  const right = TEXT_WIDTH - left;
  const party = input.style === 'party';
  const listSize = party ? 12 : 11;

  const recipients: Paragraph[] = [
    new Paragraph({
      spacing: { before: 0, after: 0 },
      children: [party ? run(RECIPIENTS_LABEL, { underline: true, size: 14 }) : run(RECIPIENTS_LABEL, { bold: true, italics: true, size: 12 })],
    }),
    ...input.recipients.map((line) => new Paragraph({ alignment: AlignmentType.LEFT, spacing: { before: 0, after: 0 }, children: [run(recipientLine(line), { size: listSize })] })),
  ];

  const signer: Paragraph[] = [];
  const { capacity, title, name } = input.signer;
  if (capacity.trim() !== '') signer.push(centredLine([run(nfc(capacity).trim().toLocaleUpperCase('vi'), { bold: true })]));
  if (title.trim() !== '') signer.push(centredLine([run(nfc(title).trim().toLocaleUpperCase('vi'), { bold: true })]));
  for (let i = 0; i < SIGNATURE_SPACE; i++) signer.push(centredLine([run('')]));
  // The name as set; with none set yet the line stays empty, for the signer to write in.
  signer.push(centredLine([run(nfc(name).trim(), { bold: true })]));

  return new Table({
    borders: TableBorders.NONE,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    rows: [new TableRow({ cantSplit: true, children: [cell(recipients, left), cell(signer, right)] })],
  });
}
