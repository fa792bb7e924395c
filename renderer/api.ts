// The renderer's one door to the Node side. In the desktop app the preload script
// exposes `window.tonghop` (IPC); in browser mode the same Api goes over HTTP on
// 127.0.0.1 with the per-run token. Either way the UI calls `api[method](args)` and
// gets { ok, value } | { ok: false, error } with a Vietnamese message.
import type { Api, ArgsOf, FileBytes, MethodName } from '../shared/api';
import type { ApiResult } from '../shared/errors';
import type { DesktopBridge, OpenedOriginal, SaveResult, Shell } from '../shared/shell';
import { fromWire, toWire } from '../shared/wire';
import { NETWORK_ERROR } from './lib/screen-error';

declare global {
  interface Window {
    tonghop?: DesktopBridge;
  }
}

const TOKEN_KEY = 'tonghop.token';

/** The token arrives once in the URL (?token=…); it is kept for the tab and removed from the address bar. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}


function httpApi(): Api {
  const token = takeToken();
  const call = async (name: MethodName, args: unknown): Promise<ApiResult<unknown>> => {
    try {
      const response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Tonghop-Token': token },
        body: JSON.stringify(toWire(args ?? {})),
      });
      const body = fromWire(await response.json()) as ApiResult<unknown>;
      return body;
    } catch {
      return { ok: false, error: { code: 'NETWORK', message: NETWORK_ERROR } };
    }
  };
  // A batch of workbooks goes digest-first (renderer/lib/intake-upload.ts), loaded with the
  // intake screen rather than the first one.
  return byName(async (name, args) => {
    if (name !== 'intake.import') return call(name, args);
    const { importOverHttp } = await import('./lib/intake-upload');
    return importOverHttp(call, args as ArgsOf<'intake.import'>);
  });
}

/**
 * The Api with each method made on first use. The renderer needs the Api's types only:
 * its schemas (and zod with them) stay with the server side, out of the script the
 * first screen waits for. A method the server does not know is refused there.
 */
function byName(call: (name: MethodName, args: unknown) => Promise<ApiResult<unknown>>): Api {
  const made = new Map<string, (args: unknown) => Promise<ApiResult<unknown>>>();
  return new Proxy({} as Api, {
    get: (_, name) => {
      // Not a thenable, not a symbol: only method names are methods.
      if (typeof name !== 'string' || name === 'then') return undefined;
      let method = made.get(name);
      if (!method) {
        method = (args: unknown) => call(name as MethodName, args);
        made.set(name, method);
      }
      return method;
    },
  });
}

const MIME_TYPES: Record<string, string> = {
  zip: 'application/zip',
  png: 'image/png',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

function mimeOf(name: string): string {
  return MIME_TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

function download(file: FileBytes): void {
  const blob = new Blob([file.bytes as BlobPart], { type: mimeOf(file.name) });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = file.name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function browserShell(api: Api): Shell {
  return {
    kind: 'browser',
    async saveFile(file): Promise<SaveResult> {
      download(file);
      return { saved: true };
    },
    async saveFiles(files, zipName): Promise<SaveResult> {
      // Loaded when the first zip is made, not with the first screen.
      const { zipSync } = await import('fflate');
      const zip = zipSync(Object.fromEntries(files.map((f) => [f.name, f.bytes])));
      download({ name: zipName, bytes: zip });
      return { saved: true };
    },
    async openWorkbooks() {
      return null;
    },
    async showInFolder() {},
    // A browser cannot hand a file to Excel: it downloads it, and the clerk opens it from there.
    async openOriginal(id): Promise<OpenedOriginal> {
      const r = await api['submissions.original']({ id });
      if (!r.ok) return { saved: false, error: r.error };
      download(r.value);
      return { saved: true, name: r.value.name };
    },
    // The browser's own print dialog; it honours the print stylesheet and @page A4.
    async print() {
      window.print();
    },
  };
}

function desktopShell(bridge: DesktopBridge): Shell {
  return {
    kind: 'desktop',
    saveFile: (file) => bridge.shell.saveFile(file),
    saveFiles: (files) => bridge.shell.saveFilesToFolder(files),
    openWorkbooks: () => bridge.shell.openWorkbooks(),
    showInFolder: (path) => bridge.shell.showInFolder(path),
    openOriginal: (id) => bridge.shell.openOriginal(id),
    print: () => bridge.shell.print(),
  };
}

export const api: Api = window.tonghop ? window.tonghop.api : httpApi();
export const shell: Shell = window.tonghop ? desktopShell(window.tonghop) : browserShell(api);

/** Reads a browser File into the Api's { name, bytes }. */
export async function fileBytes(file: File): Promise<FileBytes> {
  return { name: file.name.normalize('NFC'), bytes: new Uint8Array(await file.arrayBuffer()) };
}
