// The Api's error, shown as it is: its message is Vietnamese and tells the clerk what to do.
import { Alert, Button } from 'antd';
import type { ApiError } from '../../shared/errors';
import { useT } from '../i18n';

export function ApiErrorAlert({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('common.errorTitle')}
      description={error.message}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
      className="api-error"
    />
  );
}
