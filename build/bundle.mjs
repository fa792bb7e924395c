// Bundles the Node side for Electron with esbuild: the main process and the parse
// worker as ES modules that load their npm dependencies from node_modules (so the
// native addon and exceljs stay as packaged), and the preload script as one CommonJS
// file, because a sandboxed preload can require nothing but 'electron'.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  outdir: 'dist/electron',
};

await Promise.all([
  build({ ...common, entryPoints: { main: 'electron/main.ts', 'parse-worker': 'electron/excel/parse-worker.ts' }, format: 'esm', packages: 'external', outExtension: { '.js': '.js' } }),
  build({ ...common, entryPoints: { preload: 'electron/preload.ts' }, format: 'cjs', external: ['electron'], minify: true, outExtension: { '.js': '.cjs' } }),
]);
console.log('Đã dựng dist/electron (main, preload, parse-worker).');
