// Thôi áp dụng: a task or an indicator stops applying from a day the clerk picks (today
// unless told otherwise). Periods that began before that day keep it in their forms and
// their consolidation; periods that begin on or after it do not (shared/domain.ts, planForPeriod).
import { Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { todayIso } from '../../state/period';
import { DateField } from '../admin/DateField';
import '../admin/admin.css';

export interface Retiring {
  kind: 'task' | 'indicator';
  code: string;
}

export function RetireDialog({ retiring, onConfirm, onCancel }: { retiring: Retiring | null; onConfirm: (on: string) => void; onCancel: () => void }) {
  const t = useT();
  const [on, setOn] = useState<string | null>(todayIso());
  useEffect(() => {
    if (retiring) setOn(todayIso());
  }, [retiring]);
  const code = retiring?.code ?? '';
  return (
    <Modal
      open={retiring !== null}
      title={retiring?.kind === 'task' ? t('plan.retireTaskAsk', { code }) : t('plan.retireIndicatorAsk', { code })}
      okText={t('plan.retire')}
      okButtonProps={{ danger: true, disabled: on === null }}
      cancelText={t('common.cancel')}
      onOk={() => on && onConfirm(on)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <div className="retire-day">
        <label htmlFor="retire-on">{t('plan.retireOn')}</label>
        <DateField id="retire-on" value={on} onChange={setOn} />
      </div>
      <p className="card-hint">{t('plan.retireHint', { code })}</p>
    </Modal>
  );
}
