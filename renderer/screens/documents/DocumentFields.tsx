// The two lines every document the office sends carries in its heading: the number and
// symbol ("Số 45-BC/BCĐ"; left blank, the document keeps the space for it) and the date
// of the "Lạng Sơn, ngày … tháng … năm …" line (today unless told otherwise).
import { Input } from 'antd';
import { useId, type ReactNode } from 'react';
import { useT } from '../../i18n';
import { DateField } from '../admin/DateField';

export function DocumentFields({
  number,
  date,
  onNumber,
  onDate,
  example,
  numberNote,
}: {
  number: string;
  date: string | null;
  onNumber: (v: string) => void;
  onDate: (v: string | null) => void;
  /** A number and symbol of this kind of document, shown as the placeholder and the hint. */
  example: string;
  /** More about the number (how letters one per agency are numbered), under its hint. */
  numberNote?: ReactNode;
}) {
  const t = useT();
  const id = useId();
  return (
    <div className="doc-fields">
      <div className="modal-field">
        <label htmlFor={`${id}-number`} className="field-label">
          {t('doc.number')}
        </label>
        <Input id={`${id}-number`} maxLength={60} placeholder={example} value={number} aria-describedby={`${id}-number-hint`} onChange={(e) => onNumber(e.target.value)} />
        <div id={`${id}-number-hint`} className="muted small">
          {t('doc.numberHint', { example })}
        </div>
        {numberNote}
      </div>
      <div className="modal-field">
        <label htmlFor={`${id}-date`} className="field-label">
          {t('doc.date')}
        </label>
        <DateField id={`${id}-date`} value={date} onChange={onDate} />
      </div>
    </div>
  );
}
