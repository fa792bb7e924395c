// One indicator opened: the comparisons with their own periods and coverage (and, for a
// derived quarter, which agencies it is taken over and why the others are out), the
// rule checks on it, then every agency's figure straight from the server's byAgency:
// counted ones first, the rest muted with the reason they are left out, each with its
// source cell, the office's correction if any, and the report's original file. The
// total row says it adds only the counted rows, so it can be checked by eye.
import { Button, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { AgencyFigure, ComparedFigure, IndicatorConsolidation } from '../../../shared/api';
import type { ApiError } from '../../../shared/errors';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useOpenOriginal } from '../../components/useOpenOriginal';
import { useT } from '../../i18n';
import { useCheckText } from '../../lib/api-message';
import { derivedLines, isMismatch, leftByReason, mismatchLines, namesOf, type AgencyNames } from '../../lib/coverage';
import { formatFigure } from '../../lib/format';
import { CorrectionTag, CoverageTag, FigureStateTag, SeverityTag } from './Flags';

function Derived() {
  const t = useT();
  return <span className="derived">({t('cons.derived')})</span>;
}

/** A comparison figure with its own period, value and coverage; what makes it unlike this period, in words. */
function CompareCard({ title, compared, indicator, names }: { title: string; compared: ComparedFigure | null; indicator: IndicatorConsolidation; names: AgencyNames }) {
  const t = useT();
  // A period with nothing counted has no figure to compare: a dash, not a list of every agency missing from it.
  const figure = compared && compared.value !== null ? compared : null;
  const flagged = isMismatch(figure);
  return (
    <div className={flagged ? 'compare-card flagged' : 'compare-card'}>
      <div className="compare-label">{compared ? `${title} (${compared.label})` : title}</div>
      <div className="compare-value">
        {figure ? formatFigure(figure.value, indicator.kind) : <span className="muted">{t('common.dash')}</span>}
        {figure ? <CoverageTag coverage={figure.coverage} /> : null}
        {figure?.derived ? <Derived /> : null}
      </div>
      {figure && flagged ? (
        <div className="compare-note warn">
          {mismatchLines(t, names, figure).map((line) => (
            <div key={line}>{line}</div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

function DerivedCard({ indicator: i, periodLabel, names }: { indicator: IndicatorConsolidation; periodLabel: string; names: AgencyNames }) {
  const t = useT();
  const d = i.inQuarter;
  if (!d) return null;
  const groups = leftByReason(t, names, d);
  return (
    <div className={d.left.length > 0 ? 'compare-card flagged' : 'compare-card'}>
      <div className="compare-label">
        {d.label} <Derived />
      </div>
      <div className="compare-value">
        {d.value !== null ? formatFigure(d.value, i.kind) : <span className="muted">{t('common.dash')}</span>}
        <CoverageTag coverage={d.coverage} />
      </div>
      <div className="compare-note">
        <div>{t('cons.derivedHow', { label: d.label, period: periodLabel, from: d.fromLabel })}</div>
        <div>{derivedLines(t, names, d)[0]}</div>
      </div>
      {d.left.length > 0 ? (
        <div className="compare-note warn">
          {t('cons.derivedLeft', { count: d.left.length })}
          <ul>
            {groups.map((g) => (
              <li key={g.reason}>
                {g.reason}: {g.names}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {d.fromZero.length > 0 ? <div className="compare-note">{t('cons.fromZero', { from: d.fromLabel, names: namesOf(names, d.fromZero) })}</div> : null}
    </div>
  );
}

/** The rule checks on this indicator; the server's sentence already names the agency and both figures. */
function IndicatorChecks({ indicator: i }: { indicator: IndicatorConsolidation }) {
  const t = useT();
  const say = useCheckText();
  if (i.checks.length === 0) return null;
  return (
    <section className="breakdown-checks" aria-label={t('cons.checksOfIndicator')}>
      <strong>{t('cons.checksOfIndicator')}</strong>
      <ul>
        {i.checks.map((c, n) => (
          <li key={`${c.rule}-${c.agency ?? ''}-${n}`}>
            <SeverityTag check={c} /> <strong>{t(`checkRule.${c.rule}`)}</strong>: {say(c)}
            {c.accepted ? <div className="check-reason">{t('cons.acceptedReason', { reason: c.accepted.reason })}</div> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Breakdown({
  indicator: i,
  periodLabel,
  quarter,
  names,
  originals,
}: {
  indicator: IndicatorConsolidation;
  periodLabel: string;
  /** A quarter compares with the quarter before; a cumulative period does not. */
  quarter: boolean;
  names: AgencyNames;
  /** Whether each report (by submission id) kept its original file; null while unknown. */
  originals: ReadonlyMap<number, boolean> | null;
}) {
  const t = useT();
  const [opening, setOpening] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const ratio = i.aggregation === 'ratio';
  const counted = i.byAgency.filter((f) => f.state === 'counted');
  const notCounted = i.byAgency.length - counted.length;

  // The file as the agency sent it, opened in its own program (desktop) or downloaded (browser), as Nhận báo cáo does.
  const open = useOpenOriginal(setError);
  const openOriginal = async (id: number) => {
    setOpening(id);
    setError(null);
    try {
      await open(id);
    } finally {
      setOpening(null);
    }
  };

  const shown = (f: AgencyFigure) => (f.value === null && !f.text ? <span className="muted">{t('common.dash')}</span> : <span className="figure">{formatFigure(f.value, i.kind, f.text)}</span>);
  const columns: ColumnsType<AgencyFigure> = [
    {
      title: t('col.agency'),
      dataIndex: 'name',
      render: (_, f) => (
        <div className="wrap">
          <div>{f.name}</div>
          {f.correction ? (
            <div className="tag-line">
              <CorrectionTag correction={f.correction} agency={f.name} />
            </div>
          ) : null}
        </div>
      ),
    },
    ...(ratio
      ? [
          { title: t('cons.numerator'), dataIndex: 'numerator', width: 100, align: 'right' as const, render: (v: number | null | undefined) => formatFigure(v, 'decimal') },
          { title: t('cons.denominator'), dataIndex: 'denominator', width: 100, align: 'right' as const, render: (v: number | null | undefined) => formatFigure(v, 'decimal') },
        ]
      : []),
    { title: t('cons.thisPeriod'), dataIndex: 'value', width: 110, align: 'right', render: (_, f) => shown(f) },
    { title: t('col.state'), dataIndex: 'state', width: 230, render: (_, f) => <FigureStateTag state={f.state} /> },
    { title: t('cons.sourceCell'), dataIndex: 'sourceCell', width: 140, render: (v: string | null) => (v ? <code className="cell-ref">{v}</code> : null) },
    {
      title: t('col.file'),
      key: 'original',
      width: 130,
      render: (_, f) => {
        if (f.submissionId === null) return null;
        const id = f.submissionId;
        if (originals?.get(id) === false) {
          return (
            <Tooltip title={t('cons.noOriginalTitle')}>
              <span className="original-none">{t('cons.noOriginal')}</span>
            </Tooltip>
          );
        }
        return (
          <Button size="small" loading={opening === id} disabled={opening !== null && opening !== id} aria-label={t('cons.openOriginalOf', { agency: f.name })} onClick={() => void openOriginal(id)}>
            {t('cons.openOriginal')}
          </Button>
        );
      },
    },
  ];

  const totalLabel = t(`cons.total.${i.aggregation}`, { count: counted.length });
  const span = columns.length;
  return (
    <div className="breakdown">
      <div className="compare-grid" role="group" aria-label={t('cons.compare')}>
        <div className="compare-card">
          <div className="compare-label">{t('cons.thisPeriodOf', { label: periodLabel })}</div>
          <div className="compare-value">
            {i.kind === 'text' ? <span className="muted">{t('common.dash')}</span> : formatFigure(i.value, i.kind)}
            <CoverageTag coverage={i.coverage} />
          </div>
          {ratio && i.numerator !== undefined && i.numerator !== null ? (
            <div className="compare-note">{t('cons.ratioParts', { numerator: formatFigure(i.numerator, 'decimal'), denominator: formatFigure(i.denominator, 'decimal') })}</div>
          ) : null}
        </div>
        {quarter ? <CompareCard title={t('cons.previous')} compared={i.previous} indicator={i} names={names} /> : null}
        <CompareCard title={t('cons.sameLastYear')} compared={i.sameLastYear} indicator={i} names={names} />
        <DerivedCard indicator={i} periodLabel={periodLabel} names={names} />
      </div>
      <IndicatorChecks indicator={i} />
      {error ? <ApiErrorAlert error={error} /> : null}
      <Table<AgencyFigure>
        size="small"
        className="nested-table"
        title={() => (
          <div className="breakdown-title">
            <strong>{t('cons.byAgency', { reported: i.coverage.reported, expected: i.coverage.expected })}</strong>
            {notCounted > 0 ? <span className="total-note">{t('cons.notCountedNote', { count: notCounted })}</span> : null}
          </div>
        )}
        rowKey="code"
        columns={columns}
        dataSource={i.byAgency}
        rowClassName={(f) => (f.state === 'counted' ? '' : 'row-not-counted')}
        pagination={false}
        summary={() =>
          i.kind === 'text' ? null : (
            <Table.Summary.Row className="total-row">
              <Table.Summary.Cell index={0}>{totalLabel}</Table.Summary.Cell>
              {ratio ? (
                <>
                  <Table.Summary.Cell index={1} align="right">
                    {formatFigure(i.numerator, 'decimal')}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {formatFigure(i.denominator, 'decimal')}
                  </Table.Summary.Cell>
                </>
              ) : null}
              <Table.Summary.Cell index={ratio ? 3 : 1} align="right">
                {formatFigure(i.value, i.kind)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={ratio ? 4 : 2} colSpan={span - (ratio ? 4 : 2)} />
            </Table.Summary.Row>
          )
        }
      />
    </div>
  );
}
