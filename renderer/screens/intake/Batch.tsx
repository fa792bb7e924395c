// The files being taken in: the files dropped together are checked in one dry run
// (nothing is written), each shown as accepted (agency, period, revision, warnings, what
// changes) or rejected (every problem with its cell), and the valid ones are committed
// together, in one call, on request. The clerk says when the batch arrived, and of each
// file its own date, its document, and the office's corrections or reasons for letting
// a check through; each of those re-runs that file's dry run, and the commit sends
// exactly what its last run was sent.
import { Alert, Button, Card, Progress, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FileBytes } from '../../../shared/api';
import { localDate } from '../../../shared/dates';
import { planForPeriod, type Period } from '../../../shared/domain';
import { formatDateVi } from '../../../shared/numbers';
import type { Problem } from '../../../shared/problems';
import { api, fileBytes } from '../../api';
import { AcceptModal } from '../../components/AcceptModal';
import { FileDrop, type IncomingFile } from '../../components/FileDrop';
import { useApi } from '../../hooks/useApi';
import { useI18n, useT, type MessageKey } from '../../i18n';
import { ProblemText, usePeriodText } from '../../lib/api-message';
import { formatBytes } from '../../lib/format';
import {
  countByState,
  isCommittable,
  isEditable,
  isLate,
  NO_INPUT,
  problemCounts,
  requestOf,
  stateOfOutcomes,
  isFirstSubmission,
  otherPeriodOfBatch,
  withAcceptance,
  withCorrection,
  type BatchFile,
  type FileInput,
  type FileRequest,
  type FileState,
} from '../../lib/intakeBatch';
import { handSample } from '../../lib/sample-handoff';
import { rowExpandIcon } from '../../lib/table';
import { usePeriod } from '../../state/PeriodContext';
import { hrefFor } from '../../state/useRoute';
import { DateField } from '../admin/DateField';
import { callsOf, outcomesByFile } from './batchCalls';
import { BatchFileDetail, type CorrectRequest, type DetailActions } from './BatchFileDetail';
import { CorrectionModal, type CorrectionValue } from './CorrectionModal';
import './intake.css';

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

let nextId = 1;

/** Files still waiting for or in their check: the batch's verdict is not known yet. */
const busy0 = (files: readonly BatchFile[]) => files.some((f) => f.state === 'queued' || f.state === 'checking' || f.state === 'saving');

/** The Api's schema wants bytes over a plain ArrayBuffer; ours always are (read from a File or sent by the shell). */
function asUpload(file: FileBytes, request: FileRequest): { name: string; bytes: Uint8Array<ArrayBuffer> } & FileRequest {
  return { ...(file as { name: string; bytes: Uint8Array<ArrayBuffer> }), ...request };
}

