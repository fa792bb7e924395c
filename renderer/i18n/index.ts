// Every string the clerk reads goes through t(key, params). Vietnamese is the default
// and the key set; English follows key for key. Numbers in params are shown vi-VN
// (1.234,5) whatever the language, because the figures come from Vietnamese reports.
// The Api's messages are shown as they are in Vietnamese; in English, renderer/lib/api-message.ts says
// them by their code and params, falling back to the Vietnamese.
// The first screen's Vietnamese comes with it; the rest of Vietnamese loads with the
// first other screen (loadAllMessages, which App.tsx waits for before drawing one), and
// English (its messages and antd's) when it is chosen.
import { createContext, createElement, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Locale as AntdLocale } from 'antd/es/locale';
import { formatNumber } from '../../shared/numbers';
import { viFirstScreen } from './vi-first-screen';
import type { MessageKey, Messages } from './vi';

export type { MessageKey, Messages } from './vi';
export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const LANG_STORAGE_KEY = 'tonghop.lang';

/** The languages whose messages are here; antd's own texts for those not built into the app. */
const loaded: Partial<Record<Lang, Partial<Messages>>> = { vi: viFirstScreen };
/** How the Api's messages read in a loaded language other than Vietnamese (en-api.ts): templates by code, periods by code. */
export interface ApiWords {
  templates: Record<string, string>;
  period: (code: string) => string;
}
const apiWordsOf: Partial<Record<Lang, ApiWords>> = {};
let allVietnamese: Promise<void> | undefined;

/** Fetches the Vietnamese messages beyond the first screen's, once; a failure is retried at the next call. */
export function loadAllMessages(): Promise<void> {
  allVietnamese ??= import('./vi').then(
    (m) => {
      loaded.vi = m.vi;
    },
    (error: unknown) => {
      allVietnamese = undefined;
      throw error;
    },
  );
  return allVietnamese;
}
const antdLocales: Partial<Record<Lang, AntdLocale>> = {};

/** Fetches a language's messages (and antd's) once; resolves when t() can speak it. */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (lang === 'vi' || loaded[lang]) return;
  const english = await import('./english');
  antdLocales.en = english.antdLocale;
  apiWordsOf.en = { templates: english.enApi, period: english.periodLabelEn };
  loaded.en = english.en;
}

/** antd's texts (pagination, empty tables, pickers) in a loaded language other than Vietnamese. */
export function antdLocaleOf(lang: Lang): AntdLocale | undefined {
  return antdLocales[lang];
}

// Outside a browser (the unit tests, tools) there is no first screen to keep small, and
// translate('en', …) must answer at once: English is loaded from the start.
if (typeof document === 'undefined') {
  await loadAllMessages();
  loaded.en = (await import('./en')).en;
  const enApi = await import('./en-api');
  apiWordsOf.en = { templates: enApi.enApi, period: enApi.periodLabelEn };
}

export type Params = Record<string, string | number | null | undefined>;

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  // A key not loaded yet shows as itself (never expected: see loadAllMessages).
  const template = loaded[lang]?.[key] ?? loaded.vi?.[key] ?? key;
  if (!params) return template;
  return fillTemplate(lang, template, params, (value) => formatNumber(value));
}

/** The Api's words in a loaded language, or undefined (apiText then shows the server's text). */
export function apiWords(lang: Lang): ApiWords | undefined {
  return apiWordsOf[lang];
}

/**
 * Fills {name} placeholders; `number` says how numbers read (the app's own figures stay
 * vi-VN, the Api's messages in English read en-US), `text` may reword a string param.
 */
export function fillTemplate(lang: Lang, template: string, params: Params, number: (value: number) => string, text: (value: string) => string = (v) => v): string {
  // "{count:error|errors}" is the number and the word in its form for that number (English
  // has two; Vietnamese needs none and writes "{count} lỗi").
  return template.replace(/\{(\w+)(?::([^|}]*)\|([^}]*))?\}/gu, (whole, name: string, one: string | undefined, other: string | undefined) => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    const shown = typeof value === 'number' ? number(value) : text(value);
    if (one === undefined || other === undefined) return shown;
    const form = typeof value === 'number' && pluralRules(lang).select(value) === 'one' ? one : other;
    return `${shown} ${form}`;
  });
}

const rules = new Map<Lang, Intl.PluralRules>();
function pluralRules(lang: Lang): Intl.PluralRules {
  let r = rules.get(lang);
  if (!r) {
    r = new Intl.PluralRules(lang === 'vi' ? 'vi-VN' : 'en');
    rules.set(lang, r);
  }
  return r;
}

/** The {names} a message uses: vi and en must use the same ones. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)(?::[^}]*)?\}/gu)].map((m) => m[1] ?? '').sort();
}

export type Translate = (key: MessageKey, params?: Params) => string;

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18n>({ lang: 'vi', setLang: () => {}, t: (key, params) => translate('vi', key, params) });

/** The language chosen on this machine last time (main.tsx loads it before the first render). */
export function storedLang(): Lang {
  try {
    const v = localStorage.getItem(LANG_STORAGE_KEY);
    return v === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  // A stored language that could not be loaded starts in Vietnamese.
  const [lang, setLangState] = useState<Lang>(() => (loaded[storedLang()] ? storedLang() : 'vi'));
  // Counts the languages that arrived, so that t() speaks one as soon as it is here.
  const [arrived, setArrived] = useState(0);
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      /* the choice simply does not persist */
    }
    // The choice shows at once; until its messages are here, t() answers in Vietnamese.
    setLangState(next);
    document.documentElement.lang = next;
    if (!loaded[next]) void loadLanguage(next).then(() => setArrived((n) => n + 1), () => {});
  }, []);
  // `arrived` is a dependency on purpose: it is what makes t() read the new messages.
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }), [lang, setLang, arrived]);
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export function useT(): Translate {
  return useContext(I18nContext).t;
}
