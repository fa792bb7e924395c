// The interface language is an office setting ('settings.language'): applied when the
// app opens, and saved whenever the clerk switches (here or in the frame).
import { useEffect } from 'react';
import { api } from '../../api';
import { useI18n, type Lang } from '../../i18n';

/**
 * Switches the language now and keeps the choice in the database, except for a
 * read-only role: the server would refuse the write, so a leader's choice lasts the session.
 */
export async function saveLanguage(setLang: (l: Lang) => void, lang: Lang, canWrite: boolean): Promise<void> {
  setLang(lang);
  if (canWrite) await api['settings.update']({ language: lang });
}

export function LanguageSync() {
  const { setLang } = useI18n();
  useEffect(() => {
    let live = true;
    void api['settings.get']({}).then((r) => {
      if (live && r.ok) setLang(r.value.language);
    });
    return () => {
      live = false;
    };
  }, [setLang]);
  return null;
}
