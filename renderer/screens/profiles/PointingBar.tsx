// What the next click on the sheet points at: one step per thing the shape needs, in
// the order a clerk points (keys 1–8 choose a step), with a hint and the grid's legend.
import { Radio } from 'antd';
import { useT, type MessageKey } from '../../i18n';
import { stepsOf, type Draft, type Pointing } from './draft';

const LABELS: Record<Pointing, MessageKey> = {
  headerFirst: 'wizard.point.headerFirst',
  headerLast: 'wizard.point.headerLast',
  key: 'wizard.point.key',
  value: 'wizard.point.value',
  agency: 'wizard.point.agency',
  agencyColumns: 'wizard.point.agencyColumns',
  lastRow: 'wizard.point.lastRow',
  period: 'wizard.point.period',
};

/** The step's label: for agencies down, the key column names the agency. */
export function pointingLabel(draft: Draft, p: Pointing): MessageKey {
  return p === 'key' && draft.shape === 'agencyRows' ? 'wizard.point.agencyColumn' : LABELS[p];
}

export function PointingBar({ draft, onPointing }: { draft: Draft; onPointing: (p: Pointing) => void }) {
  const t = useT();
  const steps = stepsOf(draft.shape, draft.agencyMode);
  const hint: MessageKey = draft.pointing === 'key' && draft.shape === 'agencyRows' ? 'wizard.hint.agencyColumn' : `wizard.hint.${draft.pointing}`;
  return (
    <>
      <Radio.Group
        size="small"
        optionType="button"
        buttonStyle="solid"
        aria-label={t('wizard.pointing')}
        value={draft.pointing}
        onChange={(e) => onPointing(e.target.value as Pointing)}
        options={steps.map((p, i) => ({ value: p, label: `${i + 1}. ${t(pointingLabel(draft, p))}` }))}
      />
      <p className="card-hint" style={{ margin: '6px 0 0' }} role="status">
        {t(hint)}
      </p>
      <div className="wizard-legend" aria-hidden="true">
        <span className="l-header">{t('wizard.legend.header')}</span>
        <span className="l-key">{t('wizard.legend.key')}</span>
        <span className="l-value">{t('wizard.legend.value')}</span>
        <span className="l-agency">{t('wizard.legend.agency')}</span>
        <span className="l-period">{t('wizard.legend.period')}</span>
        <span className="l-after">{t('wizard.legend.after')}</span>
      </div>
    </>
  );
}
