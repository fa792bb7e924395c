// The small marks that say how far a figure can be trusted: its coverage, a comparison
// over other agencies, a derived quarter that leaves agencies out, a figure's state, an
// office correction, rule checks. Shared by Tổng hợp and Tổng quan, so one wording and
// one look everywhere a figure appears.
import { Popover, Tag, Tooltip } from 'antd';
import type { ComparedFigure, Coverage, DerivedFigure, FigureState, IndicatorConsolidation, RuleCheck } from '../../../shared/api';
import type { Correction } from '../../../shared/domain';
import { useT } from '../../i18n';
import { checkLevel, correctionParts, correctionText, coverageLabel, derivedLines, isMismatch, isShort, mismatchLines, tallyChecks, type AgencyNames, type CheckLevel } from '../../lib/coverage';
import { formatFigure } from '../../lib/format';
import './consolidation.css';

/** "18/21 đơn vị", orange when the figure does not include every agency it expects. */
export function CoverageTag({ coverage }: { coverage: Pick<Coverage, 'reported' | 'expected'> }) {
  const t = useT();
  const text = coverageLabel(t, coverage);
  if (!isShort(coverage)) return <span className="coverage-full">{text}</span>;
  return (
    <Tooltip title={t('cons.coverageShort', { reported: coverage.reported, expected: coverage.expected })}>
      <Tag color="orange" className="coverage-tag">
        {text}
      </Tag>
    </Tooltip>
  );
}

/**
 * A visible warning sign whose tooltip and accessible name say what is wrong. Focusable,
 * so a clerk on the keyboard reads the tooltip too.
 */
export function Flag({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <Tooltip
      trigger={['hover', 'focus']}
      title={
        <div className="flag-tip">
          {lines.map((l) => (
            <div key={l}>{l}</div>
          ))}
        </div>
      }
    >
      <span className="flag" role="img" tabIndex={0} aria-label={lines.join('. ')}>
        {'\u26A0\uFE0E'}
      </span>
    </Tooltip>
  );
}

function Dash() {
  return <span className="muted">—</span>;
}

/**
 * A comparison figure in a table cell: its value, flagged when it covers other agencies
 * than this period; with `detailed`, its period and coverage on a line beneath.
 */
export function ComparisonCell({ compared, kind, names, detailed }: { compared: ComparedFigure | null; kind: IndicatorConsolidation['kind']; names: AgencyNames; detailed?: boolean }) {
  const t = useT();
  if (!compared || compared.value === null) return <Dash />;
  const about = `${compared.label} · ${coverageLabel(t, compared.coverage)}`;
  const lines = isMismatch(compared) ? [`${compared.label}: ${formatFigure(compared.value, kind)} · ${coverageLabel(t, compared.coverage)}`, ...mismatchLines(t, names, compared)] : [];
  const figure = (
    <span className="figure-with-flag" title={lines.length === 0 && !detailed ? about : undefined}>
      {formatFigure(compared.value, kind)}
      <Flag lines={lines} />
    </span>
  );
  if (!detailed) return figure;
  return (
    <div>
      {figure}
      <div className="muted small wrap">{about}</div>
    </div>
  );
}

/** The in-quarter figure derived from cumulative reports, flagged when it could not be taken for every agency. */
export function DerivedCell({ derived, kind, names }: { derived: DerivedFigure | null; kind: IndicatorConsolidation['kind']; names: AgencyNames }) {
  const t = useT();
  if (!derived) return null;
  if (derived.value === null) return <Dash />;
  const value = formatFigure(derived.value, kind);
  const lines = isShort(derived.coverage)
    ? [t('cons.derivedTitle', { label: derived.label, value }), t('cons.derivedShort', { reported: derived.coverage.reported, expected: derived.coverage.expected }), ...derivedLines(t, names, derived).slice(1)]
    : [];
  return (
    <span className="figure-with-flag" title={lines.length === 0 ? t('cons.derivedTitle', { label: derived.label, value }) : undefined}>
      {value}
      <Flag lines={lines} />
    </span>
  );
}

const STATE_COLOURS: Record<FigureState, string> = {
  counted: 'green',
  blank: 'orange',
  missing: 'red',
  returned: 'magenta',
  not_reporter: 'default',
  not_expected: 'default',
};

export function FigureStateTag({ state }: { state: FigureState }) {
  const t = useT();
  return (
    <Tag color={STATE_COLOURS[state]} className="state-tag">
      {t(`figureState.${state}`)}
    </Tag>
  );
}

/** "Văn phòng sửa": a button (so Tab reaches it; focus or hover opens it) showing what the file said, the note, when and who. */
export function CorrectionTag({ correction, agency }: { correction: Correction; agency: string }) {
  const t = useT();
  const text = correctionText(t, correction);
  // In the popover: what the file said, the note, then when and who on one line.
  const [file, note, ...when] = correctionParts(t, correction);
  const whenWho = when.join(' · ');
  return (
    <Popover
      trigger={['hover', 'focus']}
      title={t('cons.corrected')}
      content={
        <div className="correction-tip">
          <div>{file}</div>
          <div>{note}</div>
          <div className="muted">{whenWho.charAt(0).toUpperCase() + whenWho.slice(1)}</div>
        </div>
      }
    >
      <button type="button" className="correction-tag" aria-label={`${t('cons.correctedOf', { agency })}. ${text}`}>
        {t('cons.corrected')}
      </button>
    </Popover>
  );
}

const LEVEL_COLOURS: Record<CheckLevel, string> = { error: 'red', accepted: 'gold', warning: 'orange' };

export function SeverityTag({ check }: { check: Pick<RuleCheck, 'severity' | 'accepted'> }) {
  const t = useT();
  const level = checkLevel(check);
  return (
    <Tag color={LEVEL_COLOURS[level]} className="state-tag">
      {t(level === 'accepted' ? 'cons.severity.accepted' : level === 'error' ? 'cons.severity.error' : 'cons.severity.warning')}
    </Tag>
  );
}

/** Beside an indicator: how many of its figures a rule has queried, the most serious first. */
export function CheckMarker({ checks }: { checks: readonly RuleCheck[] }) {
  const t = useT();
  if (checks.length === 0) return null;
  const tally = tallyChecks(checks);
  return (
    <span className="check-marker">
      {tally.open > 0 ? <Tag color="red">{t('cons.marker.errors', { count: tally.open })}</Tag> : null}
      {tally.accepted > 0 ? <Tag color="gold">{t('cons.marker.accepted', { count: tally.accepted })}</Tag> : null}
      {tally.warnings > 0 ? <Tag color="orange">{t('cons.marker.warnings', { count: tally.warnings })}</Tag> : null}
    </span>
  );
}
