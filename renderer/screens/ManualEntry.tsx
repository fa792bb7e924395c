// Nhập liệu: a paper report typed by hand for the chosen period and an agency — its
// tasks (status, results, difficulties, proposals) and the indicators it reports —
// saved through 'submissions.enter' as a new revision, with the same checks as an
// imported workbook. The Api's problems are shown next to their fields, as they are; a
// rule check that refuses the report (a cumulative figure that falls, a numerator above
// its denominator) may be let through with a reason, and the report is sent again.
import { Alert, App, Button, Card, Empty, Input, InputNumber, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { TASK_STATUSES, planForPeriod, type Indicator, type Period, type Task, type TaskStatus } from '../../shared/domain';
import type { AcceptanceInput } from '../../shared/api';
import type { ApiError } from '../../shared/errors';
import { formatDateVi, formatNumber } from '../../shared/numbers';
import type { Problem } from '../../shared/problems';
import { matchesSearch } from '../../shared/text';
import { api } from '../api';
import { AcceptModal } from '../components/AcceptModal';
import { DateField } from './admin/DateField';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { NoAgenciesToReport } from '../components/Offers';
import { useApi } from '../hooks/useApi';
import { useT, type MessageKey } from '../i18n';
import { ProblemText } from '../lib/api-message';
import { targetOf } from '../lib/corrections';
import './entry/entry.css';

interface TaskDraft {
  status: TaskStatus | null;
  results: string;
  difficulties: string;
  proposals: string;
}

const EMPTY_TASK: TaskDraft = { status: null, results: '', difficulties: '', proposals: '' };

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function FieldProblems({ problems, onAccept }: { problems: Problem[] | undefined; onAccept?: (p: Problem) => void }) {
  const t = useT();
  if (!problems || problems.length === 0) return null;
  return (
    <>
      {problems.map((p, i) => (
        <div key={i} role="alert" className={p.severity === 'error' ? 'entry-problem' : 'entry-problem warning'}>
          <ProblemText problem={p} />
          {onAccept && p.remedy === 'accept' && p.severity === 'error' ? (
            <div>
              <Button size="small" className="entry-accept" aria-label={t('intake.acceptOf', { field: p.indicator ?? '' })} onClick={() => onAccept(p)}>
                {t('intake.acceptWithReason')}
              </Button>
            </div>
          ) : null}
        </div>
      ))}
    </>
  );
}

/** Where a problem is shown: a rule check by its indicator, a field's problem by its code. */
function placeOf(p: Problem): string {
  if (p.indicator) return p.indicator;
  const target = p.field ? targetOf(p.field) : null;
  return target?.code ?? p.cell;
}

/** A ratio of the agency's own parts, as the consolidation will compute it. */
function ratioOf(indicator: Indicator, numbers: Record<string, number | null>): number | null {
  if (!indicator.numeratorCode || !indicator.denominatorCode) return null;
  const n = numbers[indicator.numeratorCode];
  const d = numbers[indicator.denominatorCode];
  if (n === null || n === undefined || d === null || d === undefined || d === 0) return null;
  return (n / d) * 100;
}

export function ManualEntry({ period, params }: { period: Period; params: Record<string, string> }) {
  const t = useT();
  const { message } = App.useApp();
  const status = useApi('consolidation.status', { period: period.code });
  const plan = useApi('plans.get', { year: period.planYear });
  const [agency, setAgency] = useState<string | undefined>(params['agency']);
  const [receivedOn, setReceivedOn] = useState(todayIso());
  const [documentNumber, setDocumentNumber] = useState('');
  const [documentDate, setDocumentDate] = useState('');
  const [numbers, setNumbers] = useState<Record<string, number | null>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [tasks, setTasks] = useState<Record<string, TaskDraft>>({});
  const [prefill, setPrefill] = useState<{ revision: number; receivedOn: string } | null>(null);
  const [loadingAgency, setLoadingAgency] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  // Rule checks the clerk let through, with the reason; sent with every save of this report.
  const [accepts, setAccepts] = useState<AcceptanceInput[]>([]);
  const [accepting, setAccepting] = useState<Problem | null>(null);

  const agencies = status.value?.agencies ?? [];
  // What the plan asks of this period: a task retired after the period began is still reported on.
  const periodPlan = useMemo(() => (plan.value ? planForPeriod(plan.value, period) : null), [plan.value, period]);
  const myTasks: Task[] = useMemo(
    () => (periodPlan?.tasks ?? []).filter((task) => !task.retired && agency !== undefined && (task.lead.includes(agency) || task.coordinate.includes(agency))),
    [periodPlan, agency],
  );
  const myIndicators = useMemo(
    () => (periodPlan?.tasks ?? []).flatMap((task) => task.indicators).filter((i) => !i.retired && agency !== undefined && i.reporters.includes(agency)),
    [periodPlan, agency],
  );
  const problems: Problem[] = Array.isArray(error?.details) ? (error.details as Problem[]) : [];
  const problemsAt = useMemo(() => {
    const map = new Map<string, Problem[]>();
    for (const p of problems) map.set(placeOf(p), [...(map.get(placeOf(p)) ?? []), p]);
    return map;
  }, [problems]);
  const placed = new Set([...myIndicators.map((i) => i.code), ...myTasks.map((x) => x.code)]);
  const unplaced = problems.filter((p) => !placed.has(placeOf(p)));

  // Prefill from the agency's current revision, if it has one.
  useEffect(() => {
    if (!agency) return;
    let live = true;
    setLoadingAgency(true);
    setError(null);
    setSaved(null);
    setAccepts([]);
    void (async () => {
      const list = await api['submissions.list']({ period: period.code, agency });
      const current = list.ok ? list.value.find((s) => s.current) : undefined;
      const detail = current ? await api['submissions.get']({ id: current.id }) : null;
      if (!live) return;
      const nextNumbers: Record<string, number | null> = {};
      const nextTexts: Record<string, string> = {};
      const nextTasks: Record<string, TaskDraft> = {};
      if (detail?.ok) {
        for (const v of detail.value.values) {
          nextNumbers[v.indicatorCode] = v.number;
          if (v.text) nextTexts[v.indicatorCode] = v.text;
        }
        for (const r of detail.value.taskReports) nextTasks[r.taskCode] = { status: r.status, results: r.results, difficulties: r.difficulties, proposals: r.proposals };
        setPrefill({ revision: detail.value.revision, receivedOn: detail.value.receivedOn });
        setDocumentNumber(detail.value.documentNumber ?? '');
        setDocumentDate(detail.value.documentDate ?? '');
      } else {
        setPrefill(null);
        setDocumentNumber('');
        setDocumentDate('');
      }
      setNumbers(nextNumbers);
      setTexts(nextTexts);
      setTasks(nextTasks);
      setLoadingAgency(false);
    })();
    return () => {
      live = false;
    };
  }, [agency, period.code]);

  const save = async (accept: AcceptanceInput[] = accepts) => {
    if (!agency) return;
    setSaving(true);
    setError(null);
    setSaved(null);
    try {
      const r = await api['submissions.enter']({
        period: period.code,
        agency,
        receivedOn: receivedOn || undefined,
        documentNumber: documentNumber.trim() || null,
        documentDate: documentDate || null,
        taskReports: myTasks
          .map((task) => ({ taskCode: task.code, ...(tasks[task.code] ?? EMPTY_TASK) }))
          .filter((r) => r.status !== null || r.results.trim() || r.difficulties.trim() || r.proposals.trim()),
        values: myIndicators
          .filter((i) => i.aggregation !== 'ratio')
          .map((i) => (i.kind === 'text' ? { indicatorCode: i.code, number: null, text: texts[i.code] ?? null } : { indicatorCode: i.code, number: numbers[i.code] ?? null }))
          .filter((v) => v.number !== null || (v.text ?? '') !== ''),
        ...(accept.length > 0 ? { accept } : {}),
      });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setSaved(r.value.revision);
      setAccepts([]);
      setPrefill({ revision: r.value.revision, receivedOn: r.value.receivedOn });
      void message.success(t('entry.saved', { revision: r.value.revision, agency: agencies.find((a) => a.code === agency)?.name ?? agency }));
      status.reload();
    } finally {
      setSaving(false);
    }
  };

  /** The check let through with the clerk's reason, and the report sent again with it. */
  const acceptWith = (reason: string) => {
    const p = accepting;
    setAccepting(null);
    if (!p?.rule || !p.indicator) return;
    const next = [...accepts.filter((a) => !(a.rule === p.rule && a.indicator === p.indicator && a.against === p.against)), { rule: p.rule, indicator: p.indicator, ...(p.against ? { against: p.against } : {}), reason }];
    setAccepts(next);
    void save(next);
  };

  if (status.state === 'error' && !status.value) return <ApiErrorAlert error={status.error} onRetry={status.reload} />;
  if (plan.state === 'error' && !plan.value) return <ApiErrorAlert error={plan.error} onRetry={plan.reload} />;

  const columns: ColumnsType<Indicator> = [
    { title: t('col.code'), dataIndex: 'code', width: 90, render: (v: string) => <code className="cell-ref">{v}</code> },
    {
      title: t('col.indicator'),
      dataIndex: 'name',
      render: (_, i) => (
        <label htmlFor={`value-${i.code}`} className="wrap">
          {i.name}
        </label>
      ),
    },
    { title: t('col.unit'), dataIndex: 'unit', width: 110 },
    {
      title: t('entry.figure'),
      key: 'value',
      width: 300,
      render: (_, i) => {
        let input;
        if (i.aggregation === 'ratio') {
          const value = ratioOf(i, numbers);
          input = (
            <span className="entry-computed" title={t('entry.ratioHint', { numerator: i.numeratorCode ?? '', denominator: i.denominatorCode ?? '' })}>
              {value === null ? t('common.dash') : formatNumber(value, 'percent')} <span className="muted small">{t('entry.computed')}</span>
            </span>
          );
        } else if (i.kind === 'text') {
          input = <Input id={`value-${i.code}`} value={texts[i.code] ?? ''} onChange={(e) => setTexts({ ...texts, [i.code]: e.target.value })} />;
        } else {
          input = (
            <InputNumber<number>
              id={`value-${i.code}`}
              className="entry-input-number"
              value={numbers[i.code] ?? null}
              step={i.kind === 'integer' ? 1 : 0.1}
              decimalSeparator={i.kind === 'integer' ? undefined : ','}
              status={problemsAt.get(i.code)?.some((p) => p.severity === 'error') ? 'error' : undefined}
              aria-describedby={problemsAt.has(i.code) ? `problem-${i.code}` : undefined}
              placeholder={i.kind === 'integer' ? t('entry.integer') : t('entry.decimal')}
              onChange={(v) => setNumbers({ ...numbers, [i.code]: v })}
            />
          );
        }
        return (
          <div>
            {input}
            <div id={`problem-${i.code}`}>
              <FieldProblems problems={problemsAt.get(i.code)} onAccept={setAccepting} />
            </div>
          </div>
        );
      },
    },
  ];

  const setTask = (code: string, change: Partial<TaskDraft>) => setTasks({ ...tasks, [code]: { ...(tasks[code] ?? EMPTY_TASK), ...change } });
  const stateLabel = (code: string) => {
    const a = agencies.find((x) => x.code === code);
    return a ? t(`receipt.${a.state}`) : '';
  };

  return (
    <div className="screen manual-entry">
      <Card className="block" size="small">
        <p className="card-hint">{t('entry.intro', { period: period.label })}</p>
        <div className="entry-head">
          <div>
            <label htmlFor="entry-agency">{t('col.agency')}</label>
            <Select
              id="entry-agency"
              aria-label={t('entry.chooseAgency')}
              placeholder={t('entry.chooseAgency')}
              style={{ width: '100%' }}
              loading={status.state === 'loading'}
              value={agency}
              onChange={(v: string) => setAgency(v)}
              showSearch={{ filterOption: (input, option) => matchesSearch(String(option?.title ?? ''), input) }}
              options={agencies.map((a) => ({ value: a.code, title: `${a.name} ${a.code}`, label: `${a.name} (${stateLabel(a.code)})` }))}
            />
          </div>
          <div>
            <label htmlFor="entry-received">{t('entry.receivedAt')}</label>
            <DateField id="entry-received" value={receivedOn || null} onChange={(iso) => setReceivedOn(iso ?? '')} />
          </div>
          <div>
            <label htmlFor="entry-docnumber">{t('entry.documentNumber')}</label>
            <Input id="entry-docnumber" value={documentNumber} maxLength={100} placeholder="123/BC-CAT" onChange={(e) => setDocumentNumber(e.target.value)} />
          </div>
          <div>
            <label htmlFor="entry-docdate">{t('entry.documentDate')}</label>
            <DateField id="entry-docdate" allowClear value={documentDate || null} onChange={(iso) => setDocumentDate(iso ?? '')} />
          </div>
        </div>
        {agency && !loadingAgency ? (
          <p className="card-hint" style={{ marginTop: 8, marginBottom: 0 }} role="status">
            {prefill ? t('entry.prefilled', { revision: prefill.revision, date: formatDateVi(prefill.receivedOn) }) : t('entry.noPrevious')}
          </p>
        ) : null}
      </Card>

      {status.state === 'ok' && agencies.length === 0 ? (
        <Card className="block">
          <NoAgenciesToReport year={period.planYear} />
        </Card>
      ) : !agency ? (
        <Card className="block">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('entry.pickAgency')} />
        </Card>
      ) : (
        <>
          {error ? <ApiErrorAlert error={error} /> : null}
          {unplaced.length > 0 ? <Alert type="error" showIcon className="block" title={<FieldProblems problems={unplaced} onAccept={setAccepting} />} /> : null}
          {accepts.length > 0 ? (
            <Alert
              type="info"
              showIcon
              className="block"
              title={t('entry.acceptedTitle', { count: accepts.length })}
              description={
                <ul className="entry-accepted">
                  {accepts.map((a) => (
                    <li key={`${a.rule}|${a.indicator}|${a.against ?? ''}`}>{t('intake.acceptedLine', { rule: t(`checkRule.${a.rule}` as MessageKey), indicator: a.indicator, reason: a.reason })}</li>
                  ))}
                </ul>
              }
            />
          ) : null}
          <Card className="block" size="small" title={t('entry.indicators', { count: myIndicators.length })} loading={loadingAgency}>
            <Table size="small" rowKey="code" columns={columns} dataSource={myIndicators} pagination={false} locale={{ emptyText: t('entry.noIndicators') }} />
          </Card>
          <Card className="block" size="small" title={t('entry.tasks', { count: myTasks.length })} loading={loadingAgency}>
            {myTasks.length === 0 ? <p className="muted">{t('entry.noTasks')}</p> : null}
            {myTasks.map((task) => {
              const draft = tasks[task.code] ?? EMPTY_TASK;
              const role = task.lead.includes(agency) ? t('role.lead') : t('role.coordinate');
              return (
                <section key={task.code} className="entry-task" aria-label={`${task.ordinalLabel ?? task.code}: ${task.title}`}>
                  <div className="entry-task-title">
                    <span className="ordinal">{task.ordinalLabel ?? task.code}</span> · {task.title} <Tag>{role}</Tag>
                  </div>
                  <div className="entry-task-grid">
                    <div>
                      <span className="entry-field-label" id={`status-${task.code}`}>
                        {t('entry.status')}
                      </span>
                      <Select
                        aria-label={t('entry.statusOf', { task: task.ordinalLabel ?? task.code })}
                        style={{ width: '100%' }}
                        allowClear
                        placeholder={t('entry.statusNone')}
                        value={draft.status ?? undefined}
                        onChange={(v: TaskStatus | undefined) => setTask(task.code, { status: v ?? null })}
                        options={TASK_STATUSES.map((s) => ({ value: s, label: t(`taskStatus.${s}`) }))}
                      />
                    </div>
                    {(['results', 'difficulties', 'proposals'] as const).map((field) => (
                      <div key={field}>
                        <label className="entry-field-label" htmlFor={`${field}-${task.code}`}>
                          {t(`cons.${field}`)}
                        </label>
                        <Input.TextArea id={`${field}-${task.code}`} autoSize={{ minRows: 2, maxRows: 8 }} value={draft[field]} onChange={(e) => setTask(task.code, { [field]: e.target.value })} />
                      </div>
                    ))}
                  </div>
                  <FieldProblems problems={problemsAt.get(task.code)} onAccept={setAccepting} />
                </section>
              );
            })}
          </Card>
          <div className="entry-actions">
            <Button type="primary" loading={saving} onClick={() => void save()}>
              {t('entry.save')}
            </Button>
            {saved !== null ? (
              <span role="status" className="count">
                {t('entry.savedShort', { revision: saved })}
              </span>
            ) : (
              <span className="muted small">{t('entry.saveHint')}</span>
            )}
          </div>
          <AcceptModal problem={accepting} busy={saving} onOk={acceptWith} onCancel={() => setAccepting(null)} />
        </>
      )}
    </div>
  );
}
