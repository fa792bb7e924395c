// The window: navigation on the left, the screen's title and the period on top; on
// paper, a header with the office's name, what is printed and the period instead.
// Navigation entries are plain links to "#/screen": Tab and Enter reach them, the
// browser's back button works, and a reload keeps the screen. Holding Alt and typing a
// screen's number (the one the menu shows, 1…12), then letting go of Alt, opens it.
import { Segmented } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { formatDateVi } from '../../shared/numbers';
import { receivingNow, todayIso } from '../state/period';
import { LANGS, useI18n, type Lang, type MessageKey } from '../i18n';
import { usePeriod } from '../state/PeriodContext';
import { SCREENS, WRITE_SCREENS, type Screen } from '../state/route';
import { useSession } from '../state/SessionContext';
import { hrefFor } from '../state/useRoute';
import { PeriodSelect } from './PeriodSelect';
import { PrintTitleProvider } from './Print';
import { saveLanguage } from '../screens/settings/LanguageSync';

const NAV_KEYS: Record<Screen, MessageKey> = {
  overview: 'nav.overview',
  forms: 'nav.forms',
  intake: 'nav.intake',
  consolidation: 'nav.consolidation',
  entry: 'nav.entry',
  charts: 'nav.charts',
  profiles: 'nav.profiles',
  plan: 'nav.plan',
  agencies: 'nav.agencies',
  periods: 'nav.periods',
  audit: 'nav.audit',
  settings: 'nav.settings',
};

export function Frame({ screen, subtitle, children }: { screen: Screen; subtitle?: string; children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { period, periods } = usePeriod();
  // Said beside the period when it is the one being received now (the default the app opens on).
  const receiving = period !== null && receivingNow(periods, todayIso())?.code === period.code;
  const [printTitle, setPrintTitle] = useState<string | null>(null);
  const { session, canWrite } = useSession();
  // A reader's menu keeps each screen's number, so Alt+number means the same screen for everyone.
  const shown = SCREENS.map((s, i) => [s, i] as const).filter(([s]) => canWrite || !(WRITE_SCREENS as readonly string[]).includes(s));

  useEffect(() => {
    // The digits typed while Alt is held; the screen opens when Alt is let go, so "1"
    // then "2" reaches the twelfth screen rather than the first.
    let typed = '';
    const onKeyDown = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || !/^[0-9]$/u.test(e.key)) return;
      e.preventDefault();
      typed = (typed + e.key).slice(-2);
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key !== 'Alt' || typed === '') return;
      const target = SCREENS[Number(typed) - 1];
      typed = '';
      if (target) {
        e.preventDefault();
        window.location.hash = hrefFor(target);
      }
    };
    const forget = () => {
      typed = '';
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', forget);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', forget);
    };
  }, []);

  useEffect(() => {
    document.title = `${t(NAV_KEYS[screen])} – ${t('app.title')}`;
  }, [screen, t]);

  return (
    <div className="frame">
      <aside className="sider">
        <div className="brand">
          <div className="brand-title">{t('app.title')}</div>
          <div className="brand-subtitle">{subtitle ?? t('app.subtitle')}</div>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul className="nav-list">
            {shown.map(([s, i]) => (
              <li key={s}>
                <a
                  href={hrefFor(s)}
                  className={s === screen ? 'nav-link active' : 'nav-link'}
                  aria-current={s === screen ? 'page' : undefined}
                  title={t('nav.shortcut', { n: String(i + 1) })}
                >
                  <span className="nav-number" aria-hidden="true">
                    {i + 1}
                  </span>
                  {t(NAV_KEYS[s])}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sider-foot">
          <Segmented<Lang>
            size="small"
            aria-label={t('lang.label')}
            value={lang}
            onChange={(v) => void saveLanguage(setLang, v, canWrite)}
            options={LANGS.map((l) => ({ value: l, label: l.toUpperCase(), title: t(`lang.${l}`) }))}
          />
        </div>
      </aside>
      <div className="main-col">
        <header className="topbar">
          {/* A plain heading: antd's Typography (ellipsis, copy, edit) would weigh 13 KB on the first screen for one line. */}
          <h1 className="screen-title">{t(NAV_KEYS[screen])}</h1>
          <div className="period-box">
            <span className="period-label" id="period-label">
              {t('period.label')}
            </span>
            <PeriodSelect />
            {period ? (
              <span className="period-window">
                {t('period.window', { from: formatDateVi(period.from), to: formatDateVi(period.to) })}
                <span className="period-due">{t('period.due', { due: formatDateVi(period.due) })}</span>
                {receiving ? <span className="period-now">{t('period.receivingNow')}</span> : null}
              </span>
            ) : null}
          </div>
        </header>
        <div className="print-header">
          <div className="print-office">{subtitle ?? t('app.subtitle')}</div>
          <div className="print-title">{printTitle ?? t(NAV_KEYS[screen])}</div>
          {period ? (
            <div className="print-period">
              <strong>{period.label}</strong> · {t('period.window', { from: formatDateVi(period.from), to: formatDateVi(period.to) })} · {t('period.due', { due: formatDateVi(period.due) })}
            </div>
          ) : null}
          <div className="print-date">{t('print.printedOn', { date: formatDateVi(todayIso()) })}</div>
        </div>
        {!canWrite ? (
          <div className="read-only-note" role="status">
            {t('session.readOnly', { role: session?.role ?? '' })}
          </div>
        ) : null}
        <main id="main" className="content">
          <PrintTitleProvider onTitle={setPrintTitle}>{children}</PrintTitleProvider>
        </main>
      </div>
    </div>
  );
}
