// One clerk's app in a process of its own, for the tests of two clerks at once
// (concurrent-intake, plan-versions): it opens the store the parent names, then runs
// each Api call the parent sends through dispatch, as the desktop app would, and
// answers with what the Api said. Started by fork() with tsx (tests/helpers/clerks.ts).
// Bytes cross the process boundary as shared/wire.ts carries them over HTTP.
import { dispatch } from '../../electron/app/dispatch';
import { openApp } from '../../electron/app/bootstrap';
import { createHandlers } from '../../electron/app/handlers';
import type { MethodName } from '../../shared/api';
import { fromWire, toWire } from '../../shared/wire';

const location = process.argv[2];
if (!location) throw new Error('clerk-process: no store named');
const ctx = await openApp(location);
const h = createHandlers(ctx);

process.on('message', (m: { method: MethodName; args: unknown } | 'quit') => {
  if (m === 'quit') {
    void ctx.handle.close().then(() => process.exit(0));
    return;
  }
  void dispatch(h, m.method, fromWire(m.args)).then((r) => process.send?.(toWire(r)));
});
process.send?.('ready');
