// The reports received for the period, one row per agency (its current revision): when
// it arrived and whether that was late, whether it is complete, its document number,
// how many cells the office corrected. The current revision's received date and figures
// can be put right, its original file opened, or it can be returned for correction with
// a reason. Each row opens onto the office's corrections and the revision history,
// where an earlier revision can be restored and each one's original opened.
import { App, Button, Card, Input, Modal, Popconfirm, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { planForPeriod, type PlanDetail, type Period, type Submission, type TaskStatus } from '../../../shared/domain';
import type { ApiError } from '../../../shared/errors';
import { formatDateVi } from '../../../shared/numbers';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { EmptyState } from '../../components/EmptyState';
import { useOpenOriginal } from '../../components/useOpenOriginal';
import { FilterInput } from '../../components/FilterInput';
import { useApi, type Loaded } from '../../hooks/useApi';
import { useRowNavigation } from '../../hooks/useRowNavigation';
import { useT } from '../../i18n';
import { correctableFields, targetOf } from '../../lib/corrections';
import { formatDateTimeVi, formatFigure } from '../../lib/format';
import { byNumber, byText, filterRows, keyboardSort, rowExpandIcon } from '../../lib/table';
import { ReceiptModal } from './ReceiptModal';
import { ReceivedCorrection } from './ReceivedCorrection';
import './intake.css';

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

/** "Đủ", or "Chưa đủ" with the blank codes on hover (and to a screen reader, in its name). */
function CompleteTag({ s }: { s: Submission }) {
  const t = useT();
  if (s.complete) return <Tag color="green">{t('intake.complete')}</Tag>;
  const codes = [...s.gaps.indicators, ...s.gaps.tasks.map((c) => t('intake.statusField', { code: c }))].join(', ');
  const title = t('intake.gapsTooltip', { codes });
  // The tooltip is for the mouse; a screen reader reads the codes with the tag.
  return (
    <Tooltip title={title}>
      <Tag color="gold">
        {t('intake.incomplete')}
        <span className="visually-hidden">. {title}</span>
      </Tag>
    </Tooltip>
  );
}

function StateTags({ s }: { s: Submission }) {
  const t = useT();
  return (
    <span className="tag-wrap">
      <LateTag s={s} />
      <StatusTag s={s} />
      <CompleteTag s={s} />
      {s.corrections > 0 ? <Tag color="purple">{t('intake.correctedCount', { count: s.corrections })}</Tag> : null}
    </span>
  );
}

/** The office's corrections in the current revision, each beside what the file said. */
function CurrentCorrections({ submission, plan }: { submission: Submission; plan: PlanDetail | null }) {
  const t = useT();
  const detail = useApi('submissions.get', { id: submission.id });
  const kinds = useMemo(() => new Map((plan ? correctableFields(plan, submission.agencyCode) : []).map((f) => [f.code, f.kind])), [plan, submission.agencyCode]);
  if (!detail.value) return detail.error ? <ApiErrorAlert error={detail.error} onRetry={detail.reload} /> : null;
  const corrections = [...detail.value.values.map((v) => v.correction), ...detail.value.taskReports.map((r) => r.correction)].filter((c) => c !== null);
  if (corrections.length === 0) return null;
  return (
    <section className="current-corrections" aria-label={t('intake.currentCorrections')}>
      <strong>{t('intake.currentCorrections')}</strong>
      <ul className="correction-list">
        {corrections.map((c) => {
          const target = targetOf(c.field);
          const code = target?.kind === 'status' ? t('intake.statusField', { code: target.code }) : (target?.code ?? c.field);
          const kind = target ? kinds.get(target.code) : undefined;
          const value = target?.kind === 'status' ? t(`taskStatus.${(c.text ?? '') as TaskStatus}`) : c.number !== null ? formatFigure(c.number, kind === 'integer' || kind === 'percent' ? kind : 'decimal') : (c.text ?? '');
          const where = c.cell ? t('intake.correction.cell', { cell: c.cell, field: code }) : code;
          const was = c.fileText ? t('intake.correction.fileText', { text: c.fileText }) : t('intake.correction.fileBlank');
          return (
            <li key={c.field}>
              <span className="wrap">
                {t('intake.correction.line', { where, was, value })} {t('intake.correction.note', { note: c.note })}{' '}
                <span className="muted">{t('intake.correction.by', { by: c.by.clerk ?? c.by.osUser ?? '', at: formatDateTimeVi(c.at) })}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function History({ group, onChanged, onError }: { group: AgencySubmissions; onChanged: () => void; onError: (e: ApiError) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const openOriginal = useOpenOriginal(onError);
  const restore = async (s: Submission) => {
    const r = await api['submissions.restoreRevision']({ id: s.id });
    if (!r.ok) return onError(r.error);
    void message.success(t('intake.restored', { revision: s.revision, agency: group.agencyName }));
    onChanged();
  };
  const columns: ColumnsType<Submission> = [
    { title: t('col.revision'), dataIndex: 'revision', width: 84, align: 'right' },
    { title: t('col.receivedOn'), dataIndex: 'receivedOn', width: 110, render: (v: string) => formatDateVi(v) },
    { title: t('col.recordedAt'), dataIndex: 'recordedAt', width: 150, render: (v: string) => formatDateTimeVi(v) },
    { title: t('col.recordedBy'), key: 'recordedBy', width: 150, render: (_, s) => <span className="wrap">{s.recordedBy.clerk ?? s.recordedBy.osUser ?? ''}</span> },
    { title: t('col.state'), key: 'status', width: 200, render: (_, s) => <StateTags s={s} /> },
    {
      title: t('col.file'),
      dataIndex: 'fileName',
      render: (_, s) => (
        <span className="wrap">
          {s.fileName ?? t('intake.manual')}
          {/* Kept with the report: the profile may since have been renamed or deleted. */}
          {s.profileName ? <div className="muted small">{t('intake.readWithProfile', { name: s.profileName })}</div> : null}
          {s.status === 'returned' && s.returnReason ? <div className="muted">{t('intake.returnReasonShown', { reason: s.returnReason })}</div> : null}
        </span>
      ),
    },
    {
      title: t('col.actions'),
      key: 'actions',
      width: 190,
      render: (_, s) => (
        <span className="button-row">
          {s.hasOriginal ? (
            <Button size="small" aria-label={t('intake.openOriginalRevision', { revision: s.revision, agency: group.agencyName })} onClick={() => void openOriginal(s.id)}>
              {t('intake.openOriginal')}
            </Button>
          ) : null}
          {s.current ? (
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
          )}
        </span>
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
  const planLoaded = useApi('plans.get', { year: period.planYear });
  const plan = useMemo(() => (planLoaded.value ? planForPeriod(planLoaded.value, period) : null), [planLoaded.value, period]);
  const [query, setQuery] = useState('');
  const [agencyFilter, setAgencyFilter] = useState<string | undefined>(focusAgency);
  const [expanded, setExpanded] = useState<string[]>(focusAgency ? [focusAgency] : []);
  const [returning, setReturning] = useState<AgencySubmissions | null>(null);
  const [reason, setReason] = useState('');
  const [returnError, setReturnError] = useState<ApiError | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [editingReceipt, setEditingReceipt] = useState<AgencySubmissions | null>(null);
  const [correcting, setCorrecting] = useState<AgencySubmissions | null>(null);
  // Bumped after a correction, so the list of corrections under a row is read again.
  const [version, setVersion] = useState(0);
  const openOriginal = useOpenOriginal(setActionError);

  const groups = useMemo(() => groupByAgency(submissions.value ?? [], agencyName), [submissions.value, agencyName]);
  const rows = useMemo(
    () => filterRows(groups, query, (g) => [g.agencyName, g.agencyCode, g.current?.fileName, g.current?.documentNumber]).filter((g) => !agencyFilter || g.agencyCode === agencyFilter),
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

  const columns: ColumnsType<AgencySubmissions> = keyboardSort([
    { title: t('col.agency'), dataIndex: 'agencyName', sorter: byText((g) => g.agencyName), render: (_, g) => <span className="wrap">{g.agencyName}</span> },
    { title: t('col.revision'), key: 'revision', width: 92, align: 'right', sorter: byNumber((g) => g.current?.revision), render: (_, g) => g.current?.revision ?? '' },
    { title: t('col.receivedOn'), key: 'receivedOn', width: 112, sorter: byText((g) => g.current?.receivedOn), render: (_, g) => formatDateVi(g.current?.receivedOn) },
    { title: t('col.documentNumber'), key: 'documentNumber', width: 120, render: (_, g) => <span className="wrap">{g.current?.documentNumber ?? ''}</span> },
    { title: t('col.state'), key: 'state', width: 200, render: (_, g) => (g.current ? <StateTags s={g.current} /> : null) },
    {
      title: t('col.file'),
      key: 'file',
      render: (_, g) => (
        <span className="wrap">
          {g.current?.fileName ?? (g.current ? t('intake.manual') : '')}
          {g.current?.profileName ? <div className="muted small">{t('intake.readWithProfile', { name: g.current.profileName })}</div> : null}
        </span>
      ),
    },
    {
      title: t('col.actions'),
      key: 'actions',
      width: 236,
      render: (_, g) => {
        const s = g.current;
        if (!s) return null;
        return (
          <span className="button-row">
            <Button size="small" aria-label={t('intake.editReceiptOf', { agency: g.agencyName })} onClick={() => setEditingReceipt(g)}>
              {t('intake.editReceipt')}
            </Button>
            <Button size="small" disabled={!plan} aria-label={t('intake.correctOfAgency', { agency: g.agencyName })} onClick={() => setCorrecting(g)}>
              {t('intake.correct')}
            </Button>
            {s.hasOriginal ? (
              <Button size="small" aria-label={t('intake.openOriginalOf', { agency: g.agencyName })} onClick={() => void openOriginal(s.id)}>
                {t('intake.openOriginal')}
              </Button>
            ) : null}
            {s.status !== 'returned' ? (
              <Button
                size="small"
                aria-label={t('intake.returnOf', { agency: g.agencyName })}
                onClick={() => {
                  setReturning(g);
                  setReason('');
                  setReturnError(null);
                }}
              >
                {t('intake.return')}
              </Button>
            ) : null}
          </span>
        );
      },
    },
  ]);

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
          expandIcon: rowExpandIcon(t, (g: AgencySubmissions) => g.agencyName),
          expandedRowRender: (g) => (
            <>
              {g.current && g.current.corrections > 0 ? <CurrentCorrections key={`${g.current.id}-${version}`} submission={g.current} plan={plan} /> : null}
              <History group={g} onChanged={onChanged} onError={setActionError} />
            </>
          ),
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
      <ReceiptModal
        submission={editingReceipt?.current ?? null}
        agency={editingReceipt?.agencyName ?? ''}
        period={period}
        onCancel={() => setEditingReceipt(null)}
        onDone={() => {
          setEditingReceipt(null);
          onChanged();
        }}
      />
      <ReceivedCorrection
        submission={correcting?.current ?? null}
        agency={correcting?.agencyName ?? ''}
        plan={plan}
        onCancel={() => setCorrecting(null)}
        onDone={() => {
          setCorrecting(null);
          setVersion((v) => v + 1);
          onChanged();
        }}
      />
    </Card>
  );
}
