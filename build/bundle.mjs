// Bundles the Node side for Electron with esbuild: the main process and the parse
// worker as ES modules that load their npm dependencies from node_modules (so the
// native addon and exceljs stay as packaged), and the preload script as one CommonJS
// file, because a sandboxed preload can require nothing but 'electron'.
import fs from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  outdir: 'dist/electron',
};

// The parse worker runs from app.asar.unpacked (worker_threads cannot load from an asar
// archive), where the packages inside the archive are out of reach: it carries its own.
// saxes and yauzl are CommonJS and require Node's built-ins.
const requireShim = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

await Promise.all([
  build({ ...common, entryPoints: { main: 'electron/main.ts' }, format: 'esm', packages: 'external' }),
  build({ ...common, entryPoints: { 'parse-worker': 'electron/excel/parse-worker.ts' }, format: 'esm', banner: { js: requireShim } }),
  build({ ...common, entryPoints: { preload: 'electron/preload.ts' }, format: 'cjs', external: ['electron'], minify: true, outExtension: { '.js': '.cjs' } }),
]);
// The unpacked worker has no package.json above it: say outright that these are ES modules.
fs.writeFileSync('dist/electron/package.json', '{ "type": "module" }\n');
console.log('Đã dựng dist/electron (main, preload, parse-worker).');
