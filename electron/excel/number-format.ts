// What a number format makes Excel show for a figure, as far as it can differ from the
// figure stored: a format can hide it (";;;"), put words or other digits in its place
// ('"15"', '0"5"') or divide it by a thousand ("#,##0,"). The agency then sees one
// number and the file holds another; the reader refuses such a cell rather than store
// what the agency did not see. Colours, padding, fills, thousands separators, decimals
// and percent (handled by the reader) change nothing that matters here.

/**
 * How a format shows a value differently from the value, or null when it shows the value.
 * 'duration': an elapsed time ("[h]:mm:ss" shows 10.5 as 252:00:00), which the reader
 * keeps as the number of days it stores (reader/styles.ts, isDateFormat).
 */
export type ShownDifference = { kind: 'hidden' } | { kind: 'replaced'; text: string } | { kind: 'scaled'; by: number } | { kind: 'duration' };

/** The format's sections, split on ";" outside quotes, escapes and brackets. */
function sections(format: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] ?? '';
    if (!quoted && !bracket && ch === '\\') {
      current += ch + (format[i + 1] ?? '');
      i++;
      continue;
    }
    if (!bracket && ch === '"') quoted = !quoted;
    else if (!quoted && ch === '[') bracket = true;
    else if (!quoted && ch === ']') bracket = false;
    if (!quoted && !bracket && ch === ';') {
      out.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  out.push(current);
  return out;
}

/** A section's placeholders and separators apart from what it writes literally. */
function parts(section: string): { code: string; literal: string; conditional: boolean; elapsed: boolean } {
  let code = '';
  let literal = '';
  let conditional = false;
  let elapsed = false;
  for (let i = 0; i < section.length; i++) {
    const ch = section[i] ?? '';
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const text = end < 0 ? section.slice(i + 1) : section.slice(i + 1, end);
      literal += text;
      i = end < 0 ? section.length : end;
    } else if (ch === '\\') {
      literal += section[i + 1] ?? '';
      i++;
    } else if (ch === '[') {
      const end = section.indexOf(']', i + 1);
      const inside = end < 0 ? '' : section.slice(i + 1, end);
      if (/^[<>=]/u.test(inside)) conditional = true;
      if (/^(?:h+|m+|s+)$/iu.test(inside)) elapsed = true;
      i = end < 0 ? section.length : end;
    } else if (ch === '_' || ch === '*') {
      // Padding the width of, or filling with, the next character: no text of its own that matters.
      i++;
    } else {
      code += ch;
    }
  }
  return { code, literal, conditional, elapsed };
}

const PLACEHOLDER = /[0#?]/u;

/**
 * What a number format shows for a number, when that is not the number: the section
 * Excel takes for its sign (positive; negative; zero), without conditions (a format
 * with conditions is not judged). A zero shown as a dash is how accounts write zero.
 */
export function shownDifference(format: string | undefined, value: number): ShownDifference | null {
  if (!format || format === 'General') return null;
  const all = sections(format).map(parts);
  if (all.some((s) => s.conditional)) return null;
  const pick = value > 0 ? all[0] : value < 0 ? (all[1] ?? all[0]) : (all[2] ?? all[0]);
  if (!pick) return null;
  if (pick.elapsed) return { kind: 'duration' };
  const general = /general/iu.test(pick.code);
  // "@" shows a number as General does.
  const placeholders = general || PLACEHOLDER.test(pick.code) || pick.code.includes('@');
  if (/\d/u.test(pick.literal)) return { kind: 'replaced', text: pick.literal.trim() };
  if (!placeholders) {
    const text = pick.literal.trim();
    if (value === 0 && /^[-–—\s]*$/u.test(text) && text !== '') return null;
    return text === '' ? { kind: 'hidden' } : { kind: 'replaced', text };
  }
  if (!general) {
    // A comma right after the last digit placeholder divides by a thousand, once per comma.
    const last = Math.max(pick.code.lastIndexOf('0'), pick.code.lastIndexOf('#'), pick.code.lastIndexOf('?'));
    const trailing = /^,+/u.exec(pick.code.slice(last + 1))?.[0].length ?? 0;
    if (trailing > 0) return { kind: 'scaled', by: 1000 ** trailing };
  }
  return null;
}
