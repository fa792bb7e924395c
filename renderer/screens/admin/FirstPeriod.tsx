// The first reporting period, made where the app has none (App.tsx loads this when the
// clerk asks for it): the plan year, the period's kind and window as Kỳ báo cáo makes
// them, and once it is made the app opens on it.
import { App, Button, Card } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Period } from '../../../shared/domain';
import type { ApiError } from '../../../shared/errors';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { NoPlan } from '../../components/Offers';
import { useApi } from '../../hooks/useApi';
import { useT } from '../../i18n';
import { createPeriod, PeriodFields, type PeriodDraft } from './PeriodFields';
import { pickYear, YearSelect } from './YearSelect';
import './admin.css';

export function FirstPeriod({ onCreated }: { onCreated: (period: Period) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const plans = useApi('plans.list', {});
  const years = useMemo(() => (plans.value ?? []).map((p) => p.year).sort((a, b) => b - a), [plans.value]);
  const [chosen, setChosen] = useState<number | null>(null);
  const year = pickYear(years, chosen, undefined);
  const [draft, setDraft] = useState<PeriodDraft>({ kind: 'quarter', quarter: 1, preset: 'nd09' });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // The button that opened the form is gone: the keyboard goes on in the form, at its first field.
  const fields = useRef<HTMLDivElement>(null);
  const ready = years.length > 0;
  useEffect(() => {
    if (ready) fields.current?.querySelector<HTMLElement>('input, button')?.focus();
  }, [ready]);

  if (plans.state === 'error' && !plans.value) return <ApiErrorAlert error={plans.error} onRetry={plans.reload} />;
  if (plans.state === 'ok' && years.length === 0) return <NoPlan />;

  const create = async () => {
    if (year === null) return;
    setSaving(true);
    const r = await createPeriod(year, draft);
    setSaving(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    void message.success(t('periods.created', { label: r.value.label }));
    onCreated(r.value);
  };

  return (
    <Card className="block first-period" size="small" title={t('periods.firstTitle')}>
      <div className="modal-field" ref={fields}>
        <YearSelect years={years} value={year} onChange={setChosen} />
      </div>
      <PeriodFields year={year} draft={draft} onChange={setDraft} existing={[]} />
      {error ? <ApiErrorAlert error={error} /> : null}
      <div className="button-row form-submit">
        <Button type="primary" loading={saving} disabled={year === null} onClick={() => void create()}>
          {t('periods.create')}
        </Button>
      </div>
    </Card>
  );
}
