// Native conveniences the desktop shell offers beside the Api: open and save dialogs,
// "show in folder" and opening a file in its own program. Browser mode has fallbacks
// (file input, downloads), so the UI calls one interface either way.
import type { Api, FileBytes } from './api';
import type { ApiError } from './errors';

export interface SaveResult {
  saved: boolean;
  /** Where it went, when the shell knows (desktop). */
  path?: string;
  /** Why nothing was saved when the writing failed (not set when the dialog was cancelled). */
  error?: ApiError;
}

export interface OpenedOriginal extends SaveResult {
  /** The file's name as the agency sent it, when it was found. */
  name?: string;
}

export interface Shell {
  readonly kind: 'desktop' | 'browser';
  /** Save one file: a save dialog on the desktop, a download in a browser. */
  saveFile(file: FileBytes): Promise<SaveResult>;
  /** Save several files: into a chosen folder on the desktop, one zip download in a browser. */
  saveFiles(files: FileBytes[], zipName: string): Promise<SaveResult>;
  /** Choose workbooks to import: an open dialog on the desktop. Null in a browser (use an <input type=file>). */
  openWorkbooks(): Promise<FileBytes[] | null>;
  /** Show a saved file in the system's file manager, or open a folder (desktop only). */
  showInFolder(path: string): Promise<void>;
  /**
   * Open a report's original file in its own program (Excel) without asking where to
   * save it: the desktop's main process fetches it and writes it into a folder of the
   * app's own first (the page names only the report); a browser downloads it.
   */
  openOriginal(submissionId: number): Promise<OpenedOriginal>;
  /**
   * Print the page as it is on screen, through the print stylesheet: the system's print
   * dialog on the desktop (webContents.print), the browser's own in a browser.
   */
  print(): Promise<void>;
}

/** What the preload script exposes on window (Electron); absent in a browser. */
export interface DesktopBridge {
  api: Api;
  shell: Omit<Shell, 'kind' | 'saveFiles'> & { saveFilesToFolder(files: FileBytes[]): Promise<SaveResult> };
}
