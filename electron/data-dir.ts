// Where the desktop app keeps its database, backups and window state. Pure, so the rule
// is tested without Electron; main.ts hands the answer to app.setPath('userData').
import path from 'node:path';

/** The folder beside a portable .exe that holds its data. */
export const PORTABLE_DATA_FOLDER = 'TongHopCCTP-data';

/**
 * - The portable .exe (electron-builder sets PORTABLE_EXECUTABLE_DIR to the folder it was
 *   started from): a folder beside it, so the data travels with the program on a USB
 *   stick and never mixes with an installed copy's on the same machine.
 * - Installed on Windows: the local, not the roaming, profile (a 50 MB database has no
 *   business following the clerk across the network).
 * - Elsewhere: Electron's own default.
 */
export function dataDirectory(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, electronDefault: string): string {
  const portable = env['PORTABLE_EXECUTABLE_DIR'];
  if (platform === 'win32' && portable) return path.win32.join(portable, PORTABLE_DATA_FOLDER);
  const local = env['LOCALAPPDATA'];
  if (platform === 'win32' && local) return path.win32.join(local, 'TongHopCCTP');
  return electronDefault;
}
