// What became of one row (or, for agencies down, one column header) of the sample, and
// the clerk's one-click choices: confirm a suggestion (each says why it is suggested:
// by code, by name, by its place in the plan), pick another indicator, or mark the row
// "bỏ qua". A sub-row ("Trong đó:", "- Án thụ lý mới") offers "bỏ qua" first.
import { Button, Select, Tag } from 'antd';
import type { IndicatorSuggestion, PreviewMatchedBy, ProfilePreviewColumn, ProfilePreviewRow } from '../../../shared/api';
import type { Indicator } from '../../../shared/domain';
import { matchesSearch } from '../../../shared/text';
import { useT } from '../../i18n';

export interface Choices {
  indicators: readonly Indicator[];
  onConfirm: (key: string, code: string | null) => void;
  /** Absent for column headers: an unmatched column is passed over anyway. */
  onSkip?: (key: string, skip: boolean) => void;
}

function Reason({ s }: { s: IndicatorSuggestion }) {
  const t = useT();
  return <span className="muted small">{s.reason === 'name' ? t('wizard.reason.name', { percent: Math.round(s.score * 100) }) : t(`wizard.reason.${s.reason}`)}</span>;
}

function MatchedHow({ by }: { by: PreviewMatchedBy | null }) {
  const t = useT();
  if (!by || by === 'confirmed') return null;
  return <span className="muted small"> · {t(`wizard.matchedBy.${by}`)}</span>;
}

function OtherIndicator({ label, onChange, indicators, inline = false }: { label: string; onChange: (code: string) => void; indicators: readonly Indicator[]; inline?: boolean }) {
  const t = useT();
  return (
    <Select
      size="small"
      aria-label={label}
      placeholder={t('wizard.otherIndicatorShort')}
      // Beside a button on a matched row, so that row stays one line high.
      style={inline ? { flex: '1 1 200px', minWidth: 0 } : { width: '100%' }}
      popupMatchSelectWidth={false}
      value={null}
      onChange={onChange}
      showSearch={{ filterOption: (q, option) => matchesSearch(String(option?.label ?? ''), q) }}
      options={indicators.map((i) => ({ value: i.code, label: `${i.code} – ${i.name}` }))}
    />
  );
}

/** The indicator side of a row or column header: matched, confirmed, or to choose. */
export function IndicatorChoice({ item, at, choices, subRow }: { item: ProfilePreviewRow | ProfilePreviewColumn; at: { row: number } | { column: string }; choices: Choices; subRow: boolean }) {
  const t = useT();
  const where = 'row' in at ? t('wizard.rowWhere', { row: at.row }) : t('wizard.columnWhere', { column: at.column });
  const confirmLabel = (s: IndicatorSuggestion) => ('row' in at ? t('wizard.confirmAs', { code: s.code, name: s.name, row: at.row }) : t('wizard.confirmFor', { code: s.code, name: s.name, where }));
  const key = item.confirmKey;
  // A row is marked "bỏ qua" by its own skip key (with its STT or bullet), not by its text alone.
  const skipKey = 'skipKey' in item ? item.skipKey : key;
  const skipButton = (primary: boolean) =>
    choices.onSkip ? (
      <Button size="small" type={primary ? 'primary' : 'default'} onClick={() => choices.onSkip?.(skipKey, true)} aria-label={t('wizard.skipRow', { where })}>
        {t(subRow ? 'wizard.skipSubRow' : 'wizard.skipShort')}
      </Button>
    ) : null;
  if (item.indicator) {
    const isConfirmed = item.matchedBy === 'confirmed';
    return (
      <div className="wizard-pick">
        <span className="wrap">
          <Tag color={isConfirmed ? 'blue' : 'green'}>{item.indicator.code}</Tag>
          {item.indicator.name}
          {item.indicator.computed ? <span className="muted small"> · {t('wizard.computed')}</span> : null}
          <MatchedHow by={item.matchedBy} />
          {isConfirmed ? (
            <>
              {' '}
              <Tag color="blue">{t('wizard.confirmedTag')}</Tag>
              <Button size="small" onClick={() => choices.onConfirm(key, null)}>
                {t('wizard.unconfirm')}
              </Button>
            </>
          ) : null}
        </span>
        {subRow ? <span className="entry-problem small">{t('wizard.subRowMatched')}</span> : null}
        <div className="wizard-suggestions">
          {subRow ? skipButton(true) : null}
          <OtherIndicator inline label={t('wizard.changeIndicator', { where })} indicators={choices.indicators} onChange={(code) => choices.onConfirm(key, code)} />
          {subRow ? null : skipButton(false)}
        </div>
      </div>
    );
  }
  return (
    <div className="wizard-pick">
      <Tag color="orange" style={{ width: 'fit-content' }}>
        {t(subRow ? 'wizard.role.subRow' : 'wizard.role.unmatched')}
      </Tag>
      <div className="wizard-suggestions">
        {subRow ? skipButton(true) : null}
        {item.suggestions.map((s, i) => (
          <Button
            key={s.code}
            size="small"
            type={i === 0 && !subRow ? 'primary' : 'default'}
            ghost={i === 0 && !subRow}
            onClick={() => choices.onConfirm(key, s.code)}
            aria-label={confirmLabel(s)}
          >
            <span>
              {t('wizard.confirmShort', { code: s.code, name: s.name })} <Reason s={s} />
            </span>
          </Button>
        ))}
        {subRow ? null : skipButton(false)}
      </div>
      <OtherIndicator label={t('wizard.otherIndicatorFor', { where })} indicators={choices.indicators} onChange={(code) => choices.onConfirm(key, code)} />
    </div>
  );
}

/** A row of agencies down: the agency it names, or none (then "bỏ qua" silences it). */
export function AgencyChoice({ row, choices }: { row: ProfilePreviewRow; choices: Choices }) {
  const t = useT();
  if (row.agency) return <span className="wrap"><Tag color="green">{row.agency.code}</Tag>{row.agency.name}</span>;
  return (
    <div className="wizard-pick">
      <Tag color="orange" style={{ width: 'fit-content' }}>
        {t('wizard.role.noAgency')}
      </Tag>
      <div className="wizard-suggestions">
        <Button size="small" onClick={() => choices.onSkip?.(row.skipKey, true)} aria-label={t('wizard.skipRow', { where: t('wizard.rowWhere', { row: row.row }) })}>
          {t('wizard.skipShort')}
        </Button>
      </div>
    </div>
  );
}
