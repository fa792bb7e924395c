// The styles part (§18.8): of each cell style, only its number format (and whether it
// shows a date) and its font's name, which is all the import looks at.
import { parseXml } from './xml';

/** ECMA-376 part 1, §18.8.30: the number formats every reader knows by id alone. */
const BUILT_IN_FORMATS = new Map<number, string>([
  [1, '0'], [2, '0.00'], [3, '#,##0'], [4, '#,##0.00'],
  [9, '0%'], [10, '0.00%'], [11, '0.00E+00'], [12, '# ?/?'], [13, '# ??/??'],
  [14, 'mm-dd-yy'], [15, 'd-mmm-yy'], [16, 'd-mmm'], [17, 'mmm-yy'], [18, 'h:mm AM/PM'], [19, 'h:mm:ss AM/PM'], [20, 'h:mm'], [21, 'h:mm:ss'], [22, 'm/d/yy h:mm'],
  [37, '#,##0 ;(#,##0)'], [38, '#,##0 ;[Red](#,##0)'], [39, '#,##0.00;(#,##0.00)'], [40, '#,##0.00;[Red](#,##0.00)'],
  [45, 'mm:ss'], [46, '[h]:mm:ss'], [47, 'mmss.0'], [48, '##0.0E+0'], [49, '@'],
]);
/** Ids whose format depends on the system's locale; for East Asian locales they are dates. */
const LOCALE_DATE_IDS = new Set([27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Elapsed time ("[h]:mm:ss", "[mm]:ss", "[s]"): a duration in days, not a point in time. */
const ELAPSED = /\[(?:h+|m+|s+)\]/iu;

/**
 * Whether a format shows a number as a date or time: a y, m, d, h or s outside quoted
 * text, bracketed colours, locales and conditions, escaped characters, padding and fills
 * ("0.0 \"ngày\"", "[Red]0.00" and "0.00E+00" are no dates). A format with an elapsed
 * time shows a duration, which stays the number of days it is.
 */
export function isDateFormat(format: string): boolean {
  const code = format.replace(/"[^"]*"|\\.|_.|\*./gu, '');
  if (ELAPSED.test(code)) return false;
  return /[ymdhs]/iu.test(code.replace(/\[[^\]]*\]/gu, ''));
}

export interface CellStyle {
  numFmt?: string;
  fontName?: string;
  isDate: boolean;
}

export function readStyles(text: string): CellStyle[] {
  const formats = new Map<number, string>();
  const fonts: (string | undefined)[] = [];
  const xfs: { numFmtId: number; fontId: number }[] = [];
  let section = '';
  let fontName: string | undefined;
  let inFont = false;
  parseXml(text, {
    open(name, tag) {
      if (name === 'numFmts' || name === 'fonts' || name === 'cellXfs' || name === 'cellStyleXfs' || name === 'dxfs') section = name;
      else if (name === 'numFmt' && section === 'numFmts') {
        const id = Number(tag.attributes.numFmtId);
        if (Number.isInteger(id)) formats.set(id, tag.attributes.formatCode ?? '');
      } else if (name === 'font' && section === 'fonts') {
        inFont = true;
        fontName = undefined;
      } else if (name === 'name' && inFont) fontName = tag.attributes.val;
      else if (name === 'xf' && section === 'cellXfs') {
        xfs.push({ numFmtId: Number(tag.attributes.numFmtId ?? 0), fontId: Number(tag.attributes.fontId ?? 0) });
      }
    },
    close(name) {
      if (name === 'font' && inFont) {
        fonts.push(fontName);
        inFont = false;
      } else if (name === section) section = '';
    },
  });
  return xfs.map(({ numFmtId, fontId }) => {
    const custom = formats.get(numFmtId);
    const format = custom ?? BUILT_IN_FORMATS.get(numFmtId);
    const isDate = format !== undefined ? isDateFormat(format) : LOCALE_DATE_IDS.has(numFmtId);
    const style: CellStyle = { isDate };
    if (format !== undefined && format !== '' && format !== 'General') style.numFmt = format;
    else if (isDate) style.numFmt = 'dd/mm/yyyy';
    const font = fonts[fontId];
    if (font !== undefined && font !== '') style.fontName = font;
    return style;
  });
}
