// Indicators with their consolidated value and how far it reaches ("18/21 đơn vị"), the
// comparisons that compare like with like (a quarter with the quarter before, every
// period with the same one last year) flagged when they cover other agencies, and for
// cumulative periods the in-quarter figure derived from them. Each row opens onto its
// breakdown (Breakdown.tsx); rule checks on an indicator are marked beside its name.
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import type { IndicatorConsolidation } from '../../../shared/api';
import { EmptyState } from '../../components/EmptyState';
import { FilterInput } from '../../components/FilterInput';
import { TargetCell } from '../../components/Target';
import { useRowNavigation } from '../../hooks/useRowNavigation';
import { useT } from '../../i18n';
import type { AgencyNames } from '../../lib/coverage';
import { formatFigure } from '../../lib/format';
import { byNumber, byText, filterRows, keyboardSort, rowExpandIcon } from '../../lib/table';
import { Breakdown } from './Breakdown';
import { CheckMarker, ComparisonCell, CoverageTag, DerivedCell } from './Flags';

function Derived() {
  const t = useT();
  return <span className="derived">({t('cons.derived')})</span>;
}

export function IndicatorsTable({
  indicators,
  focus,
  quarter,
  periodLabel,
  names,
  originals,
}: {
  indicators: IndicatorConsolidation[];
  focus: string | undefined;
  /** A quarter compares with the quarter before; a cumulative period has an in-quarter figure instead. */
  quarter: boolean;
  periodLabel: string;
  names: AgencyNames;
  originals: ReadonlyMap<number, boolean> | null;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<string[]>(focus ? [focus] : []);
  const rows = useMemo(() => filterRows(indicators, query, (i) => [i.code, i.name, i.unit]), [indicators, query]);
  const toggle = (i: IndicatorConsolidation) => setExpanded((keys) => (keys.includes(i.code) ? keys.filter((k) => k !== i.code) : [...keys, i.code]));
  const rowProps = useRowNavigation(rows, (i) => i.code, toggle, (i) => `${i.code} – ${i.name}`);

  useEffect(() => {
    // Arriving with an indicator (from the overview, or a rule check): open its row, bring it into view, give it the focus.
    if (!focus) return;
    setQuery('');
    setExpanded((keys) => (keys.includes(focus) ? keys : [...keys, focus]));
    const timer = setTimeout(() => {
      const row = document.querySelector<HTMLElement>(`tr[data-row-key="${CSS.escape(focus)}"]`);
      row?.scrollIntoView({ block: 'center' });
      row?.focus({ preventScroll: true });
    }, 0);
    return () => clearTimeout(timer);
  }, [focus]);

  const showQuarter = !quarter || indicators.some((i) => i.inQuarter);
  const columns: ColumnsType<IndicatorConsolidation> = keyboardSort([
    { title: t('col.code'), dataIndex: 'code', width: 76, sorter: byText((i) => i.code) },
    {
      title: t('col.indicator'),
      dataIndex: 'name',
      sorter: byText((i) => i.name),
      render: (_, i) => (
        <span className="wrap">
          {i.name}
          <CheckMarker checks={i.checks} />
        </span>
      ),
    },
    { title: t('col.unit'), dataIndex: 'unit', width: 84, render: (v: string) => <span className="wrap">{v}</span> },
    { title: t('cons.thisPeriod'), dataIndex: 'value', width: 90, align: 'right', sorter: byNumber((i) => i.value), render: (_, i) => <strong>{formatFigure(i.value, i.kind)}</strong> },
    {
      title: t('cons.coverageCol'),
      key: 'coverage',
      width: 104,
      align: 'right',
      sorter: byNumber((i) => (i.coverage.expected > 0 ? i.coverage.reported / i.coverage.expected : null)),
      render: (_, i) => <CoverageTag coverage={i.coverage} />,
    },
    ...(quarter
      ? [{ title: t('cons.previous'), key: 'previous', width: 92, align: 'right' as const, render: (_: unknown, i: IndicatorConsolidation) => <ComparisonCell compared={i.previous} kind={i.kind} names={names} /> }]
      : []),
    { title: t('cons.sameLastYear'), key: 'sameLastYear', width: 96, align: 'right', render: (_, i) => <ComparisonCell compared={i.sameLastYear} kind={i.kind} names={names} /> },
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
            render: (_: unknown, i: IndicatorConsolidation) => <DerivedCell derived={i.inQuarter} kind={i.kind} names={names} />,
          },
        ]
      : []),
    { title: t('col.target'), key: 'target', width: 104, render: (_, i) => <TargetCell indicator={i} /> },
  ]);

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
          expandIcon: rowExpandIcon(t, (i: IndicatorConsolidation) => `${i.code} ${i.name}`),
          expandedRowRender: (i) => <Breakdown indicator={i} periodLabel={periodLabel} quarter={quarter} names={names} originals={originals} />,
        }}
        locale={{ emptyText: t('common.noMatch', { query }) }}
      />
    </>
  );
}
