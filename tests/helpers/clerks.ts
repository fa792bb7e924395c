// Clerks in processes of their own on one store (tests/helpers/clerk-process.ts): what
// two workstations do at once, each with its own connection, as no two handles in one
// process can (better-sqlite3 waits for a lock synchronously, holding the whole thread).
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ArgsOf, MethodName, ResultOf } from '../../shared/api';
import type { ApiResult } from '../../shared/errors';
import { fromWire, toWire } from '../../shared/wire';

const CLERK = path.join(import.meta.dirname, 'clerk-process.ts');

export interface Clerk {
  call<K extends MethodName>(method: K, args: ArgsOf<K>): Promise<ApiResult<ResultOf<K>>>;
  quit(): void;
}

/** A clerk's app started on `location` (a SQLite file or a postgres:// URL), once it has opened it. */
export function startClerk(location: string): Promise<Clerk> {
  const child: ChildProcess = fork(CLERK, [location], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  // One call at a time per clerk, answered in order.
  const waiting: ((m: unknown) => void)[] = [];
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the clerk's process exited with ${code}`)));
    child.once('message', (m) => {
      if (m !== 'ready') return reject(new Error(String(m)));
      child.on('message', (answer) => waiting.shift()?.(answer));
      resolve({
        call: (method, args) =>
          new Promise((done) => {
            waiting.push((answer) => done(fromWire(answer) as never));
            child.send({ method, args: toWire(args) });
          }),
        quit: () => child.send('quit'),
      });
    });
  });
}
