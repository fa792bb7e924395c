// The desktop shell: one window on the app:// protocol, the security baseline of
// architecture.md, a single instance, Vietnamese menus, and the database in the user's
// local app data folder (beside the .exe for the portable build). The services
// themselves live in electron/app/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, Menu, dialog, net, protocol, screen, session, type MenuItemConstructorOptions } from 'electron';
import { findNativeBinding, nativeBindingCandidates } from './native-binding';
import { sweepOriginals } from './originals';
import { registerIpc, APP_ORIGIN } from './ipc';
import { loadWindowState, trackWindowState } from './window-state';
import { dataDirectory } from './data-dir';
import { CONTENT_SECURITY_POLICY, rendererFile, startRendererServices } from './renderer-host';
import { resolveBackupDir, resolveDbPath } from './app/bootstrap';
import { usePgpassOf } from './app/data-server';

const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = path.resolve(here, '../renderer');

// The local profile when installed, a folder beside the portable .exe (data-dir.ts).
app.setPath('userData', dataDirectory(process.env, process.platform, app.getPath('userData')));

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

/** The Electron-ABI build of better-sqlite3 (native-binding.ts); the Node build serves the tests. */
function nativeBinding(): string | undefined {
  return findNativeBinding(nativeBindingCandidates(process.resourcesPath, here), (file) => fs.existsSync(file));
}

function serveRenderer(): void {
  protocol.handle('app', (request) => {
    const url = new URL(request.url);
    const file = url.host === 'tonghop' ? rendererFile(RENDERER_DIR, url.pathname) : null;
    if (file === null) return new Response('Không tìm thấy', { status: 404 });
    return net.fetch(`file://${file}`).then((response) => {
      const headers = new Headers(response.headers);
      headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      headers.set('X-Content-Type-Options', 'nosniff');
      return new Response(response.body, { status: response.status, headers });
    });
  });
}

function lockDown(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, target) => {
      if (new URL(target).origin !== APP_ORIGIN) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

function buildMenu(win: BrowserWindow): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'Tệp',
      submenu: [{ label: 'Thoát', role: 'quit', accelerator: 'CmdOrCtrl+Q' }],
    },
    {
      label: 'Sửa',
      submenu: [
        { label: 'Hoàn tác', role: 'undo' },
        { label: 'Làm lại', role: 'redo' },
        { type: 'separator' },
        { label: 'Cắt', role: 'cut' },
        { label: 'Sao chép', role: 'copy' },
        { label: 'Dán', role: 'paste' },
        { label: 'Chọn tất cả', role: 'selectAll' },
      ],
    },
    {
      label: 'Xem',
      submenu: [
        { label: 'Tải lại', role: 'reload' },
        { type: 'separator' },
        { label: 'Cỡ chữ mặc định', role: 'resetZoom' },
        { label: 'Phóng to', role: 'zoomIn' },
        { label: 'Thu nhỏ', role: 'zoomOut' },
        { type: 'separator' },
        { label: 'Toàn màn hình', role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Trợ giúp',
      submenu: [
        {
          label: 'Giới thiệu',
          click: () =>
            void dialog.showMessageBox(win, {
              type: 'info',
              title: 'Tổng hợp CCTP',
              message: `Tổng hợp CCTP ${app.getVersion()}`,
              detail: `Tổng hợp báo cáo cải cách tư pháp.\nDữ liệu: ${path.join(app.getPath('userData'), 'tonghop.sqlite')}`,
            }),
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function createWindow(): Promise<BrowserWindow> {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(stateFile, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Tổng hợp CCTP',
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  trackWindowState(win, stateFile);
  win.once('ready-to-show', () => win.show());
  buildMenu(win);
  await win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let win: BrowserWindow | null = null;
  app.on('second-instance', () => {
    // A second launch brings the first window forward instead of opening the database twice.
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  await app.whenReady();
  lockDown();
  serveRenderer();
  try {
    // TONGHOP_DB, else the Máy chủ dữ liệu saved in Cài đặt, else tonghop.sqlite in the user data folder.
    const dataDir = app.getPath('userData');
    usePgpassOf(dataDir);
    const dbPath = resolveDbPath(undefined, process.env, process.cwd(), dataDir);
    const dataServer = { dir: dataDir, overridden: process.env.TONGHOP_DB !== undefined };
    // A server's backups go to the user data folder's backups/, as the default file's do.
    const backupDir = resolveBackupDir(dbPath, dataDir);
    const { ctx, handlers } = await startRendererServices(dbPath, { nativeBinding: nativeBinding(), dailyBackup: true, dataServer, backupDir });
    // Originals opened in Excel go to a folder of the app's own under the system's temporary folder; week-old copies are cleared.
    const openFolder = path.join(app.getPath('temp'), 'TongHopCCTP-tep-goc');
    sweepOriginals(openFolder);
    registerIpc(handlers, { openFolder });
    app.on('will-quit', () => void ctx.handle.close());
  } catch (err) {
    dialog.showErrorBox('Không mở được dữ liệu', err instanceof Error ? err.message : String(err));
    app.quit();
    return;
  }
  win = await createWindow();
  app.on('window-all-closed', () => app.quit());
}

void start();
