// Cài đặt: the heading printed on every exported document (Party or State style),
// automatic backups and the list of backups with restore, where the data lives, and
// the interface language.
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Switch, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import type { BackupInfo } from '../../shared/api';
import type { Organization } from '../../shared/domain';
import type { ApiError } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import { api, shell } from '../api';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { useApi } from '../hooks/useApi';
import { LANGS, useI18n, type Lang } from '../i18n';
import { formatBytes, formatDateTimeVi } from '../lib/format';
import { usePeriod } from '../state/PeriodContext';
import { saveLanguage } from './settings/LanguageSync';
import './admin/admin.css';

type HeadingValues = Pick<Organization, 'name' | 'parentBody' | 'issuingBody' | 'place' | 'headingStyle'>;
type BackupValues = Pick<Settings, 'backupBeforeImport' | 'backupDaily' | 'backupKeep'>;

function folderOf(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut > 0 ? file.slice(0, cut) : file;
}

function HeadingPreview({ values }: { values: Partial<HeadingValues> }) {
  const { t } = useI18n();
  return (
    <div className="heading-preview" aria-label={t('settings.preview')} role="group">
      <div className="heading-left">
        <div>{values.parentBody}</div>
        <div className="heading-strong">{values.issuingBody}</div>
        <div className="heading-star">*</div>
      </div>
      <div className="heading-right">
        {values.headingStyle === 'state' ? (
          <>
            <div className="heading-strong">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
            <div className="heading-motto">Độc lập - Tự do - Hạnh phúc</div>
          </>
        ) : (
          <div className="heading-strong heading-party">ĐẢNG CỘNG SẢN VIỆT NAM</div>
        )}
        <div className="heading-place">{t('settings.placeDate', { place: values.place ?? '' })}</div>
      </div>
    </div>
  );
}

