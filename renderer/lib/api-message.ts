// The Api's messages in the UI's language. The server says each in Vietnamese and sends
// its code and the raw values it was built from; in English the template 'api.<CODE>' of
// i18n/en-api.ts says it again with those values (periods as English labels, numbers
// en-US). It loads with English, so none of it weighs on the first screen. When there
// is no template, or a value it names is missing, the Vietnamese is shown: a clerk
// is better served by the server's full sentence than by a half-filled English one.
import { createElement, type ReactNode } from 'react';
import type { ApiError, ApiParams } from '../../shared/errors';
import type { Problem } from '../../shared/problems';
import { apiWords, fillTemplate, placeholders, useI18n, type Lang } from '../i18n';

const PERIOD_CODE = /^\d{4}-(?:Q[1-4]|H1|9M|Y)$/u;
const EN_NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

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
  return fillTemplate(lang, template, given, (n) => EN_NUMBER.format(n), (v) => (PERIOD_CODE.test(v) ? words.period(v) : v));
}

/** An ApiError's message in the UI's language. */
export function useApiErrorText(): (error: Pick<ApiError, 'code' | 'message' | 'params'>) => string {
  const { lang } = useI18n();
  return (error) => apiText(error.code, error.params, error.message, lang);
}

/** A problem's message in the UI's language, for wherever problems are listed. */
export function ProblemText({ problem }: { problem: Pick<Problem, 'code' | 'message' | 'params'> }): ReactNode {
  const { lang } = useI18n();
  return createElement('span', { lang: lang === 'en' && apiText(problem.code, problem.params, problem.message, lang) === problem.message ? 'vi' : undefined }, apiText(problem.code, problem.params, problem.message, lang));
}
