// Tổng quan: for the chosen period, who has reported (and who not, by name; whether the
// report is complete, under which document number; reminder letters to those who have
// not, and a print of the whole view), how the tasks stand, and each
// indicator's consolidated value against its target, with how many agencies it covers
// and the like-for-like comparison flagged when it covers other agencies. Every figure
// leads to its detail: an agency to its reports, a task or an indicator to the
// consolidation.
import { Button, Card, Col, Row, Table, Tag } from 'antd';
import type { ApiError } from '../../shared/errors';
import { api } from '../api';
import { BusyNote } from '../components/BusyNote';
import { useSaveFile } from '../hooks/useSaveFile';
import type { ColumnsType } from 'antd/es/table';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { AgencyReceipt, IndicatorConsolidation, ReceiptState, TaskConsolidation } from '../../shared/api';
import type { Period } from '../../shared/domain';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { NoReportsYet } from '../components/EmptyState';
import { useSession } from '../state/SessionContext';
import { PrintButton, usePrinting } from '../components/Print';
import { FilterInput } from '../components/FilterInput';
import { ReceiptTag, RECEIPT_COLOURS } from '../components/ReceiptTag';
import { TargetCell } from '../components/Target';
import { useAgencyNames } from '../hooks/useAgencyNames';
import { useApi } from '../hooks/useApi';
import { useRowNavigation } from '../hooks/useRowNavigation';
import { warmWhenIdle } from '../lib/deferred';
import { loadAllMessages, useT } from '../i18n';
import { gapsLabel } from '../lib/coverage';
import { formatFigure } from '../lib/format';
import { formatDateVi } from '../../shared/numbers';
import { byNumber, byText, filterRows } from '../lib/table';
import { hrefFor, useRoute } from '../state/useRoute';
import { ComparisonCell, CoverageTag } from './consolidation/Flags';
import { owedAgencies } from './documents/owed';
import { STATUS_COUNT_KEYS } from './consolidation/status';

// The letter dialog and its date fields load when the clerk first opens it.
const ReminderDialog = lazy(() => Promise.all([import('./documents/ReminderDialog'), loadAllMessages()]).then(([m]) => ({ default: m.ReminderDialog })));

type StateFilter = 'all' | 'received' | ReceiptState;

const STATE_CARDS: { key: StateFilter; colour: string }[] = [
  { key: 'received', colour: '#1f4e79' },
  { key: 'on_time', colour: RECEIPT_COLOURS.on_time },
  { key: 'late', colour: RECEIPT_COLOURS.late },
  { key: 'returned', colour: RECEIPT_COLOURS.returned },
  { key: 'missing', colour: RECEIPT_COLOURS.missing },
];

function inState(a: AgencyReceipt, filter: StateFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'received') return a.state === 'on_time' || a.state === 'late';
  return a.state === filter;
}

