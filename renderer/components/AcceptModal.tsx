// "Chấp nhận có lý do": a rule check that refuses a report (a cumulative figure that
// falls, a numerator above its denominator) let through because the figure is right,
// with the reason (required): it is recorded with the report, and the check then shows
// as a warning carrying that reason wherever the figure appears.
import { Input, Modal } from 'antd';
import { useState } from 'react';
import type { Problem } from '../../shared/problems';
import { useT } from '../i18n';
import { ProblemText } from '../lib/api-message';

export function AcceptModal({ problem, busy, onOk, onCancel }: { problem: Problem | null; busy?: boolean; onOk: (reason: string) => void; onCancel: () => void }) {
  return problem ? <AcceptForm key={`${problem.rule ?? ''}|${problem.indicator ?? ''}|${problem.agency ?? ''}`} problem={problem} busy={busy} onOk={onOk} onCancel={onCancel} /> : null;
}

function AcceptForm({ problem, busy, onOk, onCancel }: { problem: Problem; busy?: boolean; onOk: (reason: string) => void; onCancel: () => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const ready = reason.trim() !== '';
  return (
    <Modal
      open
      title={t('accept.title', { indicator: problem.indicator ?? '' })}
      okText={t('accept.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !ready, loading: busy === true }}
      onOk={() => ready && onOk(reason.trim())}
      onCancel={onCancel}
      width={620}
      destroyOnHidden
    >
      <p className="wrap">
        <ProblemText problem={problem} />
      </p>
      <label htmlFor="accept-reason" className="field-label">
        {t('accept.reason')}
      </label>
      <Input.TextArea id="accept-reason" autoFocus rows={3} maxLength={1000} value={reason} placeholder={t('accept.placeholder')} onChange={(e) => setReason(e.target.value)} aria-describedby="accept-hint" />
      <p id="accept-hint" className="muted small modal-note">
        {t('accept.hint')}
      </p>
    </Modal>
  );
}
