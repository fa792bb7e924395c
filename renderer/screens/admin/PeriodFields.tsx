// What a new reporting period is: its kind (quý, 6 tháng, 9 tháng, năm), the quarter,
// and how its data window is counted, with the window and due date it will get. Shared
// by Kỳ báo cáo's "Thêm kỳ báo cáo" and the first period made where the app has none.
import { Select, Radio } from 'antd';
import type { Period } from '../../../shared/domain';
import { formatDateVi } from '../../../shared/numbers';
import { PERIOD_KINDS, periodCode, periodLabel, periodWindow, type PeriodKind, type WindowPreset } from '../../../shared/periods';
import { matchesSearch } from '../../../shared/text';
import { api } from '../../api';
import { useT } from '../../i18n';

export interface PeriodDraft {
  kind: PeriodKind;
  quarter: number;
  preset: WindowPreset;
}

/** The period a draft makes in a year, with its code; null without a year. */
export function draftSlot(year: number | null, draft: PeriodDraft) {
  if (year === null) return null;
  const slot = draft.kind === 'quarter' ? { year, kind: draft.kind, quarter: draft.quarter } : { year, kind: draft.kind };
  return { slot, code: periodCode(slot), label: periodLabel(slot), window: periodWindow(slot, draft.preset) };
}

/** Makes the draft's period through the Api (the same call wherever it is made). */
export function createPeriod(year: number, draft: PeriodDraft) {
  return api['periods.create']({ year, kind: draft.kind, quarter: draft.kind === 'quarter' ? draft.quarter : undefined, preset: draft.preset });
}

export function PeriodFields({
  year,
  draft,
  onChange,
  existing,
}: {
  year: number | null;
  draft: PeriodDraft;
  onChange: (draft: PeriodDraft) => void;
  /** The periods already made, so a draft that repeats one says so. */
  existing: readonly Pick<Period, 'code'>[];
}) {
  const t = useT();
  const made = draftSlot(year, draft);
  const exists = made !== null && existing.some((p) => p.code === made.code);
  return (
    <>
      <fieldset className="plain-fieldset">
        <legend className="field-label">{t('periods.kind')}</legend>
        <Radio.Group value={draft.kind} onChange={(e) => onChange({ ...draft, kind: e.target.value as PeriodKind })} optionType="button">
          {PERIOD_KINDS.map((k) => (
            <Radio.Button key={k} value={k}>
              {t(`periods.kind.${k}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
      </fieldset>
      {draft.kind === 'quarter' ? (
        <div className="modal-field">
          <label htmlFor="period-quarter" className="field-label">
            {t('periods.quarter')}
          </label>
          <Select<number>
            id="period-quarter"
            value={draft.quarter}
            onChange={(q) => onChange({ ...draft, quarter: q })}
            options={[1, 2, 3, 4].map((q) => ({ value: q, label: t('periods.quarterN', { n: String(q) }) }))}
            showSearch={{ filterOption: (input, option) => matchesSearch(String(option?.label ?? ''), input) }}
            style={{ width: 140 }}
          />
        </div>
      ) : null}
      <fieldset className="plain-fieldset">
        <legend className="field-label">{t('periods.preset')}</legend>
        <Radio.Group value={draft.preset} onChange={(e) => onChange({ ...draft, preset: e.target.value as WindowPreset })}>
          <Radio value="nd09">{t('periods.preset.nd09')}</Radio>
          <Radio value="calendar">{t('periods.preset.calendar')}</Radio>
        </Radio.Group>
      </fieldset>
      {made ? (
        <p className="period-preview" role="status">
          <strong>{made.label}</strong>: {t('period.window', { from: formatDateVi(made.window.from), to: formatDateVi(made.window.to) })} ·{' '}
          {t('period.due', { due: formatDateVi(made.window.due) })}
          {exists ? <span className="error-text"> — {t('periods.exists', { label: made.label })}</span> : null}
        </p>
      ) : null}
    </>
  );
}

/** Whether the draft repeats a period already made. */
export function draftExists(year: number | null, draft: PeriodDraft, existing: readonly Pick<Period, 'code'>[]): boolean {
  const made = draftSlot(year, draft);
  return made !== null && existing.some((p) => p.code === made.code);
}
