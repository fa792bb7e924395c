// Binds every Api method to its own IPC channel. Each handler first checks that the
// message comes from our own page (the app:// origin, main frame), then goes through
// the same dispatch as every transport: schema validation, service, { ok, … } result.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BrowserWindow, dialog, ipcMain, shell, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import { METHOD_NAMES, type FileBytes, type Handlers } from '../shared/api';
import type { SaveResult } from '../shared/shell';
import { dispatch } from './app/dispatch';
import { API_CHANNEL_PREFIX, SHELL_CHANNELS } from './channels';

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

/** A name from the page becomes a plain file name: no folders, nothing Windows refuses. */
function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what Windows refuses in names
  return path.basename(name).replace(/[<>:"/\\|?*\u0000-\u001f]/gu, '_') || 'tep.xlsx';
}

/**
 * Only a workbook without macros is handed to the system to open: any other name gets
 * ".xlsx", so no name from the page can make the system run a program (a ".bat", a
 * ".lnk") and Excel never runs a macro workbook under its own extension.
 */
const OPENABLE = new Set(['.xlsx']);

/**
 * On Windows the copy is marked as coming from elsewhere (the Mark of the Web), so Excel
 * opens an agency's file in Protected View, as it would a download or an e-mail
 * attachment. Not every volume keeps the mark (FAT on a USB stick); then it is simply absent.
 */
async function markAsFromElsewhere(file: string): Promise<void> {
  if (process.platform !== 'win32') return;
  try {
    await fs.promises.writeFile(`${file}:Zone.Identifier`, '[ZoneTransfer]\r\nZoneId=3\r\n');
  } catch {
    // No alternate data streams on this volume.
  }
}

function openableName(name: string): string {
  const safe = safeName(name);
  return OPENABLE.has(path.extname(safe).toLowerCase()) ? safe : `${safe}.xlsx`;
}

async function sameBytes(file: string, bytes: Uint8Array): Promise<boolean> {
  try {
    return Buffer.from(bytes).equals(await fs.promises.readFile(file));
  } catch {
    return false;
  }
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
    const filters = extension === 'png' ? [{ name: 'Ảnh PNG', extensions: ['png'] }] : [{ name: 'Sổ làm việc Excel', extensions: ['xlsx'] }];
    const options = { defaultPath: safeName(file.name), filters };
    const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false };
    await fs.promises.writeFile(choice.filePath, file.bytes);
    return { saved: true, path: choice.filePath };
  });

  ipcMain.handle(SHELL_CHANNELS.saveFilesToFolder, async (event, files: unknown): Promise<SaveResult> => {
    if (!isTrustedSender(event.senderFrame) || !Array.isArray(files) || !files.every(isFileBytes)) return { saved: false };
    const win = windowOf(event);
    const options = { title: 'Chọn thư mục lưu biểu mẫu', properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
    const choice = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const folder = choice.filePaths[0];
    if (choice.canceled || !folder) return { saved: false };
    for (const file of files) await fs.promises.writeFile(path.join(folder, safeName(file.name)), file.bytes);
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
    // Only a path that exists, shown in the file manager; never opened, never a URL.
    if (isTrustedSender(event.senderFrame) && typeof target === 'string' && path.isAbsolute(target) && fs.existsSync(target)) shell.showItemInFolder(target);
  });

  ipcMain.handle(SHELL_CHANNELS.openFile, async (event, file: unknown): Promise<SaveResult> => {
    if (!isTrustedSender(event.senderFrame) || !isFileBytes(file)) return { saved: false };
    // One folder per content: the same original opens from the same place, and a copy
    // still open in Excel (locked on Windows) is not overwritten by another file's bytes.
    const folder = path.join(options.openFolder, createHash('sha256').update(file.bytes).digest('hex').slice(0, 16));
    const target = path.join(folder, openableName(file.name));
    try {
      await fs.promises.mkdir(folder, { recursive: true });
      // A copy the clerk changed in Excel is put back to what the agency sent.
      if (!(await sameBytes(target, file.bytes))) await fs.promises.writeFile(target, file.bytes);
      await markAsFromElsewhere(target);
    } catch {
      return { saved: false };
    }
    const failure = await shell.openPath(target);
    return failure ? { saved: false } : { saved: true, path: target };
  });
}
