// The period selector of the frame. Periods are grouped by plan year; the choice persists.
import { Select } from 'antd';
import { matchesSearch } from '../../shared/text';
import { useT } from '../i18n';
import { usePeriod } from '../state/PeriodContext';

export function PeriodSelect() {
  const t = useT();
  const { periods, period, setPeriod, loading } = usePeriod();
  const years = [...new Set(periods.map((p) => p.planYear))].sort((a, b) => b - a);
  const options = years.map((year) => ({
    label: String(year),
    title: String(year),
    options: periods.filter((p) => p.planYear === year).map((p) => ({ value: p.code, label: p.label })),
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
