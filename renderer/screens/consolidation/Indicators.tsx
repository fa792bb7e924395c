// Indicators with their consolidated value, each opening onto the per-agency figures
// (with the source cell, so a clerk can trace a total to a cell of a file) and the
// comparisons: previous period, same period last year, and for cumulative periods the
// in-quarter figure, labelled as derived from the cumulative ones.
import { Descriptions, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import type { AgencyFigure, AgencyRef, IndicatorConsolidation } from '../../../shared/api';
import { EmptyState } from '../../components/EmptyState';
import { FilterInput } from '../../components/FilterInput';
import { TargetCell } from '../../components/Target';
import { useRowNavigation } from '../../hooks/useRowNavigation';
import { useT } from '../../i18n';
import { formatFigure } from '../../lib/format';
import { byNumber, byText, filterRows } from '../../lib/table';

/** A comparison with no figure (no earlier period, or nothing reported then) shows a dash, not a blank that looks like a fault. */
function figureOrDash(value: number | null | undefined, kind: IndicatorConsolidation['kind']) {
  return value === null || value === undefined ? <span className="muted">—</span> : formatFigure(value, kind);
}

function Derived() {
  const t = useT();
  return <span className="derived">({t('cons.derived')})</span>;
}

function Breakdown({ indicator: i, missing }: { indicator: IndicatorConsolidation; missing: AgencyRef[] }) {
  const t = useT();
  // The agencies that owe this figure but have not given it are listed too, after those that have.
  const rows: AgencyFigure[] = [...i.byAgency, ...missing.map((a) => ({ ...a, value: null, text: null, state: 'missing' as const, sourceCell: null, submissionId: null, correction: null }))];
  const ratio = i.aggregation === 'ratio';
  const columns: ColumnsType<AgencyFigure> = [
    { title: t('col.agency'), dataIndex: 'name', sorter: byText((f) => f.name), render: (v: string) => <span className="wrap">{v}</span> },
    ...(ratio
      ? [
          { title: t('cons.numerator'), dataIndex: 'numerator', width: 110, align: 'right' as const, render: (v: number | null | undefined) => formatFigure(v, 'decimal') },
          { title: t('cons.denominator'), dataIndex: 'denominator', width: 110, align: 'right' as const, render: (v: number | null | undefined) => formatFigure(v, 'decimal') },
        ]
      : []),
    {
      title: t('cons.thisPeriod'),
      dataIndex: 'value',
      width: 130,
      align: 'right',
      sorter: byNumber((f) => f.value),
      render: (_, f) => (f.value === null && !f.text ? <span className="muted">{t('cons.notReported')}</span> : formatFigure(f.value, i.kind, f.text)),
    },
    { title: t('cons.sourceCell'), dataIndex: 'sourceCell', width: 150, render: (v: string | null) => (v ? <code className="cell-ref">{v}</code> : null) },
  ];
  return (
    <div className="breakdown">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 4 }}
        title={t('cons.compare')}
        items={[
          { key: 'this', label: t('cons.thisPeriod'), children: <strong>{formatFigure(i.value, i.kind)}</strong> },
          ...(ratio && i.numerator !== undefined && i.numerator !== null
            ? [{ key: 'parts', label: t('cons.ratioHow'), children: t('cons.ratioParts', { numerator: formatFigure(i.numerator, 'decimal'), denominator: formatFigure(i.denominator, 'decimal') }) }]
            : []),
          { key: 'prev', label: i.previous ? `${t('cons.previous')} (${i.previous.label})` : t('cons.previous'), children: i.previous ? formatFigure(i.previous.value, i.kind) : t('common.dash') },
          {
            key: 'last',
            label: i.sameLastYear ? `${t('cons.sameLastYear')} (${i.sameLastYear.label})` : t('cons.sameLastYear'),
            children: i.sameLastYear ? formatFigure(i.sameLastYear.value, i.kind) : t('common.dash'),
          },
          ...(i.inQuarter
            ? [
                {
                  key: 'quarter',
                  label: i.inQuarter.label,
                  children: (
                    <span>
                      {formatFigure(i.inQuarter.value, i.kind)} <Derived />
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Table<AgencyFigure>
        size="small"
        className="nested-table"
        title={() => <strong>{t('cons.byAgency', { reported: i.reported, expected: i.expectedReporters })}</strong>}
        rowKey="code"
        columns={columns}
        dataSource={rows}
        rowClassName={(f) => (f.value === null && !f.text ? 'row-missing' : '')}
        pagination={false}
      />
    </div>
  );
}

export function IndicatorsTable({
  indicators,
  focus,
  cumulative,
  missingReporters,
}: {
  indicators: IndicatorConsolidation[];
  focus: string | undefined;
  cumulative: boolean;
  /** Per indicator, the expected agencies that have not given its figure. */
  missingReporters: (indicator: IndicatorConsolidation) => AgencyRef[];
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<string[]>(focus ? [focus] : []);
  const rows = useMemo(() => filterRows(indicators, query, (i) => [i.code, i.name, i.unit]), [indicators, query]);
  const toggle = (i: IndicatorConsolidation) => setExpanded((keys) => (keys.includes(i.code) ? keys.filter((k) => k !== i.code) : [...keys, i.code]));
  const rowProps = useRowNavigation(rows, (i) => i.code, toggle, (i) => `${i.code} – ${i.name}`);

  useEffect(() => {
    // Arriving from the overview with an indicator: bring its row into view and give it the focus.
    if (!focus) return;
    const row = document.querySelector<HTMLElement>(`tr[data-row-key="${CSS.escape(focus)}"]`);
    row?.scrollIntoView({ block: 'center' });
    row?.focus({ preventScroll: true });
  }, [focus]);

  const showQuarter = cumulative || indicators.some((i) => i.inQuarter);
  const columns: ColumnsType<IndicatorConsolidation> = [
    { title: t('col.code'), dataIndex: 'code', width: 76, sorter: byText((i) => i.code) },
    { title: t('col.indicator'), dataIndex: 'name', sorter: byText((i) => i.name), render: (v: string) => <span className="wrap">{v}</span> },
    { title: t('col.unit'), dataIndex: 'unit', width: 88, render: (v: string) => <span className="wrap">{v}</span> },
    { title: t('cons.thisPeriod'), dataIndex: 'value', width: 96, align: 'right', sorter: byNumber((i) => i.value), render: (_, i) => <strong>{formatFigure(i.value, i.kind)}</strong> },
    { title: t('cons.previous'), key: 'previous', width: 90, align: 'right', render: (_, i) => figureOrDash(i.previous?.value, i.kind) },
    { title: t('cons.sameLastYear'), key: 'sameLastYear', width: 90, align: 'right', render: (_, i) => figureOrDash(i.sameLastYear?.value, i.kind) },
    ...(showQuarter
      ? [
          {
            title: (
              <span>
                {t('cons.inQuarter')} <Derived />
              </span>
            ),
            key: 'inQuarter',
            width: 104,
            align: 'right' as const,
            render: (_: unknown, i: IndicatorConsolidation) =>
              i.inQuarter ? <span title={t('cons.derivedTitle', { label: i.inQuarter.label, value: formatFigure(i.inQuarter.value, i.kind) })}>{formatFigure(i.inQuarter.value, i.kind)}</span> : null,
          },
        ]
      : []),
    { title: t('col.target'), key: 'target', width: 112, render: (_, i) => <TargetCell indicator={i} /> },
    {
      title: t('col.reported'),
      key: 'reported',
      width: 84,
      align: 'right',
      render: (_, i) => (i.reported < i.expectedReporters ? <Tag color="orange">{`${i.reported}/${i.expectedReporters}`}</Tag> : `${i.reported}/${i.expectedReporters}`),
    },
  ];

  if (indicators.length === 0) return <EmptyState title={t('common.emptyPeriod')} />;
  return (
    <>
      <div className="table-bar">
        <FilterInput value={query} onChange={setQuery} label={`${t('common.filter')}: ${t('col.indicator')}`} />
        <span className="muted">{t('common.rows', { shown: rows.length, total: indicators.length })}</span>
      </div>
      <Table<IndicatorConsolidation>
        tableLayout="fixed"
        size="small"
        rowKey="code"
        columns={columns}
        dataSource={rows}
        pagination={false}
        sticky={{ offsetHeader: 64 }}
        onRow={rowProps}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys.map(String)),
          expandedRowRender: (i) => <Breakdown indicator={i} missing={missingReporters(i)} />,
        }}
        locale={{ emptyText: t('common.noMatch', { query }) }}
      />
    </>
  );
}
