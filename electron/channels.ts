// IPC channel names, shared by preload.ts and ipc.ts: one per Api method, plus the Shell.
export const API_CHANNEL_PREFIX = 'api:';

export const SHELL_CHANNELS = {
  saveFile: 'shell:save-file',
  saveFilesToFolder: 'shell:save-files-to-folder',
  openWorkbooks: 'shell:open-workbooks',
  showInFolder: 'shell:show-in-folder',
  openOriginal: 'shell:open-original',
  print: 'shell:print',
} as const;
