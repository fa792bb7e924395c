// `npm run setup:debian`: the Debian packages the full test suite needs beyond npm
// (tests/helpers/capabilities.ts looks for each). Run as root it installs those not yet
// installed; otherwise it prints the command to run. Only Debian's own packages: the
// browser is Debian's Chromium, never one Playwright downloads.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** Each package, and what the tests use it for. */
export const PACKAGES = [
  ['chromium', 'the browser the end-to-end tests drive'],
  ['libreoffice-writer-nogui', 'renders .docx to PDF'],
  ['libreoffice-calc-nogui', 'renders .xlsx to PDF'],
  ['poppler-utils', 'PDF pages to PNG and text (pdftoppm, pdftotext, pdfinfo)'],
  // Liberation Serif has Times New Roman's metrics, so the pages break where Word's do.
  ['fonts-liberation2', 'Times New Roman metrics for rendered pages'],
  ['fonts-dejavu-core', 'fallback fonts for rendered pages'],
  ['python3-openpyxl', 'the second reader the workbook corpus is compared with'],
  // .ci/run starts a throwaway server from its programs (/usr/lib/postgresql/15/bin) for TONGHOP_TEST_PG.
  ['postgresql', 'the server the PostgreSQL half of the integration suite runs on'],
];

function installed(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function main() {
  if (process.platform !== 'linux' || spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.error('npm run setup:debian chỉ dùng trên Debian/Ubuntu (có apt và dpkg). Trên Windows, xem README, mục "Kiểm thử".');
    process.exitCode = 2;
    return;
  }
  const missing = PACKAGES.map(([name]) => name).filter((name) => !installed(name));
  if (missing.length === 0) {
    console.log('Đã có đủ các gói Debian mà bộ kiểm thử cần.');
    return;
  }
  // With their recommended packages: LibreOffice headless needs some of them to convert.
  const command = ['apt-get', 'install', '-y', '-qq', ...missing];
  if (process.getuid?.() !== 0) {
    console.log(`Thiếu ${missing.length} gói. Hãy chạy với quyền root:\n  sudo apt-get update && sudo ${command.join(' ')}`);
    return;
  }
  console.log(`Đang cài ${missing.join(', ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['apt-get', 'update', '-qq'], command]) {
    const r = spawnSync(args[0], args.slice(1), { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`Lệnh "${args.join(' ')}" lỗi (mã ${r.status}).`);
      process.exitCode = 1;
      return;
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
