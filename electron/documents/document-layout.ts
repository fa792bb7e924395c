// What every Word document the office sends shares (domain.md, "Documents the office
// sends on"): Times New Roman, A4 with the office margins (top/bottom/left/right
// 20/20/30/15 mm), page numbers centred at the top from page 2 on (the first page shows
// none), and text that Word will open. Both Hướng dẫn 36-HD/VPTW and Nghị định
// 30/2020 ask for the same page; only the heading differs (document-heading.ts).
import { AlignmentType, Document, Header, Packer, PageNumber, Paragraph, TextRun, type FileChild, type IParagraphOptions } from 'docx';
import { nfc } from '../../shared/text';

export const FONT_NAME = 'Times New Roman';
/** Body text, in points. */
export const BODY_SIZE = 14;

/** Twips (1/1440 inch) from millimetres, rounded as Word rounds them. */
export function twips(millimetres: number): number {
  return Math.round((millimetres * 1440) / 25.4);
}

/** A4 in twips: Word's own 11906 × 16838 (210 × 297 mm). */
export const A4 = { width: 11906, height: 16838 } as const;
export const MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;
export const MARGINS = {
  top: twips(MARGINS_MM.top),
  bottom: twips(MARGINS_MM.bottom),
  left: twips(MARGINS_MM.left),
  right: twips(MARGINS_MM.right),
  // The page number sits in the top margin, well clear of the first line.
  header: twips(10),
  footer: twips(10),
} as const;
/** The width text runs in, between the margins. */
export const TEXT_WIDTH = A4.width - MARGINS.left - MARGINS.right;

// XML 1.0 cannot carry these; a narrative holding one would make Word call the file corrupt.
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu;

/** Text ready for a run: NFC, without characters XML cannot hold. */
export function docText(text: string | null | undefined): string {
  return nfc(text ?? '').replace(NOT_IN_XML, '');
}

/** The lines of a narrative as an agency typed them, blank lines dropped. */
export function linesOf(text: string | null | undefined): string[] {
  return docText(text)
    .split(/\r\n|\r|\n/u)
    .map((line) => line.replace(/[ \t\u00a0]+/gu, ' ').trim())
    .filter((line) => line !== '');
}

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  /** In points. */
  size?: number;
}

export function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text: docText(text),
    bold: style.bold,
    italics: style.italics,
    underline: style.underline ? {} : undefined,
    size: style.size === undefined ? undefined : style.size * 2,
  });
}

/**
 * Line spacing, in 240ths of a line: 1.2 lines, so that the marks of stacked lines of
 * Vietnamese ("Cải" over "cách") never touch.
 */
const LINE = 288;

/** Points to twips, for paragraph spacing. */
const pt = (points: number): number => points * 20;

/** A body paragraph: justified, first line indented, 6 pt after, as the office's documents are set. */
export function bodyParagraph(children: TextRun[], options: Omit<IParagraphOptions, 'children'> = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: twips(12.7) },
    spacing: { before: 0, after: pt(6), line: LINE },
    ...options,
    children,
  });
}

/** A centred line of the heading, title or signature block. */
export function centredLine(children: TextRun[], options: Omit<IParagraphOptions, 'children'> = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 }, ...options, children });
}

/** A section heading ("I. KẾT QUẢ …", "1. Quán triệt …"): bold, kept with what follows. */
export function headingParagraph(text: string, options: { size?: number; before?: number } = {}): Paragraph {
  return bodyParagraph([run(text, { bold: true, size: options.size })], { keepNext: true, keepLines: true, spacing: { before: pt(options.before ?? 6), after: pt(6), line: LINE } });
}

export interface DocumentMeta {
  title: string;
  /** Who the file says made it: the issuing body. */
  creator: string;
}

/**
 * The document: one A4 section with the office margins; its first page has a header of
 * its own (empty), so the page number starts showing on page 2, centred in the top
 * margin as both 36-HD/VPTW and Nghị định 30/2020 place it.
 */
export function officeDocument(children: FileChild[], meta: DocumentMeta): Document {
  return new Document({
    title: docText(meta.title),
    creator: docText(meta.creator),
    styles: {
      default: {
        document: {
          run: { font: FONT_NAME, size: BODY_SIZE * 2, language: { value: 'vi-VN' } },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: A4.width, height: A4.height }, margin: MARGINS },
        },
        headers: {
          default: new Header({ children: [centredLine([new TextRun({ children: [PageNumber.CURRENT], size: BODY_SIZE * 2 })])] }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children,
      },
    ],
  });
}

export async function packDocument(document: Document): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(document));
}

/** "quý I năm 2022" from "Quý I năm 2022": a period's label inside a sentence. */
export function inSentence(label: string): string {
  const text = nfc(label).trim();
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

/** "Kết quả …" from "kết quả …": the first letter of a line, capitalised. */
export function capitalised(text: string): string {
  const t = nfc(text).trim();
  return t.charAt(0).toLocaleUpperCase('vi') + t.slice(1);
}

/** ASCII for a file name that survives USB sticks and mail: "Đình Lập" → "Dinh-Lap". */
export function asciiFilePart(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/đ/gu, 'd')
    .replace(/Đ/gu, 'D')
    .replace(/[^A-Za-z0-9-]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
}
