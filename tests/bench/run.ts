// `npm run bench` (`tsx tests/bench/run.ts [--runs N] [--only part,…]`): every part of the benchmark in
// turn (each a tests/bench/<part>.ts, see section.ts), its verdicts, then the Markdown
// the README's performance section keeps. Exits 1 when a part's cross-check failed; a
// missed target is reported, not fatal.
import { verdictLines, type SectionRunner } from './section';
import { run as cliStart } from './cli-start';
import { run as firstScreen } from './first-screen';
import { run as intake } from './intake';
import { run as scale } from './scale';
import { run as scaleFirstScreen } from './scale-first-screen';

/** Quick, start-up-bound parts first, the long intake and scale parts after. */
const SECTIONS: Record<string, SectionRunner> = { 'cli-start': cliStart, 'first-screen': firstScreen, intake, scale, 'scale-first-screen': scaleFirstScreen };

const at = process.argv.indexOf('--runs');
const wanted = at >= 0 ? Number(process.argv[at + 1]) : 5;
const runs = Number.isInteger(wanted) && wanted > 0 ? wanted : 5;
const log = (line: string): void => void process.stderr.write(`${line}\n`);
// `--only intake,scale` runs those parts alone.
const only = process.argv.indexOf('--only');
const names = only >= 0 ? (process.argv[only + 1] ?? '').split(',') : Object.keys(SECTIONS);
const unknown = names.filter((n) => !(n in SECTIONS));
if (unknown.length > 0) {
  log(`unknown part(s): ${unknown.join(', ')}; the parts are ${Object.keys(SECTIONS).join(', ')}`);
  process.exit(2);
}

const sections = [];
for (const name of names) sections.push(await (SECTIONS[name] as SectionRunner)({ runs, log }));
for (const s of sections) log(`\n${s.title}\n${verdictLines(s).join('\n')}`);
process.stdout.write(`${sections.map((s) => `### ${s.title}\n\n${s.markdown}`).join('\n\n')}\n`);
const failures = sections.flatMap((s) => s.failures);
for (const f of failures) log(`FAIL ${f}`);
process.exitCode = failures.length > 0 ? 1 : 0;
