// "Sửa số liệu" on a report already received (its current revision): the clerk picks
// an indicator the agency reports, or a task's status, sees what is on record, gives
// the value and the note. The new figure goes through the rule checks again; a check
// it breaks refuses it, and the clerk may then let it through with a reason and send
// it again (the reason is recorded with the report).
import { Alert, App, Input } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { AcceptanceInput } from '../../../shared/api';
import type { PlanDetail, Submission, SubmissionDetail, TaskStatus } from '../../../shared/domain';
import type { ApiError } from '../../../shared/errors';
import type { Problem } from '../../../shared/problems';
import { api } from '../../api';
import { useT } from '../../i18n';
import { useApiErrorText } from '../../lib/api-message';
import { correctableFields, targetOf } from '../../lib/corrections';
import { formatFigure } from '../../lib/format';
import { CorrectionModal, type CorrectionValue } from './CorrectionModal';

type Acceptance = Omit<AcceptanceInput, 'agency'>;

/** What a field holds in a report on record, as the clerk reads it; null when blank. */
export function recordedValue(detail: SubmissionDetail, field: string, kindOf: (code: string) => string, t: ReturnType<typeof useT>): string | null {
  const target = targetOf(field);
  if (!target) return null;
  if (target.kind === 'status') {
    const status = detail.taskReports.find((r) => r.taskCode === target.code)?.status;
    return status ? t(`taskStatus.${status as TaskStatus}`) : null;
  }
  const v = detail.values.find((x) => x.indicatorCode === target.code);
  if (!v) return null;
  if (v.number === null) return v.text ?? null;
  const kind = kindOf(target.code);
  return formatFigure(v.number, kind === 'integer' || kind === 'percent' ? kind : 'decimal');
}

export function ReceivedCorrection({ submission, agency, plan, onDone, onCancel }: { submission: Submission | null; agency: string; plan: PlanDetail | null; onDone: () => void; onCancel: () => void }) {
  return submission && plan ? <CorrectionOnRecord key={submission.id} submission={submission} agency={agency} plan={plan} onDone={onDone} onCancel={onCancel} /> : null;
}

function CorrectionOnRecord({ submission, agency, plan, onDone, onCancel }: { submission: Submission; agency: string; plan: PlanDetail; onDone: () => void; onCancel: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const fields = useMemo(() => correctableFields(plan, submission.agencyCode), [plan, submission.agencyCode]);
  const kinds = useMemo(() => new Map(fields.map((f) => [f.code, f.kind])), [fields]);
  const [detail, setDetail] = useState<SubmissionDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const errorText = useApiErrorText();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    void api['submissions.get']({ id: submission.id }).then((r) => {
      if (!live) return;
      if (r.ok) setDetail(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [submission.id]);

  // The checks that refused the last try and may be let through with a reason.
  const refused: Problem[] = Array.isArray(error?.details) ? (error.details as Problem[]).filter((p) => p.remedy === 'accept' && p.severity === 'error' && p.rule && p.indicator) : [];
  const keyOf = (p: Problem) => `${p.rule ?? ''}-${p.indicator ?? ''}-${p.against ?? ''}`.replace(/[^\w-]/gu, '_');

  const save = async (value: CorrectionValue) => {
    setSaving(true);
    const accept: Acceptance[] = refused
      .filter((p) => (reasons[keyOf(p)] ?? '').trim() !== '')
      .map((p) => ({ rule: p.rule ?? '', indicator: p.indicator ?? '', ...(p.against ? { against: p.against } : {}), reason: (reasons[keyOf(p)] ?? '').trim() }));
    const r = await api['submissions.correct']({ id: submission.id, correction: value, ...(accept.length > 0 ? { accept } : {}) });
    setSaving(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    void message.success(t('intake.correctionSaved', { agency }));
    onDone();
  };

  return (
    <CorrectionModal
      open
      title={t('correction.title', { agency })}
      fields={fields}
      context={<p className="wrap">{t('correction.onRecord', { revision: submission.revision })}</p>}
      contextTone="plain"
      current={detail ? (field) => recordedValue(detail, field, (code) => kinds.get(code) ?? 'decimal', t) : undefined}
      okText={t('correction.save')}
      busy={saving}
      onOk={(value) => void save(value)}
      onCancel={onCancel}
      onFieldChange={() => {
        setError(null);
        setReasons({});
      }}
    >
      {/* The refusal in one line: the dialog stays short enough to reach its buttons. */}
      {error ? <Alert type="error" showIcon role="alert" className="correction-refusal" title={<span className="wrap">{errorText(error)}</span>} /> : null}
      {refused.length > 0 ? (
        <div className="correction-refusal">
          <p className="muted small">{t('correction.acceptHint')}</p>
          {refused.map((p) => (
            <div key={keyOf(p)} className="correction-row">
              <label htmlFor={`accept-${keyOf(p)}`} className="field-label">
                {t('correction.acceptReason', { indicator: p.indicator ?? '' })}
              </label>
              <Input.TextArea
                id={`accept-${keyOf(p)}`}
                rows={2}
                maxLength={1000}
                placeholder={t('accept.placeholder')}
                value={reasons[keyOf(p)] ?? ''}
                onChange={(e) => setReasons({ ...reasons, [keyOf(p)]: e.target.value })}
              />
            </div>
          ))}
        </div>
      ) : null}
    </CorrectionModal>
  );
}
