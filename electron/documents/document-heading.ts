// The heading block of the office's Word documents, as a borderless table of two
// columns (domain.md, "Documents the office sends on"). Its first row holds the issuing
// body on the left and the Party or national line on the right; its second row the
// number on the left and the place and date on the right, so the two lines stand side
// by side whatever the left block's height.
//
// Party (Hướng dẫn 36-HD/VPTW): superior body in caps, the issuing body in bold caps, a
// centred "*", then "Số 45-BC/BCĐ" (no colon); right: "ĐẢNG CỘNG SẢN VIỆT NAM" in bold
// caps with a rule under it, and the place and date in italics.
// State (Nghị định 30/2020/NĐ-CP): the issuing body with a short rule under it and
// "Số: 45/BC-BCĐ"; right: the national name and motto, the motto ruled as long as itself.
import { AlignmentType, BorderStyle, LineRuleType, Paragraph, Table, TableBorders, TableCell, TableRow, VerticalAlign, WidthType, type TextRun } from 'docx';
import type { Organization } from '../../shared/domain';
import { BLANK, NATIONAL_MOTTO, NATIONAL_NAME, PARTY_LINE, numberLine, placeAndDate, type HeadingStyle } from '../../shared/document-heading';
import { nfc } from '../../shared/text';
import { centredLine, run, twips } from './document-layout';

/**
 * Heading lines, in points: the bodies and the number at 13 (Party) or 12 (State, whose
 * national name leaves the left block less room; Nghị định 30 allows 12–13), the Party
 * line, the motto and the date at 13–14.
 */
const BODY_LINE: Record<HeadingStyle, number> = { party: 13, state: 12 };
const WIDE_LINE = 14;
const MOTTO_SIZE = 13;
/** The State's national name is the widest line; Nghị định 30 sets it at 12–13 pt. */
const NATIONAL_NAME_SIZE = 12;

/**
 * Column widths, in millimetres, wide enough that "BAN CHỈ ĐẠO CẢI CÁCH TƯ PHÁP" and the
 * national name each stay on one line. The State's national name needs more than the
 * text width leaves, so its table reaches a little into the (binding) left margin.
 */
const COLUMNS_MM: Record<HeadingStyle, { left: number; right: number; indent: number }> = {
  party: { left: 82, right: 83, indent: 0 },
  state: { left: 77, right: 93, indent: -5 },
};
const CELL_MARGIN = 108;

/**
 * Roughly how wide a line of Times New Roman is, in ems: enough to make a rule about
 * as long as the words above it, which is all 36-HD and Nghị định 30 ask.
 */
export function textWidthEm(text: string): number {
  let em = 0;
  for (const ch of nfc(text).normalize('NFD').replace(/[\u0300-\u036f]/gu, '')) {
    if (ch === ' ') em += 0.25;
    else if (/[IJ]/u.test(ch)) em += 0.39;
    else if (/[MW]/u.test(ch)) em += 0.94;
    else if (/[A-ZĐ]/u.test(ch)) em += 0.72;
    else if (/[ijlft]/u.test(ch)) em += 0.3;
    else if (/[mw]/u.test(ch)) em += 0.75;
    else if (/[a-zđ0-9]/u.test(ch)) em += 0.5;
    else em += 0.33;
  }
  return em;
}

/**
 * A rule of its own: the bottom border of an empty paragraph indented to the rule's
 * length, with a paragraph mark too small to add a line, so it sits just under the
 * line above. A border on the words' own paragraph would need the same indents and
 * would wrap them.
 */
export function ruleParagraph(width: number, ruleWidth: number): Paragraph {
  const indent = Math.max(0, Math.floor((width - Math.min(width, ruleWidth)) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 0, line: 40, lineRule: LineRuleType.EXACT },
    indent: { left: indent, right: indent },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    run: { size: 2 },
    children: [],
  });
}

/** A centred line and a rule under it, `share` of the words' own length (1 = as long as they are). */
function ruledLine(children: TextRun[], text: string, size: number, cellWidth: number, share = 1): Paragraph[] {
  return [centredLine(children), ruleParagraph(cellWidth, Math.round(textWidthEm(text) * size * 20 * share))];
}

function upper(text: string): string {
  return nfc(text).trim().toLocaleUpperCase('vi');
}

