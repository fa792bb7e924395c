// How the batch screen sends its files: the files dropped together in one call (the
// dry run), the commit of the batch in one call, each file's outcomes found again by
// its name. The Api answers a call's files in order, each outcome named by its file (the
// name as the Api's schema keeps it, trimmed), so a call holds no two files of one
// name; a batch that has some goes in as many calls as it needs, in its order.

/** The Api's own limit of files per call (shared/api/intake.ts). */
export const MAX_FILES_PER_CALL = 500;
/**
 * The bytes one call carries at most: browser mode takes 400 MB a request and the bytes
 * travel there as base64 (4/3), so a big batch goes in several calls rather than none.
 */
export const MAX_BYTES_PER_CALL = 64 * 1024 * 1024;

/** The name an outcome carries for a file sent under `name`. */
export function wireName(name: string): string {
  return name.trim();
}

/** The batch cut into calls, in order: no call holds two files of one name, nor more files or bytes than a call takes. */
export function callsOf<T extends { name: string }>(items: readonly T[], sizeOf: (item: T) => number = () => 0): T[][] {
  const calls: T[][] = [];
  let current: T[] = [];
  let names = new Set<string>();
  let bytes = 0;
  for (const item of items) {
    const name = wireName(item.name);
    const size = sizeOf(item);
    if (current.length > 0 && (names.has(name) || current.length >= MAX_FILES_PER_CALL || bytes + size > MAX_BYTES_PER_CALL)) {
      calls.push(current);
      current = [];
      names = new Set();
      bytes = 0;
    }
    current.push(item);
    names.add(name);
    bytes += size;
  }
  if (current.length > 0) calls.push(current);
  return calls;
}

/** Each file's outcomes, by its name (a workbook of several agencies has several). */
export function outcomesByFile<O extends { file: string }>(names: readonly string[], outcomes: readonly O[]): O[][] {
  return names.map((name) => outcomes.filter((o) => o.file === wireName(name)));
}
