// The bundled command line (build/bundle.mjs → dist/cli), as `npm run cli` runs it: a
// real process, its stdout, its exit code. Built here into a folder of its own (inside
// the project, where the native better-sqlite3 resolves), so the test always runs the
// bundle of the sources as they are, and never races a build of dist/cli. That folder
// has dist/cli's layout: one folder per build, `current` naming the one in use, and the
// stub cli.js that runs it.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, tempDir } from '../helpers/app';
import { cli } from '../helpers/cli';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BUNDLE = path.join(ROOT, 'build', 'bundle.mjs');
const outdir = path.join(ROOT, 'dist', `cli-test-${process.pid}`);
let db: string;
/** The build made in beforeAll: its folder's name and path. */
let first: string;
let dir: string;

type Signature = [number, number, number, string] | null;
interface Manifest {
  output: string;
  inputs: Record<string, Signature>;
}
interface Bundle {
  currentCli(outdir: string): string | null;
}
const bundle = async () => (await import(pathToFileURL(BUNDLE).href)) as Bundle;

const run = (...args: string[]) => spawnSync(process.execPath, [path.join(outdir, 'cli.js'), ...args], { encoding: 'utf8', env: { ...process.env, TONGHOP_DB: '' } });
const pointer = () => fs.readFileSync(path.join(outdir, 'current'), 'utf8').trim();
const manifestFile = (id: string) => path.join(outdir, id, 'inputs.json');
const readManifest = (id: string) => JSON.parse(fs.readFileSync(manifestFile(id), 'utf8')) as Manifest;
const writeManifest = (id: string, manifest: Manifest) => fs.writeFileSync(manifestFile(id), JSON.stringify(manifest));
const build = () => {
  const built = spawnSync(process.execPath, [BUNDLE, '--cli', outdir], { cwd: ROOT, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
};
/** Every file of a build's folder and a hash of its content. */
const snapshot = (id: string) =>
  Object.fromEntries(fs.readdirSync(path.join(outdir, id)).map((f) => [f, createHash('sha1').update(fs.readFileSync(path.join(outdir, id, f))).digest('hex')]));

/** `npm run cli`'s launcher on `outdir`: what it printed, and which entry it ran. */
function launch(...args: string[]) {
  const script = `process.on('exit', () => process.stderr.write('\\nENTRY ' + process.argv[1] + '\\n'));
const { launchCli } = await import(${JSON.stringify(pathToFileURL(BUNDLE).href)});
await launchCli(${JSON.stringify(args)}, ${JSON.stringify(outdir)});`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TONGHOP_DB: '' } });
  return { ...result, entry: /\nENTRY (.*)\n/u.exec(result.stderr)?.[1], rebuilt: result.stderr.includes('Đang dựng lại') };
}

