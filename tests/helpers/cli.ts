// The command line run in-process, as a test calls it: its exit code and what it printed.
import { runCli } from '../../electron/cli/run';

export interface Run {
  code: number;
  out: string;
  err: string;
}

export function cli(...argv: string[]): Promise<Run> {
  return cliWith({}, ...argv);
}

/** The command line with these environment variables (and no others: the tests' own never leak in). */
export async function cliWith(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, env);
  return { code, out, err };
}
