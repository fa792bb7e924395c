// `npm run bench` (`tsx tests/bench/run.ts [--runs N]`): every part of the benchmark in
// turn (each a tests/bench/<part>.ts, see section.ts), its verdicts, then the Markdown
// the README's performance section keeps. Exits 1 when a part's cross-check failed; a
// missed target is reported, not fatal.
import { verdictLines, type SectionRunner } from './section';
import { run as intake } from './intake';

const SECTIONS: SectionRunner[] = [intake];

const at = process.argv.indexOf('--runs');
const wanted = at >= 0 ? Number(process.argv[at + 1]) : 5;
const runs = Number.isInteger(wanted) && wanted > 0 ? wanted : 5;
const log = (line: string): void => void process.stderr.write(`${line}\n`);

const sections = [];
for (const section of SECTIONS) sections.push(await section({ runs, log }));
for (const s of sections) log(`\n${s.title}\n${verdictLines(s).join('\n')}`);
process.stdout.write(`${sections.map((s) => `### ${s.title}\n\n${s.markdown}`).join('\n\n')}\n`);
const failures = sections.flatMap((s) => s.failures);
for (const f of failures) log(`FAIL ${f}`);
process.exitCode = failures.length > 0 ? 1 : 0;
