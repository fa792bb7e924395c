// The app: antd in Vietnamese (or English), the period chosen once for every screen,
// and the screen named by the URL hash.
import { Button, ConfigProvider, Spin } from 'antd';
import viVN from 'antd/es/locale/vi_VN';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import type { Period } from '../shared/domain';
import { api } from './api';
import { ApiErrorAlert } from './components/ApiErrorAlert';
import { EmptyState } from './components/EmptyState';
import { Feedback } from './components/Feedback';
import { Frame } from './components/Frame';
import { ScreenBoundary } from './components/ScreenBoundary';
import { antdLocaleOf, I18nProvider, loadAllMessages, useI18n } from './i18n';
import { Overview } from './screens/Overview';
import { LanguageSync } from './screens/settings/LanguageSync';
import { PeriodProvider, usePeriod } from './state/PeriodContext';
import { ADMIN_SCREENS, WRITE_SCREENS, type Route } from './state/route';
import { SessionProvider, useSession } from './state/SessionContext';
import { useRoute } from './state/useRoute';

// Tổng quan is the first screen and comes with the app; every other screen loads when it
// is first opened (its own chunk), so the clerk's first screen waits for none of them:
// not the charts, the wizard, the entry grid or the administration screens. A screen
// draws once its code and the Vietnamese messages beyond the first screen's are here.
function screen<T>(load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([load(), loadAllMessages()]).then(([m]) => m);
}
const Forms = lazy(() => screen(() => import('./screens/Forms'))().then((m) => ({ default: m.Forms })));
const Intake = lazy(() => screen(() => import('./screens/Intake'))().then((m) => ({ default: m.Intake })));
const Consolidation = lazy(() => screen(() => import('./screens/Consolidation'))().then((m) => ({ default: m.Consolidation })));
const ManualEntry = lazy(() => screen(() => import('./screens/ManualEntry'))().then((m) => ({ default: m.ManualEntry })));
const Charts = lazy(() => screen(() => import('./screens/Charts'))().then((m) => ({ default: m.Charts })));
const Profiles = lazy(() => screen(() => import('./screens/Profiles'))().then((m) => ({ default: m.Profiles })));
const PlanScreen = lazy(() => screen(() => import('./screens/Plan'))().then((m) => ({ default: m.PlanScreen })));
const AgenciesScreen = lazy(() => screen(() => import('./screens/Agencies'))().then((m) => ({ default: m.AgenciesScreen })));
const PeriodsScreen = lazy(() => screen(() => import('./screens/Periods'))().then((m) => ({ default: m.PeriodsScreen })));
const AuditLogScreen = lazy(() => screen(() => import('./screens/AuditLog'))().then((m) => ({ default: m.AuditLogScreen })));
const SettingsScreen = lazy(() => screen(() => import('./screens/Settings'))().then((m) => ({ default: m.SettingsScreen })));
const FirstPeriod = lazy(() => screen(() => import('./screens/admin/FirstPeriod'))().then((m) => ({ default: m.FirstPeriod })));

const THEME = {
  token: {
    colorPrimary: '#1f4e79',
    borderRadius: 4,
    fontSize: 14,
    fontFamily: '"Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif',
  },
  components: {
    Table: { headerBg: '#eef2f7', cellPaddingBlockSM: 6 },
  },
};

function ScreenFor({ route, period }: { route: Route; period: Period }): ReactNode {
  switch (route.screen) {
    case 'overview':
      return <Overview period={period} />;
    case 'forms':
      return <Forms period={period} />;
    case 'intake':
      return <Intake period={period} params={route.params} />;
    case 'consolidation':
      return <Consolidation period={period} params={route.params} />;
    case 'entry':
      return <ManualEntry period={period} params={route.params} />;
    case 'charts':
      return <Charts period={period} />;
    case 'profiles':
      return <Profiles period={period} params={route.params} />;
  }
}

/** The administration screens do not need a chosen period (they are how periods are made). */
function AdminScreenFor({ route }: { route: Route }): ReactNode {
  switch (route.screen) {
    case 'plan':
      return <PlanScreen />;
    case 'agencies':
      return <AgenciesScreen params={route.params} />;
    case 'periods':
      return <PeriodsScreen />;
    case 'audit':
      return <AuditLogScreen />;
    case 'settings':
      return <SettingsScreen params={route.params} />;
    default:
      return null;
  }
}

/** No period at all: say so, and make the first one here (its form loads when asked for). */
function NoPeriod() {
  const { t } = useI18n();
  const { setPeriod, reload } = usePeriod();
  const [making, setMaking] = useState(false);
  const { canWrite } = useSession();
  return (
    <>
      <EmptyState title={t('period.none')} hint={canWrite ? t('period.noneHint') : undefined}>
        {making || !canWrite ? null : (
          <Button type="primary" onClick={() => setMaking(true)}>
            {t('periods.create')}
          </Button>
        )}
      </EmptyState>
      {making ? (
        <Suspense fallback={<Spin description={t('common.loading')} />}>
          <FirstPeriod onCreated={(p) => (setPeriod(p.code), reload())} />
        </Suspense>
      ) : null}
    </>
  );
}

function Screens() {
  const { t } = useI18n();
  const [route] = useRoute();
  const { period, loading, error, reload } = usePeriod();
  const { canWrite } = useSession();
  const [organization, setOrganization] = useState<string | undefined>();
  useEffect(() => {
    void api['organization.get']({}).then((r) => {
      if (r.ok) setOrganization(r.value.name);
    });
  }, []);

  let body: ReactNode;
  // A screen that only changes data, reached by a link or Alt+number: a reader is told why it is not there.
  if (!canWrite && (WRITE_SCREENS as readonly string[]).includes(route.screen)) body = <EmptyState title={t('session.screenNeedsWrite')} hint={t('session.screenNeedsWriteHint')} />;
  else if ((ADMIN_SCREENS as readonly string[]).includes(route.screen)) body = <AdminScreenFor key={route.screen} route={route} />;
  else if (error) body = <ApiErrorAlert error={error} onRetry={reload} />;
  else if (!period && loading) body = <Spin description={t('common.loading')} />;
  else if (!period) body = <NoPeriod />;
  // Keyed by period so a screen's local state (filters) starts clean for another period; not
  // Nhận báo cáo, whose batch is re-checked for the new period ("Nhận cho kỳ …") instead of lost.
  else body = <ScreenFor key={route.screen === 'intake' ? 'intake' : `${route.screen}:${period.code}`} route={route} period={period} />;
  return (
    <Frame screen={route.screen} subtitle={organization}>
      {/* Keyed by screen: another screen gets its own chance to load. */}
      <ScreenBoundary key={route.screen}>
        <Suspense fallback={<Spin description={t('common.loading')} />}>{body}</Suspense>
      </ScreenBoundary>
    </Frame>
  );
}

function Localised() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={antdLocaleOf(lang) ?? viVN} theme={THEME} componentSize="middle">
      <Feedback>
        <SessionProvider>
          <PeriodProvider>
            <LanguageSync />
            <Screens />
          </PeriodProvider>
        </SessionProvider>
      </Feedback>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localised />
    </I18nProvider>
  );
}
