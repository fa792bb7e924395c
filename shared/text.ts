// Vietnamese text rules shared by every layer (domain.md, "Vietnamese text and numbers").

/** Every stored or compared string goes through NFC first: files from older tools arrive decomposed. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/** Trimmed NFC with runs of white space folded: what we store from a typed or imported cell. */
export function cleanText(text: string): string {
  return nfc(text).replace(/\s+/gu, ' ').trim();
}

/**
 * A search key: no tone or vowel marks, đ as d, lower case, single spaces.
 * Stripping the marks also makes old and new tone placement ("Tòa"/"Toà", "Ủy"/"Uỷ")
 * fold to the same key, so neither spelling hides the other.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/đ/gu, 'd')
    .replace(/Đ/gu, 'D')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

/** True when every word of the query occurs, folded, in the text. */
export function matchesSearch(text: string, query: string): boolean {
  const needle = foldForSearch(query);
  if (needle === '') return true;
  const hay = foldForSearch(text);
  return needle.split(' ').every((word) => hay.includes(word));
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Vietnamese collation ("Đ" after "D", "Ư" after "U"), never code point order. */
export function compareVi(a: string, b: string): number {
  return collator.compare(a, b);
}

export function sortByVi<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((x, y) => compareVi(key(x), key(y)));
}
