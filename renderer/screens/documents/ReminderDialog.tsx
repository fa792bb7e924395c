// "Soạn công văn đôn đốc": letters chasing the agencies that have not reported or whose
// report was returned, all of them chosen to begin with, each with whom to call; one
// letter per agency or one for all, with the letter's number and date and a new due
// date. The new due date must be a working day: each day picked is put to the app's
// calendar (weekends, public holidays lunar ones included, the days of Cài đặt), and a
// day off is refused with its reason and the next working day offered instead.
import { Button, Checkbox, Modal, Radio } from 'antd';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { AgencyReceipt, ResultOf } from '../../../shared/api';
import type { Period } from '../../../shared/domain';
import type { ApiError } from '../../../shared/errors';
import { formatDateVi } from '../../../shared/numbers';
import { addDays } from '../../../shared/periods';
import { api } from '../../api';
import { BusyNote } from '../../components/BusyNote';
import { useSaveFile } from '../../hooks/useSaveFile';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { ReceiptTag } from '../../components/ReceiptTag';
import { useT } from '../../i18n';
import { weekdayKey } from '../../lib/format';
import { todayIso } from '../../state/period';
import { DateField } from '../admin/DateField';
import { ContactCell } from '../consolidation/Receipts';
import { DocumentFields } from './DocumentFields';
import { documentArgs } from './reportNumber';
import './documents.css';

import { owedAgencies } from './owed';

type Mode = 'each' | 'one';
type DayCheck = ResultOf<'calendar.checkDay'>;

export { owedAgencies };

/**
 * Letters one per agency are numbered on from the clerk's number, as the service numbers
 * them ("12-CV/BCĐ", "13-CV/BCĐ", …): the first and last, or null when the number does
 * not begin with digits and so cannot be counted on.
 */
function numberRange(number: string, count: number): { first: string; last: string } | null {
  const m = /^(\d+)(.*)$/u.exec(number);
  if (!m) return null;
  const [, digits = '', rest = ''] = m;
  return { first: number, last: `${String(Number(digits) + count - 1).padStart(digits.length, '0')}${rest}` };
}

/** A week after the letter is the usual time given; the calendar moves it off a day off. */
const DEFAULT_DAYS_GIVEN = 7;

export function ReminderDialog({ period, agencies, open, onClose }: { period: Period; agencies: readonly AgencyReceipt[]; open: boolean; onClose: () => void }) {
  return open ? <ReminderForm period={period} owed={owedAgencies(agencies)} onClose={onClose} /> : null;
}