/** Every chunk the entry loads before any command runs: its static imports, followed. */
function loadedAtStart(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of source.matchAll(/^import\s(?:[^'"]*?\sfrom\s*)?["'](\.\/[^"']+)["']/gmu)) visit(m[1]?.slice(2) ?? '');
  };
  visit(entry);
  return [...seen];
}

beforeAll(async () => {
  build();
  first = pointer();
  dir = path.join(outdir, first);
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
    const atStart = loadedAtStart('cli.js').map((file) => fs.readFileSync(path.join(dir, file), 'utf8'));
    for (const heavy of ['exceljs', 'docx', 'date-holidays', 'saxes', 'yauzl']) {
      expect(atStart.some((source) => source.includes(`// node_modules/${heavy}/`)), heavy).toBe(false);
    }
    // …and they are in the bundle, for the commands that do: the parse worker beside the chunks, where parse.ts looks.
    expect(fs.existsSync(path.join(dir, 'parse-worker.js'))).toBe(true);
    const all = fs.readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    expect(all.some((source) => source.includes('// node_modules/exceljs/'))).toBe(true);
  });
});

describe('the staleness check', () => {
  it('counts the tsconfig, package and lock files among the inputs', () => {
    const { inputs } = readManifest(first);
    for (const file of ['tsconfig.json', 'package.json', 'package-lock.json', 'build/bundle.mjs', 'electron/cli.ts']) expect(inputs[file], file).toBeTruthy();
  });

  it('notices an input changed under an unchanged size and mtime, and not one merely touched', async () => {
    const { currentCli } = await bundle();
    // An input of our own (inside the project, as the sources are), so the test can change it: added to the manifest as the build records one.
    const probe = path.join(outdir, 'probe.txt');
    const key = path.relative(ROOT, probe).split(path.sep).join('/');
    // Whole seconds: what utimes sets back exactly.
    const then = Math.floor(Date.now() / 1000) - 3600;
    fs.writeFileSync(probe, 'version one\n');
    fs.utimesSync(probe, then, then);
    const before = fs.statSync(probe);
    const manifest = readManifest(first);
    const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
    manifest.inputs[key] = [before.size, before.mtimeMs, before.ctimeMs, sha1('version one\n')];
    writeManifest(first, manifest);
    // (Unless a source was saved since beforeAll's build: then no case below can say current.)
    expect(currentCli(outdir)).toBe(first);

    // Copied over with its old mtime kept, same size: the ctime moved, the content differs.
    fs.writeFileSync(probe, 'version two\n');
    fs.utimesSync(probe, then, then);
    expect(fs.statSync(probe).mtimeMs).toBe(before.mtimeMs);
    expect(currentCli(outdir)).toBeNull();

    // Back to the content built from, times moved: current, and the new times recorded so the next check is stats only.
    fs.writeFileSync(probe, 'version one\n');
    expect(currentCli(outdir)).toBe(first);
    expect(readManifest(first).inputs[key]?.[2]).toBe(fs.statSync(probe).ctimeMs);

    // Another size: changed, without reading it.
    fs.writeFileSync(probe, 'version three\n');
    expect(currentCli(outdir)).toBeNull();
    // An input gone: changed too.
    fs.rmSync(probe);
    expect(currentCli(outdir)).toBeNull();

    // The launcher rebuilds; the output is the same, so the folder stays and only the manifest is new (without the probe, no source of the bundle).
    const launched = launch('periods', '--year', '2022', '--db', db, '--json');
    expect(launched.status, launched.stderr).toBe(0);
    expect(launched.rebuilt).toBe(true);
    expect(launched.entry).toBe(path.join(outdir, pointer(), 'cli.js'));
    expect(readManifest(pointer()).inputs[key]).toBeUndefined();
    expect(currentCli(outdir)).toBe(pointer());
  }, 120_000);
});

describe('a rebuild', () => {
  it('leaves the build in use in place while the launcher runs the new one, and sweeps builds retired a day ago', async () => {
    const old = pointer();
    const chunk = fs.readdirSync(path.join(outdir, old)).find((f) => /^exports-.*\.js$/u.test(f));
    expect(chunk).toBeTruthy();
    // A command of the old build, running: it loads a chunk and starts a parse worker only after the rebuild.
    const oldDir = path.join(outdir, old);
    const script = `const { Worker } = await import('node:worker_threads');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.destroy();
await import(${JSON.stringify(pathToFileURL(path.join(oldDir, chunk ?? '')).href)});
const w = new Worker(new URL(${JSON.stringify(pathToFileURL(path.join(oldDir, 'parse-worker.js')).href)}));
await new Promise((resolve, reject) => { w.once('online', resolve); w.once('error', reject); });
await w.terminate();
process.stdout.write('ran');`;
    const running = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    running.stdout.on('data', (d: Buffer) => (out += d.toString()));
    running.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => running.on('exit', resolve));

    // As if the sources had changed since: the same output would keep the folder (above), a different one gets a new folder.
    writeManifest(old, { ...readManifest(old), output: 'built from other sources' });
    const files = snapshot(old);
    build();
    const next = pointer();
    expect(next).not.toBe(old);
    expect(snapshot(old)).toEqual(files);

    running.stdin.end('go\n');
    setTimeout(() => running.kill(), 60_000).unref();
    expect(await exited, err).toBe(0);
    expect(out).toBe('ran');

    const launched = launch('periods', '--year', '2022', '--db', db, '--json');
    expect(launched.status, launched.stderr).toBe(0);
    expect(launched.rebuilt).toBe(false);
    expect(launched.entry).toBe(path.join(outdir, next, 'cli.js'));
    expect((JSON.parse(launched.stdout) as unknown[]).length).toBe(4);
    // The stub dist/cli/cli.js, what `node dist/cli/cli.js` runs, follows `current` too.
    expect(run('periods', '--year', '2022', '--db', db, '--json').status).toBe(0);

    // Retired over a day ago (by its mtime, which the switch set): swept by the next build; the one retired just now is kept.
    const dayAndABit = new Date(Date.now() - 25 * 60 * 60 * 1000);
    fs.utimesSync(oldDir, dayAndABit, dayAndABit);
    writeManifest(next, { ...readManifest(next), output: 'built from yet other sources' });
    build();
    expect(pointer()).not.toBe(next);
    expect(fs.existsSync(oldDir)).toBe(false);
    expect(snapshot(next)['cli.js']).toBeTruthy();
    expect(fs.readdirSync(outdir).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 150_000);
});
