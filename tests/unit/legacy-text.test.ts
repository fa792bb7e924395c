import { describe, expect, it } from 'vitest';
import {
  convertTcvn3,
  convertVni,
  decodeLegacyText,
  detectLegacyByFont,
  isTcvn3UpperCaseFont,
  looksLikeTcvn3,
  looksLikeVni,
} from '../../shared/legacy-text';
import { TCVN3, VNI } from '../fixtures/legacy-workbooks';

// The standards' tables, written out letter by letter in the fixture, independent of how
// the module stores them.

/** The 67 lower-case Vietnamese letters outside ASCII. */
function vietnameseLowerLetters(): string[] {
  const tones = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
  const letters = new Set<string>(['đ']);
  for (const base of ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y']) {
    for (const tone of tones) {
      const letter = (base + tone).normalize('NFC');
      if (!/^[a-z]$/u.test(letter)) letters.add(letter);
    }
  }
  return [...letters];
}

/** Typing in an ABC font: capitals with tones have no byte, the H fonts show the lower-case slot as a capital. */
function encodeTcvn3(text: string, upperFont = false): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const byte = TCVN3[ch] ?? TCVN3[ch.toLowerCase()];
    if (byte !== undefined && (TCVN3[ch] !== undefined || upperFont)) out += String.fromCharCode(byte);
    else if (byte !== undefined) throw new Error(`"${ch}" has no TCVN3 byte outside an H font`);
    else out += upperFont ? ch.toLowerCase() : ch;
  }
  return out;
}

/** VNI keyboards write the mark in the base's case ("UÛY") or lower case ("Uûy"); both are accepted. */
function encodeVni(text: string, lowerMarks = false): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const lower = ch.toLowerCase();
    const code = VNI[lower];
    if (code === undefined) out += ch;
    else if (ch === lower) out += code;
    else out += code[0]!.toUpperCase() + (lowerMarks ? code.slice(1) : code.slice(1).toUpperCase());
  }
  return out;
}

const PHRASES = [
  'Công an tỉnh Lạng Sơn',
  'Tòa án nhân dân',
  'Viện Kiểm sát',
  'Thi hành án dân sự',
  'Đoàn Luật sư',
  'Ủy ban Mặt trận Tổ quốc Việt Nam',
  'Số vụ án hình sự đã thụ lý',
  'Báo cáo kết quả thực hiện nhiệm vụ trọng tâm công tác cải cách tư pháp',
];

