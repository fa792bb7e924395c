// Builds better-sqlite3 for Electron's ABI into dist/native/, leaving the Node build in
// node_modules untouched for the tests and the CLI. Needs Electron's headers, which
// @electron/rebuild downloads once: run it on a machine with Internet access (or with
// the headers in its node-gyp cache) before `npm run dist`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rebuild } from '@electron/rebuild';
import { electronVersion } from './electron-runtime.mjs';

const version = electronVersion();
const HEADERS = 'https://www.electronjs.org/headers';
try {
  // Fail in seconds, with a reason, rather than hang on a machine without Internet access.
  await fetch(`${HEADERS}/v${version}/SHASUMS256.txt`, { method: 'HEAD', signal: AbortSignal.timeout(8000) });
} catch {
  console.error(`Không tải được tệp tiêu đề của Electron ${version} từ ${HEADERS}. Lệnh này cần Internet một lần; hãy chạy trên máy có mạng rồi chép dist/native/better_sqlite3.node sang.`);
  process.exit(1);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-native-'));
const moduleDir = path.join(work, 'node_modules', 'better-sqlite3');
fs.cpSync(path.resolve('node_modules/better-sqlite3'), moduleDir, { recursive: true, filter: (src) => !src.includes(`${path.sep}build${path.sep}`) });
fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'native-build', version: '1.0.0', dependencies: { 'better-sqlite3': '*' } }));

console.log(`Dựng better-sqlite3 cho Electron ${version}…`);
try {
  await rebuild({ buildPath: work, electronVersion: version, headerURL: HEADERS, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
} catch (err) {
  console.error(`Không dựng được better-sqlite3 cho Electron ${version}: ${err instanceof Error ? err.message : err}`);
  console.error('Việc này cần tải tệp tiêu đề (headers) của Electron một lần: hãy chạy lệnh trên máy có Internet.');
  process.exit(1);
}
const built = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
fs.mkdirSync('dist/native', { recursive: true });
fs.copyFileSync(built, 'dist/native/better_sqlite3.node');
fs.rmSync(work, { recursive: true, force: true });
console.log('Đã tạo dist/native/better_sqlite3.node');
