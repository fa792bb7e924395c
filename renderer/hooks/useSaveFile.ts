// Saving a file the Api made, the same way on every screen: through the shell (a save
// dialog on the desktop, a download in a browser), then one notice saying what happened
// and where (components/SavedNotice.tsx). The notice with "Mở thư mục" stays until
// closed, so the clerk has time to press it.
// antd's App.useApp without its App component, which would bring message and modal onto the first screen.
import useApp from 'antd/es/app/useApp';
import { useCallback } from 'react';
import type { FileBytes } from '../../shared/api';
import type { SaveResult } from '../../shared/shell';
import { shell } from '../api';

export type SaveOutcome = 'saved' | 'cancelled' | 'failed';

export function useSaveFile(): {
  /** One file: a save dialog or a download. */
  saveFile(file: FileBytes): Promise<SaveOutcome>;
  /** Several files: into a chosen folder on the desktop, one zip named `zipName` in a browser. */
  saveFiles(files: FileBytes[], zipName: string): Promise<SaveOutcome>;
} {
  const { notification } = useApp();

  const run = useCallback(
    async (what: { name: string; count?: number }, save: () => Promise<SaveResult>): Promise<SaveOutcome> => {
      let result: SaveResult;
      try {
        result = await save();
      } catch (err) {
        result = { saved: false, error: { code: 'UI', message: err instanceof Error ? err.message : String(err) } };
      }
      // The notice's words load after the save, not with the first screen (Tổng quan saves too).
      const { tellSaved } = await import('../components/SavedNotice');
      return tellSaved(notification, result, what);
    },
    [notification],
  );

  return {
    saveFile: useCallback((file: FileBytes) => run({ name: file.name }, () => shell.saveFile(file)), [run]),
    saveFiles: useCallback((files: FileBytes[], zipName: string) => run({ name: zipName, count: files.length }, () => shell.saveFiles(files, zipName)), [run]),
  };
}
