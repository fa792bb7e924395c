// Kế hoạch: the plan of a year as the committee issued it — each task with its full
// text, the agencies that lead and coordinate it, and its indicators. Tasks and
// indicators are added, edited, moved (buttons, so the keyboard can do it) and retired;
// the plan is copied to the next year and exported as a workbook. A change to a plan
// that already has reports says what it touches (plans.impact) and waits for the clerk.
import { Alert, App, Button, Card, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Indicator, Task } from '../../shared/domain';
import type { ApiError, ApiResult } from '../../shared/errors';
import { formatDateVi } from '../../shared/numbers';
import { api } from '../api';
import { useSaveFile } from '../hooks/useSaveFile';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { EmptyState } from '../components/EmptyState';
import { NoPlan } from '../components/Offers';
import { RowMenu } from '../components/RowMenu';
import { useApi } from '../hooks/useApi';
import { useT } from '../i18n';
import { formatFigure } from '../lib/format';
import { usePeriod } from '../state/PeriodContext';
import { todayIso } from '../state/period';
import { pickYear, YearSelect } from './admin/YearSelect';
import { IndicatorForm, type IndicatorValues } from './plan/IndicatorForm';
import { RetireDialog, type Retiring } from './plan/RetireDialog';
import { TaskForm, type TaskValues } from './plan/TaskForm';
import { useSession } from '../state/SessionContext';
import './admin/admin.css';

type Editing = { kind: 'task'; task: Task | null } | { kind: 'indicator'; task: Task; indicator: Indicator | null };

function move<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const next = [...items];
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(index + by, 0, item);
  return next;
}

function nextCode(prefix: string, taken: readonly string[], sep: string): string {
  for (let n = 1; ; n++) {
    const code = `${prefix}${sep}${sep === '.' ? String(n).padStart(2, '0') : n}`;
    if (!taken.includes(code)) return code;
  }
}

