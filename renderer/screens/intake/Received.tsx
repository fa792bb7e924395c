// The reports received for the period, one row per agency (its current revision), each
// opening onto its revision history: an earlier revision can be restored, and the
// current one returned to the agency for correction with a reason.
import { App, Button, Card, Input, Modal, Popconfirm, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import type { Period, Submission } from '../../../shared/domain';
import type { ApiError } from '../../../shared/errors';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { EmptyState } from '../../components/EmptyState';
import { FilterInput } from '../../components/FilterInput';
import { useRowNavigation } from '../../hooks/useRowNavigation';
import { useT } from '../../i18n';
import { formatDateVi } from '../../../shared/numbers';
import { formatDateTimeVi } from '../../lib/format';
import { byNumber, byText, filterRows } from '../../lib/table';
import type { Loaded } from '../../hooks/useApi';

export interface AgencySubmissions {
  agencyCode: string;
  agencyName: string;
  current: Submission | null;
  revisions: Submission[];
}

/** One row per agency: its current revision and every revision, newest first. */
export function groupByAgency(submissions: readonly Submission[], agencyName: (code: string) => string): AgencySubmissions[] {
  const groups = new Map<string, Submission[]>();
  for (const s of submissions) groups.set(s.agencyCode, [...(groups.get(s.agencyCode) ?? []), s]);
  return [...groups.entries()].map(([code, list]) => {
    const revisions = [...list].sort((a, b) => b.revision - a.revision);
    return { agencyCode: code, agencyName: agencyName(code), current: revisions.find((s) => s.current) ?? null, revisions };
  });
}

const STATUS_COLOURS: Record<Submission['status'], string> = { received: 'blue', accepted: 'green', returned: 'magenta' };

function StatusTag({ s }: { s: Submission }) {
  const t = useT();
  const tag = <Tag color={STATUS_COLOURS[s.status]}>{t(`submissionStatus.${s.status}`)}</Tag>;
  return s.status === 'returned' && s.returnReason ? <Tooltip title={t('intake.returnReasonShown', { reason: s.returnReason })}>{tag}</Tooltip> : tag;
}

function LateTag({ s }: { s: Submission }) {
  const t = useT();
  return s.late ? <Tag color="orange">{t('intake.late')}</Tag> : <Tag color="green">{t('intake.onTime')}</Tag>;
}

function History({ group, onChanged, onError }: { group: AgencySubmissions; onChanged: () => void; onError: (e: ApiError) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const restore = async (s: Submission) => {
    const r = await api['submissions.restoreRevision']({ id: s.id });
    if (!r.ok) return onError(r.error);
    void message.success(t('intake.restored', { revision: s.revision, agency: group.agencyName }));
    onChanged();
  };
  const columns: ColumnsType<Submission> = [
    { title: t('col.revision'), dataIndex: 'revision', width: 80, align: 'right' },
    { title: t('col.receivedOn'), dataIndex: 'receivedOn', width: 120, render: (v: string) => formatDateVi(v) },
    { title: t('col.recordedAt'), dataIndex: 'recordedAt', width: 150, render: (v: string) => formatDateTimeVi(v) },
    { title: t('col.state'), key: 'status', width: 190, render: (_, s) => <span className="tag-wrap"><LateTag s={s} /><StatusTag s={s} /></span> },
    {
      title: t('col.file'),
      dataIndex: 'fileName',
      render: (_, s) => (
        <span className="wrap">
          {s.fileName ?? t('intake.manual')}
          {s.status === 'returned' && s.returnReason ? <div className="muted">{t('intake.returnReasonShown', { reason: s.returnReason })}</div> : null}
        </span>
      ),
    },
    {
      title: t('col.actions'),
      key: 'actions',
      width: 170,
      render: (_, s) =>
        s.current ? (
          <Tag color="geekblue">{t('intake.current')}</Tag>
        ) : (
          <Popconfirm
            title={t('intake.restoreConfirm', { revision: s.revision, agency: group.agencyName })}
            okText={t('intake.restore')}
            cancelText={t('common.cancel')}
            onConfirm={() => restore(s)}
          >
            <Button size="small">{t('intake.restore')}</Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <Table<Submission>
      size="small"
      className="nested-table"
      title={() => <strong>{t('intake.history', { agency: group.agencyName })}</strong>}
      rowKey="id"
      columns={columns}
      dataSource={group.revisions}
      pagination={false}
    />
  );
}

export function Received({
  period,
  submissions,
  agencyName,
  focusAgency,
  onChanged,
}: {
  period: Period;
  submissions: Loaded<Submission[]> & { reload: () => void };
  agencyName: (code: string) => string;
  focusAgency: string | undefined;
  onChanged: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [query, setQuery] = useState('');
  const [agencyFilter, setAgencyFilter] = useState<string | undefined>(focusAgency);
  const [expanded, setExpanded] = useState<string[]>(focusAgency ? [focusAgency] : []);
  const [returning, setReturning] = useState<AgencySubmissions | null>(null);
  const [reason, setReason] = useState('');
  const [returnError, setReturnError] = useState<ApiError | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);

  const groups = useMemo(() => groupByAgency(submissions.value ?? [], agencyName), [submissions.value, agencyName]);
  const rows = useMemo(
    () => filterRows(groups, query, (g) => [g.agencyName, g.agencyCode, g.current?.fileName]).filter((g) => !agencyFilter || g.agencyCode === agencyFilter),
    [groups, query, agencyFilter],
  );
  const toggle = (g: AgencySubmissions) => setExpanded((keys) => (keys.includes(g.agencyCode) ? keys.filter((k) => k !== g.agencyCode) : [...keys, g.agencyCode]));
  const rowProps = useRowNavigation(rows, (g) => g.agencyCode, toggle, (g) => g.agencyName);

  const sendBack = async () => {
    if (!returning?.current) return;
    const r = await api['submissions.return']({ id: returning.current.id, reason });
    if (!r.ok) {
      setReturnError(r.error);
      return;
    }
    void message.success(t('intake.returned', { agency: returning.agencyName }));
    setReturning(null);
    setReason('');
    onChanged();
  };

  const columns: ColumnsType<AgencySubmissions> = [
    { title: t('col.agency'), dataIndex: 'agencyName', sorter: byText((g) => g.agencyName), render: (_, g) => <span className="wrap">{g.agencyName}</span> },
    { title: t('col.revision'), key: 'revision', width: 92, align: 'right', sorter: byNumber((g) => g.current?.revision), render: (_, g) => g.current?.revision ?? '' },
    { title: t('col.receivedOn'), key: 'receivedOn', width: 120, sorter: byText((g) => g.current?.receivedOn), render: (_, g) => formatDateVi(g.current?.receivedOn) },
    { title: t('col.state'), key: 'state', width: 190, render: (_, g) => (g.current ? <span className="tag-wrap"><LateTag s={g.current} /><StatusTag s={g.current} /></span> : null) },
    { title: t('col.file'), key: 'file', render: (_, g) => <span className="wrap">{g.current?.fileName ?? (g.current ? t('intake.manual') : '')}</span> },
    {
      title: t('col.actions'),
      key: 'actions',
      width: 150,
      render: (_, g) =>
        g.current && g.current.status !== 'returned' ? (
          <Button
            size="small"
            onClick={() => {
              setReturning(g);
              setReason('');
              setReturnError(null);
            }}
          >
            {t('intake.return')}
          </Button>
        ) : null,
    },
  ];

  let body;
  if (submissions.state === 'error' && !submissions.value) body = <ApiErrorAlert error={submissions.error} onRetry={submissions.reload} />;
  else if (submissions.state === 'ok' && groups.length === 0) body = <EmptyState title={t('common.emptyPeriod')} hint={t('intake.receivedEmptyHint')} />;
  else
    body = (
      <Table<AgencySubmissions>
        tableLayout="fixed"
        size="small"
        rowKey="agencyCode"
        loading={submissions.state === 'loading' && !submissions.value}
        columns={columns}
        dataSource={rows}
        pagination={false}
        sticky={{ offsetHeader: 64 }}
        onRow={rowProps}
        rowClassName="received-row"
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys.map(String)),
          expandedRowRender: (g) => <History group={g} onChanged={onChanged} onError={setActionError} />,
        }}
        locale={{ emptyText: t('common.noMatch', { query }) }}
      />
    );

  return (
    <Card
      className="block"
      size="small"
      title={t('intake.received')}
      extra={
        <span className="card-extra">
          {agencyFilter ? (
            <Tag closable color="blue" onClose={() => setAgencyFilter(undefined)}>
              {t('intake.agencyFilter', { agency: agencyName(agencyFilter) })}
            </Tag>
          ) : null}
          <FilterInput value={query} onChange={setQuery} label={`${t('common.filter')}: ${t('intake.received')}`} />
        </span>
      }
    >
      {groups.length > 0 ? <p className="muted small">{t('intake.receivedHint')}</p> : null}
      {actionError ? <ApiErrorAlert error={actionError} /> : null}
      {body}
      <Modal
        open={returning !== null}
        title={returning ? t('intake.returnTitle', { agency: returning.agencyName }) : ''}
        okText={t('intake.returnOk')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, disabled: reason.trim() === '' }}
        onOk={() => void sendBack()}
        onCancel={() => setReturning(null)}
        destroyOnHidden
      >
        <label htmlFor="return-reason" className="field-label">
          {t('intake.returnReason')}
        </label>
        <Input.TextArea id="return-reason" autoFocus rows={4} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} placeholder={t('intake.returnReasonHint')} />
        {returnError ? <ApiErrorAlert error={returnError} /> : null}
        {returning?.current ? <p className="muted small modal-note">{t('intake.returnContext', { revision: returning.current.revision, period: period.label })}</p> : null}
      </Modal>
    </Card>
  );
}
