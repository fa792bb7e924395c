// "Tạo dự thảo báo cáo (.docx)": the period's written report, drafted from the same
// consolidation the screen shows, in the heading style of Cài đặt, with its number and
// date; saved where the clerk chooses (a download in a browser).
import { Modal } from 'antd';
import { useState } from 'react';
import type { Period } from '../../../shared/domain';
import type { ApiError } from '../../../shared/errors';
import { api } from '../../api';
import { BusyNote } from '../../components/BusyNote';
import { useSaveFile } from '../../hooks/useSaveFile';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useT } from '../../i18n';
import { todayIso } from '../../state/period';
import { DocumentFields } from './DocumentFields';
import { documentArgs, loadReportNumber, storeReportNumber } from './reportNumber';
import './documents.css';

export function ReportDialog({ period, open, onClose }: { period: Period; open: boolean; onClose: () => void }) {
  return open ? <ReportForm period={period} onClose={onClose} /> : null;
}

function ReportForm({ period, onClose }: { period: Period; onClose: () => void }) {
  const t = useT();
  const { saveFile } = useSaveFile();
  const stored = loadReportNumber(period.code);
  const [number, setNumber] = useState(stored?.number ?? '');
  const [date, setDate] = useState<string | null>(stored?.date ?? todayIso());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const create = async () => {
    setBusy(true);
    setError(null);
    const value = { number: number.trim(), date };
    const r = await api['documents.report']({ period: period.code, ...documentArgs(value) });
    if (!r.ok) {
      setBusy(false);
      return setError(r.error);
    }
    storeReportNumber(period.code, value);
    const outcome = await saveFile(r.value);
    setBusy(false);
    // A cancelled or failed save keeps the dialog open, so the clerk can try again.
    if (outcome === 'saved') onClose();
  };

  return (
    <Modal
      open
      title={t('report.title', { period: period.label })}
      okText={t('report.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, disabled: date === null }}
      onOk={() => void create()}
      onCancel={onClose}
      width={560}
      destroyOnHidden
    >
      <p className="doc-intro">{t('report.intro', { period: period.label })}</p>
      <DocumentFields number={number} date={date} onNumber={setNumber} onDate={setDate} example="45-BC/BCĐ" />
      <p className="muted small">{t('report.annex')}</p>
      <BusyNote what={'busy.report'} active={busy} />
      {error ? <ApiErrorAlert error={error} /> : null}
    </Modal>
  );
}
