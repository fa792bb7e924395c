// `npm test`: type check, lint, unit and integration tests, end-to-end tests, on Debian
// and on Windows alike. It first says which parts beyond npm this machine has
// (tests/helpers/capabilities.ts); a part that is missing is skipped by the tests that
// need it, and the summary at the end lists every skip with its reason and the command
// that installs what is missing, so a green run never hides one. With
// TONGHOP_REQUIRE_ALL=1 (CI) a missing part fails the run instead.
import { spawnSync } from 'node:child_process';
import { findBrowser, findOpenpyxl, findRenderTools, findTestPostgres, requireAll, type Found } from '../tests/helpers/capabilities';
import { planSteps, summarise, type Part } from './test-plan';
// @ts-expect-error -- a plain .mjs helper shared with the start script
import { findElectron } from './electron-runtime.mjs';

const electron = findElectron() as { path: string | null; reason: string | null };
const parts: Part[] = [
  { name: 'Trình duyệt (kiểm thử đầu cuối)', found: findBrowser() as Found<object>, usedBy: 'tests/e2e', e2e: true },
  { name: 'LibreOffice và poppler (dựng trang tài liệu)', found: findRenderTools() as Found<object>, usedBy: 'tests/integration: documents-render, workbooks-print' },
  { name: 'Python openpyxl (đối chiếu bộ tệp mẫu)', found: findOpenpyxl() as Found<object>, usedBy: 'tests/integration: corpus' },
  { name: 'PostgreSQL (TONGHOP_TEST_PG)', found: findTestPostgres() as Found<object>, usedBy: 'tests/integration: postgres, round-trip, backends' },
  {
    name: 'Tệp chạy Electron (kiểm thử cửa sổ ứng dụng)',
    found: electron.path ? { ok: true } : { ok: false, reason: electron.reason ?? 'không có', install: 'đặt ELECTRON_OVERRIDE_DIST_PATH tới một bản Electron đã giải nén' },
    usedBy: 'tests/e2e/electron.spec.ts',
    expected: true,
  },
];

const strict = requireAll();
const { steps } = planSteps(parts, strict);
for (const line of summarise(parts, [], strict).head) console.log(line);

const results: { step: string; ok: boolean }[] = [];
for (const step of steps) {
  console.log(`\n▶ ${step.label}: npm run ${step.script}`);
  // npm is a .cmd on Windows, run through the shell there.
  const r = spawnSync('npm', ['run', step.script], { stdio: 'inherit', shell: process.platform === 'win32' });
  results.push({ step: step.label, ok: r.status === 0 });
  if (r.status !== 0) break;
}

const { tail, ok } = summarise(parts, results, strict);
for (const line of tail) console.log(line);
process.exitCode = ok ? 0 : 1;
