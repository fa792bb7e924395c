// The command line run in-process, as a test calls it: its exit code and what it printed.
import { runCli } from '../../electron/cli/run';

export interface Run {
  code: number;
  out: string;
  err: string;
}

export async function cli(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, {});
  return { code, out, err };
}
