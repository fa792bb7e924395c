// The bundled command line (build/bundle.mjs → dist/cli), as `npm run cli` runs it: a
// real process, its stdout, its exit code. Built here into a folder of its own (inside
// the project, where the native better-sqlite3 resolves), so the test always runs the
// bundle of the sources as they are, and never races a build of dist/cli.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, tempDir } from '../helpers/app';
import { cli } from '../helpers/cli';

const outdir = path.resolve('dist', `cli-test-${process.pid}`);
let db: string;

const run = (...args: string[]) => spawnSync(process.execPath, [path.join(outdir, 'cli.js'), ...args], { encoding: 'utf8', env: { ...process.env, TONGHOP_DB: '' } });

/** Every chunk the entry loads before any command runs: its static imports, followed. */
function loadedAtStart(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(path.join(outdir, file), 'utf8');
    for (const m of source.matchAll(/^import\s(?:[^'"]*?\sfrom\s*)?["'](\.\/[^"']+)["']/gmu)) visit(m[1]?.slice(2) ?? '');
  };
  visit(entry);
  return [...seen];
}

beforeAll(async () => {
  const built = spawnSync(process.execPath, ['build/bundle.mjs', '--cli', outdir], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  db = path.join(tempDir(), 'bundle.sqlite');
  expect((await cli('init', '--db', db)).code).toBe(0);
}, 120_000);

afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
  cleanupTempDirs();
});

describe('the bundled command line', () => {
  it('answers a command with one JSON document and exit 0, and refuses an unknown period with exit 1', () => {
    const periods = run('periods', '--year', '2022', '--db', db, '--json');
    expect(periods.status, periods.stderr).toBe(0);
    const doc = JSON.parse(periods.stdout) as { code: string; due: string }[];
    expect(doc.map((p) => p.code)).toEqual(['2022-Q1', '2022-H1', '2022-9M', '2022-Y']);
    expect(doc[0]?.due).toBe('2022-03-18');

    const unknown = run('status', '--period', '2030-Q1', '--db', db, '--json');
    expect(unknown.status).toBe(1);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(unknown.stderr).toContain('Chưa có kỳ báo cáo "2030-Q1"');
  });

  it('loads the workbook, Word and holiday code only in the commands that need them', () => {
    const atStart = loadedAtStart('cli.js').map((file) => fs.readFileSync(path.join(outdir, file), 'utf8'));
    for (const heavy of ['exceljs', 'docx', 'date-holidays', 'saxes', 'yauzl']) {
      expect(atStart.some((source) => source.includes(`// node_modules/${heavy}/`)), heavy).toBe(false);
    }
    // …and they are in the bundle, for the commands that do: the parse worker beside the chunks, where parse.ts looks.
    expect(fs.existsSync(path.join(outdir, 'parse-worker.js'))).toBe(true);
    const all = fs.readdirSync(outdir).filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(outdir, f), 'utf8'));
    expect(all.some((source) => source.includes('// node_modules/exceljs/'))).toBe(true);
  });
});
