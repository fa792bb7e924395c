// Chart axis labels that wrap instead of being cut: Chart.js draws an array of strings
// as lines, so a long task name ("NV5. Nâng cao chất lượng giám sát…") stays whole.

/** Lines of at most `width` characters, split at spaces; a longer word is broken. */
export function wrapLabel(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const raw of text.split(/\s+/u).filter(Boolean)) {
    let word = raw;
    while (word.length > width) {
      if (line) lines.push(line);
      line = '';
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (!word) continue;
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
