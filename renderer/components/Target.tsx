import { Tag } from 'antd';
import type { IndicatorConsolidation } from '../../shared/api';
import { useT } from '../i18n';
import { formatFigure } from '../lib/format';

/** "≥ 90%" for a floor, "≤ 5" for a ceiling, with "Đạt" / "Chưa đạt"; a dash when the plan sets no target. */
export function TargetCell({ indicator: i }: { indicator: Pick<IndicatorConsolidation, 'target' | 'targetDirection' | 'kind' | 'targetMet'> }) {
  const t = useT();
  if (i.target === null) return <span className="muted">{t('common.dash')}</span>;
  const value = formatFigure(i.target, i.kind);
  return (
    <span className="target-cell">
      <span>{i.targetDirection === 'max' ? t('target.max', { value }) : t('target.min', { value })}</span>
      {i.targetMet === null ? null : i.targetMet ? <Tag color="green">{t('target.met')}</Tag> : <Tag color="red">{t('target.notMet')}</Tag>}
    </span>
  );
}
