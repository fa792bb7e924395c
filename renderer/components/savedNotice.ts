// The words after a save, as data: which message, its parts, and the path "Mở thư mục"
// opens — only when the desktop shell said where the file went. Pure, so it is tested
// without a window (tests/unit/renderer-saved-notice.test.ts).
import type { SaveResult, Shell } from '../../shared/shell';

export type SavedKey =
  | 'saved.oneFolder'
  | 'saved.manyFolder'
  | 'saved.oneDownload'
  | 'saved.manyDownload'
  | 'saved.oneNoPlace'
  | 'saved.cancelled'
  | 'saved.cancelledFolder'
  | 'saved.failed';

export interface SavedNoticeData {
  tone: 'success' | 'info' | 'error';
  key: SavedKey;
  params: Record<string, string | number>;
  /** What "Mở thư mục" shows: the saved file, or the folder several files went into. */
  open?: string;
  /** Why a save failed, as the shell said it. */
  reason?: string;
}

/** The folder part of a path the desktop gave, Windows or POSIX. */
export function folderOf(path: string): string {
  const at = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (at < 0) return path;
  return at === 0 ? path.slice(0, 1) : path.slice(0, at);
}

function baseOf(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/**
 * `what.count` is set when several files were saved (into a folder on the desktop, as the
 * zip `what.name` in a browser).
 */
export function describeSave(result: SaveResult, kind: Shell['kind'], what: { name: string; count?: number }): SavedNoticeData {
  const many = what.count !== undefined;
  if (!result.saved) {
    if (result.error) return { tone: 'error', key: 'saved.failed', params: { name: what.name }, reason: result.error.message };
    return many ? { tone: 'info', key: 'saved.cancelledFolder', params: { count: what.count ?? 0 } } : { tone: 'info', key: 'saved.cancelled', params: { name: what.name } };
  }
  if (kind === 'browser') return many ? { tone: 'success', key: 'saved.manyDownload', params: { name: what.name, count: what.count ?? 0 } } : { tone: 'success', key: 'saved.oneDownload', params: { name: what.name } };
  if (!result.path) return { tone: 'success', key: 'saved.oneNoPlace', params: { name: what.name } };
  if (many) return { tone: 'success', key: 'saved.manyFolder', params: { count: what.count ?? 0, folder: result.path }, open: result.path };
  // The clerk may have renamed the file in the dialog: the name is the one on disk.
  return { tone: 'success', key: 'saved.oneFolder', params: { name: baseOf(result.path), folder: folderOf(result.path) }, open: result.path };
}
