// Where the Electron runtime is, without triggering the electron package's own
// download-on-first-use (which cannot work on an offline workstation).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The Electron executable, or null with the reason it is not there. */
export function findElectron() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'gói electron chưa được cài (npm install)' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : process.platform === 'win32' ? 'electron.exe' : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? path.join(override, relative) : path.join(packageDir, 'dist', relative);
  if (fs.existsSync(candidate)) return { path: candidate, reason: null };
  return { path: null, reason: override ? `không thấy ${candidate} (ELECTRON_OVERRIDE_DIST_PATH)` : 'chưa tải được tệp chạy Electron về máy này' };
}

export function electronVersion() {
  return JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
}
