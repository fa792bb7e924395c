// Binds every Api method to its own IPC channel. Each handler first checks that the
// message comes from our own page (the app:// origin, main frame), then goes through
// the same dispatch as every transport: schema validation, service, { ok, … } result.
import fs from 'node:fs';
import path from 'node:path';
import { BrowserWindow, dialog, ipcMain, shell, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import { METHOD_NAMES, type FileBytes, type Handlers } from '../shared/api';
import type { OpenedOriginal, SaveResult } from '../shared/shell';
import { dispatch } from './app/dispatch';
import { API_CHANNEL_PREFIX, SHELL_CHANNELS } from './channels';
import { placeOriginal, safeName } from './originals';

export const APP_ORIGIN = 'app://tonghop';

/** Only the main frame of our own page may call; an iframe or a navigated page may not. */
export function isTrustedSender(frame: WebFrameMain | null): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

const REFUSED = { ok: false, error: { code: 'FORBIDDEN', message: 'Yêu cầu không đến từ giao diện của ứng dụng nên bị từ chối.' } } as const;

function isFileBytes(value: unknown): value is FileBytes {
  return typeof value === 'object' && value !== null && typeof (value as FileBytes).name === 'string' && (value as FileBytes).bytes instanceof Uint8Array;
}

/** The save dialog's file type, by the extension of the file the page hands over. */
const EXCEL_FILTER = { name: 'Sổ làm việc Excel', extensions: ['xlsx'] };
const SAVE_FILTERS: Record<string, { name: string; extensions: string[] }> = {
  xlsx: EXCEL_FILTER,
  docx: { name: 'Văn bản Word', extensions: ['docx'] },
  png: { name: 'Ảnh PNG', extensions: ['png'] },
};

/** A write refused by the system (the file open in Excel, a read-only folder, a full disk), in words. */
function writeFailed(target: string, err: unknown): { code: string; message: string } {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const why =
    code === 'EBUSY' || code === 'EPERM' || code === 'EACCES'
      ? 'tệp đang mở trong chương trình khác hoặc thư mục không cho ghi'
      : code === 'ENOSPC'
        ? 'ổ đĩa đã đầy'
        : 'hệ thống từ chối ghi tệp';
  return { code: 'SAVE_FAILED', message: `Không ghi được tệp ${target}: ${why}.` };
}

export interface IpcOptions {
  /** The app's own folder for files opened in their program (originals of reports). */
  openFolder: string;
}

export function registerIpc(handlers: Handlers, options: IpcOptions): void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(`${API_CHANNEL_PREFIX}${name}`, (event: IpcMainInvokeEvent, args: unknown) => (isTrustedSender(event.senderFrame) ? dispatch(handlers, name, args) : REFUSED));
  }

  const windowOf = (event: IpcMainInvokeEvent) => BrowserWindow.fromWebContents(event.sender) ?? undefined;

  ipcMain.handle(SHELL_CHANNELS.saveFile, async (event, file: unknown): Promise<SaveResult> => {
    if (!isTrustedSender(event.senderFrame) || !isFileBytes(file)) return { saved: false };
    const win = windowOf(event);
    const extension = path.extname(file.name).slice(1).toLowerCase();
    const filters = [SAVE_FILTERS[extension] ?? EXCEL_FILTER];
    const options = { defaultPath: safeName(file.name), filters };
    const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false };
    try {
      await fs.promises.writeFile(choice.filePath, file.bytes);
    } catch (err) {
      return { saved: false, error: writeFailed(choice.filePath, err) };
    }
    return { saved: true, path: choice.filePath };
  });

  ipcMain.handle(SHELL_CHANNELS.saveFilesToFolder, async (event, files: unknown): Promise<SaveResult> => {
    if (!isTrustedSender(event.senderFrame) || !Array.isArray(files) || !files.every(isFileBytes)) return { saved: false };
    const win = windowOf(event);
    const options = { title: 'Chọn thư mục lưu các tệp', properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
    const choice = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const folder = choice.filePaths[0];
    if (choice.canceled || !folder) return { saved: false };
    for (const file of files) {
      const target = path.join(folder, safeName(file.name));
      try {
        await fs.promises.writeFile(target, file.bytes);
      } catch (err) {
        return { saved: false, error: writeFailed(target, err) };
      }
    }
    return { saved: true, path: folder };
  });

  ipcMain.handle(SHELL_CHANNELS.openWorkbooks, async (event): Promise<FileBytes[] | null> => {
    if (!isTrustedSender(event.senderFrame)) return null;
    const win = windowOf(event);
    const options = {
      title: 'Chọn các tệp báo cáo',
      properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>,
      filters: [{ name: 'Sổ làm việc Excel', extensions: ['xlsx', 'xls'] }],
    };
    const choice = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    if (choice.canceled) return [];
    return Promise.all(choice.filePaths.map(async (file) => ({ name: path.basename(file).normalize('NFC'), bytes: new Uint8Array(await fs.promises.readFile(file)) })));
  });

  ipcMain.handle(SHELL_CHANNELS.showInFolder, (event, target: unknown) => {
    // Only a path that exists: a file is shown selected in the file manager, a folder
    // (where several files were saved) is opened; a file is never opened, never a URL.
    if (!isTrustedSender(event.senderFrame) || typeof target !== 'string' || !path.isAbsolute(target) || !fs.existsSync(target)) return;
    if (fs.statSync(target).isDirectory()) void shell.openPath(target);
    else shell.showItemInFolder(target);
  });

  // The system's print dialog for the page as it is (its print stylesheet decides what
  // goes on paper); the clerk chooses the printer, nothing is printed silently.
  ipcMain.handle(SHELL_CHANNELS.print, (event): Promise<void> | undefined => {
    if (!isTrustedSender(event.senderFrame)) return undefined;
    return new Promise<void>((resolve) => event.sender.print({ silent: false, printBackground: false }, () => resolve()));
  });

  ipcMain.handle(SHELL_CHANNELS.openOriginal, async (event, id: unknown): Promise<OpenedOriginal> => {
    if (!isTrustedSender(event.senderFrame)) return { saved: false, error: REFUSED.error };
    const placed = await placeOriginal(handlers, options.openFolder, id);
    if (!placed.ok) return { saved: false, error: placed.error };
    const failure = await shell.openPath(placed.path);
    return failure ? { saved: false, name: placed.name } : { saved: true, path: placed.path, name: placed.name };
  });
}
