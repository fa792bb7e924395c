// The files being taken in: each is checked with a dry run (nothing is written), shown
// as accepted (agency, period, revision, warnings, what changes) or rejected (every
// problem with its cell), and the valid ones are committed together on request.
import { Alert, Button, Card, Progress, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useRef, useState } from 'react';
import type { FieldChange, FileBytes } from '../../../shared/api';
import type { Period } from '../../../shared/domain';
import type { Problem } from '../../../shared/problems';
import { api, fileBytes } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { FileDrop, type IncomingFile } from '../../components/FileDrop';
import { useT, type MessageKey } from '../../i18n';
import { formatBytes } from '../../lib/format';
import { countByState, isCommittable, problemCounts, stateOfOutcomes, type BatchFile, type FileState } from '../../lib/intakeBatch';
import { runPool } from '../../lib/pool';
import { formatNumber } from '../../../shared/numbers';

const STATE_COLOURS: Record<FileState, string> = {
  queued: 'default',
  checking: 'processing',
  saving: 'processing',
  checked: 'blue',
  imported: 'green',
  rejected: 'red',
  failed: 'red',
  duplicate: 'gold',
  skipped: 'default',
};

function show(value: string | number | null): string {
  return typeof value === 'number' ? formatNumber(value) : (value ?? '');
}

function ProblemList({ problems }: { problems: Problem[] }) {
  const t = useT();
  const columns: ColumnsType<Problem & { key: number }> = [
    { title: t('intake.cell'), dataIndex: 'cell', width: 150, render: (v: string) => (v ? <code className="cell-ref">{v}</code> : <span className="muted">{t('common.wholeFile')}</span>) },
    {
      title: t('intake.severity'),
      dataIndex: 'severity',
      width: 100,
      render: (v: Problem['severity']) => <Tag color={v === 'error' ? 'red' : 'orange'}>{t(`intake.severity.${v}`)}</Tag>,
    },
    { title: t('intake.message'), dataIndex: 'message', render: (v: string) => <span className="wrap">{v}</span> },
  ];
  return (
    <Table
      size="small"
      className="nested-table"
      title={() => <strong>{t('intake.problemsTitle')}</strong>}
      columns={columns}
      dataSource={problems.map((p, key) => ({ ...p, key }))}
      pagination={false}
    />
  );
}

function ChangeList({ changes }: { changes: FieldChange[] }) {
  const t = useT();
  const columns: ColumnsType<FieldChange> = [
    { title: t('intake.field'), dataIndex: 'label', render: (_, c) => <span className="wrap"><code className="cell-ref">{c.field}</code> {c.label}</span> },
    { title: t('intake.before'), dataIndex: 'before', width: '24%', render: (v: string | number | null) => <span className="wrap muted">{show(v)}</span> },
    { title: t('intake.after'), dataIndex: 'after', width: '24%', render: (v: string | number | null) => <span className="wrap">{show(v)}</span> },
  ];
  return (
    <Table
      size="small"
      className="nested-table"
      title={() => <strong>{t('intake.changesTitle')}</strong>}
      rowKey="field"
      columns={columns}
      dataSource={changes}
      pagination={changes.length > 12 ? { pageSize: 12, size: 'small', showSizeChanger: false } : false}
      locale={{ emptyText: t('intake.noChanges') }}
    />
  );
}

function FileDetail({ file }: { file: BatchFile }) {
  const problems = file.outcomes.flatMap((o) => o.problems);
  // A file of several agencies repeats the same problems on each outcome; show them once.
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.cell === p.cell && q.message === p.message) === i);
  const changes = file.outcomes.flatMap((o) => o.changes);
  return (
    <div className="file-detail">
      {file.error ? <ApiErrorAlert error={file.error} /> : null}
      {file.outcomes.map((o, i) => (
        <p key={i} className="outcome-message">
          {o.message}
        </p>
      ))}
      {unique.length > 0 ? <ProblemList problems={unique} /> : null}
      {file.state === 'checked' || file.state === 'imported' ? <ChangeList changes={changes} /> : null}
    </div>
  );
}

