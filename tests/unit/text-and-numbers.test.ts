// Vietnamese text and numbers (domain.md, "Vietnamese text and numbers"): search that
// folds diacritics and tone placement, Vietnamese collation, reading and showing numbers.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanText, compareVi, foldForSearch, matchesSearch, nfc, sortByVi } from '../../shared/text';
import { formatDateVi, formatNumber, parseVietnameseNumber } from '../../shared/numbers';
import { call, cleanupTempDirs, openTestApp, refuse, VIETNAMESE } from '../helpers/app';

afterAll(cleanupTempDirs);

describe('search folding', () => {
  it('drops tone and vowel marks, maps đ/Đ to d, lower-cases and folds spaces', () => {
    expect(foldForSearch('Lạng Sơn')).toBe('lang son');
    expect(foldForSearch('Đình Lập')).toBe('dinh lap');
    expect(foldForSearch('đường  ĐÈO\tKhau   Phạ ')).toBe('duong deo khau pha');
    expect(foldForSearch('Ưu tiên Ơn Ấm')).toBe('uu tien on am');
  });

  it('old and new tone placement fold to the same key', () => {
    expect(foldForSearch('Tòa án')).toBe('toa an');
    expect(foldForSearch('Toà án')).toBe('toa an');
    expect(foldForSearch('Ủy ban')).toBe(foldForSearch('Uỷ ban'));
    expect(foldForSearch('thủy')).toBe(foldForSearch('thuỷ'));
    expect(foldForSearch('hóa')).toBe(foldForSearch('hoá'));
  });

  it('decomposed (NFD) text folds like composed text', () => {
    const decomposed = 'Tòa án nhân dân tỉnh Lạng Sơn'.normalize('NFD');
    expect(decomposed).not.toBe('Tòa án nhân dân tỉnh Lạng Sơn');
    expect(foldForSearch(decomposed)).toBe('toa an nhan dan tinh lang son');
  });

  it('matchesSearch finds every word of the query, marks or not', () => {
    expect(matchesSearch('Thành ủy Lạng Sơn', 'lang son')).toBe(true);
    expect(matchesSearch('Thành ủy Lạng Sơn', 'LẠNG SƠN')).toBe(true);
    expect(matchesSearch('Tòa án nhân dân tỉnh', 'toa an')).toBe(true);
    expect(matchesSearch('Toà án nhân dân khu vực 1', 'toa an')).toBe(true);
    expect(matchesSearch('Toà án nhân dân khu vực 1', 'tòa án')).toBe(true);
    expect(matchesSearch('Tòa án nhân dân tỉnh', 'toà án')).toBe(true);
    expect(matchesSearch('Ủy ban Mặt trận Tổ quốc', 'uy ban')).toBe(true);
    expect(matchesSearch('Uỷ ban nhân dân tỉnh', 'uy ban')).toBe(true);
    expect(matchesSearch('Huyện ủy Đình Lập', 'dinh lap')).toBe(true);
    expect(matchesSearch('Huyện ủy Đình Lập', 'lap dinh')).toBe(true);
    expect(matchesSearch('Huyện ủy Đình Lập', 'van lang')).toBe(false);
    expect(matchesSearch('Công an tỉnh', '')).toBe(true);
    expect(matchesSearch('Công an tỉnh', '   ')).toBe(true);
  });

  it('nfc and cleanText store one form', () => {
    const decomposed = 'Huyện ủy Văn Lãng'.normalize('NFD');
    expect(nfc(decomposed)).toBe('Huyện ủy Văn Lãng');
    expect(cleanText(`  ${decomposed}\n  (cũ)  `)).toBe('Huyện ủy Văn Lãng (cũ)');
  });
});

