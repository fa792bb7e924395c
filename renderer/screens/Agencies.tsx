// Đơn vị: the agencies that report, with their group, contact and the dates they are
// valid. Created and edited in a form; an agency that stops (merged, dissolved) is
// deactivated from a date, never deleted, so its old reports keep their name.
import { App, Button, Card, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { AGENCY_GROUPS, type Agency, type AgencyGroup } from '../../shared/domain';
import type { ApiError } from '../../shared/errors';
import { formatDateVi } from '../../shared/numbers';
import { api } from '../api';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { EmptyState } from '../components/EmptyState';
import { FilterInput } from '../components/FilterInput';
import { RowMenu } from '../components/RowMenu';
import { useApi } from '../hooks/useApi';
import { useT } from '../i18n';
import { byText, filterRows, keyboardSort } from '../lib/table';
import { todayIso } from '../state/period';
import { hrefFor } from '../state/useRoute';
import { DateField } from './admin/DateField';
import { agencyFilter } from './plan/TaskForm';
import './admin/admin.css';
import { useSession } from '../state/SessionContext';

interface AgencyValues {
  code: string;
  name: string;
  group: AgencyGroup;
  contactPerson: string;
  contactPhone: string;
  validFrom: string | null;
  validTo: string | null;
}

const blank = (v: string | null | undefined): string | null => (v && v.trim() !== '' ? v.trim() : null);

/**
 * `params.add`: open with the "Thêm đơn vị" form, as the screens that need an agency offer;
 * '1' for a blank form, else the code the new agency is to have (a file named it).
 */
export function AgenciesScreen({ params = {} }: { params?: Record<string, string> }) {
  const { canWrite } = useSession();
  const t = useT();
  const { message } = App.useApp();
  const [showInactive, setShowInactive] = useState(false);
  const agencies = useApi('agencies.list', { includeInactive: showInactive });
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Agency | 'new' | null>(null);
  const [deactivating, setDeactivating] = useState<Agency | null>(null);
  const [deactivateOn, setDeactivateOn] = useState<string | null>(todayIso());
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<AgencyValues>();
  const today = todayIso();
  const addAsked = params['add'];
  const [askedCode, setAskedCode] = useState('');
  const openNew = (code: string) => {
    setFormError(null);
    setAskedCode(code);
    setEditing('new');
  };

  // Asked for from another screen: the form opens once, and Back does not open it again.
  useEffect(() => {
    if (!addAsked) return;
    setFormError(null);
    setAskedCode(addAsked === '1' ? '' : addAsked.trim().toUpperCase());
    setEditing('new');
    window.history.replaceState(null, '', hrefFor('agencies'));
  }, [addAsked]);

  const all = useMemo(() => agencies.value ?? [], [agencies.value]);
  const empty = agencies.state === 'ok' && all.length === 0;
  const rows = useMemo(
    () => filterRows(all, query, (a) => [a.name, a.code, t(`agencyGroup.${a.group}`), a.contactPerson, a.contactPhone]),
    [all, query, t],
  );

  useEffect(() => {
    if (editing === null) return;
    form.resetFields();
    form.setFieldsValue(
      editing === 'new'
        ? { code: askedCode, name: '', group: 'other', contactPerson: '', contactPhone: '', validFrom: null, validTo: null }
        : { ...editing, contactPerson: editing.contactPerson ?? '', contactPhone: editing.contactPhone ?? '' },
    );
  }, [editing, form, askedCode]);

  const save = async (v: AgencyValues) => {
    const fields = {
      code: v.code.trim().toUpperCase(),
      name: v.name,
      group: v.group,
      contactPerson: blank(v.contactPerson),
      contactPhone: blank(v.contactPhone),
      validFrom: v.validFrom ?? null,
      validTo: v.validTo ?? null,
    };
    setSaving(true);
    const r = editing === 'new' || editing === null ? await api['agencies.create'](fields) : await api['agencies.update']({ code: editing.code, changes: fields });
    setSaving(false);
    if (!r.ok) return setFormError(r.error);
    setEditing(null);
    void message.success(t('agencies.saved', { name: r.value.name }));
    agencies.reload();
  };

  const deactivate = async () => {
    if (!deactivating || !deactivateOn) return;
    setSaving(true);
    const r = await api['agencies.deactivate']({ code: deactivating.code, on: deactivateOn });
    setSaving(false);
    if (!r.ok) return setFormError(r.error);
    setDeactivating(null);
    void message.success(t('agencies.deactivated', { name: r.value.name, date: formatDateVi(deactivateOn) }));
    agencies.reload();
  };

  const state = (a: Agency) => {
    if (a.validTo && a.validTo < today) return <Tag>{t('agencies.stoppedOn', { date: formatDateVi(a.validTo) })}</Tag>;
    if (a.validFrom && a.validFrom > today) return <Tag color="blue">{t('agencies.startsOn', { date: formatDateVi(a.validFrom) })}</Tag>;
    if (a.validTo) return <Tag color="orange">{t('agencies.until', { date: formatDateVi(a.validTo) })}</Tag>;
    return <Tag color="green">{t('agencies.active')}</Tag>;
  };

  const columns: ColumnsType<Agency> = keyboardSort([
    { title: t('col.agency'), dataIndex: 'name', sorter: byText((a) => a.name), render: (v: string) => <span className="wrap">{v}</span> },
    { title: t('col.code'), dataIndex: 'code', width: 96, sorter: byText((a) => a.code) },
    { title: t('agencies.group'), dataIndex: 'group', width: 180, sorter: byText((a) => t(`agencyGroup.${a.group}`)), render: (_, a) => <span className="wrap">{t(`agencyGroup.${a.group}`)}</span> },
    {
      title: t('agencies.contact'),
      key: 'contact',
      width: 190,
      render: (_, a) =>
        a.contactPerson || a.contactPhone ? (
          <span className="wrap">
            {a.contactPerson}
            {a.contactPhone ? <span className="muted small contact-phone">{a.contactPhone}</span> : null}
          </span>
        ) : (
          <span className="muted">{t('common.dash')}</span>
        ),
    },
    { title: t('agencies.validity'), key: 'validity', width: 170, render: (_, a) => state(a) },
    {
      title: t('col.actions'),
      key: 'actions',
      width: 130,
      render: (_, a) => (
        <span className="button-row tight">
          <Button size="small" aria-label={t('agencies.edit', { name: a.name })} onClick={() => (setFormError(null), setEditing(a))}>
            {t('admin.edit')}
          </Button>
          {a.validTo && a.validTo <= today ? null : (
            <RowMenu
              name={a.name}
              items={[
                {
                  key: 'deactivate',
                  label: t('agencies.deactivate'),
                  danger: true,
                  onSelect: () => {
                    setFormError(null);
                    setDeactivateOn(today);
                    setDeactivating(a);
                  },
                },
              ]}
            />
          )}
        </span>
      ),
    },
  ]);

  return (
    <div className="screen agencies">
      <Card
        className="block"
        size="small"
        title={t('agencies.title', { count: all.length })}
        extra={
          <span className="card-extra">
            <span className="switch-label">
              <Switch id="show-inactive" size="small" checked={showInactive} onChange={setShowInactive} />
              <label htmlFor="show-inactive">{t('agencies.showInactive')}</label>
            </span>
            <FilterInput value={query} onChange={setQuery} label={`${t('common.filter')}: ${t('col.agency')}`} />
            {/* With no agency yet, the empty list offers the first one instead. */}
            {empty || !canWrite ? null : (
              <Button type="primary" onClick={() => openNew('')}>
                {t('agencies.add')}
              </Button>
            )}
          </span>
        }
      >
        {agencies.state === 'error' && !agencies.value ? <ApiErrorAlert error={agencies.error} onRetry={agencies.reload} /> : null}
        {empty ? (
          <EmptyState title={t('agencies.none')} hint={canWrite ? t('agencies.noneHint') : undefined}>
            {canWrite ? (
              <Button type="primary" onClick={() => openNew('')}>
                {t('agencies.add')}
              </Button>
            ) : null}
          </EmptyState>
        ) : (
          <Table<Agency>
            tableLayout="fixed"
            size="small"
            rowKey="code"
            loading={agencies.state === 'loading' && !agencies.value}
            // A read-only role (a leader's) sees the list without the column that changes it.
            columns={canWrite ? columns : columns.filter((c) => c.key !== 'actions')}
            dataSource={rows}
            pagination={false}
            sticky={{ offsetHeader: 64 }}
            rowClassName={(a) => (a.validTo && a.validTo < today ? 'row-retired' : '')}
            locale={{ emptyText: t('common.noMatch', { query }) }}
          />
        )}
      </Card>

      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('agencies.add') : editing ? t('agencies.edit', { name: editing.name }) : ''}
        okText={t('admin.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        width={680}
        forceRender
      >
        <Form<AgencyValues> name="agency" form={form} layout="vertical" onFinish={(v) => void save(v)} className="admin-form">
          <div className="form-row">
            <Form.Item
              name="code"
              label={t('agencies.code')}
              extra={t('agencies.codeHint')}
              rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
              style={{ width: 200 }}
            >
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="group" label={t('agencies.group')} style={{ flex: 1 }}>
              <Select options={AGENCY_GROUPS.map((g) => ({ value: g, label: t(`agencyGroup.${g}`) }))} showSearch={{ filterOption: agencyFilter }} />
            </Form.Item>
          </div>
          <Form.Item name="name" label={t('agencies.name')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]}>
            <Input maxLength={300} />
          </Form.Item>
          <div className="form-row">
            <Form.Item name="contactPerson" label={t('agencies.contactPerson')} style={{ flex: 1 }}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="contactPhone" label={t('agencies.contactPhone')} style={{ width: 200 }}>
              <Input maxLength={50} inputMode="tel" />
            </Form.Item>
          </div>
          <div className="form-row">
            <Form.Item name="validFrom" label={t('agencies.validFrom')}>
              <DateField allowClear />
            </Form.Item>
            <Form.Item name="validTo" label={t('agencies.validTo')}>
              <DateField allowClear />
            </Form.Item>
          </div>
        </Form>
        {formError && editing ? <ApiErrorAlert error={formError} /> : null}
      </Modal>

      <Modal
        open={deactivating !== null}
        title={deactivating ? t('agencies.deactivateTitle', { name: deactivating.name }) : ''}
        okText={t('agencies.deactivate')}
        okButtonProps={{ danger: true, disabled: !deactivateOn }}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => void deactivate()}
        onCancel={() => setDeactivating(null)}
        destroyOnHidden
      >
        <p>{t('agencies.deactivateBody')}</p>
        <label htmlFor="deactivate-on" className="field-label">
          {t('agencies.deactivateOn')}
        </label>
        <DateField id="deactivate-on" value={deactivateOn} onChange={setDeactivateOn} />
        {formError && deactivating ? <ApiErrorAlert error={formError} /> : null}
      </Modal>
    </div>
  );
}