function ReminderForm({ period, owed, onClose }: { period: Period; owed: AgencyReceipt[]; onClose: () => void }) {
  const t = useT();
  const { saveFile, saveFiles } = useSaveFile();
  const ids = useId();
  const [chosen, setChosen] = useState<string[]>(() => owed.map((a) => a.code));
  const [mode, setMode] = useState<Mode>('each');
  const [number, setNumber] = useState('');
  const [date, setDate] = useState<string | null>(todayIso());
  const [due, setDue] = useState<string | null>(null);
  const [check, setCheck] = useState<DayCheck | null>(null);
  const [checkError, setCheckError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // Only the answer for the day last picked counts, whatever order the answers come in.
  const asked = useRef<string | null>(null);

  const checkDay = async (day: string | null, moveOffDayOff = false) => {
    asked.current = day;
    setCheck(null);
    setCheckError(null);
    if (!day) return;
    const r = await api['calendar.checkDay']({ date: day });
    if (asked.current !== day) return;
    if (!r.ok) return setCheckError(r.error);
    if (moveOffDayOff && !r.value.working) {
      setDue(r.value.next);
      return void checkDay(r.value.next);
    }
    setCheck(r.value);
  };

  const pickDue = (day: string | null) => {
    setDue(day);
    void checkDay(day);
  };

  useEffect(() => {
    // A suggestion the clerk can change: a week after today, moved to a working day.
    const suggested = addDays(todayIso(), DEFAULT_DAYS_GIVEN);
    setDue(suggested);
    void checkDay(suggested, true);
    // Once, when the dialog opens (the form mounts with it).
  }, []);

  const chosenSet = useMemo(() => new Set(chosen), [chosen]);
  const allChosen = chosen.length === owed.length;
  const tooEarly = due !== null && date !== null && due <= date;
  const dueOk = due !== null && check !== null && check.date === due && check.working && !tooEarly;
  const files = mode === 'each' ? chosen.length : 1;
  const trimmed = number.trim();
  const range = files > 1 && trimmed ? numberRange(trimmed, files) : null;
  const uncountable = files > 1 && trimmed !== '' && range === null;
  const ready = chosen.length > 0 && dueOk && date !== null && !uncountable;

  const create = async () => {
    if (!ready || !due) return;
    setBusy(true);
    setError(null);
    // The screen's order (the server's), not the order the boxes were ticked.
    const agencies = owed.map((a) => a.code).filter((c) => chosenSet.has(c));
    const r = await api['documents.reminders']({ period: period.code, due, mode, agencies, ...documentArgs({ number, date }) });
    if (!r.ok) {
      setBusy(false);
      return setError(r.error);
    }
    const letters = r.value;
    const first = letters[0];
    const outcome = letters.length === 1 && first ? await saveFile(first) : await saveFiles(letters, `CongVanDonDoc_${period.code}.zip`);
    setBusy(false);
    if (outcome === 'saved') onClose();
  };

  const dueHintId = `${ids}-due-hint`;
  let dueHint;
  if (checkError) dueHint = <ApiErrorAlert error={checkError} />;
  else if (!due) dueHint = <span className="muted small">{t('remind.pickDue')}</span>;
  else if (!check || check.date !== due) dueHint = <span className="muted small">{t('remind.checking')}</span>;
  else if (!check.working)
    dueHint = (
      <div className="due-refused" role="alert">
        <span className="field-error">{t('remind.notWorking', { date: formatDateVi(due), reason: check.reason ?? '' })}</span>
        <Button size="small" onClick={() => pickDue(check.next)}>
          {t('remind.useNext', { weekday: t(weekdayKey(check.next)), date: formatDateVi(check.next) })}
        </Button>
      </div>
    );
  else if (tooEarly) dueHint = <span className="field-error" role="alert">{t('remind.dueTooEarly', { date: formatDateVi(date) })}</span>;
  else dueHint = <span className="due-ok small">{t('remind.working', { weekday: t(weekdayKey(due)), date: formatDateVi(due) })}</span>;

  return (
    <Modal
      open
      title={t('remind.title', { period: period.label })}
      okText={mode === 'each' ? t('remind.okEach', { count: files }) : t('remind.okOne')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, disabled: !ready }}
      onOk={() => void create()}
      onCancel={onClose}
      width={760}
      destroyOnHidden
    >
      {owed.length === 0 ? (
        <p>{t('remind.none')}</p>
      ) : (
        <>
          <fieldset className="plain-fieldset">
            <legend className="field-label">{t('remind.agencies', { chosen: chosen.length, total: owed.length })}</legend>
            <Checkbox
              className="remind-all"
              checked={allChosen}
              indeterminate={chosen.length > 0 && !allChosen}
              onChange={(e) => setChosen(e.target.checked ? owed.map((a) => a.code) : [])}
            >
              {t('remind.chooseAll')}
            </Checkbox>
            <ul className="remind-list">
              {owed.map((a) => (
                <li key={a.code}>
                  <Checkbox
                    checked={chosenSet.has(a.code)}
                    aria-label={t('remind.agencyOf', { agency: a.name })}
                    onChange={(e) => setChosen((c) => (e.target.checked ? [...c, a.code] : c.filter((x) => x !== a.code)))}
                  >
                    <span className="remind-agency">{a.name}</span>
                  </Checkbox>
                  <ReceiptTag state={a.state} />
                  <span className="remind-contact">
                    <ContactCell a={a} spelled />
                  </span>
                </li>
              ))}
            </ul>
          </fieldset>
          <fieldset className="plain-fieldset">
            <legend className="field-label">{t('remind.mode')}</legend>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
              <Radio value="each">{t('remind.mode.each')}</Radio>
              <Radio value="one">{t('remind.mode.one')}</Radio>
            </Radio.Group>
          </fieldset>
          <DocumentFields
            number={number}
            date={date}
            onNumber={setNumber}
            onDate={setDate}
            example="12-CV/BCĐ"
            numberNote={
              uncountable ? (
                <div className="field-error" role="alert">
                  {t('remind.numberUncountable', { count: files })}
                </div>
              ) : range ? (
                <div className="muted small">{t('remind.numberRange', { count: files, first: range.first, last: range.last })}</div>
              ) : null
            }
          />
          <div className="due-fields">
            <div className="modal-field">
              <span className="field-label">{t('remind.originalDueLabel')}</span>
              <div className="due-original">{formatDateVi(period.due)}</div>
            </div>
            <div className="modal-field">
              <label htmlFor={`${ids}-due`} className="field-label">
                {t('remind.newDue')}
              </label>
              <DateField id={`${ids}-due`} value={due} onChange={pickDue} status={check && !check.working ? 'error' : undefined} aria-describedby={dueHintId} />
              <div id={dueHintId} className="due-hint">
                {dueHint}
              </div>
            </div>
          </div>
          <BusyNote what={'busy.reminders'} active={busy} />
          {error ? <ApiErrorAlert error={error} /> : null}
        </>
      )}
    </Modal>
  );
}