describe('Vietnamese collation', () => {
  const codePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  it('puts Đ after D and before G, where code point order puts it after everything', () => {
    const names = ['Gia', 'Đình Lập', 'Dương', 'Bắc Sơn'];
    expect(sortByVi(names, (x) => x)).toEqual(['Bắc Sơn', 'Dương', 'Đình Lập', 'Gia']);
    expect([...names].sort(codePoint)).toEqual(['Bắc Sơn', 'Dương', 'Gia', 'Đình Lập']);
    expect(compareVi('Đình Lập', 'Dương')).toBeGreaterThan(0);
    expect(compareVi('Đình Lập', 'Gia')).toBeLessThan(0);
  });

  it('puts Ư after U and before V, Ă and Â after A, Ơ and Ô after O', () => {
    expect(compareVi('Ư', 'U')).toBeGreaterThan(0);
    expect(compareVi('Ưu', 'Uz')).toBeGreaterThan(0);
    expect(compareVi('Ư', 'V')).toBeLessThan(0);
    expect(sortByVi(['Ân', 'Ăn', 'Az', 'An'], (x) => x)).toEqual(['An', 'Az', 'Ăn', 'Ân']);
    expect(sortByVi(['Ơn', 'Ôn', 'Oz'], (x) => x)).toEqual(['Oz', 'Ôn', 'Ơn']);
    expect([...['Bắc Sơn', 'Bình Gia'].sort(codePoint)]).toEqual(['Bình Gia', 'Bắc Sơn']);
    expect(sortByVi(['Bình Gia', 'Bắc Sơn'], (x) => x)).toEqual(['Bắc Sơn', 'Bình Gia']);
  });

  it('numbers in names sort as numbers', () => {
    expect(sortByVi(['Khu vực 10', 'Khu vực 2', 'Khu vực 1'], (x) => x)).toEqual(['Khu vực 1', 'Khu vực 2', 'Khu vực 10']);
  });

  it('sortByVi does not change its input', () => {
    const input = ['Gia', 'Đình Lập'];
    sortByVi(input, (x) => x);
    expect(input).toEqual(['Gia', 'Đình Lập']);
  });
});

describe('reading numbers typed as text', () => {
  it.each([
    ['1.234', 1234, false],
    ['1.234.567', 1234567, false],
    ['1.234,5', 1234.5, false],
    ['1.234.567,89', 1234567.89, false],
    ['(1.234)', -1234, false],
    ['-12', -12, false],
    ['−12', -12, false],
    ['85,5%', 85.5, true],
    ['100%', 100, true],
    ['(85,5%)', -85.5, true],
    ['12,5', 12.5, false],
    ['0,75', 0.75, false],
    ['1234', 1234, false],
    ['0', 0, false],
    [' 1 234 ', 1234, false],
    ['1\u00a0234,5', 1234.5, false],
    ['1,2345', 1.2345, false],
  ])('"%s" is %d (percent: %s)', (raw, value, percent) => {
    const parsed = parseVietnameseNumber(raw);
    expect(parsed).toEqual({ ok: true, value, percent });
  });

  it.each([
    // Either convention could be meant: flagged for the clerk, never guessed.
    ['1,234', 'ambiguous'],
    ['1.5', 'ambiguous'],
    ['1.23', 'ambiguous'],
    ['1.2345', 'ambiguous'],
    ['1,234.5', 'ambiguous'],
    ['12.34,5', 'ambiguous'],
    ['mười hai', 'not-a-number'],
    ['12 vụ', 'not-a-number'],
    ['abc', 'not-a-number'],
    ['1,2,3', 'not-a-number'],
    ['()', 'not-a-number'],
    ['%', 'not-a-number'],
    ['--5', 'not-a-number'],
    ['', 'empty'],
    ['   ', 'empty'],
  ])('"%s" is not read as a number (%s)', (raw, reason) => {
    expect(parseVietnameseNumber(raw)).toEqual({ ok: false, reason });
  });
});

describe('showing numbers and dates the vi-VN way', () => {
  it('groups with dots and uses a decimal comma', () => {
    expect(formatNumber(1234567.8)).toBe('1.234.567,8');
    expect(formatNumber(1234567.8, 'decimal')).toBe('1.234.567,8');
    expect(formatNumber(1234567, 'integer')).toBe('1.234.567');
    expect(formatNumber(1234, 'integer')).toBe('1.234');
    expect(formatNumber(0.1 + 0.2)).toBe('0,3');
    expect(formatNumber(-1234.5)).toBe('-1.234,5');
    expect(formatNumber(0, 'integer')).toBe('0');
  });

  it('percents carry one decimal at most and a % sign', () => {
    expect(formatNumber(85.7, 'percent')).toBe('85,7%');
    expect(formatNumber(85.71428, 'percent')).toBe('85,7%');
    expect(formatNumber(60, 'percent')).toBe('60%');
    expect(formatNumber(100, 'percent')).toBe('100%');
  });

  it('shows nothing for a missing figure', () => {
    expect(formatNumber(null)).toBe('');
    expect(formatNumber(undefined)).toBe('');
    expect(formatNumber(Number.NaN)).toBe('');
  });

  it('formats what it reads back to the same number', () => {
    for (const n of [0, 7, 1234, 1234.5, 1234567.89, 999999]) {
      const parsed = parseVietnameseNumber(formatNumber(n));
      expect(parsed.ok && parsed.value).toBe(n);
    }
  });

  it('dates are dd/mm/yyyy', () => {
    expect(formatDateVi('2022-03-18')).toBe('18/03/2022');
    expect(formatDateVi('2022-03-18T16:30:00')).toBe('18/03/2022');
    expect(formatDateVi(null)).toBe('');
  });
});

