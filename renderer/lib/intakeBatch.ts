// The state of a batch of workbooks being taken in: each file is checked first (a dry
// run that writes nothing), shown with its problems and the changes it would make,
// and only the valid ones are committed when the clerk says so.
import type { ImportOutcome, ImportStatus } from '../../shared/api';
import type { ApiError } from '../../shared/errors';

export type FileState = 'queued' | 'checking' | 'saving' | 'failed' | ImportStatus;

export interface BatchFile {
  id: number;
  name: string;
  size: number;
  state: FileState;
  outcomes: ImportOutcome[];
  /** The Api refused the call itself (not the file): shown as it is. */
  error: ApiError | null;
}

/** One state for a file from what the Api said of it (a workbook may hold several agencies' reports). */
export function stateOfOutcomes(outcomes: readonly ImportOutcome[]): FileState {
  if (outcomes.length === 0) return 'failed';
  const statuses = new Set(outcomes.map((o) => o.status));
  for (const s of ['rejected', 'imported', 'checked', 'duplicate', 'skipped'] as const) if (statuses.has(s)) return s;
  return 'failed';
}

/** Only a file that passed the check and is not already on record is worth committing. */
export function isCommittable(file: BatchFile): boolean {
  return file.state === 'checked';
}

export function problemCounts(file: BatchFile): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const o of file.outcomes) {
    for (const p of o.problems) {
      if (p.severity === 'error') errors++;
      else warnings++;
    }
  }
  return { errors, warnings };
}

/** How many files are in each state, for the batch's one-line summary. */
export function countByState(files: readonly BatchFile[]): Partial<Record<FileState, number>> {
  const counts: Partial<Record<FileState, number>> = {};
  for (const f of files) counts[f.state] = (counts[f.state] ?? 0) + 1;
  return counts;
}
