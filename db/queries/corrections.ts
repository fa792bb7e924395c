// The office's corrections written onto a received report: the stored figure or status
// becomes the office's value (the correction row itself is recorded with the revision's).
import type { Kysely, Transaction } from 'kysely';
import type { Database, TaskReportTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

/** A cell the file left blank gets a row at the correction's cell; a figure already there keeps its source cell. */
export async function writeCorrectedValue(db: Db, values: { submissionId: number; indicatorId: number; number: number | null; text: string | null; cell: string | null }): Promise<void> {
  await db
    .insertInto('value')
    .values({ submission_id: values.submissionId, indicator_id: values.indicatorId, number: values.number, text: values.text, source_cell: values.cell })
    .onConflict((oc) => oc.columns(['submission_id', 'indicator_id']).doUpdateSet({ number: values.number, text: values.text }))
    .execute();
}

/** Only the status changes: results, difficulties and proposals stay as the agency wrote them (empty when it sent no row). */
export async function writeCorrectedStatus(db: Db, values: { submissionId: number; taskId: number; status: TaskReportTable['status']; cell: string | null }): Promise<void> {
  await db
    .insertInto('task_report')
    .values({ submission_id: values.submissionId, task_id: values.taskId, status: values.status, results: '', difficulties: '', proposals: '', source_cell: values.cell })
    .onConflict((oc) => oc.columns(['submission_id', 'task_id']).doUpdateSet({ status: values.status }))
    .execute();
}
