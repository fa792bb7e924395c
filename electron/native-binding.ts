// Where the desktop app finds the Electron-ABI build of better-sqlite3: packaging puts it
// in the resources folder beside app.asar (build/electron-builder.config.cjs,
// extraResources), and `npm run rebuild:electron` leaves it in dist/native for a
// development run. The Node build in node_modules serves the tests and the command line.
import path from 'node:path';

/** Inside the resources folder, where extraResources puts the addon. */
export const NATIVE_ADDON_RESOURCE = path.join('native', 'better_sqlite3.node');

/** The places to look, in order: the packaged app's resources, then dist/native beside the bundle. */
export function nativeBindingCandidates(resourcesPath: string | undefined, bundleDir: string): string[] {
  return [...(resourcesPath ? [path.join(resourcesPath, NATIVE_ADDON_RESOURCE)] : []), path.resolve(bundleDir, '..', NATIVE_ADDON_RESOURCE)];
}

export function findNativeBinding(candidates: readonly string[], exists: (file: string) => boolean): string | undefined {
  return candidates.find(exists);
}
