// A test's direct line to the running app's Api (the same HTTP route the page uses),
// for setting up files without going through the screens under test.
import type { ArgsOf, MethodName, ResultOf } from '../../../shared/api';
import { fromWire, toWire } from '../../../shared/wire';
import type { RunningApp } from '../server';

export async function callApi<K extends MethodName>(app: RunningApp, method: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
  const response = await fetch(`${app.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Tonghop-Token': app.token },
    body: JSON.stringify(toWire(args)),
  });
  const body = fromWire(await response.json()) as { ok: true; value: ResultOf<K> } | { ok: false; error: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error.message}`);
  return body.value;
}

/** An agency's current figures for a period, by form field ("indicator:NV1.01" → 17). */
export async function figuresOnRecord(app: RunningApp, period: string, agency: string): Promise<Map<string, number>> {
  const current = (await callApi(app, 'submissions.list', { period, agency })).find((s) => s.current);
  if (!current) throw new Error(`${agency} has no ${period} report on record`);
  const detail = await callApi(app, 'submissions.get', { id: current.id });
  return new Map(detail.values.filter((v) => v.number !== null).map((v) => [`indicator:${v.indicatorCode}`, v.number ?? 0]));
}
