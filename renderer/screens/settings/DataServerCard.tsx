// Where the data lives, as whom, and the Máy chủ dữ liệu setting (issue #16): the
// address of the office's shared PostgreSQL server this workstation opens from its next
// start, checked first ("Kiểm tra kết nối" says what the database there is and what
// this account may do, changing nothing), saved without its password (kept in the data
// folder's pgpass file), or given up for this workstation's own file again. A setting
// of the workstation, not of the database: a leader's read-only account sets it too.
import { Alert, App, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';
import type { ServerProbe, SessionInfo } from '../../../shared/domain';
import type { ApiError } from '../../../shared/errors';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useApi } from '../../hooks/useApi';
import { useT, type MessageKey } from '../../i18n';

interface ServerValues {
  server: string;
  password: string;
}

const STATE_KEYS: Record<ServerProbe['state'], MessageKey> = {
  empty: 'dataServer.state.empty',
  current: 'dataServer.state.current',
  older: 'dataServer.state.older',
  newer: 'dataServer.state.newer',
  not_ours: 'dataServer.state.notOurs',
};

function ProbeSays({ probe }: { probe: ServerProbe }) {
  const t = useT();
  const usable = probe.state !== 'newer' && probe.state !== 'not_ours' && !(probe.state === 'empty' && !probe.isOwner);
  return (
    <Alert
      className="block"
      type={usable ? 'success' : 'warning'}
      showIcon
      role="status"
      title={t('dataServer.reached', { version: probe.serverVersion, role: probe.role })}
      description={
        <>
          <div>{t(STATE_KEYS[probe.state], { database: probe.database, version: String(probe.schemaVersion ?? '') })}</div>
          <div>{t(probe.canWrite ? 'dataServer.mayWrite' : probe.state === 'empty' ? 'dataServer.emptyNeedsOwner' : 'dataServer.mayOnlyView')}</div>
        </>
      }
    />
  );
}

export function DataServerCard({ session }: { session: SessionInfo | null }) {
  const t = useT();
  const { message } = App.useApp();
  const info = useApi('dataServer.get', {});
  const [form] = Form.useForm<ServerValues>();
  const [busy, setBusy] = useState<'test' | 'save' | 'file' | null>(null);
  const [probe, setProbe] = useState<ServerProbe | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [savedNote, setSavedNote] = useState<string | null>(null);

  const values = (): { server: string; password?: string } => {
    const v = form.getFieldsValue();
    return { server: (v.server ?? '').trim(), ...(v.password ? { password: v.password } : {}) };
  };
  const test = async () => {
    setBusy('test');
    setSavedNote(null);
    const r = await api['dataServer.test'](values());
    setBusy(null);
    if (!r.ok) return (setProbe(null), setError(r.error));
    setError(null);
    setProbe(r.value);
  };
  /** `toFile`: back to this workstation's own file. */
  const save = async (toFile: boolean) => {
    setBusy(toFile ? 'file' : 'save');
    const r = await api['dataServer.save'](toFile ? { server: null } : values());
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setError(null);
    setProbe(r.value.probe);
    form.setFieldValue('password', '');
    const note = r.value.saved === null ? t('dataServer.savedFile') : t('dataServer.saved', { location: r.value.saved });
    setSavedNote(note);
    void message.success(note);
    info.reload();
  };

  const d = info.value;
  return (
    <Card className="block" size="small" title={t('settings.data')}>
      {session ? (
        <dl className="data-where">
          <dt>{t(session.backend === 'postgres' ? 'settings.dataServer' : 'settings.dataFile')}</dt>
          <dd>
            <code className="cell-ref">{session.location}</code>
          </dd>
          {session.role ? (
            <>
              <dt>{t('settings.dataRole')}</dt>
              <dd>
                <code className="cell-ref">{session.role}</code> · {t(session.canWrite ? 'settings.dataCanWrite' : 'settings.dataReadOnly')}
              </dd>
            </>
          ) : null}
          {d?.available && d.saved && d.saved !== session.location ? (
            <>
              <dt>{t('dataServer.next')}</dt>
              <dd>
                <code className="cell-ref">{d.saved}</code>
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {info.state === 'error' && !d ? <ApiErrorAlert error={info.error} onRetry={info.reload} /> : null}
      {d && !d.available ? <p className="card-hint">{t('dataServer.notHere')}</p> : null}
      {d?.available ? (
        <>
          <h3 className="card-subtitle">{t('dataServer.title')}</h3>
          <p className="card-hint">{t('dataServer.hint')}</p>
          {d.overridden ? <Alert className="block" type="info" showIcon title={t('dataServer.overridden')} /> : null}
          {error ? <ApiErrorAlert error={error} /> : null}
          {probe ? <ProbeSays probe={probe} /> : null}
          {savedNote ? <Alert className="block" type="info" showIcon role="status" title={savedNote} /> : null}
          <Form<ServerValues> name="dataServer" form={form} layout="vertical" className="admin-form" initialValues={{ server: d.saved ?? '', password: '' }} onFinish={() => void save(false)}>
            <Form.Item name="server" label={t('dataServer.address')} extra={t('dataServer.addressHint')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]}>
              <Input maxLength={500} placeholder="postgres://vanthu_lan@10.0.0.5:5432/tonghop" autoComplete="off" spellCheck={false} />
            </Form.Item>
            <Form.Item name="password" label={t('dataServer.password')} extra={t('dataServer.passwordHint')}>
              <Input.Password maxLength={200} autoComplete="new-password" />
            </Form.Item>
            <Space wrap>
              <Button loading={busy === 'test'} disabled={busy !== null} onClick={() => void form.validateFields(['server']).then(test, () => undefined)}>
                {t('dataServer.test')}
              </Button>
              <Button type="primary" htmlType="submit" loading={busy === 'save'} disabled={busy !== null}>
                {t('dataServer.save')}
              </Button>
              {d.saved ? (
                <Button loading={busy === 'file'} disabled={busy !== null} onClick={() => void save(true)}>
                  {t('dataServer.useFile')}
                </Button>
              ) : null}
            </Space>
          </Form>
        </>
      ) : null}
    </Card>
  );
}
