// Mẫu bố cục: the saved layout profiles, each with its agency, the last file it read and
// when it was last used; open one in the wizard to change it, rename, duplicate, delete
// (asked first; the reports read through it keep their record), and export or import
// one as JSON so another office can use it. "Tạo mẫu bố cục mới…" opens the wizard.
import { Alert, App, Button, Card, Input, Modal, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useRef, useState } from 'react';
import type { FileBytes } from '../../shared/api';
import type { Period } from '../../shared/domain';
import type { ApiError } from '../../shared/errors';
import { formatDateVi } from '../../shared/numbers';
import { normalizeProfileName, type LayoutProfileSummary } from '../../shared/profiles';
import { api, fileBytes } from '../api';
import { useSaveFile } from '../hooks/useSaveFile';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { EmptyState } from '../components/EmptyState';
import { useApi } from '../hooks/useApi';
import { useT, type MessageKey } from '../i18n';
import { useApiErrorText } from '../lib/api-message';
import { formatDateTimeVi } from '../lib/format';
import { hrefFor } from '../state/useRoute';
import { ProfileWizard } from './ProfileWizard';
import type { ProfileEditing } from './profiles/editing';
import { useSaveProfile } from './profiles/useSaveProfile';

const MODE_LABELS: Record<string, MessageKey> = {
  cell: 'wizard.agencyCell',
  columns: 'wizard.agencyColumns',
  rows: 'profiles.mode.rows',
  sheet: 'profiles.mode.sheet',
};

function asUpload(file: FileBytes): { name: string; bytes: Uint8Array<ArrayBuffer> } {
  return file as { name: string; bytes: Uint8Array<ArrayBuffer> };
}

/** The profile's name inside an exported file, to ask about before it replaces one. */
function nameInside(file: FileBytes): string {
  try {
    // A file saved by Notepad starts with a byte-order mark, which JSON.parse refuses (profiles.import strips it too).
    const parsed = JSON.parse(new TextDecoder().decode(file.bytes).replace(/^\uFEFF/u, '')) as { name?: unknown };
    return typeof parsed.name === 'string' ? normalizeProfileName(parsed.name) : file.name;
  } catch {
    return file.name;
  }
}