describe('agency search through the Api', () => {
  it('folds diacritics and tone placement, and sorts results with Vietnamese collation', async () => {
    const app = await openTestApp();
    try {
      const courts = await call(app.h, 'agencies.list', { query: 'toa an' });
      expect(courts.map((a) => a.code)).toEqual(['TA']);
      expect(courts[0]?.name).toBe('Tòa án nhân dân tỉnh');

      // A new agency typed with the old tone placement, and decomposed, as older tools send it.
      const created = await call(app.h, 'agencies.create', { code: 'TA-KV1', name: '  Toà án nhân dân   khu vực 1 '.normalize('NFD'), group: 'judicial' });
      expect(created.name).toBe('Toà án nhân dân khu vực 1');
      expect(created.name).toBe(created.name.normalize('NFC'));
      const stored = app.ctx.handle.sqlite.prepare("SELECT name, search_key FROM agency WHERE code = 'TA-KV1'").get() as { name: string; search_key: string };
      expect(stored).toEqual({ name: 'Toà án nhân dân khu vực 1', search_key: 'toa an nhan dan khu vuc 1' });

      for (const query of ['tòa án', 'toà án', 'toa an', 'TOA AN', 'tòa án'.normalize('NFD')]) {
        const found = await call(app.h, 'agencies.list', { query });
        // "khu vực" sorts before "tỉnh".
        expect(found.map((a) => a.code), query).toEqual(['TA-KV1', 'TA']);
      }

      await call(app.h, 'agencies.create', { code: 'UBND', name: 'Uỷ ban nhân dân tỉnh', group: 'other' });
      const committees = await call(app.h, 'agencies.list', { query: 'uy ban' });
      // Every word must occur, in any order: "Ban Nội chính Tỉnh ủy" has both "ban" and "uy".
      expect(committees.map((a) => a.name)).toEqual(['Ban Nội chính Tỉnh ủy', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'Uỷ ban nhân dân tỉnh']);

      expect((await call(app.h, 'agencies.list', { query: 'lang son' })).map((a) => a.code)).toEqual(['TU-LS']);
      expect((await call(app.h, 'agencies.list', { query: 'dinh lap' })).map((a) => a.code)).toEqual(['HU-DL']);
      // The code is searched too.
      expect((await call(app.h, 'agencies.list', { query: 'hu-dl' })).map((a) => a.code)).toEqual(['HU-DL']);

      const districts = await call(app.h, 'agencies.list', { query: 'huyen uy' });
      const names = districts.map((a) => a.name);
      expect(names).toEqual([
        'Huyện ủy Bắc Sơn',
        'Huyện ủy Bình Gia',
        'Huyện ủy Cao Lộc',
        'Huyện ủy Chi Lăng',
        'Huyện ủy Đình Lập',
        'Huyện ủy Hữu Lũng',
        'Huyện ủy Lộc Bình',
        'Huyện ủy Tràng Định',
        'Huyện ủy Văn Lãng',
        'Huyện ủy Văn Quan',
      ]);
      expect([...names].sort()).not.toEqual(names);

      // Without a query, the office's own order (the seed's) is kept.
      const all = await call(app.h, 'agencies.list', {});
      expect(all.slice(0, 4).map((a) => a.code)).toEqual(['BNC', 'CA', 'VKS', 'TA']);
      expect(all.at(-1)?.code).toBe('UBND');

      const bad = await refuse(app.h, 'agencies.create', { code: 'toa an', name: 'Tòa án', group: 'judicial' });
      expect(bad.code).toBe('INVALID_ARGUMENT');
      expect(bad.message).toMatch(VIETNAMESE);
    } finally {
      await app.close();
    }
  });
});
