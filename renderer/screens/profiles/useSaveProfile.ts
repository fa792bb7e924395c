// Saving a layout profile as the clerk expects: a name already taken is never replaced
// silently; the Api refuses it (PROFILE_EXISTS) and the clerk is asked whether to replace
// the saved one, then it is sent again with replace. Used by the wizard and by import.
import { App } from 'antd';
import { createElement, useCallback } from 'react';
import type { ApiResult } from '../../../shared/errors';
import type { LayoutProfileSummary } from '../../../shared/profiles';
import { useT, type MessageKey } from '../../i18n';

/** What a save or an import is, given whether to replace a profile of the same name. */
export type ProfileWrite = (replace: boolean) => Promise<ApiResult<LayoutProfileSummary>>;

/** Null when the clerk chose not to replace; the name to ask about comes from the refusal's message. */
export function useSaveProfile(): (write: ProfileWrite, name: string, hint?: MessageKey) => Promise<ApiResult<LayoutProfileSummary> | null> {
  const t = useT();
  const { modal } = App.useApp();
  return useCallback(
    async (write, name, hint = 'profiles.replaceHint') => {
      const first = await write(false);
      if (first.ok || first.error.code !== 'PROFILE_EXISTS') return first;
      const replace = await modal.confirm({
        title: t('profiles.replaceAsk', { name }),
        content: createElement('span', { className: 'small muted' }, t(hint)),
        okText: t('profiles.replaceOk'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        width: 560,
      });
      return replace ? write(true) : null;
    },
    [modal, t],
  );
}
