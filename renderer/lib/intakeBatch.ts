// The state of a batch of workbooks being taken in: each file is checked first (a dry
// run that writes nothing), shown with its problems and the changes it would make,
// and only the valid ones are committed when the clerk says so. What the clerk says of
// a file (when it arrived, its document, the office's corrections and acceptances) is
// kept beside it; each change re-runs the file's dry run, and the commit sends exactly
// what the last dry run was sent, so what is saved is what was previewed.
import type { AcceptanceInput, CorrectionInput, ImportOutcome, ImportStatus, IncomingFile } from '../../shared/api';
import type { ApiError } from '../../shared/errors';
import type { Problem } from '../../shared/problems';

export type FileState = 'queued' | 'checking' | 'saving' | 'failed' | ImportStatus;

/** What the clerk says of one file besides its bytes. */
export interface FileInput {
  /** The file's own received date (ISO); undefined: the batch's date. */
  receivedOn?: string;
  documentNumber: string;
  /** ISO date, or '' for none. */
  documentDate: string;
  corrections: CorrectionInput[];
  accept: AcceptanceInput[];
}

/** The part of a file's Api entry that is not its bytes. */
export type FileRequest = Omit<IncomingFile, 'name' | 'bytes'>;

export interface BatchFile {
  id: number;
  name: string;
  size: number;
  state: FileState;
  outcomes: ImportOutcome[];
  /** The Api refused the call itself (not the file): shown as it is. */
  error: ApiError | null;
  input: FileInput;
  /** What the last dry run was sent; the commit sends exactly this. */
  checkedWith: FileRequest | null;
}

export const NO_INPUT: FileInput = { documentNumber: '', documentDate: '', corrections: [], accept: [] };

/** The Api entry of a file for the batch's date: its own date wins. */
export function requestOf(input: FileInput, batchReceivedOn: string): FileRequest {
  return {
    receivedOn: input.receivedOn ?? batchReceivedOn,
    documentNumber: input.documentNumber.trim() || null,
    documentDate: input.documentDate || null,
    corrections: input.corrections,
    accept: input.accept,
  };
}

const sameAgency = (a: string | undefined, b: string | undefined) => (a ?? '') === (b ?? '');

/** One correction per field (and agency): a second replaces the first. */
export function withCorrection(input: FileInput, c: CorrectionInput): FileInput {
  const others = input.corrections.filter((x) => !(x.field === c.field && sameAgency(x.agency, c.agency)));
  return { ...input, corrections: [...others, c] };
}

export function withoutCorrection(input: FileInput, index: number): FileInput {
  return { ...input, corrections: input.corrections.filter((_, i) => i !== index) };
}

/** One acceptance per finding (rule, indicator, other period) and agency: a second reason replaces the first. */
export function withAcceptance(input: FileInput, a: AcceptanceInput): FileInput {
  const others = input.accept.filter((x) => !(x.rule === a.rule && x.indicator === a.indicator && x.against === a.against && sameAgency(x.agency, a.agency)));
  return { ...input, accept: [...others, a] };
}

export function withoutAcceptance(input: FileInput, index: number): FileInput {
  return { ...input, accept: input.accept.filter((_, i) => i !== index) };
}

/** One state for a file from what the Api said of it (a workbook may hold several agencies' reports). */
export function stateOfOutcomes(outcomes: readonly ImportOutcome[]): FileState {
  if (outcomes.length === 0) return 'failed';
  const statuses = new Set(outcomes.map((o) => o.status));
  for (const s of ['rejected', 'imported', 'checked', 'duplicate', 'skipped'] as const) if (statuses.has(s)) return s;
  return 'failed';
}

/** Only a file that passed its last check and is not already on record is worth committing. */
export function isCommittable(file: BatchFile): boolean {
  return file.state === 'checked' && file.checkedWith !== null;
}

/**
 * A file whose date, document or corrections may still change: read, and not saved or
 * being saved. One being checked again stays so (its fields stay where the clerk is typing).
 */
export function isEditable(file: BatchFile): boolean {
  return file.state === 'checking' || file.state === 'checked' || file.state === 'rejected' || file.state === 'duplicate' || file.state === 'failed';
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

/** A file of several agencies repeats its file-wide problems on each outcome; each is shown once. */
export function uniqueProblems(outcomes: readonly ImportOutcome[]): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const p of outcomes.flatMap((o) => o.problems)) {
    const key = `${p.agency ?? ''}|${p.cell}|${p.code}|${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

/**
 * Received after the period's due date, by what the last check said. Only of a file that
 * is or will be received: a refused one (of another period, say) was measured against a
 * due date that is not its own, and is not a submission at all.
 */
export function isLate(file: BatchFile): boolean {
  return (file.state === 'checked' || file.state === 'imported' || file.state === 'duplicate') && file.outcomes.some((o) => o.late === true);
}

/** How many files are in each state, for the batch's one-line summary. */
export function countByState(files: readonly BatchFile[]): Partial<Record<FileState, number>> {
  const counts: Partial<Record<FileState, number>> = {};
  for (const f of files) counts[f.state] = (counts[f.state] ?? 0) + 1;
  return counts;
}

/** A file whose every report would be (or became) its agency's first for the period: nothing earlier to compare with. */
export function isFirstSubmission(outcomes: readonly ImportOutcome[]): boolean {
  return outcomes.length > 0 && outcomes.every((o) => o.revision === 1);
}

/**
 * The one other period every file read names, when the whole batch was refused for it
 * (the clerk chose the wrong period): the screen then offers to take the batch for that
 * period in one click. Null when the files disagree, one is fine, one is still being
 * checked, or one was refused for something else. Duplicates and skipped files are not read.
 */
export function otherPeriodOfBatch(files: readonly BatchFile[], chosen: string): string | null {
  const read = files.filter((f) => f.state !== 'duplicate' && f.state !== 'skipped');
  if (read.length === 0) return null;
  const named = new Set<string | null>();
  for (const f of read) {
    if (f.state !== 'rejected') return null;
    for (const o of f.outcomes) {
      if (!o.problems.some((p) => p.code === 'PERIOD_MISMATCH')) return null;
      named.add(o.period);
    }
  }
  const [only] = [...named];
  return named.size === 1 && only && only !== chosen ? only : null;
}
