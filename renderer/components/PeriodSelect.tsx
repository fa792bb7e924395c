// The period selector of the frame. Periods are grouped by plan year; the choice persists.
// A period's stored label is Vietnamese; in English the selector says it in English.
import { Select } from 'antd';
import { matchesSearch } from '../../shared/text';
import { useI18n, useT } from '../i18n';
import { usePeriodText } from '../lib/api-message';
import { usePeriod } from '../state/PeriodContext';

export function PeriodSelect() {
  const t = useT();
  const { lang } = useI18n();
  const periodText = usePeriodText();
  const { periods, period, setPeriod, loading } = usePeriod();
  const years = [...new Set(periods.map((p) => p.planYear))].sort((a, b) => b - a);
  const options = years.map((year) => ({
    label: String(year),
    title: String(year),
    options: periods.filter((p) => p.planYear === year).map((p) => ({ value: p.code, label: lang === 'vi' ? p.label : periodText(p.code) })),
  }));
  return (
    <Select
      aria-label={t('period.label')}
      className="period-select"
      loading={loading}
      value={period?.code}
      options={options}
      onChange={(code: string) => setPeriod(code)}
      style={{ width: 230 }}
      popupMatchSelectWidth={false}
      // Typing "quy 1" or "6 thang" finds the period, marks or not.
      showSearch={{ filterOption: (input, option) => matchesSearch(String(option?.label ?? ''), input) }}
    />
  );
}
