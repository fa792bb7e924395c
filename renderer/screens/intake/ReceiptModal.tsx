// "Sửa ngày nhận": the day a report really reached the office, and its incoming
// document's number and date, put right after it was recorded (a paper copy found
// stamped a day earlier, a number typed wrong). Lateness follows the new day; the
// change is kept in the audit log.
import { App, Input, Modal } from 'antd';
import { useState } from 'react';
import { localDate } from '../../../shared/dates';
import type { Period, Submission } from '../../../shared/domain';
import type { ApiError } from '../../../shared/errors';
import { formatDateVi } from '../../../shared/numbers';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { DateField } from '../admin/DateField';
import { useT } from '../../i18n';

export function ReceiptModal({ submission, agency, period, onDone, onCancel }: { submission: Submission | null; agency: string; period: Period; onDone: () => void; onCancel: () => void }) {
  return submission ? <ReceiptForm key={submission.id} submission={submission} agency={agency} period={period} onDone={onDone} onCancel={onCancel} /> : null;
}

function ReceiptForm({ submission, agency, period, onDone, onCancel }: { submission: Submission; agency: string; period: Period; onDone: () => void; onCancel: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const today = localDate(new Date());
  const [receivedOn, setReceivedOn] = useState(submission.receivedOn);
  const [documentNumber, setDocumentNumber] = useState(submission.documentNumber ?? '');
  const [documentDate, setDocumentDate] = useState(submission.documentDate ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const future = receivedOn > today;
  const ready = receivedOn !== '' && !future;

  const save = async () => {
    if (!ready) return;
    setSaving(true);
    const r = await api['submissions.updateReceipt']({ id: submission.id, receivedOn, documentNumber: documentNumber.trim() || null, documentDate: documentDate || null });
    setSaving(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    void message.success(t('intake.receiptSaved', { agency }));
    onDone();
  };

  return (
    <Modal
      open
      title={t('intake.receiptTitle', { agency })}
      okText={t('intake.receiptOk')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !ready, loading: saving }}
      onOk={() => void save()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <div className="correction-row">
        <label htmlFor="receipt-received" className="field-label">
          {t('col.receivedOn')}
        </label>
        <DateField id="receipt-received" value={receivedOn} status={future ? 'error' : undefined} aria-describedby="receipt-received-hint" onChange={(iso) => setReceivedOn(iso ?? '')} />
        <div id="receipt-received-hint" className={future ? 'field-error' : 'muted small'} role={future ? 'alert' : undefined}>
          {future ? t('intake.dateInFuture', { today: formatDateVi(today) }) : t('intake.receiptHint', { due: formatDateVi(period.due) })}
        </div>
      </div>
      <div className="correction-row">
        <label htmlFor="receipt-docnumber" className="field-label">
          {t('entry.documentNumber')}
        </label>
        <Input id="receipt-docnumber" maxLength={100} placeholder="123/BC-CAT" value={documentNumber} onChange={(e) => setDocumentNumber(e.target.value)} />
      </div>
      <div className="correction-row">
        <label htmlFor="receipt-docdate" className="field-label">
          {t('entry.documentDate')}
        </label>
        <DateField id="receipt-docdate" allowClear value={documentDate || null} onChange={(iso) => setDocumentDate(iso ?? '')} />
      </div>
      {error ? <ApiErrorAlert error={error} /> : null}
      <p className="muted small modal-note">{t('intake.receiptContext', { revision: submission.revision, period: period.label })}</p>
    </Modal>
  );
}
