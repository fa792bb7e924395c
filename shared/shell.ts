// Native conveniences the desktop shell offers beside the Api: open and save dialogs,
// "show in folder" and opening a file in its own program. Browser mode has fallbacks
// (file input, downloads), so the UI calls one interface either way.
import type { Api, FileBytes } from './api';

export interface SaveResult {
  saved: boolean;
  /** Where it went, when the shell knows (desktop). */
  path?: string;
}

export interface Shell {
  readonly kind: 'desktop' | 'browser';
  /** Save one file: a save dialog on the desktop, a download in a browser. */
  saveFile(file: FileBytes): Promise<SaveResult>;
  /** Save several files: into a chosen folder on the desktop, one zip download in a browser. */
  saveFiles(files: FileBytes[], zipName: string): Promise<SaveResult>;
  /** Choose workbooks to import: an open dialog on the desktop. Null in a browser (use an <input type=file>). */
  openWorkbooks(): Promise<FileBytes[] | null>;
  /** Show a saved file in the system's file manager (desktop only). */
  showInFolder(path: string): Promise<void>;
  /**
   * Open a workbook in its own program (Excel) without asking where to save it: the
   * desktop writes it into a folder of the app's own first; a browser downloads it.
   */
  openFile(file: FileBytes): Promise<SaveResult>;
}

/** What the preload script exposes on window (Electron); absent in a browser. */
export interface DesktopBridge {
  api: Api;
  shell: Omit<Shell, 'kind' | 'saveFiles'> & { saveFilesToFolder(files: FileBytes[]): Promise<SaveResult> };
}
