// Tiến độ nộp: every agency expected in the period, as the consolidated workbook's sheet
// of that name lists them: its state (with what a received report leaves blank), the day
// its current report arrived, which revision and under which document number, and whom
// to call about it. The agencies still owed a report are the ones a reminder letter
// chases, from here; the list prints as it is.
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type ReactNode } from 'react';
import type { AgencyReceipt } from '../../../shared/api';
import { formatDateVi } from '../../../shared/numbers';
import { FilterInput } from '../../components/FilterInput';
import { usePrinting } from '../../components/Print';
import { ReceiptTag } from '../../components/ReceiptTag';
import { useT } from '../../i18n';
import { gapsLabel } from '../../lib/coverage';
import { byText, filterRows, keyboardSort } from '../../lib/table';

/** Whom to call about an agency's report; `spelled` says "no contact" in words (a dialog), else a dash (a column). */
export function ContactCell({ a, spelled = false }: { a: Pick<AgencyReceipt, 'contactPerson' | 'contactPhone'>; spelled?: boolean }) {
  const t = useT();
  if (!a.contactPerson && !a.contactPhone) return <span className="muted small">{spelled ? t('remind.noContact') : t('common.dash')}</span>;
  return (
    <span className="wrap">
      {a.contactPerson}
      {a.contactPhone ? <span className="muted small contact-phone">{t('remind.phone', { phone: a.contactPhone })}</span> : null}
    </span>
  );
}

export function ReceiptsTable({ agencies, actions }: { agencies: AgencyReceipt[]; actions: ReactNode }) {
  const t = useT();
  // On paper: no sticky header (it would print once), and columns that leave the agency's name room on A4 portrait.
  const printing = usePrinting();
  const w = (screen: number, paper: number) => (printing ? paper : screen);
  const [query, setQuery] = useState('');
  const rows = useMemo(() => filterRows(agencies, query, (a) => [a.name, a.code, a.contactPerson ?? '', a.documentNumber ?? '']), [agencies, query]);

  const columns: ColumnsType<AgencyReceipt> = keyboardSort([
    { title: t('col.number'), key: 'index', width: w(48, 36), align: 'right', render: (_, a) => agencies.indexOf(a) + 1 },
    { title: t('col.agency'), dataIndex: 'name', sorter: byText((a) => a.name), render: (v: string) => <span className="wrap">{v}</span> },
    {
      title: t('col.state'),
      dataIndex: 'state',
      width: w(150, 140),
      sorter: byText((a) => t(`receipt.${a.state}`)),
      render: (_, a) => (
        <div>
          <ReceiptTag state={a.state} />
          {(a.state === 'on_time' || a.state === 'late') && a.gaps ? <div className={a.complete ? 'small gaps-complete' : 'small gaps-incomplete'}>{gapsLabel(t, a.gaps)}</div> : null}
        </div>
      ),
    },
    { title: t('col.receivedOn'), dataIndex: 'receivedOn', width: w(112, 80), sorter: byText((a) => a.receivedOn), render: (v: string | null) => formatDateVi(v) },
    { title: t('col.revision'), dataIndex: 'revision', width: w(84, 48), align: 'right' },
    { title: t('col.documentNumber'), dataIndex: 'documentNumber', width: w(110, 88), render: (v: string | null) => <span className="wrap">{v ?? ''}</span> },
    { title: t('agencies.contact'), key: 'contact', width: w(170, 102), render: (_, a) => <ContactCell a={a} /> },
  ]);

  return (
    <>
      <div className="table-bar">
        <FilterInput value={query} onChange={setQuery} label={`${t('common.filter')}: ${t('overview.completeness')}`} />
        <span className="muted">{t('common.rows', { shown: rows.length, total: agencies.length })}</span>
        <span className="table-bar-end button-row">{actions}</span>
      </div>
      <Table<AgencyReceipt>
        className="receipts-table"
        tableLayout="fixed"
        size="small"
        rowKey="code"
        columns={columns}
        dataSource={rows}
        pagination={false}
        sticky={printing ? undefined : { offsetHeader: 64 }}
        rowClassName={(a) => (a.state === 'missing' || a.state === 'returned' ? 'row-owed' : '')}
        locale={{ emptyText: t('common.noMatch', { query }) }}
      />
    </>
  );
}
