// Legacy Vietnamese encodings, as they arrive in workbooks (domain.md, "Vietnamese text
// and numbers"). Before Unicode, offices typed with 8-bit fonts: TCVN3 (ABC: ".VnTime",
// ".VnArial", …) and VNI ("VNI-Times", …). Excel kept the bytes and read them through
// Windows-1252, so a cell holds e.g. "C«ng an tØnh" where the clerk saw "Công an tỉnh".
// Everything here works on those Windows-1252 code points and returns NFC.
//
// TCVN3 here is the VN3 set that the ABC fonts implement: 67 lower-case letters and the
// seven base capitals (Ă Â Ê Ô Ơ Ư Đ) in single bytes 0xA1–0xFE. Capitals with tones
// have no byte of their own; the "…H" fonts (".VnTimeH") draw every slot as a capital,
// so text in such a font is decoded and then upper-cased. The VN1 extension (capitals in
// 0x80–0x9F) is not decoded: those bytes read as curly quotes and dashes in Windows-1252,
// and guessing them would corrupt ordinary punctuation.
//
// VNI writes a letter as its base plus one mark byte ("Vieät" = "Việt"); a few letters
// are single bytes (ơ "ô", ư "ö", đ "ñ", and the i family, ỵ "î").

export type LegacyEncoding = 'tcvn3' | 'vni';

const TONES = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const; // sắc, huyền, hỏi, ngã, nặng

function withTone(base: string, tone: number): string {
  return (base + (TONES[tone] ?? '')).normalize('NFC');
}

// ---------------------------------------------------------------------------------
// TCVN3

/** Byte → letter, bytes 0xA1…0xFE; "-" marks a byte VN3 leaves unused. */
const TCVN3_HIGH =
  'ĂÂÊÔƠƯĐăâêôơưđ------àảãáạ-ằẳẵắ-------ặầẩẫấậè-ẻẽéẹềểễếệìỉ---ĩíịò-ỏõóọồổỗốộờởỡớợù-ủũúụừửữứựỳỷỹýỵ';

const TCVN3_DECODE: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const letters = [...TCVN3_HIGH];
  letters.forEach((letter, i) => {
    if (letter !== '-') map.set(String.fromCharCode(0xa1 + i), letter);
  });
  return map;
})();

/** Fonts of the TCVN3 family whose every glyph is a capital (".VnTimeH", ".VnArialH"). */
export function isTcvn3UpperCaseFont(fontName: string | null | undefined): boolean {
  if (detectLegacyByFont(fontName) !== 'tcvn3') return false;
  const bare = (fontName ?? '').trim().replace(/(\s+(bold|italic|regular|narrow))+$/iu, '');
  return /H$/u.test(bare);
}