/** The issuing body's symbol from the plan's number: "BCĐ" of "08-KH/BCĐ" (Party) or of "12/KH-BCĐ" (State). */
export function issuerSymbol(planNumber: string | null | undefined): string | null {
  const m = /^([^/]*)\/(.+)$/u.exec(nfc(planNumber ?? '').trim());
  if (!m) return null;
  const [, before = '', after = ''] = m;
  const symbol = before.includes('-') ? after : after.includes('-') ? after.slice(after.indexOf('-') + 1) : after;
  // Only the symbol itself: "08-KH/BCĐ (dự thảo 2023)", a copied plan's number, gives "BCĐ".
  return /^[^\s(]+/u.exec(symbol.trim())?.[0] ?? null;
}

/**
 * The number line: the clerk's number and symbol as typed ("45-BC/BCĐ"), or, until the
 * document is registered, a blank for the number before the kind and the issuer's
 * symbol: "Số      -BC/BCĐ" (Party), "Số:      /BC-BCĐ" (State). A letter (công văn)
 * has no kind in the State's symbol: "Số:      /BCĐ".
 */
export function documentNumberLine(number: string | null | undefined, kind: 'BC' | 'CV', symbol: string | null, style: HeadingStyle): string {
  const given = nfc(number ?? '').trim();
  if (given !== '') return numberLine(given, style);
  if (!symbol) return numberLine(null, style);
  if (style === 'party') return `Số${BLANK}-${kind}/${symbol}`;
  return kind === 'CV' ? `Số:${BLANK}/${symbol}` : `Số:${BLANK}/${kind}-${symbol}`;
}

export interface HeadingInput {
  organization: Organization;
  /** The line built by documentNumberLine. */
  numberText: string;
  /** ISO date of the document. */
  date: string;
  /** A letter's subject ("V/v đôn đốc …"), under its number. */
  subject?: string;
}

function cell(children: Paragraph[], width: number): TableCell {
  return new TableCell({ children, width: { size: width, type: WidthType.DXA }, verticalAlign: VerticalAlign.TOP, borders: TableBorders.NONE });
}

/** The two-column heading table of a document of the organization's style. */
export function headingTable(input: HeadingInput): Table {
  const { organization: org } = input;
  const style = org.headingStyle;
  const mm = COLUMNS_MM[style];
  const left = twips(mm.left);
  const right = twips(mm.right);
  const leftText = left - 2 * CELL_MARGIN;
  const size = BODY_LINE[style];
  const rightText = right - 2 * CELL_MARGIN;

  const bodies: Paragraph[] = [];
  if (org.parentBody.trim() !== '') bodies.push(centredLine([run(upper(org.parentBody), { size })]));
  const issuing = upper(org.issuingBody);
  if (style === 'party') {
    bodies.push(centredLine([run(issuing, { bold: true, size })]));
    bodies.push(centredLine([run('*', { size })]));
  } else {
    // Nghị định 30: a rule a third to a half as long as the issuing body's name.
    bodies.push(...ruledLine([run(issuing, { bold: true, size })], issuing, size, leftText, 0.45));
  }

  const national: Paragraph[] =
    style === 'party'
      ? ruledLine([run(PARTY_LINE, { bold: true, size: WIDE_LINE })], PARTY_LINE, WIDE_LINE, rightText)
      : [
          centredLine([run(NATIONAL_NAME, { bold: true, size: NATIONAL_NAME_SIZE })]),
          ...ruledLine([run(NATIONAL_MOTTO, { bold: true, size: MOTTO_SIZE })], NATIONAL_MOTTO, MOTTO_SIZE, rightText),
        ];

  // A little air between the blocks and the number line, as on the office's paper.
  const numberLines: Paragraph[] = [centredLine([run(input.numberText, { size })], { spacing: { before: 120, after: 0 } })];
  if (input.subject) {
    numberLines.push(centredLine([run(input.subject, { size: 12, italics: style === 'party' })], { spacing: { before: 60, after: 0 } }));
  }
  const dateLine = [centredLine([run(placeAndDate(org.place, input.date, style), { italics: true, size: WIDE_LINE })], { spacing: { before: 120, after: 0 } })];

  return new Table({
    borders: TableBorders.NONE,
    width: { size: left + right, type: WidthType.DXA },
    columnWidths: [left, right],
    indent: { size: twips(mm.indent), type: WidthType.DXA },
    rows: [new TableRow({ children: [cell(bodies, left), cell(national, right)] }), new TableRow({ children: [cell(numberLines, left), cell(dateLine, right)] })],
  });
}
