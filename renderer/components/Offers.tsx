// No dead ends: where a screen lacks something the clerk can make (a plan's tasks, an
// agency that reports), it says what is missing and offers the place to make it.
import { Button } from 'antd';
import { useT } from '../i18n';
import { hrefFor } from '../state/useRoute';
import { EmptyState } from './EmptyState';

/** Links to the places that make what is missing. */
export const OFFER_HREF = {
  /** Đơn vị with its "Thêm đơn vị" form open. */
  addAgency: hrefFor('agencies', { add: '1' }),
  plan: hrefFor('plan'),
  /** Cài đặt at its backups, where a backup is restored. */
  restore: hrefFor('settings', { section: 'backups' }),
  /** Mẫu bố cục with the wizard open on a new profile. */
  newProfile: hrefFor('profiles', { new: '1' }),
};

/** No plan at all: the app cannot make a whole plan, but a backup brings one back. */
export function NoPlan() {
  const t = useT();
  return (
    <EmptyState title={t('plan.none')} hint={t('plan.noneHint')}>
      <Button type="primary" href={OFFER_HREF.restore}>
        {t('offer.restore')}
      </Button>
    </EmptyState>
  );
}

/**
 * No agency has to report in the period: an agency reports once it exists and is given a
 * task or an indicator in the plan, so both places are offered.
 */
export function NoAgenciesToReport({ year }: { year: number }) {
  const t = useT();
  return (
    <EmptyState title={t('forms.noAgencies')} hint={t('offer.noAgenciesHint', { year: String(year) })}>
      <div className="button-row">
        <Button type="primary" href={OFFER_HREF.addAgency}>
          {t('agencies.add')}
        </Button>
        <Button href={OFFER_HREF.plan}>{t('offer.assignInPlan')}</Button>
      </div>
    </EmptyState>
  );
}
