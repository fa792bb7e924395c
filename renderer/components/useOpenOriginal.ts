// A report's original file, opened in its own program (desktop) or downloaded (browser),
// with the same words wherever the clerk asks for it (Nhận báo cáo, Tổng hợp).
import { App } from 'antd';
import type { ApiError } from '../../shared/errors';
import { shell } from '../api';
import { useT } from '../i18n';

export function useOpenOriginal(onError: (e: ApiError) => void): (submissionId: number) => Promise<void> {
  const t = useT();
  const { message } = App.useApp();
  return async (id) => {
    const opened = await shell.openOriginal(id);
    if (opened.error) return onError(opened.error);
    const name = opened.name ?? '';
    if (!opened.saved) void message.error(t('intake.originalNotOpened', { name }));
    else void message.success(shell.kind === 'desktop' ? t('intake.originalOpened', { name }) : t('intake.originalDownloaded', { name }));
  };
}
