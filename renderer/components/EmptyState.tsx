import { Button, Card, Empty } from 'antd';
import { useT } from '../i18n';
import { useSession } from '../state/SessionContext';
import { hrefFor } from '../state/useRoute';
import type { ReactNode } from 'react';

/** A clear "nothing here yet" with what to do next, instead of an empty table. */
export function EmptyState({ title, hint, children }: { title: string; hint?: string; children?: ReactNode }) {
  return (
    <Empty
      className="empty-state"
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <div role="status">
          <div className="empty-title">{title}</div>
          {hint ? <div className="empty-hint">{hint}</div> : null}
        </div>
      }
    >
      {children}
    </Empty>
  );
}

/** The period has no report yet: say so, and point at the two steps that fill it. */
export function NoReportsYet() {
  const t = useT();
  const { canWrite } = useSession();
  return (
    <Card className="block">
      <EmptyState title={t('common.emptyPeriod')} hint={canWrite ? t('overview.emptyHint') : undefined}>
        <div className="button-row">
          <Button type="primary" href={hrefFor('forms')}>
            {t('overview.goForms')}
          </Button>
          {canWrite ? <Button href={hrefFor('intake')}>{t('overview.goIntake')}</Button> : null}
        </div>
      </EmptyState>
    </Card>
  );
}
