// The Api's part for taking in the workbooks agencies send.
import { z } from 'zod';
import type { ReportGaps } from '../domain';
import { code, fileBytes, isoDate, method, periodCode, type FileBytes } from './method';
import type { Problem } from '../problems';
import { acceptanceInput, correctionInput, documentNumber, receivedDay, type AcceptanceInput, type CorrectionInput } from './submissions';

/** A file's SHA-256, in lower-case hex: how a file already stored is named without its bytes. */
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/u, { message: 'SHA-256 phải là 64 chữ số hệ 16 viết thường' });

/**
 * A file of a batch, with what the clerk says of it: when it arrived, its document number, corrections.
 * A file may come as its SHA-256 with no bytes: answered from what is stored when the
 * server holds it for the period and agency being taken in, and otherwise said to be
 * BYTES_NEEDED (status 'failed', not logged) for the client to send its bytes. With
 * bytes, the server's own digest counts.
 */
export const incomingFile = fileBytes.extend({
  sha256: sha256Hex.optional(),
  receivedOn: receivedDay.optional(),
  documentNumber: documentNumber.nullable().optional(),
  documentDate: isoDate.nullable().optional(),
  corrections: z.array(correctionInput).max(2000).optional(),
  accept: z.array(acceptanceInput).max(2000).optional(),
});

/** A file of a batch, with what the clerk says of it (the schema above, on any bytes). */
export interface IncomingFile extends FileBytes {
  /** Only with no bytes: the file as its SHA-256, for the server to answer from what is stored if it can. */
  sha256?: string;
  receivedOn?: string;
  documentNumber?: string | null;
  documentDate?: string | null;
  corrections?: CorrectionInput[];
  accept?: AcceptanceInput[];
}

export interface FieldChange {
  /** Whose report it changes: a workbook of several agencies has the same field once per agency. */
  agency: string;
  /** "NV2.01" or "NV1:results". */
  field: string;
  label: string;
  before: string | number | null;
  after: string | number | null;
}

/** 'failed': the file could not be processed (an unexpected fault); it was not stored, and the batch went on. */
export type ImportStatus = 'imported' | 'checked' | 'rejected' | 'duplicate' | 'skipped' | 'failed';

/** What became of one file of a batch (one per agency, for a workbook that holds several). */
export interface ImportOutcome {
  file: string;
  ok: boolean;
  status: ImportStatus;
  agency: string | null;
  period: string | null;
  /** The revision this file became (or would become, when only checked). */
  revision: number | null;
  /** How it was read: our form, or the named layout profile. */
  readAs: 'form' | 'profile' | null;
  profile: string | null;
  problems: Problem[];
  changes: FieldChange[];
  /** What the report leaves blank (null when it was not read). */
  gaps: ReportGaps | null;
  /** The day it counts as received, and whether that is after the due date. */
  receivedOn: string | null;
  late: boolean | null;
  /** The office's corrections the report was taken with; a taken one says its cell and what the file said there. */
  corrections: (CorrectionInput & { cell?: string | null; fileText?: string })[];
  /** One Vietnamese sentence for the clerk. */
  message: string;
}

export const intakeApi = {
  'intake.import': method<ImportOutcome[]>()(
    z.object({
      files: z.array(incomingFile).min(1).max(500),
      /** The day every file of the batch arrived, unless a file says otherwise (default today). */
      receivedOn: receivedDay.optional(),
      /**
       * The clerk's batch, when its files come one call at a time (the screen does): the
       * automatic backup before an import is made once per batch, not once per file.
       */
      batch: z.string().trim().min(1).max(100).optional(),
      period: periodCode.optional(),
      agency: code.optional(),
      profile: z.string().max(100).optional(),
      dryRun: z.boolean().default(false),
    }),
  ),
} as const;
