// One part of `npm run bench` (tests/bench/run.ts runs them in turn): the intake through
// the Api, the first screen in Chromium, the CLI's start, the ten-year scale. Each part
// measures its figures and the baseline each is a ratio of in the same run, so a busy or
// slower machine moves both sides; a missed target is reported, not fatal.
import { pathToFileURL } from 'node:url';

export interface Ratio {
  /** "a′/b: Api preview of 21 forms / bare exceljs load of the same 21". */
  name: string;
  value: number;
  /** The ratio it must not exceed; null for one reported only. */
  target: number | null;
}

/** An absolute limit (a time the clerk waits, "consolidation under 50 ms"). */
export interface Limit {
  name: string;
  ms: number;
  targetMs: number;
}

export interface BenchSection {
  title: string;
  ratios: Ratio[];
  limits: Limit[];
  /** The Markdown the README's performance section keeps for this part. */
  markdown: string;
  /** Cross-checks that failed (a figure wrong, a file not imported): the run exits 1. */
  failures: string[];
}

export interface SectionOptions {
  runs: number;
  log: (line: string) => void;
}

export type SectionRunner = (options: SectionOptions) => Promise<BenchSection>;

export const passText = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

/** The lines every part prints the same way: each ratio and limit with PASS/MISS. */
export function verdictLines(section: BenchSection): string[] {
  return [
    ...section.ratios.map((r) => `  ${r.target === null ? '    ' : passText(r.value <= r.target)} ${r.name} = ${r.value.toFixed(3)}${r.target === null ? '' : ` (target ≤ ${r.target})`}`),
    ...section.limits.map((l) => `  ${passText(l.ms <= l.targetMs)} ${l.name} = ${l.ms.toFixed(1)} ms (target < ${l.targetMs} ms)`),
  ];
}

/** Lets a part run alone: `tsx tests/bench/<part>.ts [--runs N]`. */
export async function runAlone(moduleUrl: string, runner: SectionRunner): Promise<void> {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  const at = process.argv.indexOf('--runs');
  const runs = at >= 0 ? Number(process.argv[at + 1]) : 5;
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const section = await runner({ runs: Number.isInteger(runs) && runs > 0 ? runs : 5, log });
  log(`\n${section.title}`);
  for (const line of verdictLines(section)) log(line);
  process.stdout.write(`${section.markdown}\n`);
  for (const f of section.failures) log(`FAIL ${f}`);
  process.exitCode = section.failures.length > 0 ? 1 : 0;
}
