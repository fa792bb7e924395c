// The command line's start (issue #13): how long a command takes from the shell to its
// exit, against a bare `node -e ""` measured in the same rounds. Target: the bundled
// command line (dist/cli) starts in at most 3× a bare Node start, for --help and for a
// real command on a seeded database (`status --period 2022-Q1 --json`). Also reported:
// the launcher `npm run cli` goes through (node build/bundle.mjs --run-cli, which checks
// the bundle against its sources) and `npm run cli` itself, npm included.
//
// Each round runs every command once, in turn, so a load that comes and goes falls on all
// of them alike; the figures are medians of wall time. On Linux the processor time the
// children used (user + system, from /proc/self/stat) is reported beside it, which a busy
// machine disturbs less.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runAlone, type BenchSection, type Ratio, type SectionRunner } from './section';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'cli.js');
const LAUNCHER = path.join(ROOT, 'build', 'bundle.mjs');
const TARGET = 3;

interface Probe {
  key: string;
  label: string;
  command: string;
  args: string[];
  /** Compared with the target, or only reported. */
  target: number | null;
}

/** Processor time of every child waited for so far, in ms (Linux); null elsewhere. */
function childrenCpuMs(): number | null {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    // The fields after the command name (which may hold spaces) start at the state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]); // cutime, cstime (fields 16 and 17)
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

export const run: SectionRunner = async ({ runs, log }) => {
  const failures: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-bench-cli-'));
  const db = path.join(dir, 'tonghop.sqlite');
  const env = { ...process.env, TONGHOP_DB: '' };
  try {
    // The launcher builds dist/cli when it is missing or older than its sources; the figures below are of warm starts.
    const built = spawnSync(process.execPath, [LAUNCHER, '--run-cli', 'init', '--demo', '--db', db, '--json'], { cwd: ROOT, encoding: 'utf8', env });
    if (built.status !== 0 || !fs.existsSync(CLI)) {
      failures.push(`the command line did not build or seed the database: ${built.stderr.trim()}`);
      return { title: "The command line's start", ratios: [], limits: [], markdown: '', failures };
    }
    const status = ['status', '--period', '2022-Q1', '--json', '--db', db];
    const probes: Probe[] = [
      { key: 'node', label: 'node -e ""', command: process.execPath, args: ['-e', ''], target: null },
      { key: 'help', label: 'node dist/cli/cli.js --help', command: process.execPath, args: [CLI, '--help'], target: TARGET },
      { key: 'status', label: 'node dist/cli/cli.js status --period 2022-Q1 --json', command: process.execPath, args: [CLI, ...status], target: TARGET },
      { key: 'launcher', label: 'node build/bundle.mjs --run-cli status … (what npm run cli runs)', command: process.execPath, args: [LAUNCHER, '--run-cli', ...status], target: null },
      { key: 'npm', label: 'npm run cli -- --help', command: process.platform === 'win32' ? 'npm.cmd' : 'npm', args: ['run', '--silent', 'cli', '--', '--help'], target: null },
    ];

    // The status document is checked once, so a fast start of a wrong answer fails the run.
    const check = spawnSync(process.execPath, [CLI, ...status], { cwd: ROOT, encoding: 'utf8', env });
    try {
      const doc = JSON.parse(check.stdout) as { period?: string; received?: unknown[] };
      if (check.status !== 0 || doc.period !== '2022-Q1' || doc.received?.length !== 18) failures.push(`status of the demo 2022-Q1 gave exit ${check.status} and ${check.stdout.slice(0, 200)}`);
    } catch {
      failures.push(`status --json did not print one JSON document: ${check.stdout.slice(0, 200)} ${check.stderr.slice(0, 200)}`);
    }

    const rounds = Math.max(21, runs * 4);
    const wall = new Map<string, number[]>(probes.map((p) => [p.key, []]));
    const cpu = new Map<string, number>(probes.map((p) => [p.key, 0]));
    log(`CLI start: ${rounds} rounds of ${probes.length} commands (load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')})`);
    for (let round = 0; round < rounds; round++) {
      for (const probe of probes) {
        const cpuBefore = childrenCpuMs();
        const started = performance.now();
        const result = spawnSync(probe.command, probe.args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
        const ms = performance.now() - started;
        const cpuAfter = childrenCpuMs();
        if (result.status !== 0) {
          failures.push(`${probe.label} exited ${result.status}: ${result.stderr.trim().slice(0, 200)}`);
          continue;
        }
        wall.get(probe.key)?.push(ms);
        if (cpuBefore !== null && cpuAfter !== null) cpu.set(probe.key, (cpu.get(probe.key) ?? 0) + cpuAfter - cpuBefore);
      }
    }

    const wallMs = (key: string) => median(wall.get(key) ?? []);
    const cpuMs = (key: string) => (cpu.get(key) ?? 0) / rounds;
    const hasCpu = childrenCpuMs() !== null;
    const base = wallMs('node');
    const ratios: Ratio[] = [];
    for (const probe of probes.slice(1)) ratios.push({ name: `${probe.label} / node -e "" (wall, median)`, value: wallMs(probe.key) / base, target: probe.target });
    if (hasCpu) for (const probe of probes.slice(1)) ratios.push({ name: `${probe.label} / node -e "" (processor time)`, value: cpuMs(probe.key) / cpuMs('node'), target: null });

    const rows = probes.map(
      (p) =>
        `| \`${p.label}\` | ${wallMs(p.key).toFixed(0)} ms | ${(wallMs(p.key) / base).toFixed(2)}× | ${hasCpu ? `${cpuMs(p.key).toFixed(0)} ms` : '—'} | ${p.target === null ? 'reported' : `≤ ${p.target}×`} |`,
    );
    const section: BenchSection = {
      title: "The command line's start",
      ratios,
      limits: [],
      failures,
      markdown: [
        `CLI start, ${rounds} rounds, median wall time (load average at start ${os.loadavg()[0]?.toFixed(2)}, ${os.cpus().length} cores):`,
        '',
        '| command | wall | ÷ node -e "" | processor time | target |',
        '| --- | ---: | ---: | ---: | --- |',
        ...rows,
      ].join('\n'),
    };
    return section;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

void runAlone(import.meta.url, run);