describe('TCVN3 (ABC)', () => {
  const lower = vietnameseLowerLetters();

  it('has the 67 lower-case letters and 7 base capitals', () => {
    expect(lower).toHaveLength(67);
    expect(Object.keys(TCVN3)).toHaveLength(74);
  });

  it('decodes every lower-case letter and base capital in an ordinary font', () => {
    for (const letter of [...lower, 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ']) {
      expect(convertTcvn3(encodeTcvn3(letter)), letter).toBe(letter);
    }
  });

  it('decodes every capital letter through an upper-case (H) font', () => {
    const capitals = lower.map((l) => l.toUpperCase());
    expect(new Set(capitals).size).toBe(67);
    for (const letter of capitals) {
      expect(convertTcvn3(encodeTcvn3(letter, true), true), letter).toBe(letter);
    }
  });

  it('reads text as Excel shows it', () => {
    expect(convertTcvn3('C«ng an tØnh L¹ng S¬n')).toBe('Công an tỉnh Lạng Sơn');
    expect(convertTcvn3('Lµo Cai')).toBe('Lào Cai');
    expect(convertTcvn3('¸n')).toBe('án');
    expect(convertTcvn3('c«ng an tØnh l¹ng s¬n', true)).toBe('CÔNG AN TỈNH LẠNG SƠN');
  });

  it('round-trips real phrases', () => {
    for (const phrase of PHRASES) {
      const upper = phrase.toUpperCase();
      expect(convertTcvn3(encodeTcvn3(upper, true), true), upper).toBe(upper);
      if (phrase.startsWith('Ủy')) continue; // Ủ has no byte in an ordinary ABC font
      const result = convertTcvn3(encodeTcvn3(phrase));
      expect(result, phrase).toBe(phrase);
      expect(result.normalize('NFC')).toBe(result);
    }
  });

  it('leaves ASCII, digits and punctuation alone', () => {
    expect(convertTcvn3('NV2.01 - 1.234; (a) "b"')).toBe('NV2.01 - 1.234; (a) "b"');
  });
});

describe('VNI', () => {
  const lower = vietnameseLowerLetters();

  it('decodes every letter, both cases, marks in either case', () => {
    for (const letter of lower) {
      expect(convertVni(encodeVni(letter)), letter).toBe(letter);
      const capital = letter.toUpperCase();
      expect(convertVni(encodeVni(capital)), capital).toBe(capital);
      expect(convertVni(encodeVni(capital, true)), capital).toBe(capital);
    }
  });

  it('reads text as Excel shows it', () => {
    expect(convertVni('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam')).toBe('Cộng hòa xã hội chủ nghĩa Việt Nam');
    expect(convertVni('Uûy ban nhaân daân tænh')).toBe('Ủy ban nhân dân tỉnh');
    expect(convertVni('ÑOAØN LUAÄT SÖ')).toBe('ĐOÀN LUẬT SƯ');
    expect(convertVni('ñöôïc')).toBe('được');
  });

  it('round-trips real phrases', () => {
    for (const phrase of PHRASES) {
      expect(convertVni(encodeVni(phrase)), phrase).toBe(phrase);
      expect(convertVni(encodeVni(phrase.toUpperCase())), phrase).toBe(phrase.toUpperCase());
    }
  });
});

describe('detection', () => {
  it('knows the fonts', () => {
    expect(detectLegacyByFont('.VnTime')).toBe('tcvn3');
    expect(detectLegacyByFont('.VnArial')).toBe('tcvn3');
    expect(detectLegacyByFont('.VnTimeH')).toBe('tcvn3');
    expect(detectLegacyByFont('VNI-Times')).toBe('vni');
    expect(detectLegacyByFont('VNI-Helve')).toBe('vni');
    expect(detectLegacyByFont('Times New Roman')).toBeNull();
    expect(detectLegacyByFont('Calibri')).toBeNull();
    expect(detectLegacyByFont(undefined)).toBeNull();
    expect(isTcvn3UpperCaseFont('.VnTimeH')).toBe(true);
    expect(isTcvn3UpperCaseFont('.VnArial NarrowH')).toBe(true);
    expect(isTcvn3UpperCaseFont('.VnTime')).toBe(false);
    expect(isTcvn3UpperCaseFont('.VnArial Narrow')).toBe(false);
    expect(isTcvn3UpperCaseFont('Times New Roman')).toBe(false);
  });

  it('recognises legacy text by its characters', () => {
    for (const phrase of PHRASES) {
      const tcvn3 = phrase.startsWith('Ủy') ? encodeTcvn3(phrase.replace('Ủy', 'Uỷ')) : encodeTcvn3(phrase);
      expect(looksLikeTcvn3(tcvn3), tcvn3).toBe(true);
      expect(decodeLegacyText(tcvn3)?.encoding, tcvn3).toBe('tcvn3');
      const vni = encodeVni(phrase);
      expect(looksLikeVni(vni), vni).toBe(true);
      expect(decodeLegacyText(vni), vni).toEqual({ text: phrase, encoding: 'vni', by: 'statistics' });
    }
    expect(decodeLegacyText('C«ng an tØnh L¹ng S¬n')).toEqual({ text: 'Công an tỉnh Lạng Sơn', encoding: 'tcvn3', by: 'statistics' });
  });

  it('never flags ordinary Unicode Vietnamese or English', () => {
    const ordinary = [
      ...PHRASES,
      ...PHRASES.map((p) => p.normalize('NFD')),
      ...PHRASES.map((p) => p.toUpperCase()),
      'Tòa án', 'Có', 'Công an', 'Hoàn thành', 'Đang thực hiện', 'Chưa thực hiện', 'Không thuộc phạm vi',
      'Số liệu kỳ báo cáo', 'Lũy kế', 'Cùng kỳ', 'Tổng cộng', 'Ghi chú: số liệu tính đến 15/3/2022',
      'The quick brown fox jumps over the lazy dog', 'Report for Q1 2022 (draft)', 'café, naïve, résumé, Größe',
      '© 2022', '1.234,5', '85,5%', 'NV2.01', '',
    ];
    for (const text of ordinary) {
      expect(looksLikeTcvn3(text), text).toBe(false);
      expect(looksLikeVni(text), text).toBe(false);
      expect(decodeLegacyText(text), text).toBeNull();
    }
  });

  it('trusts the font, but not over Unicode letters', () => {
    expect(decodeLegacyText('Cã', '.VnTime')).toEqual({ text: 'Có', encoding: 'tcvn3', by: 'font' });
    expect(decodeLegacyText('c«ng an', '.VnTimeH')?.text).toBe('CÔNG AN');
    expect(decodeLegacyText('Vieät', 'VNI-Times')).toEqual({ text: 'Việt', encoding: 'vni', by: 'font' });
    // Unicode typed into an old template keeps its text.
    expect(decodeLegacyText('Công an tỉnh Lạng Sơn', '.VnTime')).toBeNull();
    expect(decodeLegacyText('Việt Nam', 'VNI-Times')).toBeNull();
    expect(decodeLegacyText('Report 2022', '.VnTime')).toBeNull();
  });
});

describe('TCVN3 headings typed in capitals in an ordinary font', () => {
  // VN3 has no byte for a capital with a tone: "TỈNH" typed in ".VnTime" is "TØNH" (lower-case ỉ).
  it('reads a word in capitals as capitals, a capitalised word as it is', () => {
    expect(convertTcvn3('C¤NG AN TØNH L¹NG S¥N')).toBe('CÔNG AN TỈNH LẠNG SƠN');
    expect(convertTcvn3('TßA ¸N NH¢N D¢N TØNH')).toBe('TÒA ÁN NHÂN DÂN TỈNH');
    expect(convertTcvn3('§¶NG Bé')).toBe('ĐẢNG Bộ');
    expect(convertTcvn3('Tõ ngµy 15/12/2021')).toBe('Từ ngày 15/12/2021');
    expect(convertTcvn3('Së T­ ph¸p')).toBe('Sở Tư pháp');
    expect(convertTcvn3('NV2.01 - 1.234; (a) "b"')).toBe('NV2.01 - 1.234; (a) "b"');
  });

  it('is recognised by its characters when the font was changed', () => {
    expect(decodeLegacyText('C¤NG AN TØNH L¹NG S¥N', 'Times New Roman')).toEqual({ text: 'CÔNG AN TỈNH LẠNG SƠN', encoding: 'tcvn3', by: 'statistics' });
    expect(decodeLegacyText('TßA ¸N NH¢N D¢N TØNH L¹NG S¥N')?.text).toBe('TÒA ÁN NHÂN DÂN TỈNH LẠNG SƠN');
  });
});
