// The plan year an administration screen works on: the years that have a plan.
import { Select } from 'antd';
import { useT } from '../../i18n';

export function YearSelect({ years, value, onChange }: { years: readonly number[]; value: number | null; onChange: (year: number) => void }) {
  const t = useT();
  return (
    <span className="year-select">
      <label htmlFor="plan-year" className="year-label">
        {t('admin.year')}
      </label>
      <Select<number>
        id="plan-year"
        value={value ?? undefined}
        options={years.map((y) => ({ value: y, label: String(y) }))}
        onChange={onChange}
        style={{ width: 100 }}
      />
    </span>
  );
}

/** The year to show: the chosen one, else the current period's, else the latest plan's. */
export function pickYear(years: readonly number[], chosen: number | null, periodYear: number | undefined): number | null {
  if (chosen !== null && years.includes(chosen)) return chosen;
  if (periodYear !== undefined && years.includes(periodYear)) return periodYear;
  return years.length > 0 ? Math.max(...years) : null;
}
