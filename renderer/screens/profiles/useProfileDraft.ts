// The profile being made: the draft the clerk points out, its preview through
// profiles.preview (stale as soon as anything but the name changes; a confirmation or a
// "bỏ qua" is previewed at once, so the clerk sees what it changed), and saving it
// through profiles.save, asking before it replaces a profile of the same name.
import { App } from 'antd';
import { useState } from 'react';
import type { FileBytes, ProfilePreview } from '../../../shared/api';
import type { ApiError } from '../../../shared/errors';
import type { LayoutProfileSummary } from '../../../shared/profiles';
import { api } from '../../api';
import { useT } from '../../i18n';
import { definitionOf, EMPTY_DRAFT, type Draft, type Pointing } from './draft';
import { asUpload } from './useSample';
import { useSaveProfile } from './useSaveProfile';

interface Where {
  file: FileBytes | null;
  sheetName: string | null;
  period: string;
  /** The saved profile being edited, which saving replaces without asking. */
  editingName: string | null;
  onSaved?: (saved: LayoutProfileSummary) => void;
}

export function useProfileDraft(where: Where) {
  const t = useT();
  const { message } = App.useApp();
  const saveAsking = useSaveProfile();
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [preview, setPreview] = useState<ProfilePreview | null>(null);
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [savedName, setSavedName] = useState<string | null>(null);
  const definition = where.sheetName ? definitionOf(draft, where.sheetName) : null;

  const update = (change: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...change }));
    if (Object.keys(change).some((k) => k !== 'name')) setPreview(null);
  };

  /** A new start: another sample, another sheet, or a saved profile laid over the sample. */
  const reset = (next: Draft) => {
    setDraft(next);
    setPreview(null);
    setError(null);
    setSavedName(null);
  };

  const setPointing = (pointing: Pointing) => setDraft((d) => ({ ...d, pointing }));

  const runPreview = async (next: Draft = draft) => {
    const def = where.sheetName ? definitionOf(next, where.sheetName) : null;
    if (!where.file || !def) return;
    setBusy('preview');
    setError(null);
    try {
      const r = await api['profiles.preview']({ file: asUpload(where.file), definition: def, period: where.period });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setPreview(r.value);
      const agency = r.value.agency;
      if (agency && (!next.name.trim() || next.name.startsWith('Mẫu '))) setDraft((d) => ({ ...d, name: `${agency.name} – mẫu riêng` }));
    } finally {
      setBusy(null);
    }
  };

  const onConfirm = (key: string, code: string | null) => {
    const confirmed = { ...draft.confirmed };
    if (code) confirmed[key] = code;
    else delete confirmed[key];
    const next = { ...draft, confirmed, skip: draft.skip.filter((k) => k !== key) };
    setDraft(next);
    void runPreview(next);
  };

  const onSkip = (key: string, skip: boolean) => {
    const rest = draft.skip.filter((k) => k !== key);
    const next = { ...draft, skip: skip ? [...rest, key] : rest };
    setDraft(next);
    void runPreview(next);
  };

  const save = async () => {
    if (!definition) return;
    setBusy('save');
    setError(null);
    try {
      // Saving over another profile's name asks first; the profile being edited is simply replaced.
      const r = await saveAsking((replace) => api['profiles.save']({ definition, replace: replace || where.editingName === definition.name }), definition.name);
      if (r === null) return;
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setSavedName(r.value.name);
      where.onSaved?.(r.value);
      void message.success(t('wizard.saved', { name: r.value.name }));
    } finally {
      setBusy(null);
    }
  };

  return { draft, definition, preview, busy, error, savedName, update, reset, setPointing, runPreview, onConfirm, onSkip, save };
}
