// The profile being made: the draft the clerk points out, its preview through
// profiles.preview (stale as soon as anything but the name changes; a confirmation or a
// "bỏ qua" is previewed at once, so the clerk sees what it changed), and saving it
// through profiles.save, asking before it replaces a profile of the same name.
import { App } from 'antd';
import { useRef, useState } from 'react';
import type { FileBytes, ProfilePreview } from '../../../shared/api';
import type { ApiError } from '../../../shared/errors';
import { normalizeProfileName, type LayoutProfileSummary } from '../../../shared/profiles';
import { api } from '../../api';
import { useT } from '../../i18n';
import { definitionOf, EMPTY_DRAFT, nameAfterPreview, requestSequence, type Draft, type Pointing } from './draft';
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
  /** Previews answer out of order; only the latest one asked is shown. */
  const previews = useRef(requestSequence()).current;

  /** The preview no longer shows the draft: cleared, and an answer still on its way is dropped. */
  const dropPreview = () => {
    previews.start();
    setPreview(null);
    setBusy((b) => (b === 'preview' ? null : b));
  };

  const update = (change: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...change }));
    if (Object.keys(change).some((k) => k !== 'name')) dropPreview();
  };

  /** A new start: another sample, another sheet, or a saved profile laid over the sample. */
  const reset = (next: Draft) => {
    setDraft(next);
    dropPreview();
    setError(null);
    setSavedName(null);
  };

  const setPointing = (pointing: Pointing) => setDraft((d) => ({ ...d, pointing }));

  const runPreview = async (next: Draft = draft) => {
    const def = where.sheetName ? definitionOf(next, where.sheetName) : null;
    if (!where.file || !def) return;
    const ticket = previews.start();
    setBusy('preview');
    setError(null);
    try {
      const r = await api['profiles.preview']({ file: asUpload(where.file), definition: def, period: where.period });
      if (!previews.isLatest(ticket)) return;
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setPreview(r.value);
      const named = nameAfterPreview(next, r.value.agency?.name ?? null, where.editingName);
      if (named !== null) setDraft((d) => ({ ...d, name: named }));
    } finally {
      if (previews.isLatest(ticket)) setBusy(null);
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
      const r = await saveAsking((replace) => api['profiles.save']({ definition, replace: replace || (where.editingName !== null && normalizeProfileName(where.editingName) === normalizeProfileName(definition.name)) }), definition.name);
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
