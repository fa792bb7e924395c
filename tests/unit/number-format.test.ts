// What a number format makes Excel show, against the figure stored: the formats agencies'
// files carry (accounting, thousands, decimals, colours) show the figure; the ones that
// hide it, put other text or digits in its place, or divide it by a thousand do not.
import { describe, expect, it } from 'vitest';
import { shownDifference } from '../../electron/excel/number-format';

describe('shownDifference', () => {
  it('finds nothing in the formats that show the figure', () => {
    for (const format of [undefined, 'General', '0', '#,##0', '#,##0.0', '0.0%', '[Red]#,##0;[Blue]-#,##0', '#,##0" vụ"', '0\\ "người"', '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)', '#,##0;-#,##0;"-"', '@', '0.00E+00']) {
      for (const value of [15, -3, 0]) expect(shownDifference(format, value), `${String(format)} ${value}`).toBeNull();
    }
  });

  it('sees a figure hidden, replaced or scaled', () => {
    expect(shownDifference(';;;', 15)).toEqual({ kind: 'hidden' });
    expect(shownDifference('#,##0;-#,##0;', 0)).toEqual({ kind: 'hidden' });
    expect(shownDifference('"15"', 999)).toEqual({ kind: 'replaced', text: '15' });
    expect(shownDifference('0"5"', 1)).toEqual({ kind: 'replaced', text: '5' });
    expect(shownDifference('"không có"', 12)).toEqual({ kind: 'replaced', text: 'không có' });
    expect(shownDifference('#,##0;-#,##0;"15"', 0)).toEqual({ kind: 'replaced', text: '15' });
    expect(shownDifference('#,##0,', 15000)).toEqual({ kind: 'scaled', by: 1000 });
    expect(shownDifference('0.0,,', 2_500_000)).toEqual({ kind: 'scaled', by: 1_000_000 });
    expect(shownDifference('#,##0," nghìn"', 15000)).toEqual({ kind: 'scaled', by: 1000 });
  });

  it('judges the section of the value\u2019s sign, and leaves formats with conditions alone', () => {
    expect(shownDifference('#,##0;;', 5)).toBeNull();
    expect(shownDifference('#,##0;;', -5)).toEqual({ kind: 'hidden' });
    expect(shownDifference('[>=100]"nhiều";0', 150)).toBeNull();
  });
});