/** `params.new` ('1'): open on the wizard for a new profile, as the screens that need one offer. */
export function Profiles({ period, params = {} }: { period: Period; params?: Record<string, string> }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const { saveFile } = useSaveFile();
  const profiles = useApi('profiles.list', {});
  const saveAsking = useSaveProfile();
  const [wizard, setWizard] = useState<{ editing: ProfileEditing | null } | null>(() => (params['new'] === '1' ? { editing: null } : null));
  const [error, setError] = useState<ApiError | null>(null);
  const errorText = useApiErrorText();
  const [busy, setBusy] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ from: string; to: string } | null>(null);
  const chooser = useRef<HTMLInputElement>(null);
  const newAsked = params['new'] === '1';

  // Asked for from another screen: the wizard opened above; Back does not open it again.
  useEffect(() => {
    if (newAsked) window.history.replaceState(null, '', hrefFor('profiles'));
  }, [newAsked]);

  const done = (r: { ok: true } | { ok: false; error: ApiError }, success?: string) => {
    setBusy(null);
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    setError(null);
    if (success) void message.success(success);
    profiles.reload();
    return true;
  };

  const edit = async (p: LayoutProfileSummary) => {
    setBusy(`edit:${p.name}`);
    const r = await api['profiles.get']({ name: p.name });
    if (!r.ok) return done(r);
    // The last file the profile read is kept byte for byte: it opens as the sample, so the clerk sees what the profile reads.
    let sample: FileBytes | null = null;
    if (r.value.lastSubmissionId !== null) {
      const original = await api['submissions.original']({ id: r.value.lastSubmissionId });
      if (original.ok) sample = original.value;
    }
    setBusy(null);
    setError(null);
    setWizard({ editing: { name: r.value.name, definition: r.value.definition, sample } });
  };

  const rename = async () => {
    if (!renaming) return;
    setBusy(`rename:${renaming.from}`);
    const r = await api['profiles.rename']({ name: renaming.from, newName: renaming.to });
    if (done(r, r.ok ? t('profiles.renamed', { name: r.value.name }) : undefined)) setRenaming(null);
  };

  const duplicate = async (p: LayoutProfileSummary) => {
    setBusy(`duplicate:${p.name}`);
    const r = await api['profiles.duplicate']({ name: p.name });
    done(r, r.ok ? t('profiles.duplicated', { name: r.value.name }) : undefined);
  };

  const exportOne = async (p: LayoutProfileSummary) => {
    setBusy(`export:${p.name}`);
    const r = await api['profiles.export']({ name: p.name });
    if (!r.ok) return done(r);
    await saveFile(r.value);
    setBusy(null);
  };

  const remove = async (p: LayoutProfileSummary) => {
    const ok = await modal.confirm({
      title: t('profiles.removeAsk', { name: p.name }),
      content: <span className="small">{p.reports > 0 ? t('profiles.removeHint', { count: p.reports }) : t('profiles.removeHintNone')}</span>,
      okText: t('profiles.removeOk'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      width: 560,
    });
    if (!ok) return;
    setBusy(`remove:${p.name}`);
    const r = await api['profiles.remove']({ name: p.name });
    done(r, t('profiles.removed', { name: p.name }));
  };

  const importChosen = async (file: File | undefined) => {
    if (chooser.current) chooser.current.value = '';
    if (!file) return;
    const bytes = await fileBytes(file);
    setBusy('import');
    const r = await saveAsking((replace) => api['profiles.import']({ file: asUpload(bytes), replace }), nameInside(bytes), 'profiles.replaceHintImport');
    if (r === null) return setBusy(null);
    done(r, r.ok ? t('profiles.imported', { name: r.value.name }) : undefined);
  };

  if (wizard) {
    return (
      <div className="screen profiles">
        <div className="button-row block">
          <Button onClick={() => (setWizard(null), profiles.reload())}>{t('profiles.back')}</Button>
          {wizard.editing ? (
            <span className="toolbar-text">
              {t('profiles.editing', { name: wizard.editing.name })}{' '}
              {wizard.editing.sample ? t('profiles.editingSample', { file: wizard.editing.sample.name }) : t('profiles.editingNoSample')}
            </span>
          ) : null}
        </div>
        <ProfileWizard period={period} editing={wizard.editing} onSaved={() => profiles.reload()} />
      </div>
    );
  }

  const list = profiles.value ?? [];
  const empty = profiles.state !== 'loading' && list.length === 0;
  const agencyOf = (p: LayoutProfileSummary) => (p.agencyCode ? `${p.agencyName ?? p.agencyCode} (${p.agencyCode})` : MODE_LABELS[p.agencyMode] ? t(MODE_LABELS[p.agencyMode] as MessageKey) : '');
  const columns: ColumnsType<LayoutProfileSummary> = [
    {
      title: t('profiles.col.name'),
      dataIndex: 'name',
      render: (_, p) => (
        <span className="wrap">
          <strong>{p.name}</strong>
          {p.description ? <div className="muted small">{p.description}</div> : null}
        </span>
      ),
    },
    { title: t('col.agency'), key: 'agency', width: 180, render: (_, p) => <span className="wrap">{agencyOf(p)}</span> },
    {
      title: t('profiles.col.lastFile'),
      key: 'lastFile',
      width: 220,
      render: (_, p) =>
        p.lastFile ? (
          <span className="wrap">
            {p.lastFile.name}
            <div className="muted small">
              {formatDateVi(p.lastFile.at)} · {t('profiles.reports', { count: p.reports })}
            </div>
          </span>
        ) : (
          <span className="muted">{t('profiles.noFile')}</span>
        ),
    },
    { title: t('profiles.col.lastUsed'), key: 'lastUsed', width: 125, render: (_, p) => (p.lastUsedAt ? formatDateTimeVi(p.lastUsedAt) : <span className="muted">{t('profiles.never')}</span>) },
    {
      title: t('col.actions'),
      key: 'actions',
      width: 385,
      render: (_, p) => (
        <span className="button-row">
          <Button size="small" type="primary" ghost loading={busy === `edit:${p.name}`} aria-label={t('profiles.editOf', { name: p.name })} onClick={() => void edit(p)}>
            {t('profiles.edit')}
          </Button>
          <Button size="small" aria-label={t('profiles.renameOf', { name: p.name })} onClick={() => setRenaming({ from: p.name, to: p.name })}>
            {t('profiles.rename')}
          </Button>
          <Button size="small" loading={busy === `duplicate:${p.name}`} aria-label={t('profiles.duplicateOf', { name: p.name })} onClick={() => void duplicate(p)}>
            {t('profiles.duplicate')}
          </Button>
          <Button size="small" loading={busy === `export:${p.name}`} aria-label={t('profiles.exportOf', { name: p.name })} onClick={() => void exportOne(p)}>
            {t('profiles.export')}
          </Button>
          <Button size="small" danger loading={busy === `remove:${p.name}`} aria-label={t('profiles.removeOf', { name: p.name })} onClick={() => void remove(p)}>
            {t('profiles.remove')}
          </Button>
        </span>
      ),
    },
  ];

  return (
    <div className="screen profiles">
      <Card className="block" size="small" title={t('profiles.title', { count: list.length })}>
        <p className="card-hint">{t('profiles.intro')}</p>
        {/* With no profile yet, the two buttons are the empty list's offer instead. */}
        {empty ? null : (
          <span className="button-row block">
            <Button type="primary" onClick={() => setWizard({ editing: null })}>
              {t('profiles.new')}
            </Button>
            <Button loading={busy === 'import'} onClick={() => chooser.current?.click()}>
              {t('profiles.import')}
            </Button>
          </span>
        )}
        <input
          ref={chooser}
          type="file"
          accept=".json,application/json"
          aria-label={t('profiles.importInput')}
          className="visually-hidden"
          tabIndex={-1}
          onChange={(e) => void importChosen(e.target.files?.[0])}
        />
        {error && !renaming ? <ApiErrorAlert error={error} /> : null}
        {profiles.error ? <ApiErrorAlert error={profiles.error} onRetry={profiles.reload} /> : null}
        {empty ? (
          <EmptyState title={t('profiles.none')} hint={t('profiles.noneHint')}>
            <div className="button-row">
              <Button type="primary" onClick={() => setWizard({ editing: null })}>
                {t('profiles.new')}
              </Button>
              <Button loading={busy === 'import'} onClick={() => chooser.current?.click()}>
                {t('profiles.import')}
              </Button>
            </div>
          </EmptyState>
        ) : (
          <Table<LayoutProfileSummary> size="small" rowKey="id" columns={columns} dataSource={list} pagination={false} loading={profiles.state === 'loading' && list.length === 0} />
        )}
      </Card>
      <Modal
        open={renaming !== null}
        title={renaming ? t('profiles.renameTitle', { name: renaming.from }) : ''}
        okText={t('profiles.renameOk')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !renaming?.to.trim() || renaming.to.trim() === renaming.from, loading: busy?.startsWith('rename:') }}
        onOk={() => void rename()}
        onCancel={() => setRenaming(null)}
        destroyOnHidden
      >
        <label htmlFor="profile-new-name" className="field-label">
          {t('profiles.newName')}
        </label>
        <Input id="profile-new-name" value={renaming?.to ?? ''} maxLength={100} onChange={(e) => setRenaming((r) => (r ? { ...r, to: e.target.value } : r))} onPressEnter={() => void rename()} />
        {error && renaming ? <Alert className="result" type="error" showIcon title={errorText(error)} /> : null}
      </Modal>
    </div>
  );
}
