// Kỳ báo cáo: the reporting periods of a plan year, each with its data window and due
// date. A new period takes its window from a preset (Nghị định 09/2019/NĐ-CP: the 15th
// of the month before to the 14th of the last month; or calendar months); every date
// can then be changed by hand.
import { App, Button, Card, Form, Modal, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import type { Period } from '../../shared/domain';
import type { ApiError } from '../../shared/errors';
import { formatDateVi } from '../../shared/numbers';
import type { WindowPreset } from '../../shared/periods';
import { api } from '../api';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { EmptyState } from '../components/EmptyState';
import { NoPlan } from '../components/Offers';
import { useApi } from '../hooks/useApi';
import { useT } from '../i18n';
import { usePeriod } from '../state/PeriodContext';
import { DateField } from './admin/DateField';
import { createPeriod, draftExists, PeriodFields, type PeriodDraft } from './admin/PeriodFields';
import { pickYear, YearSelect } from './admin/YearSelect';
import './admin/admin.css';
import { useSession } from '../state/SessionContext';

interface DateValues {
  from: string;
  to: string;
  due: string;
}

export function PeriodsScreen() {
  const { canWrite } = useSession();
  const t = useT();
  const { message } = App.useApp();
  const { period: current, reload: reloadFrame } = usePeriod();
  const plans = useApi('plans.list', {});
  const [chosen, setChosen] = useState<number | null>(null);
  const years = useMemo(() => (plans.value ?? []).map((p) => p.year).sort((a, b) => b - a), [plans.value]);
  const year = pickYear(years, chosen, current?.planYear);
  const periods = useApi('periods.list', year === null ? null : { year });
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState<PeriodDraft>({ kind: 'quarter', quarter: 2, preset: 'nd09' });
  const [editing, setEditing] = useState<Period | null>(null);
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<DateValues>();

  const list = useMemo(() => (periods.value ?? []).filter((p) => p.planYear === year), [periods.value, year]);
  const exists = draftExists(year, draft, list);

  useEffect(() => {
    if (editing) form.setFieldsValue({ from: editing.from, to: editing.to, due: editing.due });
  }, [editing, form]);

  const create = async () => {
    if (year === null) return;
    setSaving(true);
    const r = await createPeriod(year, draft);
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

  if (plans.state === 'ok' && years.length === 0) return <NoPlan />;

  return (
    <div className="screen periods">
      <div className="toolbar">
        <span className="toolbar-text plan-heading">
          <YearSelect years={years} value={year} onChange={setChosen} />
          <span className="muted small">{t('periods.intro')}</span>
        </span>
        {/* A year with no period offers its first one where the periods would be. */}
        {!canWrite || (periods.state === 'ok' && list.length === 0) ? null : (
          <Button type="primary" disabled={year === null} onClick={() => (setFormError(null), setCreating(true))}>
            {t('periods.add')}
          </Button>
        )}
      </div>
      {periods.state === 'error' && !periods.value ? <ApiErrorAlert error={periods.error} onRetry={periods.reload} /> : null}
      {formError && !creating && !editing ? <ApiErrorAlert error={formError} /> : null}
      <Card className="block" size="small" title={t('periods.title', { year: String(year ?? '') })}>
        {periods.state === 'ok' && list.length === 0 ? (
          <EmptyState title={t('periods.none')} hint={canWrite ? t('periods.noneHint') : undefined}>
            {canWrite ? (
              <Button type="primary" disabled={year === null} onClick={() => (setFormError(null), setCreating(true))}>
                {t('periods.add')}
              </Button>
            ) : null}
          </EmptyState>
        ) : (
          <Table<Period>
            tableLayout="fixed"
            size="small"
            rowKey="code"
            loading={periods.state === 'loading' && !periods.value}
            // A read-only role (a leader's) sees the periods without the column that changes them.
            columns={canWrite ? columns : columns.filter((c) => c.key !== 'actions')}
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
        <PeriodFields year={year} draft={draft} onChange={setDraft} existing={list} />
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
