// The days off the government announces each year beyond the public holidays (a bridge
// day by Tết), and the make-up working days (a Saturday worked for it). The holidays
// themselves, lunar ones included, are the app's own calendar; these two lists adjust
// it, so a new due date in a reminder letter never falls on a day the offices are shut.
import { App, Button, Card } from 'antd';
import { useEffect, useId, useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import { formatDateVi } from '../../../shared/numbers';
import type { Settings } from '../../../shared/settings';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useT } from '../../i18n';
import { weekdayKey } from '../../lib/format';
import { DateField } from '../admin/DateField';

type ListKey = 'extraDaysOff' | 'extraWorkingDays';

function DayList({
  label,
  hint,
  days,
  other,
  otherLabel,
  onChange,
}: {
  label: string;
  hint: string;
  days: string[];
  other: string[];
  otherLabel: string;
  onChange: (days: string[]) => void;
}) {
  const t = useT();
  const problemId = useId();
  const [picked, setPicked] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const add = () => {
    if (!picked) return;
    const date = formatDateVi(picked);
    // One day cannot be both off and worked; and a day listed twice says nothing more.
    if (days.includes(picked)) return setProblem(t('settings.dayDuplicate', { date }));
    if (other.includes(picked)) return setProblem(t('settings.dayInOther', { date, list: otherLabel }));
    setProblem(null);
    setPicked(null);
    onChange([...days, picked].sort());
  };

  return (
    <fieldset className="plain-fieldset day-list">
      <legend className="field-label">{label}</legend>
      <p className="card-hint">{hint}</p>
      <div className="day-add">
        <DateField
          value={picked}
          onChange={(iso) => {
            setPicked(iso);
            setProblem(null);
          }}
          allowClear
          status={problem ? 'error' : undefined}
          aria-label={t('settings.dayPick', { list: label })}
          aria-describedby={problem ? problemId : undefined}
        />
        <Button disabled={!picked} onClick={add} aria-label={t('settings.dayAddTo', { list: label })}>
          {t('settings.dayAdd')}
        </Button>
      </div>
      {problem ? (
        <div id={problemId} className="error-text small" role="alert">
          {problem}
        </div>
      ) : null}
      {days.length === 0 ? (
        <p className="muted small">{t('settings.dayNone')}</p>
      ) : (
        <ul className="day-items" aria-label={label}>
          {days.map((d) => (
            <li key={d}>
              <span>
                {t(weekdayKey(d))}, <strong>{formatDateVi(d)}</strong>
              </span>
              <Button size="small" aria-label={t('settings.dayRemove', { date: formatDateVi(d), list: label })} onClick={() => onChange(days.filter((x) => x !== d))}>
                {t('settings.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

export function DaysOffCard({ settings, onSaved }: { settings: Settings | null; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [lists, setLists] = useState<Record<ListKey, string[]>>({ extraDaysOff: [], extraWorkingDays: [] });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (settings) setLists({ extraDaysOff: settings.extraDaysOff, extraWorkingDays: settings.extraWorkingDays });
  }, [settings]);

  const changed = settings !== null && (lists.extraDaysOff.join() !== settings.extraDaysOff.join() || lists.extraWorkingDays.join() !== settings.extraWorkingDays.join());

  const save = async () => {
    setBusy(true);
    const r = await api['settings.update'](lists);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    void message.success(t('settings.daysSaved'));
    onSaved();
  };

  const offLabel = t('settings.extraDaysOff');
  const workLabel = t('settings.extraWorkingDays');
  return (
    <Card className="block" size="small" title={t('settings.daysOff')}>
      <p className="card-hint">{t('settings.daysOffHint')}</p>
      {error ? <ApiErrorAlert error={error} /> : null}
      <DayList
        label={offLabel}
        hint={t('settings.extraDaysOffHint')}
        days={lists.extraDaysOff}
        other={lists.extraWorkingDays}
        otherLabel={workLabel}
        onChange={(days) => setLists((l) => ({ ...l, extraDaysOff: days }))}
      />
      <DayList
        label={workLabel}
        hint={t('settings.extraWorkingDaysHint')}
        days={lists.extraWorkingDays}
        other={lists.extraDaysOff}
        otherLabel={offLabel}
        onChange={(days) => setLists((l) => ({ ...l, extraWorkingDays: days }))}
      />
      <div className="button-row">
        <Button type={changed ? 'primary' : 'default'} loading={busy} disabled={settings === null} onClick={() => void save()}>
          {t('settings.saveDays')}
        </Button>
        {changed ? <span className="muted small unsaved">{t('settings.unsaved')}</span> : null}
      </div>
    </Card>
  );
}
