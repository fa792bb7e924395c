// Thêm / sửa chỉ tiêu: kind, unit, how it consolidates (a ratio names its numerator and
// denominator), the target and its direction, and which agencies report it.
import { Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { AGGREGATIONS, INDICATOR_KINDS, type Agency, type Aggregation, type Indicator, type IndicatorKind, type TargetDirection } from '../../../shared/domain';
import type { ApiError } from '../../../shared/errors';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useT } from '../../i18n';
import { agencyFilter, agencyOptions } from './TaskForm';

export interface IndicatorValues {
  code: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  aggregation: Aggregation;
  numeratorCode?: string | null;
  denominatorCode?: string | null;
  target?: number | null;
  targetDirection?: TargetDirection | null;
  reporters: string[];
}

export function IndicatorForm({
  open,
  indicator,
  taskCode,
  defaults,
  candidates,
  agencies,
  error,
  saving,
  onSave,
  onCancel,
}: {
  open: boolean;
  indicator: Indicator | null;
  taskCode: string;
  defaults: { code: string; reporters: string[] };
  /** Indicators of the plan a ratio may take its numerator and denominator from. */
  candidates: readonly Indicator[];
  agencies: readonly Agency[];
  error: ApiError | null;
  saving: boolean;
  onSave: (values: IndicatorValues) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<IndicatorValues>();
  const aggregation = Form.useWatch('aggregation', form);
  const target = Form.useWatch('target', form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      indicator
        ? {
            code: indicator.code,
            name: indicator.name,
            unit: indicator.unit,
            kind: indicator.kind,
            aggregation: indicator.aggregation,
            numeratorCode: indicator.numeratorCode,
            denominatorCode: indicator.denominatorCode,
            target: indicator.target,
            targetDirection: indicator.targetDirection ?? 'min',
            reporters: indicator.reporters,
          }
        : { code: defaults.code, name: '', unit: '', kind: 'integer', aggregation: 'sum', target: null, targetDirection: 'min', reporters: defaults.reporters },
    );
  }, [open, indicator, defaults, form]);
  const parts = candidates
    .filter((c) => c.code !== indicator?.code && c.kind !== 'text' && c.aggregation === 'sum')
    .map((c) => ({ value: c.code, label: `${c.code} – ${c.name}` }));
  return (
    <Modal
      open={open}
      title={indicator ? t('plan.editIndicator', { code: indicator.code }) : t('plan.addIndicator', { task: taskCode })}
      okText={t('admin.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onCancel}
      width={760}
      forceRender
    >
      <Form<IndicatorValues> name="indicator" form={form} layout="vertical" onFinish={onSave} className="admin-form">
        <div className="form-row">
          <Form.Item name="code" label={t('plan.indicatorCode')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]} style={{ width: 140 }}>
            <Input maxLength={40} disabled={indicator !== null} />
          </Form.Item>
          <Form.Item name="name" label={t('plan.indicatorName')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]} style={{ flex: 1 }}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
          </Form.Item>
        </div>
        <div className="form-row">
          <Form.Item name="kind" label={t('plan.kind')} style={{ width: 190 }}>
            <Select options={INDICATOR_KINDS.map((k) => ({ value: k, label: t(`indicatorKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="unit" label={t('col.unit')} style={{ width: 160 }}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="aggregation" label={t('plan.aggregation')} style={{ flex: 1 }}>
            <Select options={AGGREGATIONS.map((a) => ({ value: a, label: t(`aggregation.${a}`) }))} />
          </Form.Item>
        </div>
        {aggregation === 'ratio' ? (
          <div className="form-row">
            <Form.Item name="numeratorCode" label={t('cons.numerator')} rules={[{ required: true, message: t('admin.required') }]} style={{ flex: 1 }}>
              <Select options={parts} showSearch={{ filterOption: agencyFilter }} />
            </Form.Item>
            <Form.Item name="denominatorCode" label={t('cons.denominator')} rules={[{ required: true, message: t('admin.required') }]} style={{ flex: 1 }}>
              <Select options={parts} showSearch={{ filterOption: agencyFilter }} />
            </Form.Item>
          </div>
        ) : null}
        <div className="form-row">
          <Form.Item name="target" label={t('col.target')} extra={t('plan.targetHint')} style={{ width: 200 }}>
            <InputNumber decimalSeparator="," style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="targetDirection" label={t('plan.targetDirection')} style={{ flex: 1 }}>
            <Radio.Group disabled={target === null || target === undefined}>
              <Radio value="min">{t('plan.direction.min')}</Radio>
              <Radio value="max">{t('plan.direction.max')}</Radio>
            </Radio.Group>
          </Form.Item>
        </div>
        <Form.Item name="reporters" label={t('plan.reporters')}>
          <Select mode="multiple" options={agencyOptions(agencies, t('agencies.inactive'))} showSearch={{ filterOption: agencyFilter }} allowClear />
        </Form.Item>
      </Form>
      {error ? <ApiErrorAlert error={error} /> : null}
    </Modal>
  );
}
