// The Api's messages in the UI's language. The server says each in Vietnamese and sends
// its code and the raw values it was built from; in English the template 'api.<CODE>' of
// i18n/en-api.ts says it again with those values (periods as English labels, numbers
// en-US). It loads with English, so none of it weighs on the first screen. When there
// is no template, or a value it names is missing, the Vietnamese is shown: a clerk
// is better served by the server's full sentence than by a half-filled English one.
import { createElement, useCallback, type ReactNode } from 'react';
import type { ImportOutcome } from '../../shared/api';
import type { ApiError, ApiParams } from '../../shared/errors';
import { parsePeriodCode, periodLabel } from '../../shared/periods';
import type { Problem } from '../../shared/problems';
import { apiWords, fillTemplate, placeholders, useI18n, type Lang } from '../i18n';

const PERIOD_CODE = /^\d{4}-(?:Q[1-4]|H1|9M|Y)$/u;
const EN_NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;
const EN_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A string param as English reads it: a period code as its label, a day as "5 October 2022". */
function englishValue(value: string, period: (code: string) => string): string {
  if (PERIOD_CODE.test(value)) return period(value);
  if (ISO_DATE.test(value)) {
    const day = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(day.getTime())) return EN_DATE.format(day);
  }
  return value;
}

/**
 * `templates` replaces the loaded messages (for tests of the template syntax alone).
 */
export function apiText(code: string, params: ApiParams | undefined, vietnamese: string, lang: Lang, templates?: Record<string, string>): string {
  const words = lang === 'vi' ? undefined : apiWords(lang);
  if (!words) return vietnamese;
  const key = `api.${code}`;
  const template = (templates ?? words.templates)[key];
  if (!template) return vietnamese;
  const given = params ?? {};
  if (placeholders(template).some((name) => given[name] === undefined || given[name] === '')) return vietnamese;
  return fillTemplate(lang, template, given, (n) => EN_NUMBER.format(n), (v) => englishValue(v, words.period));
}

/** An ApiError's message in the UI's language. */
export function useApiErrorText(): (error: Pick<ApiError, 'code' | 'message' | 'params'>) => string {
  const { lang } = useI18n();
  return (error) => apiText(error.code, error.params, error.message, lang);
}

/** A problem's message in the UI's language, for wherever problems are listed. */
export function ProblemText({ problem }: { problem: Pick<Problem, 'code' | 'message' | 'params'> }): ReactNode {
  const { lang } = useI18n();
  const text = apiText(problem.code, problem.params, problem.message, lang);
  // The server's Vietnamese, kept in an English screen, is marked so for screen readers.
  return createElement('span', { lang: lang !== 'vi' && text === problem.message ? 'vi' : undefined }, text);
}

/** A period code as the clerk reads it, in the UI's language: "9 tháng năm 2022", "9 months of 2022"; a code that is none stays as it is. */
export function usePeriodText(): (code: string) => string {
  const { lang } = useI18n();
  return useCallback(
    (code: string) => {
      const words = lang === 'vi' ? undefined : apiWords(lang);
      if (words) return words.period(code);
      const slot = parsePeriodCode(code);
      return slot ? periodLabel(slot) : code;
    },
    [lang],
  );
}

/** A rule check's finding (consolidation, previews) in the UI's language. */
export function useCheckText(): (check: { rule: string; message: string; params?: ApiParams }) => string {
  const { lang } = useI18n();
  return useCallback((check) => apiText(check.rule, check.params, check.message, lang), [lang]);
}

/**
 * The sentence the import says of a file, in the UI's language. The server's is
 * Vietnamese; English says it from the outcome's own fields with 'api.outcome.<status>'
 * ('api.outcome.checked.first' for a first submission), the agency by its name.
 */
export function outcomeText(outcome: ImportOutcome, lang: Lang, agencyName: (code: string) => string = (code) => code, templates?: Record<string, string>): string {
  if (lang === 'vi') return outcome.message;
  const errors = outcome.problems.filter((p) => p.severity === 'error').length;
  const params: ApiParams = { file: outcome.file };
  if (outcome.agency) params.agency = agencyName(outcome.agency);
  if (outcome.period) params.period = outcome.period;
  if (outcome.revision !== null) {
    params.revision = outcome.revision;
    params.previous = outcome.revision - 1;
  }
  if (outcome.status === 'rejected') params.count = errors;
  if (outcome.status === 'checked') params.changes = outcome.changes.length;
  const code = outcome.status === 'checked' && outcome.revision === 1 ? 'outcome.checked.first' : `outcome.${outcome.status}`;
  return apiText(code, params, outcome.message, lang, templates);
}
