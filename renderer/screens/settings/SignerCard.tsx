// Who signs the documents the office sends (the written report, the reminder letters,
// the consolidated workbook) and their "Nơi nhận" lines, with a preview of the foot of
// a document as it is laid out: "Nơi nhận:" on the left, the signature block on the right.
import { App, Button, Card, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import type { Organization } from '../../../shared/domain';
import type { ApiError } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useT } from '../../i18n';

interface SignerValues {
  capacity: string;
  title: string;
  name: string;
  recipients: string[];
}

const MAX_RECIPIENTS = 30;

function FootPreview({ values, style }: { values: Partial<SignerValues>; style: Organization['headingStyle'] | undefined }) {
  const t = useT();
  const lines = (values.recipients ?? []).map((l) => (l ?? '').trim()).filter(Boolean);
  return (
    <div className="sign-preview" aria-label={t('settings.signerPreview')} role="group">
      <div className="sign-recipients">
        <div className={style === 'state' ? 'sign-recipients-title state' : 'sign-recipients-title'}>{t('settings.recipientsTitle')}</div>
        {lines.map((line, i) => (
          <div key={i}>- {line}</div>
        ))}
      </div>
      <div className="sign-block">
        <div className="heading-strong">{values.capacity}</div>
        <div className="heading-strong">{values.title}</div>
        <div className="sign-space" />
        <div className="heading-strong">{values.name || <span className="muted">{t('settings.signerNameMissing')}</span>}</div>
      </div>
    </div>
  );
}

export function SignerCard({ settings, headingStyle, onSaved }: { settings: Settings | null; headingStyle: Organization['headingStyle'] | undefined; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<SignerValues>();
  const values = Form.useWatch([], form) as Partial<SignerValues> | undefined;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (settings) form.setFieldsValue({ ...settings.signer, recipients: settings.recipients });
  }, [settings, form]);

  const save = async (v: SignerValues) => {
    setBusy(true);
    const r = await api['settings.update']({
      signer: { capacity: v.capacity.trim(), title: v.title.trim(), name: v.name.trim() },
      recipients: (v.recipients ?? []).map((l) => l.trim()).filter(Boolean),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    void message.success(t('settings.signerSaved'));
    onSaved();
  };

  return (
    <Card className="block" size="small" title={t('settings.signer')}>
      <p className="card-hint">{t('settings.signerHint')}</p>
      {error ? <ApiErrorAlert error={error} /> : null}
      <Form<SignerValues> name="signer" form={form} layout="vertical" disabled={settings === null} onFinish={(v) => void save(v)} className="admin-form">
        <div className="form-row">
          <Form.Item name="capacity" label={t('settings.signerCapacity')} extra={t('settings.signerCapacityHint')} style={{ flex: 1 }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="title" label={t('settings.signerTitle')} style={{ flex: 1 }}>
            <Input maxLength={100} />
          </Form.Item>
        </div>
        <Form.Item name="name" label={t('settings.signerName')}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <fieldset className="plain-fieldset">
          <legend className="field-label">{t('settings.recipients')}</legend>
          <p className="card-hint">{t('settings.recipientsHint')}</p>
          <Form.List name="recipients">
            {(fields, { add, remove, move }) => (
              <>
                <ol className="recipient-list">
                  {fields.map((field, index) => (
                    <li key={field.key} className="recipient-row">
                      <Form.Item name={field.name} className="recipient-input" rules={[{ required: true, whitespace: true, message: t('settings.recipientEmpty') }]}>
                        <Input maxLength={200} aria-label={t('settings.recipientLine', { n: String(index + 1) })} />
                      </Form.Item>
                      <span className="button-row tight">
                        <Button size="small" disabled={index === 0} aria-label={t('settings.recipientUp', { n: String(index + 1) })} onClick={() => move(index, index - 1)}>
                          ↑
                        </Button>
                        <Button
                          size="small"
                          disabled={index === fields.length - 1}
                          aria-label={t('settings.recipientDown', { n: String(index + 1) })}
                          onClick={() => move(index, index + 1)}
                        >
                          ↓
                        </Button>
                        <Button size="small" aria-label={t('settings.recipientRemove', { n: String(index + 1) })} onClick={() => remove(field.name)}>
                          {t('settings.remove')}
                        </Button>
                      </span>
                    </li>
                  ))}
                </ol>
                <Button size="small" disabled={fields.length >= MAX_RECIPIENTS} onClick={() => add('')}>
                  {t('settings.recipientAdd')}
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
        <FootPreview values={values ?? {}} style={headingStyle} />
        <Button type="primary" htmlType="submit" loading={busy} className="form-submit">
          {t('settings.saveSigner')}
        </Button>
      </Form>
    </Card>
  );
}
