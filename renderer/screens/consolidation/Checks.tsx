// Kiểm tra số liệu: every rule finding of the period, errors first (as the server sorts
// them), each with its rule, agency, indicator, cell and the server's Vietnamese
// sentence. An error the clerk let through shows as such with the reason, so nobody
// queries it twice; the indicator's code opens its row in the indicators table.
import { Button, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type ReactNode } from 'react';
import type { RuleCheck } from '../../../shared/api';
import { EmptyState } from '../../components/EmptyState';
import { FilterInput } from '../../components/FilterInput';
import { usePrinting } from '../../components/Print';
import { useT } from '../../i18n';
import { useCheckText } from '../../lib/api-message';
import { actedBy, nameOf, type AgencyNames } from '../../lib/coverage';
import { formatDateTimeVi } from '../../lib/format';
import { filterRows } from '../../lib/table';
import { SeverityTag } from './Flags';

/** The server's sentence begins with the cell ("Báo cáo!E28: …"); the cell has its own column here (the English never names it). */
function withoutCell(c: RuleCheck, say: (c: RuleCheck) => string): string {
  const text = say(c);
  return c.cell && text.startsWith(`${c.cell}: `) ? text.slice(c.cell.length + 2) : text;
}

export function ChecksTable({
  checks,
  names,
  onOpenIndicator,
  actions,
}: {
  checks: RuleCheck[];
  names: AgencyNames;
  onOpenIndicator: (code: string) => void;
  /** The view's own buttons (In), at the end of the filter bar. */
  actions?: ReactNode;
}) {
  const t = useT();
  const say = useCheckText();
  // On paper: no sticky header (it would print once), narrower fixed columns so the message fits A4 portrait.
  const printing = usePrinting();
  const [query, setQuery] = useState('');
  const agencyName = (c: RuleCheck) => (c.agency ? nameOf(names, c.agency) : t('col.value'));
  const rows = useMemo(
    () => filterRows(checks, query, (c) => [c.indicator, c.agency ? nameOf(names, c.agency) : '', say(c), t(`checkRule.${c.rule}`), c.accepted?.reason ?? '']),
    [checks, query, names, t, say],
  );

  const columns: ColumnsType<RuleCheck> = [
    { title: t('cons.checkSeverity'), key: 'severity', width: printing ? 80 : 140, render: (_, c) => <SeverityTag check={c} /> },
    { title: t('cons.checkRule'), key: 'rule', width: printing ? 86 : 150, render: (_, c) => <span className="wrap">{t(`checkRule.${c.rule}`)}</span> },
    { title: t('col.agency'), key: 'agency', width: printing ? 96 : 170, render: (_, c) => <span className="wrap">{agencyName(c)}</span> },
    {
      title: t('col.indicator'),
      key: 'indicator',
      width: printing ? 66 : 90,
      render: (_, c) => (
        <Button type="link" size="small" className="link-button" aria-label={t('cons.openIndicator', { code: c.indicator })} onClick={() => onOpenIndicator(c.indicator)}>
          {c.indicator}
        </Button>
      ),
    },
    { title: t('cons.checkCell'), dataIndex: 'cell', width: printing ? 100 : 120, render: (v: string | null) => (v ? <code className="cell-ref">{v}</code> : null) },
    {
      title: t('cons.checkMessage'),
      key: 'message',
      render: (_, c) => (
        <div className="wrap">
          <div>{withoutCell(c, say)}</div>
          {c.accepted ? (
            <div className="check-reason">
              <div>{t('cons.acceptedReason', { reason: c.accepted.reason })}</div>
              <div className="muted">{t('cons.acceptedWho', { at: formatDateTimeVi(c.accepted.at), by: actedBy(t, c.accepted.by) || t('common.dash') })}</div>
            </div>
          ) : null}
        </div>
      ),
    },
  ];

  // "No errors" is worth a page too: the print button stays.
  if (checks.length === 0)
    return (
      <>
        {actions ? <div className="table-bar">{<span className="table-bar-end button-row">{actions}</span>}</div> : null}
        <EmptyState title={t('cons.checksNone')} hint={t('cons.checksHint')} />
      </>
    );
  return (
    <>
      <p className="card-hint">{t('cons.checksHint')}</p>
      <div className="table-bar">
        <FilterInput value={query} onChange={setQuery} label={`${t('common.filter')}: ${t('cons.tabChecks', { count: checks.length })}`} />
        <span className="muted">{t('common.rows', { shown: rows.length, total: checks.length })}</span>
        {actions ? <span className="table-bar-end button-row">{actions}</span> : null}
      </div>
      <Table<RuleCheck>
        className="checks-table"
        tableLayout="fixed"
        size="small"
        rowKey={(c) => `${c.rule}|${c.indicator}|${c.agency ?? ''}|${c.cell ?? ''}|${c.message}`}
        columns={columns}
        dataSource={rows}
        pagination={false}
        sticky={printing ? undefined : { offsetHeader: 64 }}
        locale={{ emptyText: t('common.noMatch', { query }) }}
      />
    </>
  );
}