export function PlanScreen() {
  const { canWrite } = useSession();
  const t = useT();
  const { modal, message } = App.useApp();
  const { period, reload: reloadPeriods } = usePeriod();
  const plans = useApi('plans.list', {});
  const [chosen, setChosen] = useState<number | null>(null);
  const years = useMemo(() => (plans.value ?? []).map((p) => p.year).sort((a, b) => b - a), [plans.value]);
  const year = pickYear(years, chosen, period?.planYear);
  const detail = useApi('plans.get', year === null ? null : { year });
  const agencies = useApi('agencies.list', { includeInactive: true });
  const [showRetired, setShowRetired] = useState(false);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [retiring, setRetiring] = useState<Retiring | null>(null);
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const focusAfter = useRef<string[] | null>(null);

  const names = useMemo(() => new Map((agencies.value ?? []).map((a) => [a.code, a.name])), [agencies.value]);
  const activeCount = useMemo(() => (agencies.value ?? []).filter((a) => !a.validTo || a.validTo > todayIso()).length, [agencies.value]);
  const plan = detail.value && detail.value.plan.year === year ? detail.value : null;
  // Sent with every edit: one made on an older plan than the stored one is refused, and the plan reloaded.
  const version = plan?.plan.version;
  // One edit at a time, each on the plan as the last one left it: a second click while
  // an edit is saving, or before its plan has come back, would otherwise be sent on the
  // older version and told, wrongly, that someone else had edited the plan.
  const editInFlight = useRef(false);
  const awaitedVersion = useRef<number | null>(null);
  if (awaitedVersion.current !== null && (detail.state === 'error' || (version ?? 0) >= awaitedVersion.current)) awaitedVersion.current = null;
  const allTasks = plan?.tasks ?? [];
  const tasks = showRetired ? allTasks : allTasks.filter((x) => !x.retired);
  const allIndicators = allTasks.flatMap((x) => x.indicators);

  const editingTask = editing?.kind === 'indicator' ? editing.task : null;
  const indicatorDefaults = useMemo(
    () =>
      editingTask
        ? { code: nextCode(editingTask.code, allIndicators.map((i) => i.code), '.'), reporters: [...new Set([...editingTask.lead, ...editingTask.coordinate])] }
        : { code: '', reporters: [] },
    // allIndicators is read when the form opens; it must not reset the form while it is open.
    [editingTask],
  );

  // After a move the moved item's button keeps the focus, wherever the item went.
  useEffect(() => {
    const ids = focusAfter.current;
    if (!ids || detail.state !== 'ok') return;
    focusAfter.current = null;
    for (const id of ids) {
      const el = document.getElementById(id);
      if (el && !(el as HTMLButtonElement).disabled) {
        el.focus();
        return;
      }
    }
  }, [detail.state, detail.value]);

  /**
   * Every change goes through here: what it touches is asked first, and if the plan has
   * reports (or the change needs a yes anyway) the clerk reads it and accepts.
   */
  const change = async <R,>(what: { taskCode?: string; indicatorCode?: string; ask?: string }, act: () => Promise<ApiResult<R>>, done: string, onError: (e: ApiError) => void): Promise<boolean> => {
    if (year === null || editInFlight.current || awaitedVersion.current !== null) return false;
    editInFlight.current = true;
    try {
      return await changeNow(year, what, act, done, onError);
    } finally {
      editInFlight.current = false;
    }
  };

  const changeNow = async <R,>(
    year: number,
    what: { taskCode?: string; indicatorCode?: string; ask?: string },
    act: () => Promise<ApiResult<R>>,
    done: string,
    onError: (e: ApiError) => void,
  ): Promise<boolean> => {
    const impact = await api['plans.impact']({ year, taskCode: what.taskCode, indicatorCode: what.indicatorCode });
    if (!impact.ok) {
      onError(impact.error);
      return false;
    }
    const hasReports = impact.value.submissions > 0;
    if (hasReports || what.ask) {
      const ok = await modal.confirm({
        title: what.ask ?? t('plan.impactTitle'),
        content: hasReports ? <p className="impact-message">{impact.value.message}</p> : null,
        okText: hasReports ? t('plan.impactOk') : t('admin.yes'),
        cancelText: t('common.cancel'),
        width: 560,
      });
      if (!ok) return false;
    }
    const result = await act();
    if (!result.ok) {
      // Someone else saved the plan meanwhile: the clerk is told, and sees it as it is now.
      if (result.error.code === 'PLAN_CHANGED') detail.reload();
      onError(result.error);
      return false;
    }
    setError(null);
    void message.success(done);
    if (version !== undefined) awaitedVersion.current = version + 1;
    detail.reload();
    return true;
  };

  if (plans.state === 'error' && !plans.value) return <ApiErrorAlert error={plans.error} onRetry={plans.reload} />;
  if (plans.state === 'ok' && years.length === 0) return <NoPlan />;

  const nextYear = year === null ? null : year + 1;
  const nextExists = nextYear !== null && years.includes(nextYear);

  const copy = async () => {
    if (year === null || nextYear === null) return;
    const ok = await modal.confirm({
      title: t('plan.copyTitle', { from: String(year), to: String(nextYear) }),
      content: t('plan.copyBody', { to: String(nextYear) }),
      okText: t('plan.copyOk'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    const r = await api['plans.copyToYear']({ fromYear: year, toYear: nextYear });
    if (!r.ok) return setError(r.error);
    setError(null);
    void message.success(t('plan.copied', { year: String(nextYear) }));
    setChosen(nextYear);
    plans.reload();
    reloadPeriods();
  };

  const { saveFile } = useSaveFile();
  const exportPlan = async () => {
    if (year === null) return;
    const r = await api['exports.plan']({ year });
    if (!r.ok) return setError(r.error);
    await saveFile(r.value);
  };

  const moveTask = (task: Task, by: -1 | 1) => {
    if (year === null) return;
    const index = allTasks.findIndex((x) => x.code === task.code);
    // Hidden retired tasks keep their place: the move is among what the clerk sees.
    const visible = tasks.map((x) => x.code);
    const at = visible.indexOf(task.code);
    const swapWith = visible[at + by];
    if (index < 0 || !swapWith) return;
    const order = allTasks.map((x) => x.code);
    const other = order.indexOf(swapWith);
    order[index] = swapWith;
    order[other] = task.code;
    focusAfter.current = [`task-${task.code}-${by < 0 ? 'up' : 'down'}`, `task-${task.code}-${by < 0 ? 'down' : 'up'}`];
    void change({}, () => api['tasks.reorder']({ year, version, codes: order }), t('plan.moved', { code: task.code }), setError);
  };

  const moveIndicator = (task: Task, indicator: Indicator, by: -1 | 1) => {
    if (year === null) return;
    const index = task.indicators.findIndex((i) => i.code === indicator.code);
    const codes = move(task.indicators, index, by).map((i) => i.code);
    focusAfter.current = [`ind-${indicator.code}-${by < 0 ? 'up' : 'down'}`, `ind-${indicator.code}-${by < 0 ? 'down' : 'up'}`];
    void change({ indicatorCode: indicator.code }, () => api['indicators.reorder']({ year, version, taskCode: task.code, codes }), t('plan.moved', { code: indicator.code }), setError);
  };

  const retireTask = (task: Task) => setRetiring({ kind: 'task', code: task.code });
  const retireIndicator = (indicator: Indicator) => setRetiring({ kind: 'indicator', code: indicator.code });

  /** The day is chosen in RetireDialog; a plan with reports then says what it touches, as every change does. */
  const retire = (what: Retiring, on: string) => {
    setRetiring(null);
    if (year === null) return;
    const done = t('plan.retired', { code: what.code });
    if (what.kind === 'task') void change({ taskCode: what.code }, () => api['tasks.retire']({ year, version, code: what.code, on }), done, setError);
    else void change({ indicatorCode: what.code }, () => api['indicators.retire']({ year, version, code: what.code, on }), done, setError);
  };

  const saveTask = async (values: TaskValues) => {
    if (year === null || editing?.kind !== 'task') return;
    const task = {
      code: values.code.trim(),
      ordinalLabel: values.ordinalLabel.trim() === '' ? null : values.ordinalLabel.trim(),
      title: values.title,
      content: values.content ?? '',
      lead: values.lead ?? [],
      coordinate: values.coordinate ?? [],
    };
    setSaving(true);
    const existing = editing.task;
    const ok = existing
      ? await change({ taskCode: existing.code }, () => api['tasks.update']({ year, version, code: existing.code, changes: task }), t('plan.saved', { code: task.code }), setFormError)
      : await change({}, () => api['tasks.create']({ year, version, task }), t('plan.saved', { code: task.code }), setFormError);
    setSaving(false);
    if (ok) setEditing(null);
  };

  const saveIndicator = async (values: IndicatorValues) => {
    if (year === null || editing?.kind !== 'indicator') return;
    const ratio = values.aggregation === 'ratio';
    const hasTarget = values.target !== null && values.target !== undefined;
    const indicator = {
      code: values.code.trim(),
      taskCode: editing.task.code,
      name: values.name,
      unit: values.unit ?? '',
      kind: values.kind,
      aggregation: values.aggregation,
      numeratorCode: ratio ? (values.numeratorCode ?? null) : null,
      denominatorCode: ratio ? (values.denominatorCode ?? null) : null,
      target: hasTarget ? (values.target ?? null) : null,
      targetDirection: hasTarget ? (values.targetDirection ?? 'min') : null,
      reporters: values.reporters ?? [],
    };
    setSaving(true);
    const existing = editing.indicator;
    const ok = existing
      ? await change(
          { indicatorCode: existing.code },
          () => api['indicators.update']({ year, version, code: existing.code, changes: indicator }),
          t('plan.saved', { code: indicator.code }),
          setFormError,
        )
      : await change({ taskCode: editing.task.code }, () => api['indicators.create']({ year, version, indicator }), t('plan.saved', { code: indicator.code }), setFormError);
    setSaving(false);
    if (ok) setEditing(null);
  };

  const agencyTags = (codes: readonly string[]) =>
    codes.length === 0 ? (
      <span className="muted">{t('common.dash')}</span>
    ) : (
      <span className="tag-wrap">
        {codes.map((c) => (
          <Tag key={c} className="agency-tag">
            {names.get(c) ?? c}
          </Tag>
        ))}
      </span>
    );

  const reportersCell = (i: Indicator) => {
    if (i.reporters.length === 0) return <span className="muted">{t('common.dash')}</span>;
    const list = i.reporters.map((c) => names.get(c) ?? c).join(', ');
    if (i.reporters.length <= 3) return <span className="wrap small">{list}</span>;
    return (
      <details className="reporters">
        <summary>{i.reporters.length >= activeCount ? t('plan.allAgencies', { count: i.reporters.length }) : t('plan.agencyCount', { count: i.reporters.length })}</summary>
        <span className="wrap small">{list}</span>
      </details>
    );
  };

  const indicatorColumns: ColumnsType<Indicator> = [
    { title: t('col.code'), dataIndex: 'code', width: 76 },
    {
      title: t('col.indicator'),
      dataIndex: 'name',
      render: (_, i) => (
        <span className="wrap">
          {i.name} {i.retired ? <Tag>{t('plan.retiredTag')}</Tag> : null}
        </span>
      ),
    },
    {
      title: t('plan.kindUnit'),
      dataIndex: 'kind',
      width: 118,
      render: (_, i) => (
        <span className="wrap">
          {t(`indicatorKind.${i.kind}`)}
          {i.unit ? <span className="muted small contact-phone">{i.unit}</span> : null}
        </span>
      ),
    },
    {
      title: t('plan.aggregation'),
      dataIndex: 'aggregation',
      width: 150,
      render: (_, i) => (
        <span className="wrap">
          {t(`aggregation.${i.aggregation}`)}
          {i.aggregation === 'ratio' && i.numeratorCode && i.denominatorCode ? <span className="muted small"> ({t('plan.ratioOf', { numerator: i.numeratorCode, denominator: i.denominatorCode })})</span> : null}
        </span>
      ),
    },
    {
      title: t('col.target'),
      dataIndex: 'target',
      width: 84,
      render: (_, i) =>
        i.target === null ? <span className="muted">{t('common.dash')}</span> : i.targetDirection === 'max' ? t('target.max', { value: formatFigure(i.target, i.kind) }) : t('target.min', { value: formatFigure(i.target, i.kind) }),
    },
    { title: t('plan.reporters'), dataIndex: 'reporters', width: 190, render: (_, i) => reportersCell(i) },
  ];
  const actionColumns = (task: Task): ColumnsType<Indicator> => [
    {
      title: t('col.actions'),
      key: 'actions',
      width: 222,
      render: (_, i, index) =>
        i.retired ? null : (
          <span className="button-row tight">
            <Button size="small" id={`ind-${i.code}-up`} aria-label={t('plan.moveUp', { code: i.code })} title={t('plan.moveUp', { code: i.code })} disabled={index === 0} onClick={() => moveIndicator(task, i, -1)}>
              ↑
            </Button>
            <Button
              size="small"
              id={`ind-${i.code}-down`}
              aria-label={t('plan.moveDown', { code: i.code })}
              title={t('plan.moveDown', { code: i.code })}
              disabled={index === task.indicators.length - 1}
              onClick={() => moveIndicator(task, i, 1)}
            >
              ↓
            </Button>
            <Button size="small" aria-label={t('plan.editIndicator', { code: i.code })} onClick={() => (setFormError(null), setEditing({ kind: 'indicator', task, indicator: i }))}>
              {t('admin.edit')}
            </Button>
            <RowMenu name={i.code} items={[{ key: 'retire', label: t('plan.retire'), danger: true, onSelect: () => retireIndicator(i) }]} />
          </span>
        ),
    },
  ];

  const visibleIndicators = (task: Task) => (showRetired ? task.indicators : task.indicators.filter((i) => !i.retired));

  return (
    <div className="screen plan">
      <div className="toolbar">
        <span className="toolbar-text plan-heading">
          <YearSelect years={years} value={year} onChange={setChosen} />
          {plan ? (
            <span className="plan-title">
              <strong>{plan.plan.title}</strong>
              <span className="muted small">
                {t('plan.number', { number: plan.plan.number })}
                {plan.plan.issuedOn ? ` · ${t('plan.issuedOn', { date: formatDateVi(plan.plan.issuedOn) })}` : ''}
              </span>
            </span>
          ) : null}
          {plan ? <Tag color={plan.plan.status === 'in_force' ? 'green' : plan.plan.status === 'draft' ? 'gold' : 'default'}>{t(`planStatus.${plan.plan.status}`)}</Tag> : null}
        </span>
        <span className="button-row">
          {/* A plan with no task offers its first one where the tasks would be. */}
          {!canWrite || (plan && tasks.length === 0) ? null : (
            <Button type="primary" disabled={!plan} onClick={() => (setFormError(null), setEditing({ kind: 'task', task: null }))}>
              {t('plan.addTask')}
            </Button>
          )}
          {canWrite ? (
            <Button disabled={!plan || nextExists} title={nextExists ? t('plan.nextExists', { year: String(nextYear) }) : undefined} onClick={() => void copy()}>
              {t('plan.copy', { year: String(nextYear ?? '') })}
            </Button>
          ) : null}
          <Button disabled={!plan} onClick={() => void exportPlan()}>
            {t('plan.export')}
          </Button>
        </span>
      </div>
      <div className="table-bar">
        <Switch id="show-retired" size="small" checked={showRetired} onChange={setShowRetired} />
        <label htmlFor="show-retired">{t('plan.showRetired')}</label>
        {plan ? <span className="muted small">{t('plan.counts', { tasks: allTasks.filter((x) => !x.retired).length, indicators: allIndicators.filter((i) => !i.retired).length })}</span> : null}
      </div>
      {error ? <ApiErrorAlert error={error} /> : null}
      {detail.state === 'error' && !plan ? <ApiErrorAlert error={detail.error} onRetry={detail.reload} /> : null}
      {plan && plan.plan.status === 'draft' ? <Alert className="block" type="info" showIcon title={t('plan.draftHint')} /> : null}
      {plan && tasks.length === 0 ? (
        <EmptyState title={t('plan.noTasks')} hint={canWrite ? t('plan.noTasksHint') : undefined}>
          {canWrite ? (
            <Button type="primary" onClick={() => (setFormError(null), setEditing({ kind: 'task', task: null }))}>
              {t('plan.addTask')}
            </Button>
          ) : null}
        </EmptyState>
      ) : null}
      {tasks.map((task, index) => (
        <Card key={task.code} size="small" className={task.retired ? 'block task-card retired' : 'block task-card'} data-task={task.code}>
          <div className="task-head">
            <h2 className="task-title">
              <span className="ordinal">{task.ordinalLabel ?? task.ordinal}</span>
              <span className="task-code">{task.code}</span>
              <span>{task.title}</span>
              {task.retired ? <Tag>{t('plan.retiredTag')}</Tag> : null}
            </h2>
            {task.retired || !canWrite ? null : (
              <span className="button-row tight task-actions">
                <Button size="small" id={`task-${task.code}-up`} aria-label={t('plan.moveUp', { code: task.code })} title={t('plan.moveUp', { code: task.code })} disabled={index === 0} onClick={() => moveTask(task, -1)}>
                  ↑
                </Button>
                <Button
                  size="small"
                  id={`task-${task.code}-down`}
                  aria-label={t('plan.moveDown', { code: task.code })}
                  title={t('plan.moveDown', { code: task.code })}
                  disabled={index === tasks.length - 1}
                  onClick={() => moveTask(task, 1)}
                >
                  ↓
                </Button>
                <Button size="small" aria-label={t('plan.editTask', { code: task.code })} onClick={() => (setFormError(null), setEditing({ kind: 'task', task }))}>
                  {t('admin.edit')}
                </Button>
                <Button size="small" aria-label={t('plan.addIndicator', { task: task.code })} onClick={() => (setFormError(null), setEditing({ kind: 'indicator', task, indicator: null }))}>
                  {t('plan.addIndicatorShort')}
                </Button>
                <RowMenu name={task.code} items={[{ key: 'retire', label: t('plan.retire'), danger: true, onSelect: () => retireTask(task) }]} />
              </span>
            )}
          </div>
          {task.content ? <p className="narrative task-content">{task.content}</p> : null}
          <dl className="task-agencies">
            <dt>{t('role.lead')}</dt>
            <dd>{agencyTags(task.lead)}</dd>
            <dt>{t('role.coordinate')}</dt>
            <dd>{agencyTags(task.coordinate)}</dd>
          </dl>
          {visibleIndicators(task).length > 0 ? (
            <Table<Indicator>
              className="indicator-table"
              tableLayout="fixed"
              size="small"
              rowKey="code"
              // A read-only role (a leader's) sees the plan without the column that changes it.
              columns={canWrite ? [...indicatorColumns, ...actionColumns(task)] : indicatorColumns}
              dataSource={visibleIndicators(task)}
              pagination={false}
              rowClassName={(i) => (i.retired ? 'row-retired' : '')}
            />
          ) : (
            <p className="muted small">{t('plan.noIndicators')}</p>
          )}
        </Card>
      ))}
      <RetireDialog retiring={retiring} onConfirm={(on) => retiring && retire(retiring, on)} onCancel={() => setRetiring(null)} />
      <TaskForm
        open={editing?.kind === 'task'}
        task={editing?.kind === 'task' ? editing.task : null}
        suggestedCode={nextCode('NV', allTasks.map((x) => x.code), '')}
        agencies={agencies.value ?? []}
        error={formError}
        saving={saving}
        onSave={(v) => void saveTask(v)}
        onCancel={() => setEditing(null)}
      />
      <IndicatorForm
        open={editing?.kind === 'indicator'}
        indicator={editing?.kind === 'indicator' ? editing.indicator : null}
        taskCode={editing?.kind === 'indicator' ? editing.task.code : ''}
        defaults={indicatorDefaults}
        candidates={allIndicators.filter((i) => !i.retired)}
        agencies={agencies.value ?? []}
        error={formError}
        saving={saving}
        onSave={(v) => void saveIndicator(v)}
        onCancel={() => setEditing(null)}
      />
    </div>
  );
}
