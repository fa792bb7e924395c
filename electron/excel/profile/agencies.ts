// Which agency a text names: a heading ("VIỆN KSND TỈNH"), a row label or a sheet's
// name, abbreviations and district prefixes written out.
import { columnLetters } from '../../../shared/cells';
import type { Agency } from '../../../shared/domain';
import type { LayoutProfile } from '../../../shared/profiles';
import { foldForSearch, nfc } from '../../../shared/text';
import type { Grid } from './grid';
import { containsWords, words } from './text';

/**
 * The abbreviations headings use for the judicial bodies ("VIỆN KSND TỈNH", "TAND TỈNH",
 * "CỤC THADS"), written out, so a heading abbreviated is known as the agency it names.
 */
export const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['vksnd', 'vien kiem sat nhan dan'],
  ['ksnd', 'kiem sat nhan dan'],
  ['tand', 'toa an nhan dan'],
  ['thads', 'thi hanh an dan su'],
  ['hdnd', 'hoi dong nhan dan'],
  ['ubnd', 'uy ban nhan dan'],
]);

export function expandAbbreviations(folded: string): string {
  return folded
    .split(' ')
    .map((w) => ABBREVIATIONS.get(w) ?? w)
    .join(' ');
}

export const DISTRICT_PREFIX = /^(huyen uy|thanh uy|ban thuong vu huyen uy|ban thuong vu thanh uy|huyen|thanh pho|tp|h|quan|thi xa|tx)\s+/u;

/**
 * Which agency a text names: its code; or its name, whatever the case, marks and tone
 * placement; or the one agency name it contains word for word (a heading such as "BỘ
 * CÔNG AN / CÔNG AN TỈNH LẠNG SƠN"); or the one agency whose name contains it ("Văn
 * Lãng"); or, for districts, the place ("Huyện Văn Lãng", "Thành phố Lạng Sơn"). A text
 * that fits two agencies equally ("Huyện ủy", two agency names in one heading) names none.
 */
export function agencyNamedBy(label: string, agencies: readonly Agency[]): Agency | null {
  const raw = nfc(label).trim();
  if (!raw) return null;
  const byCode = agencies.find((a) => a.code.toUpperCase() === raw.toUpperCase());
  if (byCode) return byCode;
  const folded = expandAbbreviations(words(raw));
  if (!folded) return null;
  const named = agencies.map((a) => ({ agency: a, name: words(a.name) }));
  const unique = (list: typeof named) => (list.length === 1 ? (list[0]?.agency ?? null) : null);

  const equal = named.filter((n) => n.name === folded);
  if (equal.length > 0) return unique(equal);

  // Names inside the text; one name inside another ("… Hội đồng nhân dân tỉnh" in "Ban Pháp chế …") gives way to the longer.
  const inside = named.filter((n) => containsWords(folded, n.name));
  const outermost = inside.filter((n) => !inside.some((o) => o !== n && o.name.length > n.name.length && containsWords(o.name, n.name)));
  if (outermost.length > 0) return unique(outermost);

  if (folded.includes(' ')) {
    const around = named.filter((n) => containsWords(n.name, folded));
    if (around.length > 0) return unique(around);
  }

  const place = folded.replace(DISTRICT_PREFIX, '');
  if (place !== folded && place) {
    const districts = named.filter((n) => DISTRICT_PREFIX.test(n.name) && n.name.replace(DISTRICT_PREFIX, '') === place);
    if (districts.length > 0) return unique(districts);
  }
  return null;
}

/** Texts above the table that name someone other than the sender: the addressee, the recipients. */
export const NOT_THE_SENDER = /^(kinh gui|dong kinh gui|noi nhan|gui)\b/u;

/** The longest heading line that can name the sender; a long title or remark names others in passing. */
export const MAX_HEADING_TEXT = 120;

/** The heading cells above the table that name an agency, top to bottom, left to right. */
export function headingAgencies(grid: Grid, profile: LayoutProfile, agencies: readonly Agency[]): { agency: Agency; address: string; text: string }[] {
  const out: { agency: Agency; address: string; text: string }[] = [];
  for (let row = 1; row < profile.headerRows.first; row++) {
    for (const t of grid.rowTexts(row)) {
      if (t.text.length > MAX_HEADING_TEXT || NOT_THE_SENDER.test(foldForSearch(t.text))) continue;
      const agency = agencyNamedBy(t.text, agencies);
      if (agency) out.push({ agency, address: `${columnLetters(t.col)}${row}`, text: t.text });
    }
  }
  return out;
}

/**
 * For a fixed-agency profile: the heading cell naming another agency, when the heading
 * names some agency but never the profile's own. A template is shared between agencies
 * (the court's report in the procuracy's layout), so the layout alone never says whose
 * file it is; a heading naming no agency at all is the profile's to vouch for.
 */
export function otherAgencyHeading(grid: Grid, profile: LayoutProfile, agencies: readonly Agency[]): { agency: Agency; address: string; text: string } | null {
  const layout = profile.layout;
  if (layout.kind !== 'indicator-rows' || layout.agency.mode !== 'fixed') return null;
  const code = layout.agency.code;
  const named = headingAgencies(grid, profile, agencies);
  if (named.some((n) => n.agency.code === code)) return null;
  return named[0] ?? null;
}
