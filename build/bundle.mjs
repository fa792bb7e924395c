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
// dist/cli, first rebuilding it when a source it was built from is newer than it (or it
// is missing, as on a fresh clone). Checking costs one stat per source file; a rebuild,
// about a second. `node build/bundle.mjs --cli [DIR]` builds only the command line.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIR = path.join(ROOT, 'dist', 'cli');
/** What a CLI bundle was built from, and when: the launcher's staleness check. */
const CLI_MANIFEST = 'inputs.json';
/** Changes what every bundle is made of without being one of its sources. */
const BUILD_INPUTS = ['build/bundle.mjs', 'package.json', 'node_modules/.package-lock.json'];

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
 * The command line into `outdir` (inside the project, where better-sqlite3 resolves):
 * built beside it and swapped in whole, so a command started meanwhile never loads half
 * a bundle. The parse worker sits beside the chunks, where parse.ts looks for it.
 */
export async function buildCli(outdir = CLI_DIR) {
  const { build } = await import('esbuild');
  // Taken before reading the sources: a file saved during the build is newer than the bundle.
  const builtAt = Date.now();
  const staging = `${outdir}.${process.pid}.tmp`;
  fs.rmSync(staging, { recursive: true, force: true });
  const result = await build({
    ...common,
    entryPoints: { cli: 'electron/cli.ts', 'parse-worker': 'electron/excel/parse-worker.ts' },
    format: 'esm',
    splitting: true,
    outdir: staging,
    external: ['better-sqlite3'],
    banner: { js: requireShim },
    plugins: [zodVietnameseOnly],
    metafile: true,
  });
  // Our files only: a package changes with node_modules/.package-lock.json, and a plugin's module ("namespace:path") is no file.
  const sources = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith('node_modules/') && !/^[\w-]+:/u.test(file));
  fs.writeFileSync(path.join(staging, CLI_MANIFEST), `${JSON.stringify({ builtAt, inputs: [...BUILD_INPUTS, ...sources] })}\n`);
  fs.writeFileSync(path.join(staging, 'package.json'), '{ "type": "module" }\n');
  fs.rmSync(outdir, { recursive: true, force: true });
  try {
    fs.renameSync(staging, outdir);
  } catch (err) {
    // Another command rebuilt it at the same moment and swapped its copy in first: use that one.
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(path.join(outdir, CLI_MANIFEST))) throw err;
  }
  return outdir;
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

/** Whether the bundle in `outdir` was built from the sources as they are now. */
export function cliIsCurrent(outdir = CLI_DIR) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(outdir, CLI_MANIFEST), 'utf8'));
  } catch {
    return false;
  }
  for (const file of manifest.inputs) {
    let changed;
    try {
      changed = fs.statSync(path.join(ROOT, file)).mtimeMs;
    } catch {
      // A source gone (moved, renamed): the bundle no longer says what the sources do.
      if (BUILD_INPUTS.includes(file)) continue;
      return false;
    }
    if (changed > manifest.builtAt) return false;
  }
  return true;
}

/** `npm run cli -- ARGS…`: the bundled command line, rebuilt first when its sources changed. */
async function launchCli(argv) {
  if (!cliIsCurrent()) {
    process.stderr.write('Đang dựng lại dòng lệnh từ mã nguồn (dist/cli)…\n');
    await buildCli();
  }
  const entry = path.join(CLI_DIR, 'cli.js');
  process.argv = [process.argv[0], entry, ...argv];
  await import(pathToFileURL(entry).href);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [flag, ...rest] = process.argv.slice(2);
  if (flag === '--run-cli') {
    await launchCli(rest);
  } else if (flag === '--cli') {
    const outdir = await buildCli(rest[0] ? path.resolve(rest[0]) : CLI_DIR);
    console.log(`Đã dựng dòng lệnh vào ${path.relative(ROOT, outdir) || outdir}.`);
  } else {
    await buildElectron();
    await buildCli();
    console.log('Đã dựng dist/electron (main, preload, parse-worker) và dist/cli (dòng lệnh).');
  }
}