/** The bytes of the seven base capitals (Ă Â Ê Ô Ơ Ư Đ), and of their lower-case letters. */
const TCVN3_CAPITAL_BYTES = /[\u00a1-\u00a7]/u;
const TCVN3_LOWER_BASE_BYTES = /[\u00a8-\u00ae]/u;
/** What ends a word, for telling words typed in capitals. */
const WORD_BREAK = /[\s\d.,;:()"'/\-–]/u;

/**
 * A word typed in capitals in an ordinary ABC font: VN3 has no byte for a capital with a
 * tone, so "TỈNH" is typed "TØNH" and "ÁN" "¸N" (the lower-case ỉ, á). No lower-case letter
 * of its own and a capital after its first letter say the writer meant capitals; "Tõ"
 * (Từ) is a capitalised word, its one capital first.
 */
function isCapitalsWord(word: string): boolean {
  if (/[a-z]/u.test(word) || TCVN3_LOWER_BASE_BYTES.test(word)) return false;
  return [...word].slice(1).some((ch) => /[A-Z]/u.test(ch) || TCVN3_CAPITAL_BYTES.test(ch));
}

export function convertTcvn3(text: string, upperFont = false): string {
  let out = '';
  for (const ch of text) out += TCVN3_DECODE.get(ch) ?? ch;
  out = out.normalize('NFC');
  if (upperFont) return out.toUpperCase();
  // Decoding keeps every character in place, so the source's words line up with the result's.
  const source = [...text];
  const decoded = [...out];
  if (source.length !== decoded.length) return out;
  let result = '';
  let start = 0;
  for (let i = 0; i <= decoded.length; i++) {
    const ch = decoded[i];
    if (ch !== undefined && !WORD_BREAK.test(ch)) continue;
    const word = decoded.slice(start, i).join('');
    result += isCapitalsWord(source.slice(start, i).join('')) ? word.toUpperCase() : word;
    if (ch !== undefined) result += ch;
    start = i + 1;
  }
  return result;
}

// ---------------------------------------------------------------------------------
// VNI

const VNI_TONE_MARKS = ['ù', 'ø', 'û', 'õ', 'ï'];
const VNI_CIRCUMFLEX_MARKS = ['á', 'à', 'å', 'ã', 'ä']; // â, ê, ô with a tone
const VNI_BREVE_MARKS = ['é', 'è', 'ú', 'ü', 'ë']; // ă with a tone

/** base + lower-case mark → lower-case letter; the case of the result follows the base. */
const VNI_PAIRS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const tones = (base: string, letter: string, marks: readonly string[], count = 5): void => {
    for (let t = 0; t < count; t++) map.set(base + (marks[t] ?? ''), withTone(letter, t));
  };
  for (const v of ['a', 'e', 'o', 'u']) tones(v, v, VNI_TONE_MARKS);
  tones('y', 'y', VNI_TONE_MARKS, 4); // ỵ is the single byte "î"
  tones('ô', 'ơ', VNI_TONE_MARKS);
  tones('ö', 'ư', VNI_TONE_MARKS);
  for (const [v, hat] of [['a', 'â'], ['e', 'ê'], ['o', 'ô']] as const) {
    map.set(`${v}â`, hat);
    tones(v, hat, VNI_CIRCUMFLEX_MARKS);
  }
  map.set('aê', 'ă');
  tones('a', 'ă', VNI_BREVE_MARKS);
  return map;
})();

const VNI_SINGLES: ReadonlyMap<string, string> = new Map([
  ['í', 'í'], ['ì', 'ì'], ['æ', 'ỉ'], ['ó', 'ĩ'], ['ò', 'ị'],
  ['î', 'ỵ'], ['ô', 'ơ'], ['ö', 'ư'], ['ñ', 'đ'],
]);

function lowerOf(ch: string): string {
  return ch.toLowerCase();
}

function withCaseOf(model: string, letter: string): string {
  return model !== model.toLowerCase() ? letter.toUpperCase() : letter;
}

export function convertVni(text: string): string {
  const chars = [...text];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    const next = chars[i + 1];
    if (next !== undefined) {
      // Keyboards wrote the mark in either case ("Uûy", "UÛY"); the base decides.
      const pair = VNI_PAIRS.get(lowerOf(ch) + lowerOf(next));
      if (pair !== undefined) {
        out += withCaseOf(ch, pair);
        i++;
        continue;
      }
    }
    const single = VNI_SINGLES.get(lowerOf(ch));
    out += single !== undefined ? withCaseOf(ch, single) : ch;
  }
  return out.normalize('NFC');
}

// ---------------------------------------------------------------------------------
// Detection

export function detectLegacyByFont(fontName: string | null | undefined): LegacyEncoding | null {
  const name = (fontName ?? '').trim();
  if (/^\.vn/iu.test(name)) return 'tcvn3';
  if (/^vni[-\s_]/iu.test(name)) return 'vni';
  return null;
}

/**
 * Letters that only Unicode text has (ă, đ, ơ, ư, ạ…ỹ, combining marks): a string
 * holding one is already Unicode, whatever its font claims.
 */
const UNICODE_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]|[\u0300-\u036f]/u;

export function hasUnicodeVietnamese(text: string): boolean {
  return UNICODE_VIETNAMESE.test(text);
}

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?([aăâeêioôơuưy]{1,3})(ch|ng|nh|[cmnpt])?$/u;
/** The vowel groups Vietnamese spelling allows (without tone). */
const NUCLEI = new Set(
  ('a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ' +
    'ưa ưi ươ ưu yê iêu oai oao oay oeo uây uôi ươi ươu uyê uya uyu yêu').split(' '),
);

/** Lower case, Capitalised or CAPITALS: decoding the wrong way tends to give "ViƯt". */
function hasWordCase(word: string): boolean {
  const rest = word.slice(1);
  return rest === rest.toLowerCase() || word === word.toUpperCase();
}

