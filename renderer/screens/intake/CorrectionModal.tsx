// "Sửa số liệu": the office gives a refused or blank cell its value, after phoning the
// agency, with a note saying so (required: the figure is then the office's, and the
// note is what lets anyone check it later). A figure gets a number (or "không phát
// sinh", 0), a text indicator words, a task status one of the four statuses. Used in
// the import preview and on a report already received.
import { Button, Input, InputNumber, Modal, Select } from 'antd';
import { useState, type ReactNode } from 'react';
import { TASK_STATUSES, type TaskStatus } from '../../../shared/domain';
import { matchesSearch } from '../../../shared/text';
import { useT } from '../../i18n';
import { hasValue, type CorrectableField } from '../../lib/corrections';

export interface CorrectionValue {
  field: string;
  number?: number | null;
  text?: string | null;
  status?: TaskStatus | null;
  note: string;
}

interface Props {
  open: boolean;
  title: string;
  /** The fields the clerk may set; the first is chosen to begin with. */
  fields: CorrectableField[];
  /** What is wrong with the cell (a warning), or where the correction goes (plain), shown above the inputs. */
  context?: ReactNode;
  contextTone?: 'warning' | 'plain';
  /** On a report on record: what a field holds now, shown under the choice. */
  current?: (field: string) => string | null;
  okText: string;
  busy?: boolean;
  /** Held back by the caller (e.g. until a refused check has its reason). */
  okDisabled?: boolean;
  onOk: (value: CorrectionValue) => void;
  onCancel: () => void;
  onFieldChange?: (field: string) => void;
  /** Below the inputs: a refusal and what to do about it. */
  children?: ReactNode;
}

/** "NV2.01 – Số vụ án…", or "Tình trạng NV1 – Quán triệt…" for a task. */
export function useFieldLabel(): (f: CorrectableField) => string {
  const t = useT();
  return (f) => (f.kind === 'status' ? t('correction.statusOf', { code: f.code, name: f.name }) : `${f.code} – ${f.name}`);
}

export function CorrectionModal(props: Props) {
  // A fresh form each time it opens, for whichever cell.
  return props.open ? <CorrectionForm key={props.fields.map((f) => f.field).join('|')} {...props} /> : null;
}

function CorrectionForm({ title, fields, context, contextTone, current, okText, busy, okDisabled, onOk, onCancel, onFieldChange, children }: Props) {
  const t = useT();
  const label = useFieldLabel();
  const [field, setField] = useState(fields[0]?.field ?? '');
  const [number, setNumber] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [status, setStatus] = useState<TaskStatus | null>(null);
  const [note, setNote] = useState('');
  const chosen = fields.find((f) => f.field === field) ?? fields[0];
  if (!chosen) return null;
  const ready = hasValue(chosen.kind, { number, text, status }) && note.trim() !== '';
  const now = current?.(chosen.field);

  const submit = () => {
    if (!ready) return;
    if (chosen.kind === 'status') onOk({ field: chosen.field, status, note: note.trim() });
    else if (chosen.kind === 'text') onOk({ field: chosen.field, text: text.trim(), note: note.trim() });
    else onOk({ field: chosen.field, number, note: note.trim() });
  };
  const choose = (next: string) => {
    setField(next);
    setNumber(null);
    setText('');
    setStatus(null);
    onFieldChange?.(next);
  };

  let input: ReactNode;
  if (chosen.kind === 'status') {
    input = (
      <Select<TaskStatus>
        id="correction-status"
        aria-label={t('correction.status')}
        className="correction-input"
        placeholder={t('entry.statusNone')}
        value={status ?? undefined}
        onChange={(v) => setStatus(v)}
        options={TASK_STATUSES.map((s) => ({ value: s, label: t(`taskStatus.${s}`) }))}
      />
    );
  } else if (chosen.kind === 'text') {
    input = <Input.TextArea id="correction-text" rows={3} maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} />;
  } else {
    input = (
      <span className="correction-number">
        <InputNumber<number>
          id="correction-number"
          className="correction-input"
          value={number}
          min={0}
          step={chosen.kind === 'integer' ? 1 : 0.1}
          decimalSeparator={chosen.kind === 'integer' ? undefined : ','}
          placeholder={chosen.kind === 'integer' ? t('entry.integer') : t('entry.decimal')}
          suffix={chosen.unit || undefined}
          onChange={(v) => setNumber(v)}
        />
        <Button onClick={() => setNumber(0)}>{t('correction.zero')}</Button>
      </span>
    );
  }
  const valueLabel = chosen.kind === 'status' ? t('correction.status') : chosen.kind === 'text' ? t('correction.text') : t('correction.number');
  const valueFor = chosen.kind === 'status' ? 'correction-status' : chosen.kind === 'text' ? 'correction-text' : 'correction-number';

  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !ready || okDisabled === true, loading: busy === true }}
      onOk={submit}
      onCancel={onCancel}
      width={620}
      destroyOnHidden
    >
      {context ? <div className={contextTone === 'plain' ? 'correction-context plain' : 'correction-context'}>{context}</div> : null}
      {fields.length > 1 ? (
        <div className="correction-row">
          <label htmlFor="correction-field" className="field-label">
            {t('correction.field')}
          </label>
          <Select
            id="correction-field"
            aria-label={t('correction.field')}
            className="correction-input wide"
            value={chosen.field}
            onChange={choose}
            showSearch={{ filterOption: (q, option) => matchesSearch(String(option?.label ?? ''), q) }}
            options={fields.map((f) => ({ value: f.field, label: label(f) }))}
          />
        </div>
      ) : (
        <p className="correction-row">
          <strong>{label(chosen)}</strong>
        </p>
      )}
      {current ? <p className="muted small correction-current">{now ? t('correction.current', { value: now }) : t('correction.currentBlank')}</p> : null}
      <div className="correction-row">
        <label htmlFor={valueFor} className="field-label">
          {valueLabel}
        </label>
        {input}
      </div>
      <div className="correction-row">
        <label htmlFor="correction-note" className="field-label">
          {t('correction.note')}
        </label>
        <Input.TextArea id="correction-note" rows={2} maxLength={1000} value={note} placeholder={t('correction.notePlaceholder')} onChange={(e) => setNote(e.target.value)} aria-describedby="correction-note-hint" />
        <div id="correction-note-hint" className="muted small">
          {t('correction.noteHint')}
        </div>
      </div>
      {children}
    </Modal>
  );
}
