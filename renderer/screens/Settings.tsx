// Cài đặt: the heading printed on every exported document (Party or State style), who
// signs the documents and their "Nơi nhận", the days off beyond the holidays, the
// clerk's name (recorded with the computer's user on every report and change),
// automatic backups and the list of backups with restore, where the data lives, and
// the interface language.
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Switch, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useRef, useState } from 'react';
import type { BackupInfo } from '../../shared/api';
import type { Organization } from '../../shared/domain';
import type { ApiError } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import { api, fileBytes, shell } from '../api';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { useApi } from '../hooks/useApi';
import { LANGS, useI18n, type Lang } from '../i18n';
import { formatBytes, formatDateTimeVi } from '../lib/format';
import { usePeriod } from '../state/PeriodContext';
import { useSession } from '../state/SessionContext';
import { DataServerCard } from './settings/DataServerCard';
import { DaysOffCard } from './settings/DaysOffCard';
import { saveLanguage } from './settings/LanguageSync';
import { SignerCard } from './settings/SignerCard';
import './admin/admin.css';

type HeadingValues = Pick<Organization, 'name' | 'parentBody' | 'issuingBody' | 'place' | 'headingStyle'>;
type BackupValues = Pick<Settings, 'backupBeforeImport' | 'backupDaily' | 'backupKeep'>;
type ClerkValues = Pick<Settings, 'clerkName'>;

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