/** The longest a Vietnamese syllable is (nghiêng: 7 letters), with room for a stray mark. */
const MAX_SYLLABLE = 12;

/** A rough test of Vietnamese syllable shape; plain English words often pass too, which is harmless. */
function isSyllable(word: string): boolean {
  if (word.length > MAX_SYLLABLE || !hasWordCase(word)) return false;
  const decomposed = word.toLowerCase().normalize('NFD');
  const tones = decomposed.match(TONE_MARKS)?.length ?? 0;
  if (tones > 1) return false;
  const m = SYLLABLE.exec(decomposed.replace(TONE_MARKS, '').normalize('NFC'));
  return m !== null && NUCLEI.has(m[2] ?? '');
}

const WORD = /[A-Za-z\u00a1-\u00ff]{1,64}/gu;
/**
 * How much of a text the statistics look at: enough words to tell an encoding, and a
 * bound that keeps detection linear (and its regular expressions short) on any input.
 */
const SAMPLE_CHARS = 20_000;

/**
 * Character statistics: how many words that are not Vietnamese syllables as they stand
 * become syllables once decoded. Words that read as syllables both ways ("vô" / "vụ")
 * tell nothing and are left out. Zero unless most of the telling words gain and none
 * loses, so text already in Unicode Vietnamese or plain English scores zero: its words
 * are syllables (or unchanged) before decoding.
 */
function decodingGain(text: string, decode: (word: string) => string): number {
  if (hasUnicodeVietnamese(text)) return 0;
  let telling = 0;
  let gained = 0;
  let lost = 0;
  for (const word of text.slice(0, SAMPLE_CHARS).match(WORD) ?? []) {
    const decoded = decode(word);
    if (decoded === word) continue;
    const before = isSyllable(word);
    const after = isSyllable(decoded);
    if (before && after) continue;
    telling++;
    // A lone symbol ("©", "µ") proves nothing on its own, though it may be "ở" or "à".
    if (!before && after && [...word].length > 1) gained++;
    if (before && !after) lost++;
  }
  return gained >= 1 && lost === 0 && gained >= Math.ceil(telling * 0.6) ? gained : 0;
}

export function looksLikeTcvn3(text: string): boolean {
  return decodingGain(text, (w) => convertTcvn3(w)) > 0;
}

export function looksLikeVni(text: string): boolean {
  return decodingGain(text, convertVni) > 0;
}

export interface LegacyDecoding {
  text: string;
  encoding: LegacyEncoding;
  /** How the encoding was recognised: the cell's font, or the characters themselves. */
  by: 'font' | 'statistics';
}

/**
 * Decodes legacy text when the font or the characters say so; null when the text is
 * (or must be taken as) Unicode already. A legacy font with Unicode-only letters in the
 * text means someone typed Unicode into an old template: the text wins over the font.
 */
export function decodeLegacyText(text: string, fontName?: string | null): LegacyDecoding | null {
  if (text === '' || hasUnicodeVietnamese(text)) return null;
  const byFont = detectLegacyByFont(fontName);
  if (byFont === 'tcvn3') {
    const decoded = convertTcvn3(text, isTcvn3UpperCaseFont(fontName));
    return decoded !== text ? { text: decoded, encoding: 'tcvn3', by: 'font' } : null;
  }
  if (byFont === 'vni') {
    const decoded = convertVni(text);
    return decoded !== text ? { text: decoded, encoding: 'vni', by: 'font' } : null;
  }
  // Some VNI words also read as TCVN3 syllables (and the reverse): the encoding that
  // explains more words wins, VNI on a tie because its two-byte forms are the more telling.
  const vni = decodingGain(text, convertVni);
  const tcvn3 = decodingGain(text, (w) => convertTcvn3(w));
  if (vni > 0 && vni >= tcvn3) return { text: convertVni(text), encoding: 'vni', by: 'statistics' };
  if (tcvn3 > 0) return { text: convertTcvn3(text), encoding: 'tcvn3', by: 'statistics' };
  return null;
}

export const LEGACY_ENCODING_LABELS: Record<LegacyEncoding, string> = {
  tcvn3: 'TCVN3 (ABC)',
  vni: 'VNI',
};
