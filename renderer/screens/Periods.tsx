// Kỳ báo cáo: the reporting periods of a plan year, each with its data window and due
// date. A new period takes its window from a preset (Nghị định 09/2019/NĐ-CP: the 15th
// of the month before to the 14th of the last month; or calendar months); every date
// can then be changed by hand.
import { App, Button, Card, Form, Modal, Radio, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import type { Period } from '../../shared/domain';
import type { ApiError } from '../../shared/errors';
import { formatDateVi } from '../../shared/numbers';
import { PERIOD_KINDS, periodCode, periodLabel, periodWindow, type PeriodKind, type WindowPreset } from '../../shared/periods';
import { matchesSearch } from '../../shared/text';
import { api } from '../api';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { EmptyState } from '../components/EmptyState';
import { useApi } from '../hooks/useApi';
import { useT } from '../i18n';
import { usePeriod } from '../state/PeriodContext';
import { DateField } from './admin/DateField';
import { pickYear, YearSelect } from './admin/YearSelect';
import './admin/admin.css';

interface NewPeriod {
  kind: PeriodKind;
  quarter: number;
  preset: WindowPreset;
}

interface DateValues {
  from: string;
  to: string;
  due: string;
}

export function PeriodsScreen() {
  const t = useT();
  const { message } = App.useApp();
  const { period: current, reload: reloadFrame } = usePeriod();
  const plans = useApi('plans.list', {});
  const [chosen, setChosen] = useState<number | null>(null);
  const years = useMemo(() => (plans.value ?? []).map((p) => p.year).sort((a, b) => b - a), [plans.value]);
  const year = pickYear(years, chosen, current?.planYear);
  const periods = useApi('periods.list', year === null ? null : { year });
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState<NewPeriod>({ kind: 'quarter', quarter: 2, preset: 'nd09' });
  const [editing, setEditing] = useState<Period | null>(null);
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<DateValues>();

  const list = useMemo(() => (periods.value ?? []).filter((p) => p.planYear === year), [periods.value, year]);
  const slot = year === null ? null : draft.kind === 'quarter' ? { year, kind: draft.kind, quarter: draft.quarter } : { year, kind: draft.kind };
  const preview = slot ? periodWindow(slot, draft.preset) : null;
  const draftCode = slot ? periodCode(slot) : '';
  const exists = list.some((p) => p.code === draftCode);

  useEffect(() => {
    if (editing) form.setFieldsValue({ from: editing.from, to: editing.to, due: editing.due });
  }, [editing, form]);

  const create = async () => {
    if (year === null) return;
    setSaving(true);
    const r = await api['periods.create']({ year, kind: draft.kind, quarter: draft.kind === 'quarter' ? draft.quarter : undefined, preset: draft.preset });
    setSaving(false);
    if (!r.ok) return setFormError(r.error);
    setCreating(false);
    void message.success(t('periods.created', { label: r.value.label }));
    periods.reload();
    reloadFrame();
  };

  const saveDates = async (v: DateValues) => {
    if (!editing) return;
    const changes = {
      from: v.from !== editing.from ? v.from : undefined,
      to: v.to !== editing.to ? v.to : undefined,
      due: v.due !== editing.due ? v.due : undefined,
    };
    setSaving(true);
    const r = await api['periods.update']({ code: editing.code, ...changes });
    setSaving(false);
    if (!r.ok) return setFormError(r.error);
    setEditing(null);
    void message.success(t('periods.saved', { label: r.value.label }));
    periods.reload();
    reloadFrame();
  };

  const resetToPreset = async (p: Period, preset: WindowPreset) => {
    const r = await api['periods.update']({ code: p.code, preset });
    if (!r.ok) return setFormError(r.error);
    setEditing(null);
    void message.success(t('periods.saved', { label: r.value.label }));
    periods.reload();
    reloadFrame();
  };

  const columns: ColumnsType<Period> = [
    { title: t('periods.label'), dataIndex: 'label', render: (v: string) => <span className="wrap">{v}</span> },
    { title: t('col.code'), dataIndex: 'code', width: 96 },
    { title: t('periods.from'), dataIndex: 'from', width: 110, render: (v: string) => formatDateVi(v) },
    { title: t('periods.to'), dataIndex: 'to', width: 110, render: (v: string) => formatDateVi(v) },
    { title: t('periods.due'), dataIndex: 'due', width: 110, render: (v: string) => <strong>{formatDateVi(v)}</strong> },
    { title: t('periods.preset'), dataIndex: 'preset', width: 200, render: (_, p) => <Tag color={p.preset === 'custom' ? 'orange' : 'blue'}>{t(`periods.preset.${p.preset}`)}</Tag> },
    {
      title: t('col.actions'),
      key: 'actions',
      width: 120,
      render: (_, p) => (
        <Button size="small" aria-label={t('periods.edit', { label: p.label })} onClick={() => (setFormError(null), setEditing(p))}>
          {t('admin.edit')}
        </Button>
      ),
    },
  ];

  if (plans.state === 'ok' && years.length === 0) return <EmptyState title={t('plan.none')} />;

  return (
    <div className="screen periods">
      <div className="toolbar">
        <span className="toolbar-text plan-heading">
          <YearSelect years={years} value={year} onChange={setChosen} />
          <span className="muted small">{t('periods.intro')}</span>
        </span>
        <Button type="primary" disabled={year === null} onClick={() => (setFormError(null), setCreating(true))}>
          {t('periods.add')}
        </Button>
      </div>
      {periods.state === 'error' && !periods.value ? <ApiErrorAlert error={periods.error} onRetry={periods.reload} /> : null}
      {formError && !creating && !editing ? <ApiErrorAlert error={formError} /> : null}
      <Card className="block" size="small" title={t('periods.title', { year: String(year ?? '') })}>
        {periods.state === 'ok' && list.length === 0 ? (
          <EmptyState title={t('periods.none')} hint={t('periods.noneHint')} />
        ) : (
          <Table<Period>
            tableLayout="fixed"
            size="small"
            rowKey="code"
            loading={periods.state === 'loading' && !periods.value}
            columns={columns}
            dataSource={list}
            pagination={false}
          />
        )}
      </Card>

      <Modal
        open={creating}
        title={t('periods.add')}
        okText={t('periods.create')}
        okButtonProps={{ disabled: exists }}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => void create()}
        onCancel={() => setCreating(false)}
        width={620}
        destroyOnHidden
      >
        <fieldset className="plain-fieldset">
          <legend className="field-label">{t('periods.kind')}</legend>
          <Radio.Group value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as PeriodKind })} optionType="button">
            {PERIOD_KINDS.map((k) => (
              <Radio.Button key={k} value={k}>
                {t(`periods.kind.${k}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </fieldset>
        {draft.kind === 'quarter' ? (
          <div className="modal-field">
            <label htmlFor="period-quarter" className="field-label">
              {t('periods.quarter')}
            </label>
            <Select<number>
              id="period-quarter"
              value={draft.quarter}
              onChange={(q) => setDraft({ ...draft, quarter: q })}
              options={[1, 2, 3, 4].map((q) => ({ value: q, label: t('periods.quarterN', { n: String(q) }) }))}
              showSearch={{ filterOption: (input, option) => matchesSearch(String(option?.label ?? ''), input) }}
              style={{ width: 140 }}
            />
          </div>
        ) : null}
        <fieldset className="plain-fieldset">
          <legend className="field-label">{t('periods.preset')}</legend>
          <Radio.Group value={draft.preset} onChange={(e) => setDraft({ ...draft, preset: e.target.value as WindowPreset })}>
            <Radio value="nd09">{t('periods.preset.nd09')}</Radio>
            <Radio value="calendar">{t('periods.preset.calendar')}</Radio>
          </Radio.Group>
        </fieldset>
        {slot && preview ? (
          <p className="period-preview" role="status">
            <strong>{periodLabel(slot)}</strong> ({draftCode}): {t('period.window', { from: formatDateVi(preview.from), to: formatDateVi(preview.to) })} · {t('period.due', { due: formatDateVi(preview.due) })}
            {exists ? <span className="error-text"> — {t('periods.exists', { code: draftCode })}</span> : null}
          </p>
        ) : null}
        {formError && creating ? <ApiErrorAlert error={formError} /> : null}
      </Modal>

      <Modal
        open={editing !== null}
        title={editing ? t('periods.edit', { label: editing.label }) : ''}
        okText={t('admin.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        width={620}
        forceRender
      >
        <Form<DateValues> name="period" form={form} layout="vertical" onFinish={(v) => void saveDates(v)} className="admin-form">
          <div className="form-row">
            <Form.Item name="from" label={t('periods.from')} rules={[{ required: true, message: t('admin.required') }]}>
              <DateField />
            </Form.Item>
            <Form.Item name="to" label={t('periods.to')} rules={[{ required: true, message: t('admin.required') }]}>
              <DateField />
            </Form.Item>
            <Form.Item name="due" label={t('periods.due')} rules={[{ required: true, message: t('admin.required') }]}>
              <DateField />
            </Form.Item>
          </div>
        </Form>
        {editing ? (
          <div className="button-row">
            <span className="muted small">{t('periods.resetTo')}</span>
            <Button size="small" onClick={() => void resetToPreset(editing, 'nd09')}>
              {t('periods.preset.nd09')}
            </Button>
            <Button size="small" onClick={() => void resetToPreset(editing, 'calendar')}>
              {t('periods.preset.calendar')}
            </Button>
          </div>
        ) : null}
        {formError && editing ? <ApiErrorAlert error={formError} /> : null}
      </Modal>
    </div>
  );
}
