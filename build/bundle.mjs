// Bundles the Node side with esbuild.
//
// `node build/bundle.mjs` (npm run build:electron): the Electron entry points, the main
// process and the parse worker as ES modules that load their npm dependencies from
// node_modules (so the native addon and exceljs stay as packaged), and the preload script
// as one CommonJS file, because a sandboxed preload can require nothing but 'electron';
// then the command line.
//
// The command line (dist/cli, never packaged into the app) is one small entry with what
// every command needs (the Api's schemas, dispatch, the database) and chunks that only
// the commands needing them load: the workbook reader and writers (exceljs), the Word
// writer (docx), the holiday calendar, the parse worker. Its npm dependencies are bundled
// in, since resolving a few hundred ES modules from node_modules is most of a start
// (zod, kysely), all but the native better-sqlite3, which stays in node_modules.
//
// `node build/bundle.mjs --run-cli ARGS…` (npm run cli): runs the command line from
// dist/cli, first rebuilding it when a file it was built from changed (or it is missing,
// as on a fresh clone). `node build/bundle.mjs --cli [DIR]` builds only the command line.
//
// dist/cli holds one folder per build (dist/cli/<content hash>/: cli.js, its chunks, the
// parse worker, the build's manifest) and `current`, a pointer file naming the folder in
// use, replaced whole (written beside it, then renamed over it), so a command sees the
// old build or the new one, never neither. A build never touches a folder once a command
// may use it: a command already running keeps loading its chunks (which resolve beside
// its own entry) and starting parse workers from its own folder, whatever was built
// since. dist/cli/cli.js is a fixed stub that runs the folder `current` names, for
// whoever runs `node dist/cli/cli.js`; the launcher reads `current` itself.
//
// The staleness check (every command): for each input (our sources, tsconfig.json, the
// package and lock files, this script) the manifest records its size, mtime, ctime and
// SHA-1; a file whose size differs is changed, one whose three figures all match is not,
// and only one whose times moved (touched, copied with its old mtime kept, checked out)
// is read and hashed. ctime cannot be set back by a copy, so a file replaced by another
// of the same size and mtime is still caught. A clean check is one read of `current`,
// one of the manifest and a stat per input (about a millisecond for ~150 files).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIR = path.join(ROOT, 'dist', 'cli');
/** In each build's folder: what it was built from (the staleness check) and what it is. */
const CLI_MANIFEST = 'inputs.json';
/** In dist/cli: the name of the build's folder in use. */
const CLI_POINTER = 'current';
/** A build's folder: the first 12 hex digits of its output's hash, and a suffix when that name was taken. */
const VERSION_DIR = /^[0-9a-f]{12}(?:-[0-9a-z]+)?$/u;
/** How long a build's folder is kept after it stopped being the current one. */
const KEEP_RETIRED_MS = 24 * 60 * 60 * 1000;
/** Changes what every bundle is made of without being one of its sources. */
const BUILD_INPUTS = ['build/bundle.mjs', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json', 'tsconfig.json'];
/** dist/cli/cli.js: runs the build `current` names (no rebuild: that is the launcher's). */
const CLI_STUB = `// Written by build/bundle.mjs: runs the build of the command line that ./${CLI_POINTER} names.
import { readFileSync } from 'node:fs';
const id = readFileSync(new URL('./${CLI_POINTER}', import.meta.url), 'utf8').trim();
await import(new URL(\`./\${id}/cli.js\`, import.meta.url).href);
`;

// The parse worker runs from app.asar.unpacked (worker_threads cannot load from an asar
// archive), where the packages inside the archive are out of reach: it carries its own.
// saxes and yauzl are CommonJS and require Node's built-ins.
const requireShim = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

const common = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

export async function buildElectron() {
  const { build } = await import('esbuild');
  const electron = { ...common, outdir: path.join(ROOT, 'dist', 'electron') };
  await Promise.all([
    build({ ...electron, entryPoints: { main: 'electron/main.ts' }, format: 'esm', packages: 'external' }),
    build({ ...electron, entryPoints: { 'parse-worker': 'electron/excel/parse-worker.ts' }, format: 'esm', banner: { js: requireShim } }),
    build({ ...electron, entryPoints: { preload: 'electron/preload.ts' }, format: 'cjs', external: ['electron'], minify: true, outExtension: { '.js': '.cjs' } }),
  ]);
  // The unpacked worker has no package.json above it: say outright that these are ES modules.
  fs.writeFileSync(path.join(ROOT, 'dist', 'electron', 'package.json'), '{ "type": "module" }\n');
}

/**
 * The command line into a new folder of `outdir` (inside the project, where better-sqlite3
 * resolves), then `outdir/current` switched to it. The parse worker sits beside the
 * chunks, where parse.ts looks for it. Returns the folder's name and path.
 */
export async function buildCli(outdir = CLI_DIR) {
  const { build } = await import('esbuild');
  const { createHash } = await import('node:crypto');
  // Taken before reading the sources: a file saved during the build is not taken as built.
  const builtAt = Date.now();
  fs.mkdirSync(outdir, { recursive: true });
  // Beside the builds' folders, at their depth: the source maps' relative paths come out the same.
  const staging = path.join(outdir, `.staging-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  const result = await build({
    ...common,
    entryPoints: { cli: 'electron/cli.ts', 'parse-worker': 'electron/excel/parse-worker.ts' },
    format: 'esm',
    splitting: true,
    outdir: staging,
    write: false,
    // pg's optional native binding (pg.native) is never asked for; pg itself is bundled.
    external: ['better-sqlite3', 'pg-native'],
    banner: { js: requireShim },
    plugins: [zodVietnameseOnly],
    metafile: true,
  });
  const files = result.outputFiles.map((file) => ({ name: path.relative(staging, file.path), contents: file.contents })).sort((x, y) => (x.name < y.name ? -1 : 1));
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.name}\0${file.contents.length}\0`).update(file.contents);
  const output = hash.digest('hex');

  // Our files only: a package changes with node_modules/.package-lock.json, and a plugin's module ("namespace:path") is no file.
  const sources = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith('node_modules/') && !/^[\w-]+:/u.test(file));
  const inputs = {};
  for (const file of [...new Set([...BUILD_INPUTS, ...sources])]) inputs[file] = signature(file, createHash, builtAt);
  const manifest = `${JSON.stringify({ builtAt, output, inputs })}\n`;

  // The same output as the build in use (a file touched, a comment in this script): keep that folder, record the inputs anew.
  const current = readPointer(outdir);
  if (current && readManifest(outdir, current)?.output === output) {
    writeAtomic(path.join(outdir, current, CLI_MANIFEST), manifest);
    return { outdir, id: current, dir: path.join(outdir, current) };
  }

  let id = output.slice(0, 12);
  // A folder of the same output, no longer current: maybe about to be swept, so not reused.
  if (fs.existsSync(path.join(outdir, id))) id = `${id}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const dir = path.join(outdir, id);
  try {
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(staging, file.name)), { recursive: true });
      fs.writeFileSync(path.join(staging, file.name), file.contents);
    }
    fs.writeFileSync(path.join(staging, 'package.json'), '{ "type": "module" }\n');
    fs.writeFileSync(path.join(staging, CLI_MANIFEST), manifest);
    fs.renameSync(staging, dir);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  // What `node dist/cli/cli.js` runs; unchanged from one build to the next, so rewritten only when missing or different.
  for (const [name, text] of [['package.json', '{ "type": "module" }\n'], ['cli.js', CLI_STUB]]) {
    let existing = null;
    try {
      existing = fs.readFileSync(path.join(outdir, name), 'utf8');
    } catch {
      // none yet
    }
    if (existing !== text) writeAtomic(path.join(outdir, name), text);
  }
  writeAtomic(path.join(outdir, CLI_POINTER), `${id}\n`);
  // The folder just replaced stops being used now: its mtime says since when (the sweep counts from it).
  const now = new Date();
  if (current && current !== id) {
    try {
      fs.utimesSync(path.join(outdir, current), now, now);
    } catch {
      // gone already: swept by a concurrent build, nothing to date
    }
  }
  // A build from before the folders (flat in dist/cli, its manifest beside cli.js): retired now, likewise.
  if (fs.existsSync(path.join(outdir, CLI_MANIFEST))) {
    fs.writeFileSync(path.join(outdir, '.legacy-retired'), '');
    fs.rmSync(path.join(outdir, CLI_MANIFEST), { force: true });
  }
  sweep(outdir, new Set([id, readPointer(outdir)]));
  return { outdir, id, dir };
}

/**
 * Removes the builds retired more than a day ago. A command reads `current` and imports
 * that folder's entry at once, so a folder only ever gets new users while it is current;
 * one retired a day ago serves only commands started over a day ago that still run, and
 * none of the command line's commands runs that long (no server, no watch: an import is
 * seconds). A folder of the same output as the current one is never made current again
 * (a new build takes a new name), so a sweep cannot race a build reusing it.
 */
function sweep(outdir, keep, now = Date.now()) {
  let entries;
  try {
    entries = fs.readdirSync(outdir, { withFileTypes: true });
  } catch {
    return;
  }
  const old = (name) => {
    try {
      return now - fs.statSync(path.join(outdir, name)).mtimeMs > KEEP_RETIRED_MS;
    } catch {
      return false;
    }
  };
  for (const entry of entries) {
    const name = entry.name;
    if (!entry.isDirectory() || keep.has(name)) continue;
    // Left by a build that crashed, or a sweep that did; a build in progress writes its staging folder within the second.
    const leftover = name.startsWith('.staging-') || name.startsWith('.trash-');
    if ((leftover || VERSION_DIR.test(name)) && old(name)) {
      // Out of the way in one step first: a half-deleted folder is never seen under a build's name.
      const trash = leftover ? name : `.trash-${name}-${process.pid}`;
      try {
        if (!leftover) fs.renameSync(path.join(outdir, name), path.join(outdir, trash));
        fs.rmSync(path.join(outdir, trash), { recursive: true, force: true });
      } catch {
        // in use elsewhere (Windows) or removed meanwhile: the next sweep tries again
      }
    }
  }
  if (entries.some((entry) => entry.name === '.legacy-retired') && old('.legacy-retired')) {
    for (const entry of entries) {
      if (entry.isFile() && entry.name !== 'cli.js' && /\.js(?:\.map)?$/u.test(entry.name)) fs.rmSync(path.join(outdir, entry.name), { force: true });
    }
    fs.rmSync(path.join(outdir, '.legacy-retired'), { force: true });
  }
}

/** Replaces `file` whole: a reader sees the old text or the new, never a part. */
function writeAtomic(file, text) {
  const temp = `${file}.${process.pid}-${Math.random().toString(36).slice(2, 8)}.tmp`;
  fs.writeFileSync(temp, text);
  try {
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/** The folder `outdir/current` names, or null. */
function readPointer(outdir) {
  try {
    const id = fs.readFileSync(path.join(outdir, CLI_POINTER), 'utf8').trim();
    return VERSION_DIR.test(id) ? id : null;
  } catch {
    return null;
  }
}

function readManifest(outdir, id) {
  try {
    return JSON.parse(fs.readFileSync(path.join(outdir, id, CLI_MANIFEST), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * [size, mtimeMs, ctimeMs, sha1] of a file under ROOT, or null when there is none. A file
 * changed during the build (times past `builtAt`, less the coarse file clock's lag) may
 * differ from what was bundled: recorded with size -1, which no file matches, so the
 * next command rebuilds.
 */
function signature(file, createHash, builtAt = Infinity) {
  const full = path.join(ROOT, file);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (!stat) return null;
  const sha1 = createHash('sha1').update(fs.readFileSync(full)).digest('hex');
  const during = Math.max(stat.mtimeMs, stat.ctimeMs) > builtAt - 100;
  return [during ? -1 : stat.size, stat.mtimeMs, stat.ctimeMs, sha1];
}

/**
 * zod's `locales` index carries some forty languages (a quarter of what every command
 * loads); the app only ever configures Vietnamese (shared/api/method.ts), so the command
 * line takes that one alone.
 */
const zodVietnameseOnly = {
  name: 'zod-vietnamese-only',
  setup(build) {
    // The package's own `locales` namespace (z.locales) and our import of it, alike.
    build.onResolve({ filter: /^zod\/v4\/locales$/ }, () => ({ path: 'zod-locales', namespace: 'zod-vietnamese-only' }));
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-vietnamese-only' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-vietnamese-only' }, () => ({ contents: "export { default as vi } from 'zod/v4/locales/vi.js';", resolveDir: ROOT, loader: 'js' }));
  },
};

/**
 * The folder of `outdir`'s current build when it was built from the files as they are
 * now, else null. Where a file's times moved but its size did not, its content decides;
 * when all such files prove unchanged their new times are recorded, so the next check is
 * back to stats alone.
 */
export function currentCli(outdir = CLI_DIR) {
  const id = readPointer(outdir);
  const manifest = id && readManifest(outdir, id);
  if (!manifest?.inputs) return null;
  let touched = false;
  for (const [file, was] of Object.entries(manifest.inputs)) {
    // Not path.join: its normalising is a third of the check's cost. The manifest's paths are relative and '/'-separated (Windows takes them too).
    const stat = fs.statSync(`${ROOT}${path.sep}${file}`, { throwIfNoEntry: false });
    // A source gone (moved, renamed) or come back: the bundle no longer says what the sources do.
    if (!stat || !was) {
      if (stat || was) return null;
      continue;
    }
    if (stat.size !== was[0]) return null;
    if (stat.mtimeMs === was[1] && stat.ctimeMs === was[2]) continue;
    const now = signature(file, process.getBuiltinModule('node:crypto').createHash);
    if (!now || now[3] !== was[3]) return null;
    manifest.inputs[file] = now;
    touched = true;
  }
  if (touched) {
    try {
      writeAtomic(path.join(outdir, id, CLI_MANIFEST), `${JSON.stringify(manifest)}\n`);
    } catch {
      // a read-only checkout: the next check hashes those files again
    }
  }
  return id;
}

/** `npm run cli -- ARGS…`: the bundled command line, rebuilt first when its sources changed. */
export async function launchCli(argv, outdir = CLI_DIR) {
  let id = currentCli(outdir);
  if (!id) {
    process.stderr.write('Đang dựng lại dòng lệnh từ mã nguồn (dist/cli)…\n');
    ({ id } = await buildCli(outdir));
  }
  // The build's own entry, not the stub: its chunks and workers then come from this folder whatever is built later.
  const entry = path.join(outdir, id, 'cli.js');
  process.argv = [process.argv[0], entry, ...argv];
  await import(pathToFileURL(entry).href);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [flag, ...rest] = process.argv.slice(2);
  if (flag === '--run-cli') {
    await launchCli(rest);
  } else if (flag === '--cli') {
    const { dir } = await buildCli(rest[0] ? path.resolve(rest[0]) : CLI_DIR);
    console.log(`Đã dựng dòng lệnh vào ${path.relative(ROOT, dir) || dir}.`);
  } else {
    await buildElectron();
    await buildCli();
    console.log('Đã dựng dist/electron (main, preload, parse-worker) và dist/cli (dòng lệnh).');
  }
}
