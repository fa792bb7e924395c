// The detail of one file of the batch, opened under its row: what the clerk says of it
// (its own received date, the incoming document's number and date), every problem with
// its cell and what can be done about it ("Sửa số liệu", "Chấp nhận có lý do"), what
// the report leaves blank, the office's corrections and acceptances so far, and the
// changes it would make. Every change here re-runs the file's dry run (Batch does).
import { Button, Input, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import type { AcceptanceInput, CorrectionInput, FieldChange, ImportOutcome } from '../../../shared/api';
import type { PlanDetail, TaskStatus } from '../../../shared/domain';
import { formatDateVi, formatNumber } from '../../../shared/numbers';
import type { Problem } from '../../../shared/problems';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useI18n, useT, type MessageKey } from '../../i18n';
import { outcomeText, ProblemText } from '../../lib/api-message';
import { correctableFields, fieldsForGaps, fieldsForProblem, targetOf, type CorrectableField } from '../../lib/corrections';
import { formatFigure } from '../../lib/format';
import { isFirstSubmission, uniqueProblems, withoutAcceptance, withoutCorrection, type BatchFile, type FileInput } from '../../lib/intakeBatch';
import { hrefFor } from '../../state/useRoute';
import { DateField } from '../admin/DateField';
import { useFieldLabel } from './CorrectionModal';

export interface CorrectRequest {
  agency: string;
  fields: CorrectableField[];
  problem: Problem | null;
}

export interface DetailActions {
  onInput: (input: FileInput) => void;
  onCorrect: (request: CorrectRequest) => void;
  onAccept: (request: { agency: string; problem: Problem }) => void;
  /** Opens Mẫu bố cục's wizard on a new profile, with this file as the sample. */
  onMakeProfile?: () => void;
}

function show(value: string | number | null): string {
  return typeof value === 'number' ? formatNumber(value) : (value ?? '');
}

/** "NV2.01", or "tình trạng NV1": how a row's buttons say which row they act on. */
function useFieldName(): (field: string | undefined) => string {
  const t = useT();
  return (field) => {
    const target = field ? targetOf(field) : null;
    if (!target) return field ?? '';
    return target.kind === 'status' ? t('intake.statusField', { code: target.code }) : target.code;
  };
}

/** The file's own received date and incoming document; a date is taken when complete, the number when the clerk leaves the box. */
function ReceiptFields({ file, batchReceivedOn, today, onInput }: { file: BatchFile; batchReceivedOn: string; today: string; onInput: (input: FileInput) => void }) {
  const t = useT();
  const [number, setNumber] = useState(file.input.documentNumber);
  const [futureDate, setFutureDate] = useState<string | null>(null);
  const id = (part: string) => `file-${file.id}-${part}`;
  const commitNumber = () => {
    if (number.trim() !== file.input.documentNumber.trim()) onInput({ ...file.input, documentNumber: number });
  };
  return (
    <div className="file-receipt" role="group" aria-label={t('intake.fileReceipt', { file: file.name })}>
      <div>
        <label htmlFor={id('received')} className="field-label">
          {t('intake.fileReceivedOn')}
        </label>
        <DateField
          id={id('received')}
          allowClear
          value={file.input.receivedOn ?? null}
          status={futureDate ? 'error' : undefined}
          aria-describedby={id('received-hint')}
          onChange={(iso) => {
            if (iso && iso > today) {
              setFutureDate(iso);
              return;
            }
            setFutureDate(null);
            onInput({ ...file.input, receivedOn: iso ?? undefined });
          }}
        />
        <div id={id('received-hint')} className={futureDate ? 'field-error' : 'muted small'} role={futureDate ? 'alert' : undefined}>
          {futureDate ? t('intake.dateInFuture', { today: formatDateVi(today) }) : file.input.receivedOn ? t('intake.fileReceivedOwn', { date: formatDateVi(file.input.receivedOn) }) : t('intake.fileReceivedBatch', { date: formatDateVi(batchReceivedOn) })}
        </div>
      </div>
      <div>
        <label htmlFor={id('docnumber')} className="field-label">
          {t('entry.documentNumber')}
        </label>
        <Input
          id={id('docnumber')}
          maxLength={100}
          placeholder="123/BC-CAT"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          onBlur={commitNumber}
          onPressEnter={commitNumber}
        />
      </div>
      <div>
        <label htmlFor={id('docdate')} className="field-label">
          {t('entry.documentDate')}
        </label>
        <DateField id={id('docdate')} allowClear value={file.input.documentDate || null} onChange={(iso) => onInput({ ...file.input, documentDate: iso ?? '' })} />
      </div>
    </div>
  );
}

