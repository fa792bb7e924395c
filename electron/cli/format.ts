// Human output of the command line: aligned tables and wrapped paragraphs, Vietnamese.
// Text is NFC, so one precomposed letter is one column on a terminal.

export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
  /** Wrap cells wider than this onto more lines. */
  max?: number;
}

function width(text: string): number {
  return [...text.normalize('NFC')].length;
}

function pad(text: string, size: number, align: Align): string {
  const gap = ' '.repeat(Math.max(0, size - width(text)));
  return align === 'right' ? gap + text : text + gap;
}

export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/u).filter(Boolean)) {
    if (line && width(line) + 1 + width(word) > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

export function table(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const wrapped = rows.map((row) => columns.map((c, i) => (c.max ? wrap(row[i] ?? '', c.max) : [row[i] ?? ''])));
  const widths = columns.map((c, i) => Math.max(width(c.header), ...wrapped.map((r) => Math.max(...(r[i] ?? ['']).map(width)))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => pad(cell, widths[i] ?? 0, columns[i]?.align ?? 'left'))
      .join('  ')
      .trimEnd();
  const out = [line(columns.map((c) => c.header)), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const row of wrapped) {
    const height = Math.max(...row.map((cell) => cell.length));
    for (let k = 0; k < height; k++) out.push(line(row.map((cell) => cell[k] ?? '')));
  }
  return out.join('\n');
}

export function paragraph(text: string, indent = 0, max = 96): string {
  const prefix = ' '.repeat(indent);
  return wrap(text, max - indent)
    .map((l) => prefix + l)
    .join('\n');
}

/**
 * The last line of `import`: how many files, not reports (a workbook holding several
 * agencies' reports is one file, refused if any of its reports is), in words that fit a
 * dry run, where nothing is received.
 */
export function importSummary(outcomes: readonly { file: string; ok: boolean }[], dryRun: boolean): string {
  const files = new Map<string, boolean>();
  for (const o of outcomes) files.set(o.file, (files.get(o.file) ?? true) && o.ok);
  const total = files.size;
  const refused = [...files.values()].filter((ok) => !ok).length;
  return dryRun
    ? `${total} tệp đã kiểm tra: ${total - refused} tệp hợp lệ hoặc đã nhập trước đây, ${refused} tệp bị từ chối. Chưa nhận tệp nào (--dry-run).`
    : `${total} tệp: ${total - refused} tệp được nhận hoặc đã nhập trước đây, ${refused} tệp bị từ chối.`;
}