export function Overview({ period }: { period: Period }) {
  const t = useT();
  const [, navigate] = useRoute();
  const data = useApi('consolidation.get', { period: period.code });
  const names = useAgencyNames();
  const [stateFilter, setStateFilter] = useState<StateFilter>('all');
  const [agencyQuery, setAgencyQuery] = useState('');
  const [indicatorQuery, setIndicatorQuery] = useState('');

  const { saveFile } = useSaveFile();
  // On paper the tables lose their sticky header (it would print once) and the
  // indicators' columns narrow to fit A4 portrait.
  const printing = usePrinting();
  const sticky = printing ? undefined : { offsetHeader: 64 };
  const [reminding, setReminding] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  // The list the clerk chases with: the same workbook the consolidation screen exports.
  const exportMissing = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const r = await api['exports.missing']({ period: period.code });
      if (!r.ok) return setExportError(r.error);
      await saveFile(r.value);
    } finally {
      setExporting(false);
    }
  };

  const c = data.value;
  // The figures are up: now fetch what the first screen left for later (antd's pager,
  // menus, the message holders), so the next screen finds them here.
  const shown = Boolean(c);
  useEffect(() => {
    if (shown) warmWhenIdle();
  }, [shown]);
  const agencies = useMemo(
    () => filterRows(c?.completeness.agencies ?? [], agencyQuery, (a) => [a.name, a.code]).filter((a) => inState(a, stateFilter)),
    [c, agencyQuery, stateFilter],
  );
  const indicators = useMemo(() => filterRows(c?.indicators ?? [], indicatorQuery, (i) => [i.code, i.name]), [c, indicatorQuery]);

  // An agency's row opens its reports in Nhận báo cáo, a screen a read-only role does not have.
  const { canWrite } = useSession();
  const agencyRow = useRowNavigation(agencies, (a) => a.code, (a) => navigate('intake', { agency: a.code }), (a) => t('overview.openAgency', { agency: a.name }));
  const taskRow = useRowNavigation(c?.tasks ?? [], (x) => x.code, (x) => navigate('consolidation', { tab: 'tasks', task: x.code }), (x) => t('overview.openTask', { task: x.title }));
  const indicatorRow = useRowNavigation(indicators, (i) => i.code, (i) => navigate('consolidation', { indicator: i.code }), (i) => t('overview.openIndicator', { indicator: `${i.code} – ${i.name}` }));

  if (data.state === 'error' && !c) return <ApiErrorAlert error={data.error} onRetry={data.reload} />;
  if (!c) return <Card loading />;

  const counts = c.completeness.counts;
  const quarter = period.kind === 'quarter';
  const nothingYet = counts.received === 0 && counts.returned === 0;
  const cardValue = (key: StateFilter): string => {
    switch (key) {
      case 'received':
        return t('overview.receivedOf', { received: counts.received, expected: counts.expected });
      case 'on_time':
        return String(counts.onTime);
      case 'late':
        return String(counts.late);
      case 'returned':
        return String(counts.returned);
      case 'missing':
        return String(counts.missing);
      default:
        return String(counts.expected);
    }
  };
  const cardLabel = (key: StateFilter): string => (key === 'received' ? t('overview.received') : key === 'all' ? t('overview.allStates') : t(`receipt.${key}`));

  const agencyColumns: ColumnsType<AgencyReceipt> = [
    {
      title: t('col.agency'),
      dataIndex: 'name',
      sorter: byText((a) => a.name),
      render: (_, a) =>
        canWrite ? (
          <a href={hrefFor('intake', { agency: a.code })} tabIndex={-1} className="wrap">
            {a.name}
          </a>
        ) : (
          <span className="wrap">{a.name}</span>
        ),
    },
    {
      title: t('col.state'),
      dataIndex: 'state',
      width: 130,
      sorter: byText((a) => t(`receipt.${a.state}`)),
      // A received report also says whether it is complete: a report in on time can still leave figures blank.
      render: (_, a) => (
        <div>
          <ReceiptTag state={a.state} />
          {(a.state === 'on_time' || a.state === 'late') && a.gaps ? <div className={a.complete ? 'small gaps-complete' : 'small gaps-incomplete'}>{gapsLabel(t, a.gaps)}</div> : null}
        </div>
      ),
    },
    {
      title: t('col.receivedOn'),
      dataIndex: 'receivedOn',
      width: 150,
      sorter: byText((a) => a.receivedOn),
      render: (v: string | null, a) => (
        <div>
          <div>{formatDateVi(v)}</div>
          {a.documentNumber ? <div className="small muted">{t('overview.documentNumber', { number: a.documentNumber })}</div> : null}
        </div>
      ),
    },
  ];

  const taskColumns: ColumnsType<TaskConsolidation> = [
    {
      title: t('col.task'),
      dataIndex: 'title',
      render: (_, x) => (
        <a href={hrefFor('consolidation', { tab: 'tasks', task: x.code })} tabIndex={-1} className="wrap">
          <span className="ordinal">{x.ordinal}.</span> {x.title}
        </a>
      ),
    },
    ...STATUS_COUNT_KEYS.map(({ key, label, colour }) => ({
      title: <span className="count-head">{t(label)}</span>,
      key,
      width: 78,
      align: 'center' as const,
      render: (_: unknown, x: TaskConsolidation) => {
        const n = x.statusCounts[key];
        return n > 0 ? <span className="count" style={{ color: colour }}>{n}</span> : <span className="count-zero">0</span>;
      },
    })),
  ];

  const indicatorColumns: ColumnsType<IndicatorConsolidation> = [
    { title: t('col.code'), dataIndex: 'code', width: printing ? 58 : 84, sorter: byText((i) => i.code) },
    {
      title: t('col.indicator'),
      dataIndex: 'name',
      sorter: byText((i) => i.name),
      render: (_, i) => (
        <a href={hrefFor('consolidation', { indicator: i.code })} tabIndex={-1} className="wrap">
          {i.name}
        </a>
      ),
    },
    { title: t('col.unit'), dataIndex: 'unit', width: printing ? 60 : 96, render: (v: string) => <span className="wrap">{v}</span> },
    { title: t('col.value'), dataIndex: 'value', width: printing ? 70 : 110, align: 'right', sorter: byNumber((i) => i.value), render: (_, i) => <strong>{formatFigure(i.value, i.kind)}</strong> },
    { title: t('cons.coverageCol'), key: 'coverage', width: printing ? 100 : 110, align: 'right', render: (_, i) => <CoverageTag coverage={i.coverage} /> },
    {
      // Like with like: a quarter beside the quarter before, a cumulative period beside the same one last year.
      title: quarter ? t('cons.previous') : t('cons.sameLastYear'),
      key: 'compare',
      width: printing ? 90 : 170,
      align: 'right',
      render: (_, i) => <ComparisonCell compared={quarter ? i.previous : i.sameLastYear} kind={i.kind} names={names} detailed />,
    },
    { title: t('col.target'), key: 'target', width: printing ? 84 : 140, render: (_, i) => <TargetCell indicator={i} /> },
  ];

  return (
    <div className="screen overview">
      {data.state === 'error' ? <ApiErrorAlert error={data.error} onRetry={data.reload} /> : null}
      {exportError ? <ApiErrorAlert error={exportError} /> : null}
      <div className="screen-actions">
        <Button disabled={owedAgencies(c.completeness.agencies).length === 0} onClick={() => setReminding(true)}>
          {t('remind.button')}
        </Button>
        <PrintButton what={t('nav.overview')} />
      </div>
      {reminding ? (
        <Suspense fallback={null}>
          <ReminderDialog period={period} agencies={c.completeness.agencies} open={reminding} onClose={() => setReminding(false)} />
        </Suspense>
      ) : null}
      <section aria-label={t('overview.completeness')} className="stat-row">
        {STATE_CARDS.map(({ key, colour }) => (
          <button
            key={key}
            type="button"
            className={stateFilter === key ? 'stat-card selected' : 'stat-card'}
            aria-pressed={stateFilter === key}
            aria-label={`${cardLabel(key)}: ${cardValue(key)}. ${t('overview.showAgencies', { label: cardLabel(key) })}`}
            onClick={() => setStateFilter(stateFilter === key ? 'all' : key)}
          >
            <span className="stat-label">{cardLabel(key)}</span>
            <span className="stat-value" style={{ color: colour }}>
              {cardValue(key)}
            </span>
            {key === 'received' ? <span className="stat-hint">{t('overview.expectedHint', { expected: counts.expected })}</span> : null}
          </button>
        ))}
      </section>

      {nothingYet ? (
        <NoReportsYet />
      ) : null}

      <Row gutter={[16, 16]} className="block">
        <Col xs={24} xl={nothingYet ? 24 : 10}>
          <Card
            title={t('overview.agencies')}
            size="small"
            extra={
              <span className="card-extra">
                {stateFilter === 'missing' && counts.missing > 0 ? (
                  <>
                    <Button size="small" loading={exporting} disabled={exporting} onClick={() => void exportMissing()}>
                      {t('cons.exportMissing')}
                    </Button>
                    <BusyNote what={'busy.missing'} active={exporting} />
                  </>
                ) : null}
                {stateFilter !== 'all' ? (
                  <Tag closable onClose={() => setStateFilter('all')} color="blue">
                    {cardLabel(stateFilter)}
                  </Tag>
                ) : null}
                <FilterInput value={agencyQuery} onChange={setAgencyQuery} label={`${t('common.filter')}: ${t('overview.agencies')}`} width={220} />
              </span>
            }
          >
            <Table<AgencyReceipt>
              tableLayout="fixed"
              size="small"
              rowKey="code"
              columns={agencyColumns}
              dataSource={agencies}
              pagination={false}
              sticky={sticky}
              onRow={canWrite ? agencyRow : undefined}
              locale={{ emptyText: agencyQuery ? t('common.noMatch', { query: agencyQuery }) : t('overview.noAgencyInState') }}
            />
          </Card>
        </Col>
        {nothingYet ? null : (
          <Col xs={24} xl={14}>
            <Card title={t('overview.tasks')} size="small">
              <p className="card-hint">{t('overview.tasksHint')}</p>
              <Table<TaskConsolidation>
                tableLayout="fixed" size="small" rowKey="code" columns={taskColumns} dataSource={c.tasks} pagination={false} sticky={sticky} onRow={taskRow} />
            </Card>
          </Col>
        )}
      </Row>

      {nothingYet ? null : (
        <Card
          className="block"
          title={t('overview.indicators')}
          size="small"
          extra={
            <span className="card-extra">
              <FilterInput value={indicatorQuery} onChange={setIndicatorQuery} label={`${t('common.filter')}: ${t('overview.indicators')}`} width={220} />
            </span>
          }
        >
          <p className="card-hint">{t('overview.indicatorsHint')}</p>
          <Table<IndicatorConsolidation>
            tableLayout="fixed"
            size="small"
            rowKey="code"
            columns={indicatorColumns}
            dataSource={indicators}
            pagination={false}
            sticky={sticky}
            onRow={indicatorRow}
            locale={{ emptyText: t('common.noMatch', { query: indicatorQuery }) }}
          />
        </Card>
      )}
    </div>
  );
}
