// The bridge between the sandboxed page and the main process. It exposes exactly the
// Api methods (one IPC channel each, derived from the contract) and the small Shell
// capability — never ipcRenderer itself or a generic invoke(channel, …).
import { contextBridge, ipcRenderer } from 'electron';
import { METHOD_NAMES, type Api } from '../shared/api';
import type { DesktopBridge } from '../shared/shell';
import { API_CHANNEL_PREFIX, SHELL_CHANNELS } from './channels';

const api = Object.fromEntries(METHOD_NAMES.map((name) => [name, (args: unknown) => ipcRenderer.invoke(`${API_CHANNEL_PREFIX}${name}`, args)])) as unknown as Api;

const bridge = {
  api,
  shell: {
    saveFile: (file) => ipcRenderer.invoke(SHELL_CHANNELS.saveFile, file),
    saveFilesToFolder: (files) => ipcRenderer.invoke(SHELL_CHANNELS.saveFilesToFolder, files),
    openWorkbooks: () => ipcRenderer.invoke(SHELL_CHANNELS.openWorkbooks),
    showInFolder: (path) => ipcRenderer.invoke(SHELL_CHANNELS.showInFolder, path),
    openOriginal: (id) => ipcRenderer.invoke(SHELL_CHANNELS.openOriginal, id),
    print: () => ipcRenderer.invoke(SHELL_CHANNELS.print),
  },
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('tonghop', bridge);