/** A saved file's receipt, as it was recorded: nothing left to change here (Báo cáo đã nhận can). */
function ReceiptSummary({ file }: { file: BatchFile }) {
  const t = useT();
  const sent = file.checkedWith;
  const day = file.outcomes.find((o) => o.receivedOn)?.receivedOn ?? sent?.receivedOn ?? null;
  const parts = [
    day ? t('intake.receiptDay', { date: formatDateVi(day) }) : '',
    sent?.documentNumber ? t('intake.receiptNumber', { number: sent.documentNumber }) : '',
    sent?.documentDate ? t('intake.receiptDate', { date: formatDateVi(sent.documentDate) }) : '',
  ].filter(Boolean);
  return parts.length > 0 ? <p className="muted small">{parts.join(' · ')}</p> : null;
}

function ProblemList({ problems, plan, agencyOf, editable, actions }: { problems: Problem[]; plan: PlanDetail | null; agencyOf: (p: Problem) => string; editable: boolean; actions: DetailActions }) {
  const t = useT();
  const name = useFieldName();
  const anyRemedy = editable && problems.some((p) => p.remedy);
  const columns: ColumnsType<Problem & { key: number }> = [
    { title: t('intake.cell'), dataIndex: 'cell', width: 150, render: (v: string) => (v ? <code className="cell-ref">{v}</code> : <span className="muted">{t('common.wholeFile')}</span>) },
    {
      title: t('intake.severity'),
      dataIndex: 'severity',
      width: 100,
      render: (v: Problem['severity']) => <Tag color={v === 'error' ? 'red' : 'orange'}>{t(`intake.severity.${v}`)}</Tag>,
    },
    {
      title: t('intake.message'),
      dataIndex: 'message',
      render: (_, p) => (
        <span className="wrap">
          <ProblemText problem={p} />
        </span>
      ),
    },
  ];
  if (anyRemedy) {
    columns.push({
      title: t('intake.remedy'),
      key: 'remedy',
      width: 190,
      render: (_, p) => {
        if (!p.remedy) return null;
        const agency = agencyOf(p);
        const fields = fieldsForProblem(p, plan, agency);
        return (
          <span className="button-row">
            {fields.length > 0 ? (
              <Button size="small" aria-label={t('intake.correctOf', { field: name(p.field) })} onClick={() => actions.onCorrect({ agency, fields, problem: p })}>
                {t('intake.correct')}
              </Button>
            ) : null}
            {p.remedy === 'accept' ? (
              <Button size="small" aria-label={t('intake.acceptOf', { field: name(p.field) })} onClick={() => actions.onAccept({ agency, problem: p })}>
                {t('intake.acceptWithReason')}
              </Button>
            ) : null}
          </span>
        );
      },
    });
  }
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

/**
 * No dead end: a file refused for something the clerk can make in the app (a layout
 * profile that reads it, the agency or period it names) offers to make it, here.
 */
function FileOffers({ file, problems, onMakeProfile }: { file: BatchFile; problems: Problem[]; onMakeProfile?: () => void }) {
  const t = useT();
  const offers: ReactNode[] = [];
  const codes = new Set(problems.map((p) => p.code));
  // Read by no saved profile, or not quite by the one it resembles: a profile made from this very file reads it.
  if (onMakeProfile && (codes.has('NOT_RECOGNISED') || codes.has('PROFILE_DIFFERS'))) {
    offers.push(
      <Button key="profile" size="small" type="primary" onClick={onMakeProfile}>
        {t('intake.makeProfileFrom', { file: file.name })}
      </Button>,
    );
  }
  for (const code of new Set(problems.filter((p) => p.code === 'UNKNOWN_AGENCY' && typeof p.params?.agency === 'string').map((p) => String(p.params?.agency)))) {
    offers.push(
      <Button key={`agency:${code}`} size="small" href={hrefFor('agencies', { add: code })}>
        {t('intake.addAgencyCode', { code })}
      </Button>,
    );
  }
  if (codes.has('UNKNOWN_PERIOD')) {
    offers.push(
      <Button key="period" size="small" href={hrefFor('periods')}>
        {t('intake.createPeriod')}
      </Button>,
    );
  }
  if (offers.length === 0) return null;
  return (
    <div className="file-offers button-row" role="group" aria-label={t('intake.offersOf', { file: file.name })}>
      {offers}
    </div>
  );
}

/** "Còn trống": each blank the report leaves, by code and name, each with its own "Sửa số liệu". */
function GapList({ outcomes, plan, editable, actions }: { outcomes: ImportOutcome[]; plan: PlanDetail | null; editable: boolean; actions: DetailActions }) {
  const t = useT();
  const label = useFieldLabel();
  const name = useFieldName();
  const rows = outcomes.flatMap((o) => fieldsForGaps(o.gaps, plan).map((f) => ({ ...f, agency: o.agency ?? '', key: `${o.agency ?? ''}|${f.field}` })));
  if (rows.length === 0) return null;
  const several = new Set(rows.map((r) => r.agency)).size > 1;
  return (
    <section className="file-section" aria-label={t('intake.gapsTitle', { count: rows.length })}>
      <strong>{t('intake.gapsTitle', { count: rows.length })}</strong>
      <ul className="gap-list">
        {rows.map((r) => (
          <li key={r.key}>
            <span className="wrap">
              {label(r)}
              {several ? <span className="muted"> ({r.agency})</span> : null}
            </span>
            {editable ? (
              <Button size="small" aria-label={t('intake.correctOf', { field: name(r.field) })} onClick={() => actions.onCorrect({ agency: r.agency, fields: [r], problem: null })}>
                {t('intake.correct')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The office's value, as the clerk reads it: "15", "Hoàn thành", or the words given. */
function correctionValue(c: CorrectionInput, field: CorrectableField | undefined, t: (key: MessageKey) => string): string {
  if (c.status) return t(`taskStatus.${c.status as TaskStatus}`);
  if (c.text) return c.text;
  return formatFigure(c.number ?? null, field && field.kind !== 'status' ? field.kind : 'decimal');
}

function CorrectionList({ file, plan, editable, onInput }: { file: BatchFile; plan: PlanDetail | null; editable: boolean; onInput: (input: FileInput) => void }) {
  const t = useT();
  const name = useFieldName();
  const corrections = file.input.corrections;
  if (corrections.length === 0) return null;
  const taken = file.outcomes.flatMap((o) => o.corrections);
  const fieldsOf = (agency: string | undefined) => (plan && agency ? correctableFields(plan, agency) : []);
  return (
    <section className="file-section" aria-label={t('intake.correctionsTitle', { count: corrections.length })}>
      <strong>{t('intake.correctionsTitle', { count: corrections.length })}</strong>
      <ul className="correction-list">
        {corrections.map((c, i) => {
          const back = taken.find((x) => x.field === c.field && (x.agency ?? '') === (c.agency ?? '') && x.fileText !== undefined);
          const code = name(c.field);
          const where = back?.cell ? t('intake.correction.cell', { cell: back.cell, field: code }) : code;
          const value = correctionValue(c, fieldsOf(c.agency).find((f) => f.field === c.field), t);
          const line = back
            ? t('intake.correction.line', { where, was: back.fileText ? t('intake.correction.fileText', { text: back.fileText }) : t('intake.correction.fileBlank'), value })
            : t('intake.correction.lineNew', { where, value });
          return (
            <li key={`${c.agency ?? ''}|${c.field}`}>
              <span className="wrap">
                {line} {t('intake.correction.note', { note: c.note })}
              </span>
              {editable ? (
                <Button size="small" aria-label={t('intake.correction.removeOf', { field: code })} onClick={() => onInput(withoutCorrection(file.input, i))}>
                  {t('intake.remove')}
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function AcceptanceList({ file, editable, onInput }: { file: BatchFile; editable: boolean; onInput: (input: FileInput) => void }) {
  const t = useT();
  const accepted: AcceptanceInput[] = file.input.accept;
  if (accepted.length === 0) return null;
  return (
    <section className="file-section" aria-label={t('intake.acceptedTitle', { count: accepted.length })}>
      <strong>{t('intake.acceptedTitle', { count: accepted.length })}</strong>
      <ul className="correction-list">
        {accepted.map((a, i) => (
          <li key={`${a.agency ?? ''}|${a.rule}|${a.indicator}|${a.against ?? ''}`}>
            <span className="wrap">{t('intake.acceptedLine', { rule: t(`checkRule.${a.rule}` as MessageKey), indicator: a.indicator, reason: a.reason })}</span>
            {editable ? (
              <Button size="small" aria-label={t('intake.acceptedRemoveOf', { field: a.indicator })} onClick={() => onInput(withoutAcceptance(file.input, i))}>
                {t('intake.remove')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The changes of every report the file holds; a workbook of several agencies says whose each one is. */
function ChangeList({ changes, agencyName, first }: { changes: FieldChange[]; agencyName: (code: string) => string; first: boolean }) {
  const t = useT();
  const several = new Set(changes.map((c) => c.agency)).size > 1;
  // The same field of every agency side by side, as in the one-column-per-agency table it came from.
  const order = new Map<string, number>();
  for (const c of changes) if (!order.has(c.field)) order.set(c.field, order.size);
  const rows = several ? [...changes].sort((a, b) => (order.get(a.field) ?? 0) - (order.get(b.field) ?? 0)) : changes;
  const columns: ColumnsType<FieldChange> = [
    ...(several ? [{ title: t('col.agency'), dataIndex: 'agency', width: '20%', render: (v: string) => <span className="wrap">{agencyName(v)}</span> }] : []),
    { title: t('intake.field'), dataIndex: 'label', render: (_, c) => <span className="wrap">{c.field.includes(':') ? null : <code className="cell-ref">{c.field}</code>} {c.label}</span> },
    // A first submission has nothing before it: no empty "Hiện tại" column.
    ...(first ? [] : [{ title: t('intake.before'), dataIndex: 'before', width: '24%', render: (v: string | number | null) => <span className="wrap muted">{show(v)}</span> }]),
    { title: t('intake.after'), dataIndex: 'after', width: '24%', render: (v: string | number | null) => <span className="wrap">{show(v)}</span> },
  ];
  return (
    <Table
      size="small"
      className="nested-table"
      title={() => <strong>{t(first ? 'intake.firstTitle' : 'intake.changesTitle')}</strong>}
      rowKey={(c) => `${c.agency}|${c.field}`}
      columns={columns}
      dataSource={rows}
      pagination={changes.length > 12 ? { pageSize: 12, size: 'small', showSizeChanger: false } : false}
      locale={{ emptyText: t('intake.noChanges') }}
    />
  );
}

export function BatchFileDetail({
  file,
  plan,
  batchReceivedOn,
  today,
  editable,
  actions,
  agencyName = (code) => code,
}: {
  file: BatchFile;
  plan: PlanDetail | null;
  batchReceivedOn: string;
  today: string;
  editable: boolean;
  actions: DetailActions;
  agencyName?: (code: string) => string;
}) {
  const t = useT();
  const { lang } = useI18n();
  const problems = uniqueProblems(file.outcomes);
  const firstAgency = file.outcomes.find((o) => o.agency)?.agency ?? '';
  const changes = file.outcomes.flatMap((o) => o.changes);
  // A file that was read as a report has a receipt to say things of; a broken, skipped or unfilled one does not.
  const read = file.outcomes.some((o) => o.gaps !== null);
  return (
    <div className="file-detail">
      {file.error ? <ApiErrorAlert error={file.error} /> : null}
      {file.outcomes.map((o, i) => {
        // A refused file's errors are listed just below: its line counts them instead of repeating the first in full.
        const listed = o.status === 'rejected' && problems.some((p) => p.severity === 'error');
        const text = listed ? t('intake.rejectedListed', { file: o.file, count: o.problems.filter((p) => p.severity === 'error').length }) : outcomeText(o, lang, agencyName);
        return (
          <p key={i} className="outcome-message" lang={lang !== 'vi' && !listed && text === o.message ? 'vi' : undefined}>
            {text}
          </p>
        );
      })}
      <FileOffers file={file} problems={problems} onMakeProfile={actions.onMakeProfile} />
      {read && editable ? <ReceiptFields file={file} batchReceivedOn={batchReceivedOn} today={today} onInput={actions.onInput} /> : null}
      {read && !editable ? <ReceiptSummary file={file} /> : null}
      {problems.length > 0 ? <ProblemList problems={problems} plan={plan} agencyOf={(p) => p.agency ?? firstAgency} editable={editable} actions={actions} /> : null}
      <GapList outcomes={file.outcomes} plan={plan} editable={editable} actions={actions} />
      <CorrectionList file={file} plan={plan} editable={editable} onInput={actions.onInput} />
      <AcceptanceList file={file} editable={editable} onInput={actions.onInput} />
      {file.state === 'checked' || file.state === 'imported' ? <ChangeList changes={changes} agencyName={agencyName} first={isFirstSubmission(file.outcomes)} /> : null}
    </div>
  );
}
