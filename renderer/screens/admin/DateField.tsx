// A date typed or picked as dd/mm/yyyy, held as ISO (yyyy-mm-dd) like every date of the Api.
// Works inside an antd Form.Item (value/onChange/id are passed through).
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { useEffect } from 'react';
import { useI18n } from '../../i18n';

export const DATE_FORMAT = 'DD/MM/YYYY';

export function DateField({
  value,
  onChange,
  id,
  allowClear = false,
  disabled,
  status,
  ...rest
}: {
  value?: string | null;
  onChange?: (iso: string | null) => void;
  id?: string;
  allowClear?: boolean;
  disabled?: boolean;
  /** 'error' while the day typed cannot be taken (the caller says why, by aria-describedby). */
  status?: 'error';
  'aria-label'?: string;
  'aria-describedby'?: string;
}) {
  const { lang } = useI18n();
  useEffect(() => {
    // Month and weekday names of the calendar follow the interface language.
    dayjs.locale(lang === 'vi' ? 'vi' : 'en');
  }, [lang]);
  return (
    <DatePicker
      id={id}
      aria-label={rest['aria-label']}
      aria-describedby={rest['aria-describedby']}
      status={status}
      format={[DATE_FORMAT, 'D/M/YYYY', 'YYYY-MM-DD']}
      placeholder="dd/mm/yyyy"
      value={value ? dayjs(value) : null}
      allowClear={allowClear}
      disabled={disabled}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      style={{ width: 160 }}
    />
  );
}