let nextId = 1;

/** The Api's schema wants bytes over a plain ArrayBuffer; ours always are (read from a File or sent by the shell). */
function asUpload(file: FileBytes): { name: string; bytes: Uint8Array<ArrayBuffer> } {
  return file as { name: string; bytes: Uint8Array<ArrayBuffer> };
}

export function Batch({ period, agencyName, onCommitted }: { period: Period; agencyName: (code: string) => string; onCommitted: () => void }) {
  const t = useT();
  const [files, setFiles] = useState<BatchFile[]>([]);
  const [expanded, setExpanded] = useState<number[]>([]);
  const [phase, setPhase] = useState<{ kind: 'idle' } | { kind: 'checking' | 'saving'; done: number; total: number }>({ kind: 'idle' });
  const [committed, setCommitted] = useState<number | null>(null);
  // The bytes stay here, not in state: they are only needed again to commit.
  const bytes = useRef(new Map<number, FileBytes>());

  const update = useCallback((id: number, change: Partial<BatchFile>) => {
    setFiles((all) => all.map((f) => (f.id === id ? { ...f, ...change } : f)));
  }, []);

  const addFiles = async (incoming: IncomingFile[]) => {
    setCommitted(null);
    const added: BatchFile[] = incoming.map((f) => ({
      id: nextId++,
      name: f.name.normalize('NFC'),
      size: f instanceof File ? f.size : f.bytes.length,
      state: 'queued',
      outcomes: [],
      error: null,
    }));
    setFiles((all) => [...all, ...added]);
    setPhase({ kind: 'checking', done: 0, total: added.length });
    await runPool(
      added,
      3,
      async (entry, index) => {
        update(entry.id, { state: 'checking' });
        const source = incoming[index] as IncomingFile;
        const data = source instanceof File ? await fileBytes(source) : source;
        bytes.current.set(entry.id, data);
        const r = await api['intake.import']({ files: [asUpload(data)], period: period.code, dryRun: true });
        if (!r.ok) {
          update(entry.id, { state: 'failed', error: r.error });
          return;
        }
        const state = stateOfOutcomes(r.value);
        update(entry.id, { state, outcomes: r.value });
        // A rejected file opens by itself: the clerk needs every problem and its cell.
        if (state === 'rejected') setExpanded((keys) => [...keys, entry.id]);
      },
      (done, total) => setPhase({ kind: 'checking', done, total }),
    );
    setPhase({ kind: 'idle' });
  };

  const commit = async () => {
    const valid = files.filter(isCommittable);
    setPhase({ kind: 'saving', done: 0, total: valid.length });
    let imported = 0;
    // One at a time and in the order given: of two files for the same agency, the later becomes the newer revision.
    await runPool(
      valid,
      1,
      async (entry) => {
        const data = bytes.current.get(entry.id);
        if (!data) return;
        update(entry.id, { state: 'saving' });
        const r = await api['intake.import']({ files: [asUpload(data)], period: period.code, dryRun: false });
        if (!r.ok) {
          update(entry.id, { state: 'failed', error: r.error });
          return;
        }
        const state = stateOfOutcomes(r.value);
        if (state === 'imported') imported += r.value.filter((o) => o.status === 'imported').length;
        update(entry.id, { state, outcomes: r.value });
      },
      (done, total) => setPhase({ kind: 'saving', done, total }),
    );
    setPhase({ kind: 'idle' });
    setCommitted(imported);
    onCommitted();
  };

  const clear = () => {
    setFiles([]);
    setExpanded([]);
    setCommitted(null);
    bytes.current.clear();
  };

  const counts = countByState(files);
  const valid = counts.checked ?? 0;
  const summary = (['checked', 'rejected', 'failed', 'imported', 'duplicate', 'skipped'] as const)
    .filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => t(`intake.count.${s}`, { count: counts[s] ?? 0 }))
    .join(' · ');
  const busy = phase.kind !== 'idle';
  const stateLabel = (s: FileState): string => t(`intake.fileState.${s}` as MessageKey);

  const columns: ColumnsType<BatchFile> = [
    {
      title: t('col.file'),
      dataIndex: 'name',
      render: (_, f) => (
        <span className="wrap">
          <strong>{f.name}</strong> <span className="muted">({formatBytes(f.size)})</span>
        </span>
      ),
    },
    {
      title: t('col.state'),
      dataIndex: 'state',
      width: 160,
      render: (s: FileState) => <Tag color={STATE_COLOURS[s]}>{stateLabel(s)}</Tag>,
    },
    {
      title: t('col.agency'),
      key: 'agency',
      width: 230,
      render: (_, f) => (
        <span className="wrap">
          {[...new Set(f.outcomes.map((o) => o.agency).filter((a): a is string => a !== null))].map((code) => `${agencyName(code)} (${code})`).join('; ')}
        </span>
      ),
    },
    { title: t('col.period'), key: 'period', width: 90, render: (_, f) => [...new Set(f.outcomes.map((o) => o.period).filter(Boolean))].join(', ') },
    {
      title: t('col.revision'),
      key: 'revision',
      width: 150,
      render: (_, f) => {
        const o = f.outcomes.find((x) => x.revision !== null);
        if (!o || o.revision === null || (f.state !== 'checked' && f.state !== 'imported')) return null;
        return f.state === 'checked' ? t('intake.revisionWill', { revision: o.revision }) : t('intake.revisionIs', { revision: o.revision });
      },
    },
    {
      title: t('col.problems'),
      key: 'problems',
      width: 170,
      render: (_, f) => {
        const { errors, warnings } = problemCounts(f);
        const changes = f.outcomes.reduce((n, o) => n + o.changes.length, 0);
        return (
          <span className="tag-wrap">
            {errors > 0 || f.state === 'failed' ? <Tag color="red">{t('intake.errors', { count: Math.max(errors, 1) })}</Tag> : null}
            {warnings > 0 ? <Tag color="orange">{t('intake.warnings', { count: warnings })}</Tag> : null}
            {f.state === 'checked' ? <Tag>{t('intake.changes', { count: changes })}</Tag> : null}
          </span>
        );
      },
    },
  ];

  return (
    <Card className="block" size="small" title={t('intake.batch')}>
      <FileDrop onFiles={(f) => void addFiles(f)} disabled={phase.kind === 'saving'} />
      {busy ? (
        <div className="progress-box" aria-live="polite">
          <Progress percent={Math.round((phase.done / Math.max(1, phase.total)) * 100)} status="active" aria-label={phase.kind === 'checking' ? t('intake.checking', { done: phase.done, total: phase.total }) : t('intake.saving', { done: phase.done, total: phase.total })} />
          <span>{phase.kind === 'checking' ? t('intake.checking', { done: phase.done, total: phase.total }) : t('intake.saving', { done: phase.done, total: phase.total })}</span>
        </div>
      ) : null}
      {committed !== null ? <Alert className="result" type="success" showIcon role="status" title={t('intake.committed', { count: committed })} /> : null}
      {files.length > 0 ? (
        <>
          <div className="batch-bar">
            <span aria-live="polite" className="batch-summary">{summary}</span>
            <span className="button-row">
              <Button type="primary" disabled={busy || valid === 0} onClick={() => void commit()}>
                {t('intake.commit', { count: valid })}
              </Button>
              <Button disabled={busy} onClick={clear}>
                {t('intake.clear')}
              </Button>
            </span>
          </div>
          <Table<BatchFile>
            size="small"
            rowKey="id"
            className="batch-table"
            columns={columns}
            dataSource={files}
            pagination={false}
            rowClassName={(f) => (f.state === 'rejected' || f.state === 'failed' ? 'batch-row row-rejected' : 'batch-row')}
            expandable={{
              expandedRowKeys: expanded,
              onExpandedRowsChange: (keys) => setExpanded(keys.map(Number)),
              rowExpandable: (f) => f.outcomes.length > 0 || f.error !== null,
              expandedRowRender: (f) => <FileDetail file={f} />,
            }}
          />
        </>
      ) : null}
    </Card>
  );
}
