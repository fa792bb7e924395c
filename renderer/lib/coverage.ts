// How the counting rule's answers read on screen: a figure's coverage ("18/21 đơn vị"),
// a comparison that does not cover the same agencies, a derived quarter's left-out
// agencies, an office correction, the tally of rule checks. Pure, so it is tested
// without a browser; the screens only lay these sentences out.
import type { ComparedFigure, Coverage, DerivedFigure, RuleCheck } from '../../shared/api';
import type { ActedBy, Correction, ReportGaps } from '../../shared/domain';
import type { Translate } from '../i18n';
import { formatDateTimeVi } from './format';

/** Agency names by code; an agency the list does not know shows as its code. */
export type AgencyNames = ReadonlyMap<string, string>;

export function nameOf(names: AgencyNames, code: string): string {
  return names.get(code) ?? code;
}

export function namesOf(names: AgencyNames, codes: readonly string[]): string {
  return codes.map((c) => nameOf(names, c)).join(', ');
}

export function coverageLabel(t: Translate, coverage: Pick<Coverage, 'reported' | 'expected'>): string {
  return t('cons.coverage', { reported: coverage.reported, expected: coverage.expected });
}

/** Short of the agencies it expects: shown orange, because the total is not the whole province's. */
export function isShort(coverage: Pick<Coverage, 'reported' | 'expected'>): boolean {
  return coverage.reported < coverage.expected;
}

/** True when the two figures are not over the same agencies, so the comparison is not like with like. */
export function isMismatch(compared: Pick<ComparedFigure, 'onlyHere' | 'onlyThere'> | null | undefined): boolean {
  return !!compared && (compared.onlyHere.length > 0 || compared.onlyThere.length > 0);
}

/** The sentences naming the agencies in only one of the two figures; empty when they match. */
export function mismatchLines(t: Translate, names: AgencyNames, compared: ComparedFigure): string[] {
  if (!isMismatch(compared)) return [];
  return [
    t('cons.mismatch'),
    ...(compared.onlyHere.length > 0 ? [t('cons.onlyHere', { names: namesOf(names, compared.onlyHere) })] : []),
    ...(compared.onlyThere.length > 0 ? [t('cons.onlyThere', { label: compared.label, names: namesOf(names, compared.onlyThere) })] : []),
  ];
}

/** The agencies a derived quarter leaves out, grouped by the reason, in the order the server gives. */
export function leftByReason(t: Translate, names: AgencyNames, derived: Pick<DerivedFigure, 'left'>): { reason: string; names: string }[] {
  const groups = new Map<string, string[]>();
  for (const l of derived.left) groups.set(l.reason, [...(groups.get(l.reason) ?? []), l.code]);
  return [...groups.entries()].map(([reason, codes]) => {
    const label = t(`derivedExclusion.${reason as DerivedFigure['left'][number]['reason']}`);
    return { reason: label.charAt(0).toUpperCase() + label.slice(1), names: namesOf(names, codes) };
  });
}

/** What a derived quarter covers and what it leaves out, as lines for a tooltip or a screen reader. */
export function derivedLines(t: Translate, names: AgencyNames, derived: DerivedFigure): string[] {
  return [
    t('cons.derivedCoverage', { reported: derived.coverage.reported, expected: derived.coverage.expected }),
    ...(derived.left.length > 0 ? [t('cons.derivedLeft', { count: derived.left.length }), ...leftByReason(t, names, derived).map((g) => `${g.reason}: ${g.names}`)] : []),
    ...(derived.fromZero.length > 0 ? [t('cons.fromZero', { from: derived.fromLabel, names: namesOf(names, derived.fromZero) })] : []),
  ];
}

/** "Nguyễn Thị Lan (tài khoản máy vanphong)", or whichever of the two is known. */
export function actedBy(t: Translate, by: ActedBy): string {
  // On a shared server the role is the account that counts; on SQLite, the computer's.
  const account = by.role ?? by.osUser;
  if (by.clerk && account) return t(by.role ? 'cons.actedByRole' : 'cons.actedBy', { clerk: by.clerk, user: account });
  return by.clerk ?? account ?? '';
}

/** What the file said, the clerk's note, when, and who: the parts of an office correction. */
export function correctionParts(t: Translate, c: Correction): string[] {
  const who = actedBy(t, c.by);
  return [
    c.fileText ? t('cons.correctionFile', { text: c.fileText }) : t('cons.correctionFileEmpty'),
    t('cons.correctionNote', { note: c.note }),
    t('cons.correctionAt', { at: formatDateTimeVi(c.at) }),
    ...(who ? [t('cons.correctionBy', { by: who })] : []),
  ];
}

/** "Tệp ghi: “15 phiên” · Ghi chú: … · ngày … · người sửa …": what the office changed, and on what word. */
export function correctionText(t: Translate, c: Correction): string {
  return correctionParts(t, c).join(' · ');
}

export interface CheckTally {
  /** Errors not let through. */
  open: number;
  accepted: number;
  warnings: number;
}

export function tallyChecks(checks: readonly RuleCheck[]): CheckTally {
  let open = 0;
  let accepted = 0;
  let warnings = 0;
  for (const c of checks) {
    if (c.severity === 'warning') warnings++;
    else if (c.accepted) accepted++;
    else open++;
  }
  return { open, accepted, warnings };
}

export type CheckLevel = 'error' | 'accepted' | 'warning';

export function checkLevel(c: Pick<RuleCheck, 'severity' | 'accepted'>): CheckLevel {
  return c.severity === 'warning' ? 'warning' : c.accepted ? 'accepted' : 'error';
}

/** "Đủ", or "Chưa đủ: trống 3 chỉ tiêu, 1 nhiệm vụ chưa ghi tình trạng" (shared/labels.ts gapsText, in the clerk's language). */
export function gapsLabel(t: Translate, gaps: ReportGaps | null): string {
  if (!gaps) return '';
  if (gaps.indicators.length === 0 && gaps.tasks.length === 0) return t('overview.complete');
  const parts = [
    ...(gaps.indicators.length > 0 ? [t('overview.gapIndicators', { count: gaps.indicators.length })] : []),
    ...(gaps.tasks.length > 0 ? [t('overview.gapTasks', { count: gaps.tasks.length })] : []),
  ];
  return t('overview.incomplete', { parts: parts.join(', ') });
}