export function Batch({ period, agencyName, onCommitted }: { period: Period; agencyName: (code: string) => string; onCommitted: () => void }) {
  const t = useT();
  const { lang } = useI18n();
  const periodText = usePeriodText();
  const today = localDate(new Date());
  const planLoaded = useApi('plans.get', { year: period.planYear });
  // Corrections name the fields the plan asks of this period (a task retired later still counts).
  const plan = useMemo(() => (planLoaded.value ? planForPeriod(planLoaded.value, period) : null), [planLoaded.value, period]);
  const [files, setFiles] = useState<BatchFile[]>([]);
  const [expanded, setExpanded] = useState<number[]>([]);
  const [phase, setPhase] = useState<{ kind: 'idle' } | { kind: 'checking' | 'saving'; done: number; total: number }>({ kind: 'idle' });
  const [committed, setCommitted] = useState<number | null>(null);
  const [receivedOn, setReceivedOn] = useState(today);
  const [futureDate, setFutureDate] = useState(false);
  const [correcting, setCorrecting] = useState<(CorrectRequest & { fileId: number }) | null>(null);
  const [accepting, setAccepting] = useState<{ fileId: number; agency: string; problem: Problem } | null>(null);
  // The bytes stay here, not in state: they are only needed again to check and commit.
  const bytes = useRef(new Map<number, FileBytes>());
  // Only a file's latest check may set its state: an earlier one answering late is dropped.
  const checks = useRef(new Map<number, number>());
  const latest = useRef(files);
  latest.current = files;
  // The batch's day as it is now, for checks that start later (a file waiting its turn).
  const batchDate = useRef(receivedOn);
  batchDate.current = receivedOn;

  const { periods, setPeriod } = usePeriod();
  const update = useCallback((id: number, change: Partial<BatchFile>) => {
    setFiles((all) => all.map((f) => (f.id === id ? { ...f, ...change } : f)));
  }, []);

  /**
   * A dry run of the files with what the clerk says of each, in one call (more only where
   * two files share a name); returns each file's new state, null for one checked again meanwhile.
   */
  const check = async (entries: readonly { id: number; input: FileInput }[], batchDate: string, onCall?: (done: number) => void): Promise<(FileState | null)[]> => {
    const sent = entries.flatMap((e) => {
      const data = bytes.current.get(e.id);
      if (!data) return [];
      const run = (checks.current.get(e.id) ?? 0) + 1;
      checks.current.set(e.id, run);
      update(e.id, { state: 'checking', input: e.input });
      return [{ id: e.id, name: data.name, data, request: requestOf(e.input, batchDate), run }];
    });
    const states = new Map<number, FileState | null>();
    let done = 0;
    for (const part of callsOf(sent, (f) => f.data.bytes.byteLength)) {
      const r = await api['intake.import']({ files: part.map((f) => asUpload(f.data, f.request)), period: period.code, dryRun: true });
      const answers = r.ok ? outcomesByFile(part.map((f) => f.name), r.value) : [];
      for (const [k, f] of part.entries()) {
        // Only a file's latest check may set its state: an earlier one answering late is dropped.
        if (checks.current.get(f.id) !== f.run) {
          states.set(f.id, null);
          continue;
        }
        const outcomes = answers[k] ?? [];
        if (!r.ok) update(f.id, { state: 'failed', error: r.error, outcomes: [], checkedWith: null });
        else update(f.id, { state: stateOfOutcomes(outcomes), outcomes, error: null, checkedWith: f.request });
        states.set(f.id, r.ok ? stateOfOutcomes(outcomes) : 'failed');
      }
      done += part.length;
      onCall?.(done);
    }
    return entries.map((e) => states.get(e.id) ?? null);
  };

  const addFiles = async (incoming: IncomingFile[]) => {
    setCommitted(null);
    const added: BatchFile[] = incoming.map((f) => ({
      id: nextId++,
      name: f.name.normalize('NFC'),
      size: f instanceof File ? f.size : f.bytes.length,
      state: 'queued',
      outcomes: [],
      error: null,
      input: NO_INPUT,
      checkedWith: null,
    }));
    setFiles((all) => [...all, ...added]);
    setPhase({ kind: 'checking', done: 0, total: added.length });
    await Promise.all(
      added.map(async (entry, index) => {
        const source = incoming[index] as IncomingFile;
        bytes.current.set(entry.id, source instanceof File ? await fileBytes(source) : source);
      }),
    );
    // The files dropped together are checked together: one call, one look-up of what is stored.
    const states = await check(added, batchDate.current, (done) => setPhase({ kind: 'checking', done, total: added.length }));
    // A rejected file opens by itself: the clerk needs every problem and its cell.
    const opened = added.filter((_, k) => states[k] === 'rejected').map((f) => f.id);
    if (opened.length > 0) setExpanded((keys) => [...keys, ...opened]);
    setPhase({ kind: 'idle' });
  };

  /** The batch's day changes every file that has none of its own; each is checked again (lateness may change). */
  const changeBatchDate = (value: string) => {
    if (!value) return;
    if (value > today) {
      setFutureDate(true);
      return;
    }
    setFutureDate(false);
    setReceivedOn(value);
    batchDate.current = value;
    const affected = latest.current.filter((f) => f.input.receivedOn === undefined && isEditable(f));
    if (affected.length > 0) void check(affected, value);
  };

  const changeInput = (id: number, input: FileInput) => void check([{ id, input }], batchDate.current);

  const correct = (value: CorrectionValue) => {
    if (!correcting) return;
    const file = latest.current.find((f) => f.id === correcting.fileId);
    setCorrecting(null);
    if (file) changeInput(file.id, withCorrection(file.input, { ...value, agency: correcting.agency || undefined }));
  };

  const accept = (reason: string) => {
    if (!accepting) return;
    const file = latest.current.find((f) => f.id === accepting.fileId);
    const { agency, problem } = accepting;
    setAccepting(null);
    if (file && problem.rule && problem.indicator) changeInput(file.id, withAcceptance(file.input, { agency: agency || undefined, rule: problem.rule, indicator: problem.indicator, ...(problem.against ? { against: problem.against } : {}), reason }));
  };

  const commit = async () => {
    const valid = files.filter(isCommittable);
    setPhase({ kind: 'saving', done: 0, total: valid.length });
    let imported = 0;
    // The batch goes in one call (more only where two files share a name), under one
    // batch id: one backup, one transaction. In the order given: of two files for the
    // same agency, the later becomes the newer revision.
    const batch = `lo-${Date.now()}-${nextId}`;
    const sent = valid.flatMap((entry) => {
      const data = bytes.current.get(entry.id);
      return data && entry.checkedWith ? [{ id: entry.id, name: data.name, upload: asUpload(data, entry.checkedWith) }] : [];
    });
    let done = 0;
    for (const part of callsOf(sent, (f) => f.upload.bytes.byteLength)) {
      for (const f of part) update(f.id, { state: 'saving' });
      const r = await api['intake.import']({ files: part.map((f) => f.upload), period: period.code, dryRun: false, batch });
      const answers = r.ok ? outcomesByFile(part.map((f) => f.name), r.value) : [];
      for (const [k, f] of part.entries()) {
        if (!r.ok) {
          update(f.id, { state: 'failed', error: r.error });
          continue;
        }
        const outcomes = answers[k] ?? [];
        const state = stateOfOutcomes(outcomes);
        if (state === 'imported') imported += outcomes.filter((o) => o.status === 'imported').length;
        update(f.id, { state, outcomes });
      }
      done += part.length;
      setPhase({ kind: 'saving', done, total: valid.length });
    }
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

  // The batch is always checked against the chosen period: when it changes (the clerk took
  // the batch for the period its files name, or chose another), every file not yet saved is
  // checked again, from the bytes already here, without being picked again.
  const checkedFor = useRef(period.code);
  useEffect(() => {
    if (checkedFor.current === period.code) return;
    checkedFor.current = period.code;
    const again = latest.current.filter(isEditable);
    if (again.length > 0) void check(again.map((f) => ({ id: f.id, input: f.input })), batchDate.current);
    // Only a change of period re-checks; check itself is a new closure on every render.
  }, [period.code]);

  const other = busy0(files) ? null : otherPeriodOfBatch(files, period.code);
  const otherKnown = other ? (periods.find((p) => p.code === other) ?? null) : null;
  // In the UI's language: a stored label is Vietnamese, so only the Vietnamese screen shows it as stored.
  const periodWords = (code: string): string => (lang === 'vi' ? (periods.find((p) => p.code === code)?.label ?? periodText(code)) : periodText(code));
  const otherWords = other === null ? '' : periodWords(other);

  const counts = countByState(files);
  const valid = files.filter(isCommittable).length;
  const summary = (['checked', 'rejected', 'failed', 'imported', 'duplicate', 'skipped'] as const)
    .filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => t(`intake.count.${s}`, { count: counts[s] ?? 0 }))
    .join(' · ');
  const busy = phase.kind !== 'idle' || files.some((f) => f.state === 'checking');
  const stateLabel = (s: FileState): string => t(`intake.fileState.${s}` as MessageKey);
  const actionsFor = (file: BatchFile): DetailActions => ({
    onInput: (input) => changeInput(file.id, input),
    onCorrect: (request) => setCorrecting({ ...request, fileId: file.id }),
    onAccept: (request) => setAccepting({ ...request, fileId: file.id }),
    onMakeProfile: () => {
      const sample = bytes.current.get(file.id);
      if (!sample) return;
      handSample(sample);
      window.location.hash = hrefFor('profiles', { new: '1' });
    },
  });

  const columns: ColumnsType<BatchFile> = [
    {
      title: t('col.file'),
      dataIndex: 'name',
      // A file's name is what the clerk looks for: it keeps room at 1280 px, and the fixed columns give way.
      width: 230,
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
      render: (s: FileState, f) => (
        <span className="tag-wrap">
          <Tag color={STATE_COLOURS[s]}>{stateLabel(s)}</Tag>
          {isLate(f) ? <Tag color="orange">{t('receipt.late')}</Tag> : null}
        </span>
      ),
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
    // The period in words ("9 tháng năm 2022"), never its code.
    { title: t('col.period'), key: 'period', width: 110, render: (_, f) => <span className="wrap">{[...new Set(f.outcomes.flatMap((o) => (o.period ? [periodText(o.period)] : [])))].join(', ')}</span> },
    {
      title: t('col.revision'),
      key: 'revision',
      width: 130,
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
            {f.input.corrections.length > 0 ? <Tag color="purple">{t('intake.correctedCount', { count: f.input.corrections.length })}</Tag> : null}
            {f.state === 'checked' ? <Tag>{isFirstSubmission(f.outcomes) ? t('intake.firstSubmission') : t('intake.changes', { count: changes })}</Tag> : null}
          </span>
        );
      },
    },
  ];

  const progressText = phase.kind === 'idle' ? '' : phase.kind === 'checking' ? t('intake.checking', { done: phase.done, total: phase.total }) : t('intake.saving', { done: phase.done, total: phase.total });

  return (
    <Card className="block" size="small" title={t('intake.batch')}>
      <div className="batch-date">
        <label htmlFor="batch-received" className="field-label">
          {t('intake.batchReceivedOn')}
        </label>
        <DateField id="batch-received" value={receivedOn} status={futureDate ? 'error' : undefined} disabled={phase.kind === 'saving'} aria-describedby="batch-received-hint" onChange={(iso) => changeBatchDate(iso ?? '')} />
        <span id="batch-received-hint" className={futureDate ? 'field-error' : 'muted small'} role={futureDate ? 'alert' : undefined}>
          {futureDate ? t('intake.dateInFuture', { today: formatDateVi(today) }) : t('intake.batchReceivedOnHint', { date: formatDateVi(receivedOn), due: formatDateVi(period.due) })}
        </span>
      </div>
      <FileDrop onFiles={(f) => void addFiles(f)} disabled={phase.kind === 'saving'} />
      {phase.kind !== 'idle' ? (
        <div className="progress-box" aria-live="polite">
          <Progress percent={Math.round((phase.done / Math.max(1, phase.total)) * 100)} status="active" aria-label={progressText} />
          <span>{progressText}</span>
        </div>
      ) : null}
      {committed !== null ? <Alert className="result" type="success" showIcon role="status" title={t('intake.committed', { count: committed })} /> : null}
      {other ? (
        <Alert
          className="result batch-other-period"
          type="warning"
          showIcon
          role="alert"
          title={t('intake.otherPeriod', { theirs: otherWords, ours: periodWords(period.code) })}
          description={otherKnown ? undefined : t('intake.otherPeriodMissing', { period: otherWords })}
          action={
            otherKnown ? (
              <Button type="primary" onClick={() => setPeriod(otherKnown.code)}>
                {t('intake.takeForPeriod', { period: otherWords })}
              </Button>
            ) : (
              <Button type="primary" href={hrefFor('periods')}>
                {t('intake.createPeriod')}
              </Button>
            )
          }
        />
      ) : null}
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
              expandIcon: rowExpandIcon(t, (f: BatchFile) => f.name),
              expandedRowRender: (f) => (
                <BatchFileDetail file={f} plan={plan} batchReceivedOn={receivedOn} today={today} editable={isEditable(f) && phase.kind !== 'saving'} actions={actionsFor(f)} agencyName={agencyName} />
              ),
            }}
          />
        </>
      ) : null}
      <CorrectionModal
        open={correcting !== null}
        title={correcting ? t('correction.title', { agency: agencyName(correcting.agency) }) : ''}
        fields={correcting?.fields ?? []}
        context={correcting ? <p className="wrap">{correcting.problem ? <ProblemText problem={correcting.problem} /> : t('correction.blankCell')}</p> : null}
        okText={t('correction.apply')}
        onOk={correct}
        onCancel={() => setCorrecting(null)}
      />
      <AcceptModal problem={accepting?.problem ?? null} onOk={accept} onCancel={() => setAccepting(null)} />
    </Card>
  );
}
