// One clerk's app in a process of its own, for the two-process race test
// (tests/integration/concurrent-intake.test.ts): it opens the store the parent names,
// then imports each file the parent sends through the Api, as the desktop app would,
// and answers with what the Api said. Started by fork() with tsx.
import { dispatch } from '../../electron/app/dispatch';
import { openApp } from '../../electron/app/bootstrap';
import { createHandlers } from '../../electron/app/handlers';

interface Job {
  name: string;
  /** The file's bytes, base64 (IPC between processes carries JSON). */
  bytes: string;
  period: string;
}

const location = process.argv[2];
if (!location) throw new Error('race-importer: no store named');
const ctx = await openApp(location);
const h = createHandlers(ctx);

process.on('message', (job: Job | 'quit') => {
  if (job === 'quit') {
    void ctx.handle.close().then(() => process.exit(0));
    return;
  }
  void dispatch(h, 'intake.import', { files: [{ name: job.name, bytes: new Uint8Array(Buffer.from(job.bytes, 'base64')) }], period: job.period, dryRun: false }).then((r) =>
    process.send?.(r.ok ? { ok: true, outcomes: r.value.map((o) => ({ status: o.status, revision: o.revision, message: o.message })) } : { ok: false, message: r.error.message }),
  );
});
process.send?.('ready');
