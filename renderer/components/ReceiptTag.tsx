import { Tag } from 'antd';
import type { ReceiptState } from '../../shared/api';
import { useT } from '../i18n';

export const RECEIPT_COLOURS: Record<ReceiptState, string> = {
  on_time: 'green',
  late: 'orange',
  returned: 'magenta',
  missing: 'red',
};

export function ReceiptTag({ state }: { state: ReceiptState }) {
  const t = useT();
  return <Tag color={RECEIPT_COLOURS[state]}>{t(`receipt.${state}`)}</Tag>;
}
