// Thêm / sửa nhiệm vụ: code, ordinal label, title, full content, lead and coordinating agencies.
import { Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import type { Agency, Task } from '../../../shared/domain';
import type { ApiError } from '../../../shared/errors';
import { matchesSearch } from '../../../shared/text';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useT } from '../../i18n';
import { todayIso } from '../../state/period';

export interface TaskValues {
  code: string;
  ordinalLabel: string;
  title: string;
  content: string;
  lead: string[];
  coordinate: string[];
}

export function agencyOptions(agencies: readonly Agency[], inactiveLabel: string) {
  return agencies.map((a) => ({ value: a.code, label: a.validTo && a.validTo <= todayIso() ? `${a.name} (${inactiveLabel})` : a.name }));
}

export const agencyFilter = (input: string, option?: { label?: unknown; value?: unknown }) => matchesSearch(`${String(option?.label ?? '')} ${String(option?.value ?? '')}`, input);

export function TaskForm({
  open,
  task,
  suggestedCode,
  agencies,
  error,
  saving,
  onSave,
  onCancel,
}: {
  open: boolean;
  task: Task | null;
  suggestedCode: string;
  agencies: readonly Agency[];
  error: ApiError | null;
  saving: boolean;
  onSave: (values: TaskValues) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<TaskValues>();
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      task
        ? { code: task.code, ordinalLabel: task.ordinalLabel ?? '', title: task.title, content: task.content, lead: task.lead, coordinate: task.coordinate }
        : { code: suggestedCode, ordinalLabel: '', title: '', content: '', lead: [], coordinate: [] },
    );
  }, [open, task, suggestedCode, form]);
  const options = agencyOptions(agencies, t('agencies.inactive'));
  return (
    <Modal
      open={open}
      title={task ? t('plan.editTask', { code: task.code }) : t('plan.addTask')}
      okText={t('admin.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onCancel}
      width={760}
      forceRender
    >
      <Form<TaskValues> name="task" form={form} layout="vertical" onFinish={onSave} className="admin-form">
        <div className="form-row">
          <Form.Item name="code" label={t('plan.taskCode')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]} style={{ width: 140 }}>
            <Input maxLength={40} disabled={task !== null} />
          </Form.Item>
          <Form.Item name="ordinalLabel" label={t('plan.ordinalLabel')} extra={t('plan.ordinalLabelHint')} style={{ flex: 1 }}>
            <Input maxLength={40} />
          </Form.Item>
        </div>
        <Form.Item name="title" label={t('plan.taskTitle')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
        </Form.Item>
        <Form.Item name="content" label={t('plan.taskContent')}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={20000} />
        </Form.Item>
        <Form.Item name="lead" label={t('role.lead')}>
          <Select mode="multiple" options={options} showSearch={{ filterOption: agencyFilter }} allowClear />
        </Form.Item>
        <Form.Item name="coordinate" label={t('role.coordinate')}>
          <Select mode="multiple" options={options} showSearch={{ filterOption: agencyFilter }} allowClear />
        </Form.Item>
      </Form>
      {error ? <ApiErrorAlert error={error} /> : null}
    </Modal>
  );
}
