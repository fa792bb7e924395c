// The Api's error: its message tells the clerk what to do, in English by its code when one is chosen.
import { Alert, Button } from 'antd';
import type { ApiError } from '../../shared/errors';
import { useT } from '../i18n';
import { useApiErrorText } from '../lib/api-message';

export function ApiErrorAlert({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const t = useT();
  const text = useApiErrorText();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('common.errorTitle')}
      description={text(error)}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
      className="api-error"
    />
  );
}
