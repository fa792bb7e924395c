// After a save, the one way the clerk is told what happened: the file's name and the
// folder it went into, with "Mở thư mục" on the desktop; in a browser, that the browser
// put it in its downloads folder; a cancelled dialog saved nothing; a failure says why.
// Loaded by hooks/useSaveFile.ts once a save is done.
import { Button } from 'antd';
import type { NotificationInstance } from 'antd/es/notification/interface';
import { createElement } from 'react';
import type { SaveResult } from '../../shared/shell';
import { shell } from '../api';
import { loadAllMessages, useT } from '../i18n';
import { describeSave, type SavedNoticeData } from './savedNotice';

/** The notice's heading (one sentence). */
export function SavedTitle({ notice }: { notice: SavedNoticeData }) {
  const t = useT();
  return <span className="saved-title">{t(notice.key, notice.params)}</span>;
}

/** The reason of a failure, if any. */
export function SavedDescription({ notice }: { notice: SavedNoticeData }) {
  return notice.reason ? <span className="saved-reason">{notice.reason}</span> : null;
}

/** "Mở thư mục", only when the desktop said where the file went. */
export function ShowInFolderButton({ notice }: { notice: SavedNoticeData }) {
  const t = useT();
  const target = notice.open;
  if (!target) return null;
  return (
    <Button size="small" onClick={() => void shell.showInFolder(target)}>
      {t('forms.showInFolder')}
    </Button>
  );
}

/** Says what a save did, in one notice; the outcome for the caller. */
export async function tellSaved(notification: NotificationInstance, result: SaveResult, what: { name: string; count?: number }): Promise<'saved' | 'cancelled' | 'failed'> {
  // Its words are not the first screen's: they come with the rest of Vietnamese.
  await loadAllMessages();
  const notice = describeSave(result, shell.kind, what);
  void notification[notice.tone]({
    title: createElement(SavedTitle, { notice }),
    description: notice.reason ? createElement(SavedDescription, { notice }) : undefined,
    actions: notice.open ? createElement(ShowInFolderButton, { notice }) : undefined,
    duration: notice.open || notice.tone === 'error' ? false : 6,
    placement: 'bottomRight',
    className: 'saved-notice',
    // A saved file is news, not an emergency: a screen reader says it when idle; a failure interrupts.
    role: notice.tone === 'error' ? 'alert' : 'status',
  });
  return notice.tone === 'success' ? 'saved' : notice.tone === 'info' ? 'cancelled' : 'failed';
}
