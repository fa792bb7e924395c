// Mẫu bố cục, the wizard: the clerk opens a sample workbook in an agency's own layout,
// says which shape its table has (indicators down for one agency, a column per agency,
// a row per agency, a sheet per agency), points at its header rows and the columns that
// matter on the sheet itself, sees every row matched (the same reader an import uses),
// confirms suggestions or marks rows "bỏ qua", and saves the layout profile. Later
// imports of workbooks in that layout use it on their own. The parts live in profiles/.
import { Alert, Button, Card, Segmented } from 'antd';
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { FileBytes } from '../../shared/api';
import type { Period } from '../../shared/domain';
import type { LayoutProfile, LayoutProfileSummary } from '../../shared/profiles';
import { fileBytes, shell } from '../api';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { WORKBOOK_ACCEPT } from '../components/FileDrop';
import { useApi } from '../hooks/useApi';
import { useT } from '../i18n';
import { takeSample } from '../lib/sample-handoff';
import { hrefFor } from '../state/useRoute';
import { draftOf, EMPTY_DRAFT, pointAt, stepsOf } from './profiles/draft';
import type { ProfileEditing } from './profiles/editing';
import { LayoutForm } from './profiles/LayoutForm';
import { PointingBar } from './profiles/PointingBar';
import { PreviewCard } from './profiles/PreviewCard';
import type { Choices } from './profiles/RowChoice';
import { SheetGrid } from './profiles/SheetGrid';
import { useProfileDraft } from './profiles/useProfileDraft';
import { useSample } from './profiles/useSample';
import './entry/entry.css';
import './profiles/wizard.css';

export function ProfileWizard({ period, editing = null, onSaved }: { period: Period; editing?: ProfileEditing | null; onSaved?: (saved: LayoutProfileSummary) => void }) {
  const t = useT();
  const plan = useApi('plans.get', { year: period.planYear });
  const agencies = useApi('agencies.list', {});
  const indicators = useMemo(() => (plan.value?.tasks ?? []).flatMap((task) => task.indicators).filter((i) => !i.retired), [plan.value]);
  const input = useRef<HTMLInputElement>(null);
  const [sample, openSample, chooseSheet] = useSample();
  const sheet = sample.inspection?.sheets[sample.sheetIndex];
  const made = useProfileDraft({ file: sample.file, sheetName: sheet?.name ?? null, period: period.code, editingName: editing?.name ?? null, onSaved });
  const { draft } = made;
  /** A saved profile being edited: laid over the first sample opened, once. */
  const toApply = useRef<LayoutProfile | null>(editing?.definition ?? null);

  const open = async (file: FileBytes) => {
    made.reset({ ...EMPTY_DRAFT, shape: draft.shape, name: `Mẫu ${file.name.replace(/\.[^.]+$/u, '')}` });
    const inspection = await openSample(file);
    const pending = toApply.current;
    if (inspection && pending) {
      toApply.current = null;
      const named = inspection.sheets.findIndex((s) => s.name === pending.sheet.name);
      if (named >= 0) chooseSheet(named);
      made.reset(draftOf(pending));
    }
  };

  // Editing a profile that has read a file, or making one from a file intake could not read: that file opens as the sample straight away.
  useEffect(() => {
    const first = editing ? editing.sample : takeSample();
    if (first) void open(first);
    // Once, when the wizard opens for this profile (the screen keys a new wizard per profile).
  }, []);

  const choose = async () => {
    if (shell.kind === 'desktop') {
      const files = await shell.openWorkbooks();
      if (files?.[0]) await open(files[0]);
      return;
    }
    input.current?.click();
  };

  const choices: Choices = { indicators, onConfirm: made.onConfirm, onSkip: made.onSkip };

  const pick = (row: number | null, col: number | null) => {
    if (!sheet) return;
    const change = pointAt(draft, sheet, row, col);
    if (change) made.update(change);
  };

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys 1–8 choose what the next click points at.
    const target = stepsOf(draft.shape, draft.agencyMode)[Number(e.key) - 1];
    if (target && !(e.target instanceof HTMLInputElement)) made.setPointing(target);
  };

  return (
    <div className="screen wizard">
      <Card className="block" size="small">
        <p className="card-hint">{t('wizard.intro')}</p>
        <span className="button-row">
          <Button type="primary" loading={sample.loading} onClick={() => void choose()}>
            {sample.file ? t('wizard.chooseAnother') : t('wizard.choose')}
          </Button>
          {sample.file ? <span className="toolbar-text">{t('wizard.fileShown', { name: sample.file.name })}</span> : null}
        </span>
        <input
          ref={input}
          type="file"
          accept={WORKBOOK_ACCEPT}
          aria-label={t('wizard.fileInput')}
          className="visually-hidden"
          tabIndex={-1}
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            e.target.value = '';
            if (chosen) void fileBytes(chosen).then(open);
          }}
        />
      </Card>
      {sample.error ? <ApiErrorAlert error={sample.error} /> : null}
      {made.error ? <ApiErrorAlert error={made.error} /> : null}
      {sample.inspection && sheet ? (
        <div className="wizard-layout block">
          <Card
            size="small"
            title={t('wizard.sheetTitle', { sheet: sheet.name })}
            extra={
              sample.inspection.sheets.length > 1 ? (
                <Segmented
                  size="small"
                  aria-label={t('wizard.sheet')}
                  value={sample.sheetIndex}
                  onChange={(v) => {
                    chooseSheet(Number(v));
                    made.reset({ ...EMPTY_DRAFT, shape: draft.shape, agencyMode: draft.agencyMode, name: draft.name });
                  }}
                  options={sample.inspection.sheets.map((s, i) => ({ value: i, label: s.name }))}
                />
              ) : null
            }
          >
            <div onKeyDown={onGridKey}>
              <PointingBar draft={draft} onPointing={made.setPointing} />
              <SheetGrid sheet={sheet} draft={draft} onPick={pick} />
              {sheet.truncated ? <p className="muted small">{t('wizard.truncated', { rows: sheet.rows.length, cols: sheet.rows[0]?.length ?? 0 })}</p> : null}
            </div>
          </Card>
          <LayoutForm
            draft={draft}
            update={made.update}
            preview={made.preview}
            agencies={agencies.value ?? []}
            busy={made.busy}
            ready={made.definition !== null}
            onPreview={() => void made.runPreview()}
            onSave={() => void made.save()}
          />
        </div>
      ) : null}
      {made.savedName ? (
        <Alert
          className="block"
          type="success"
          showIcon
          title={t('wizard.savedTitle', { name: made.savedName })}
          description={t('wizard.savedHint')}
          action={<Button href={hrefFor('intake')}>{t('overview.goIntake')}</Button>}
        />
      ) : null}
      {made.preview ? <PreviewCard preview={made.preview} choices={choices} /> : null}
    </div>
  );
}