/** `params.section` ('backups'): open at the backups, where the screens lacking a plan send the clerk to restore one. */
export function SettingsScreen({ params = {} }: { params?: Record<string, string> }) {
  const { t, lang, setLang } = useI18n();
  const { message, modal } = App.useApp();
  const { reload: reloadPeriods } = usePeriod();
  const { session, canWrite } = useSession();
  // On a server backups are pg_dump archives (.dump), made only when asked.
  const onServer = session?.backend === 'postgres';
  const organization = useApi('organization.get', {});
  const settings = useApi('settings.get', {});
  const backups = useApi('backup.list', {});
  const [headingForm] = Form.useForm<HeadingValues>();
  const [backupForm] = Form.useForm<BackupValues>();
  const [clerkForm] = Form.useForm<ClerkValues>();
  const heading = Form.useWatch([], headingForm) as Partial<HeadingValues> | undefined;
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'heading' | 'clerk' | 'settings' | 'backup' | 'restore' | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const toBackups = params['section'] === 'backups';
  const backupsShown = backups.state !== 'loading';
  useEffect(() => {
    if (toBackups && backupsShown) document.getElementById('backups')?.scrollIntoView({ block: 'start' });
  }, [toBackups, backupsShown]);
  // A refused restore is said inside the backups card, where the clerk pressed the button.
  const [restoreError, setRestoreError] = useState<ApiError | null>(null);
  const chooser = useRef<HTMLInputElement>(null);

  // Each form stays disabled until its stored values are in (disabled={!…value} below):
  // what the clerk types before they arrive would be overwritten by them, and saved empty.
  useEffect(() => {
    if (organization.value) headingForm.setFieldsValue(organization.value);
  }, [organization.value, headingForm]);
  useEffect(() => {
    if (settings.value) {
      // On a server the automatic-backup form is not drawn (there are none).
      if (!onServer) backupForm.setFieldsValue(settings.value);
      clerkForm.setFieldsValue({ clerkName: settings.value.clerkName });
    }
  }, [settings.value, backupForm, clerkForm, onServer]);

  const saveHeading = async (v: HeadingValues) => {
    setBusy('heading');
    const r = await api['organization.update'](v);
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setError(null);
    void message.success(t('settings.headingSaved'));
    organization.reload();
  };

  const saveClerk = async (v: ClerkValues) => {
    setBusy('clerk');
    const r = await api['settings.update']({ clerkName: (v.clerkName ?? '').trim() });
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setError(null);
    void message.success(t('settings.clerkSaved'));
    settings.reload();
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
    if (!r.ok) return setRestoreError(r.error);
    afterRestore(t('settings.restored', { date: formatDateTimeVi(b.createdAt), safety: r.value.safetyBackup }));
  };

  const afterRestore = (done: string) => {
    setRestoreError(null);
    setRestored(done);
    organization.reload();
    settings.reload();
    backups.reload();
    reloadPeriods();
  };

  /** A backup from elsewhere (a USB stick): sent as bytes, proven by the app before it replaces anything. */
  const restoreChosen = async (file: File | undefined) => {
    if (!file) return;
    const ok = await modal.confirm({
      title: t('settings.restoreFileAsk', { name: file.name }),
      content: <span className="small muted">{t(onServer ? 'settings.restoreFileHintServer' : 'settings.restoreFileHint')}</span>,
      okText: t('settings.restoreOk'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      width: 560,
    });
    if (chooser.current) chooser.current.value = '';
    if (!ok) return;
    setBusy('restore');
    const r = await api['backup.restoreFile']({ file: (await fileBytes(file)) as { name: string; bytes: Uint8Array<ArrayBuffer> } });
    setBusy(null);
    if (!r.ok) return setRestoreError(r.error);
    afterRestore(t('settings.restoredFile', { name: file.name, safety: r.value.safetyBackup }));
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

  const languageCard = (
    <Card className="block" size="small" title={t('settings.language')}>
      <Radio.Group
        aria-label={t('lang.label')}
        value={lang}
        onChange={(e) => {
          void saveLanguage(setLang, e.target.value as Lang, canWrite).then(() => settings.reload());
        }}
      >
        {LANGS.map((l) => (
          <Radio key={l} value={l}>
            {t(`lang.${l}`)}
          </Radio>
        ))}
      </Radio.Group>
    </Card>
  );
  // Where the data lives and as whom, and which server this workstation opens: a reader sets it too.
  const dataCard = <DataServerCard session={session} />;

  // A read-only role (a leader's) changes nothing here: what the office set is the office's.
  if (!canWrite)
    return (
      <div className="screen settings">
        <div className="settings-grid">
          {dataCard}
          {languageCard}
        </div>
      </div>
    );

  return (
    <div className="screen settings">
      {error ? <ApiErrorAlert error={error} /> : null}
      {restored ? <Alert className="block" type="success" showIcon role="status" title={restored} closable={{ onClose: () => setRestored(null) }} /> : null}
      <div className="settings-grid">
        <Card className="block" size="small" title={t('settings.heading')}>
          {organization.state === 'error' && !organization.value ? <ApiErrorAlert error={organization.error} onRetry={organization.reload} /> : null}
          <p className="card-hint">{t('settings.headingHint')}</p>
          <Form<HeadingValues> name="heading" form={headingForm} layout="vertical" disabled={!organization.value} onFinish={(v) => void saveHeading(v)} className="admin-form">
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
          <Card className="block" size="small" title={t('settings.clerk')}>
            <Form<ClerkValues> name="clerk" form={clerkForm} layout="vertical" disabled={!settings.value} onFinish={(v) => void saveClerk(v)} className="admin-form">
              <Form.Item name="clerkName" label={t('settings.clerkName')} extra={t('settings.clerkHint')}>
                <Input maxLength={100} placeholder={t('settings.clerkPlaceholder')} autoComplete="name" />
              </Form.Item>
              <Button htmlType="submit" loading={busy === 'clerk'}>
                {t('admin.save')}
              </Button>
            </Form>
          </Card>
          {languageCard}
          <Card className="block" size="small" title={t('settings.autoBackup')}>
            {onServer ? (
              <p className="card-hint">{t('settings.autoBackupServer')}</p>
            ) : (
              <Form<BackupValues> name="backups" form={backupForm} layout="horizontal" disabled={!settings.value} onFinish={(v) => void saveBackupSettings(v)} className="admin-form compact">
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
            )}
          </Card>
        </div>
      </div>

      {dataCard}
      <div className="settings-grid">
        <SignerCard settings={settings.value} headingStyle={heading?.headingStyle ?? organization.value?.headingStyle} onSaved={settings.reload} />
        <DaysOffCard settings={settings.value} onSaved={settings.reload} />
      </div>

      <Card
        id="backups"
        className="block"
        size="small"
        title={t('settings.backups', { count: list.length })}
        extra={
          <span className="button-row">
            <Button type="primary" loading={busy === 'backup'} disabled={busy !== null && busy !== 'backup'} onClick={() => void backupNow()}>
              {t('settings.backupNow')}
            </Button>
            <Button loading={busy === 'restore'} disabled={busy !== null && busy !== 'restore'} onClick={() => chooser.current?.click()}>
              {t('settings.restoreFile')}
            </Button>
            <input
              ref={chooser}
              type="file"
              accept={onServer ? '.dump,application/octet-stream' : '.sqlite,.db,application/vnd.sqlite3,application/octet-stream'}
              hidden
              aria-label={t('settings.restoreFile')}
              onChange={(e) => void restoreChosen(e.target.files?.[0])}
            />
          </span>
        }
      >
        {restoreError ? <ApiErrorAlert error={restoreError} /> : null}
        {onServer ? <p className="card-hint">{t('settings.backupsServer')}</p> : null}
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