export function SettingsScreen() {
  const { t, lang, setLang } = useI18n();
  const { message, modal } = App.useApp();
  const { reload: reloadPeriods } = usePeriod();
  const organization = useApi('organization.get', {});
  const settings = useApi('settings.get', {});
  const backups = useApi('backup.list', {});
  const [headingForm] = Form.useForm<HeadingValues>();
  const [backupForm] = Form.useForm<BackupValues>();
  const heading = Form.useWatch([], headingForm) as Partial<HeadingValues> | undefined;
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'heading' | 'settings' | 'backup' | 'restore' | null>(null);
  const [restored, setRestored] = useState<string | null>(null);

  useEffect(() => {
    if (organization.value) headingForm.setFieldsValue(organization.value);
  }, [organization.value, headingForm]);
  useEffect(() => {
    if (settings.value) backupForm.setFieldsValue(settings.value);
  }, [settings.value, backupForm]);

  const saveHeading = async (v: HeadingValues) => {
    setBusy('heading');
    const r = await api['organization.update'](v);
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setError(null);
    void message.success(t('settings.headingSaved'));
    organization.reload();
  };

  const saveBackupSettings = async (v: BackupValues) => {
    setBusy('settings');
    const r = await api['settings.update'](v);
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setError(null);
    void message.success(t('settings.backupSaved'));
    settings.reload();
  };

  const backupNow = async () => {
    setBusy('backup');
    const r = await api['backup.create']({});
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setError(null);
    void message.success(t('settings.backedUp', { name: r.value.name }));
    backups.reload();
  };

  const restore = async (b: BackupInfo) => {
    const ok = await modal.confirm({
      title: t('settings.restoreAsk', { date: formatDateTimeVi(b.createdAt) }),
      content: <span className="small muted">{b.name}</span>,
      okText: t('settings.restoreOk'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      width: 560,
    });
    if (!ok) return;
    setBusy('restore');
    const r = await api['backup.restore']({ name: b.name });
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setError(null);
    setRestored(t('settings.restored', { date: formatDateTimeVi(b.createdAt), safety: r.value.safetyBackup }));
    organization.reload();
    settings.reload();
    backups.reload();
    reloadPeriods();
  };

  const list = backups.value ?? [];
  const folder = list[0] ? folderOf(list[0].path) : null;
  const columns: ColumnsType<BackupInfo> = [
    { title: t('settings.backupAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTimeVi(v) },
    { title: t('col.file'), dataIndex: 'name', render: (v: string) => <span className="wrap">{v}</span> },
    { title: t('settings.size'), dataIndex: 'sizeBytes', width: 100, align: 'right', render: (v: number) => formatBytes(v) },
    {
      title: t('col.actions'),
      key: 'actions',
      width: 130,
      render: (_, b) => (
        <Button size="small" aria-label={t('settings.restoreFrom', { date: formatDateTimeVi(b.createdAt) })} disabled={busy !== null} onClick={() => void restore(b)}>
          {t('settings.restore')}
        </Button>
      ),
    },
  ];

  return (
    <div className="screen settings">
      {error ? <ApiErrorAlert error={error} /> : null}
      {restored ? <Alert className="block" type="success" showIcon role="status" title={restored} closable={{ onClose: () => setRestored(null) }} /> : null}
      <div className="settings-grid">
        <Card className="block" size="small" title={t('settings.heading')}>
          {organization.state === 'error' && !organization.value ? <ApiErrorAlert error={organization.error} onRetry={organization.reload} /> : null}
          <p className="card-hint">{t('settings.headingHint')}</p>
          <Form<HeadingValues> name="heading" form={headingForm} layout="vertical" onFinish={(v) => void saveHeading(v)} className="admin-form">
            <Form.Item name="headingStyle" label={t('settings.headingStyle')}>
              <Radio.Group>
                <Radio value="party">{t('settings.style.party')}</Radio>
                <Radio value="state">{t('settings.style.state')}</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="parentBody" label={t('settings.parentBody')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="issuingBody" label={t('settings.issuingBody')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]}>
              <Input maxLength={200} />
            </Form.Item>
            <div className="form-row">
              <Form.Item name="name" label={t('settings.orgName')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]} style={{ flex: 1 }}>
                <Input maxLength={300} />
              </Form.Item>
              <Form.Item name="place" label={t('settings.place')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]} style={{ width: 160 }}>
                <Input maxLength={100} />
              </Form.Item>
            </div>
            <HeadingPreview values={heading ?? {}} />
            <Button type="primary" htmlType="submit" loading={busy === 'heading'} className="form-submit">
              {t('settings.saveHeading')}
            </Button>
          </Form>
        </Card>

        <div>
          <Card className="block" size="small" title={t('settings.language')}>
            <Radio.Group
              aria-label={t('lang.label')}
              value={lang}
              onChange={(e) => {
                void saveLanguage(setLang, e.target.value as Lang).then(() => settings.reload());
              }}
            >
              {LANGS.map((l) => (
                <Radio key={l} value={l}>
                  {t(`lang.${l}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Card>
          <Card className="block" size="small" title={t('settings.autoBackup')}>
            <Form<BackupValues> name="backups" form={backupForm} layout="horizontal" onFinish={(v) => void saveBackupSettings(v)} className="admin-form compact">
              <div className="switch-label">
                <Form.Item name="backupBeforeImport" valuePropName="checked" noStyle>
                  <Switch size="small" />
                </Form.Item>
                <label htmlFor="backups_backupBeforeImport">{t('settings.backupBeforeImport')}</label>
              </div>
              <div className="switch-label">
                <Form.Item name="backupDaily" valuePropName="checked" noStyle>
                  <Switch size="small" />
                </Form.Item>
                <label htmlFor="backups_backupDaily">{t('settings.backupDaily')}</label>
              </div>
              <Form.Item name="backupKeep" label={t('settings.backupKeep')} extra={t('settings.backupKeepHint')}>
                <InputNumber min={1} max={365} style={{ width: 100 }} />
              </Form.Item>
              <Button htmlType="submit" loading={busy === 'settings'}>
                {t('admin.save')}
              </Button>
            </Form>
          </Card>
        </div>
      </div>

      <Card
        className="block"
        size="small"
        title={t('settings.backups', { count: list.length })}
        extra={
          <Button type="primary" loading={busy === 'backup'} disabled={busy !== null && busy !== 'backup'} onClick={() => void backupNow()}>
            {t('settings.backupNow')}
          </Button>
        }
      >
        <p className="card-hint data-folder">
          {folder ? (
            <>
              {t('settings.folder')} <code className="cell-ref">{folder}</code>{' '}
              {shell.kind === 'desktop' && list[0] ? (
                <Button size="small" onClick={() => void shell.showInFolder(list[0]?.path ?? '')}>
                  {t('forms.showInFolder')}
                </Button>
              ) : null}
            </>
          ) : (
            t('settings.folderUnknown')
          )}
        </p>
        {backups.state === 'error' && !backups.value ? <ApiErrorAlert error={backups.error} onRetry={backups.reload} /> : null}
        <Table<BackupInfo>
          className="backup-table"
          tableLayout="fixed"
          size="small"
          rowKey="name"
          loading={backups.state === 'loading' && !backups.value}
          columns={columns}
          dataSource={list}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: t('settings.noBackups') }}
        />
      </Card>
    </div>
  );
}
