// `npm start`: the desktop app where the Electron runtime is installed; otherwise one
// line saying so, then the same UI in browser mode.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { findElectron } from './electron-runtime.mjs';

const passthrough = process.argv.slice(2);
const electron = findElectron();

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

if (electron.path && fs.existsSync('dist/native/better_sqlite3.node')) {
  run(electron.path, ['.', ...passthrough]);
} else {
  const why = electron.path ? 'chưa có bản better-sqlite3 dựng cho Electron (chạy: npm run rebuild:electron)' : electron.reason;
  console.log(`Không mở được ứng dụng máy tính (${why}); mở chế độ trình duyệt thay thế.`);
  run(process.execPath, ['--import', 'tsx', 'electron/web.ts', ...passthrough]);
}
