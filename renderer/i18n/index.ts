// Every string the clerk reads goes through t(key, params). Vietnamese is the default
// and the key set; English follows key for key. Numbers in params are shown vi-VN
// (1.234,5) whatever the language, because the figures come from Vietnamese reports.
// Error messages from the Api are not translated: they are shown as they are.
import { createContext, createElement, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { formatNumber } from '../../shared/numbers';
import { en } from './en';
import { vi, type MessageKey, type Messages } from './vi';

export type { MessageKey, Messages } from './vi';
export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const MESSAGES: Record<Lang, Messages> = { vi, en };
export const LANG_STORAGE_KEY = 'tonghop.lang';

export type Params = Record<string, string | number | null | undefined>;

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = MESSAGES[lang][key] ?? vi[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

/** The {names} a message uses: vi and en must use the same ones. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/gu)].map((m) => m[1] ?? '').sort();
}

export type Translate = (key: MessageKey, params?: Params) => string;

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18n>({ lang: 'vi', setLang: () => {}, t: (key, params) => translate('vi', key, params) });

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(LANG_STORAGE_KEY);
    return v === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      /* the choice simply does not persist */
    }
    document.documentElement.lang = next;
  }, []);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }), [lang, setLang]);
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export function useT(): Translate {
  return useContext(I18nContext).t;
}
