// Reads a .docx back the way a test needs it: its parts unzipped, its body as a list
// of paragraphs and tables with their text and the XML they came from. The documents
// the app writes are flat (paragraphs, and tables of paragraphs), so plain patterns on
// the WordprocessingML are enough; anything unexpected fails the test that reads it.
import { strFromU8, unzipSync } from 'fflate';

export interface Docx {
  files: Record<string, Uint8Array>;
  part(name: string): string;
  document: string;
  styles: string;
}

export function readDocx(bytes: Uint8Array): Docx {
  const files = unzipSync(bytes);
  const part = (name: string): string => {
    const found = files[name];
    if (!found) throw new Error(`The .docx has no part ${name}; it has ${Object.keys(files).join(', ')}`);
    return strFromU8(found);
  };
  return { files, part, document: part('word/document.xml'), styles: part('word/styles.xml') };
}

export function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&apos;/gu, "'")
    .replace(/&#(\d+);/gu, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/gu, '&');
}

export interface Run {
  text: string;
  bold: boolean;
  italics: boolean;
  underline: boolean;
  /** In points, when the run sets its own. */
  size: number | null;
}

export interface Para {
  xml: string;
  text: string;
  runs: Run[];
  /** Whether the paragraph has a bottom border (a rule). */
  ruled: boolean;
}

function flag(rPr: string, tag: string): boolean {
  const m = new RegExp(`<w:${tag}(?: w:val="([^"]*)")?/>`, 'u').exec(rPr);
  return m !== null && m[1] !== 'false' && m[1] !== '0' && m[1] !== 'none';
}

export function runsOf(paragraphXml: string): Run[] {
  const runs: Run[] = [];
  for (const m of paragraphXml.matchAll(/<w:r>(.*?)<\/w:r>/gsu)) {
    const body = m[1] ?? '';
    const rPr = /<w:rPr>(.*?)<\/w:rPr>/su.exec(body)?.[1] ?? '';
    const text = [...body.matchAll(/<w:t(?: [^>]*)?>(.*?)<\/w:t>/gsu)].map((t) => unescapeXml(t[1] ?? '')).join('');
    const size = /<w:sz w:val="(\d+)"\/>/u.exec(rPr)?.[1];
    runs.push({ text, bold: flag(rPr, 'b'), italics: flag(rPr, 'i'), underline: flag(rPr, 'u'), size: size ? Number(size) / 2 : null });
  }
  return runs;
}

export function paragraphsOf(xml: string): Para[] {
  return [...xml.matchAll(/<w:p(?:>(.*?)<\/w:p>|\/>| [^>]*\/>| [^>]*>(.*?)<\/w:p>)/gsu)].map((m) => {
    const inner = m[0];
    const runs = runsOf(inner);
    const pPr = /<w:pPr>(.*?)<\/w:pPr>/su.exec(inner)?.[1] ?? '';
    return { xml: inner, text: runs.map((r) => r.text).join(''), runs, ruled: /<w:pBdr>.*<w:bottom w:val="single"/su.test(pPr) };
  });
}

/** The body's top-level tables, in order (the app never nests them). */
export function tablesOf(xml: string): string[] {
  return [...xml.matchAll(/<w:tbl>(.*?)<\/w:tbl>/gsu)].map((m) => m[0]);
}

/** A table's rows, each a list of cells, each the XML of the cell. */
export function cellsOf(tableXml: string): string[][] {
  return [...tableXml.matchAll(/<w:tr>(.*?)<\/w:tr>/gsu)].map((row) => [...(row[1] ?? '').matchAll(/<w:tc>(.*?)<\/w:tc>/gsu)].map((c) => c[1] ?? ''));
}

/** The body with its tables taken out, so its paragraphs are the text between them. */
export function bodyWithoutTables(documentXml: string): string {
  return documentXml.replace(/<w:tbl>.*?<\/w:tbl>/gsu, '');
}

/** Text as the reader sees it: no-break spaces as spaces. */
export function plain(text: string): string {
  return text.replace(/\u00a0/gu, ' ');
}
