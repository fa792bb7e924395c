// The test runner's own logic: where it finds a browser, LibreOffice, openpyxl and
// PostgreSQL (tests/helpers/capabilities.ts), on Debian, on Windows and on a bare
// machine; what it skips, says and fails on (build/test-plan.ts), CI's switch included.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser, findOpenpyxl, findPostgres, findRenderTools, findTestPostgres, requireAll, type Found, type Host } from '../helpers/capabilities';
import { BASE_STEPS, E2E_STEP, planSteps, summarise, type Part } from '../../build/test-plan';
// @ts-expect-error -- a plain .mjs script
import { PACKAGES } from '../../build/setup-debian.mjs';

/** A machine that has exactly these files, and these commands on PATH. */
function host(platform: NodeJS.Platform, files: string[], env: NodeJS.ProcessEnv = {}, commands: Record<string, string> = {}, python: string[] = []): Host {
  const set = new Set(files);
  return {
    env,
    platform,
    exists: (f) => set.has(f),
    which: (c) => commands[c] ?? null,
    list: (dir) => [...new Set(files.filter((f) => f.startsWith(`${dir}/`)).map((f) => f.slice(dir.length + 1).split('/')[0] ?? ''))],
    pythonWith: (m) => (python.includes(m) ? 'python3' : null),
  };
}
const WIN = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\vp\\AppData\\Local' };

describe('finding a browser', () => {
  it("takes Debian's Chromium", () => {
    expect(findBrowser(host('linux', ['/usr/bin/chromium']))).toEqual({ ok: true, browser: { executablePath: '/usr/bin/chromium', label: '/usr/bin/chromium' } });
  });

  it('takes CHROMIUM_PATH alone when set: pointing nowhere turns the browser off, with the reason', () => {
    const none = findBrowser(host('linux', ['/usr/bin/chromium'], { CHROMIUM_PATH: '/khong/co/chromium' }));
    expect(none.ok).toBe(false);
    if (!none.ok) {
      expect(none.reason).toBe('CHROMIUM_PATH trỏ tới /khong/co/chromium, không có tệp đó');
      expect(none.install).toMatch(/^npm run setup:debian \(apt-get install chromium\)$/u);
    }
    expect(findBrowser(host('linux', ['/opt/chromium/chrome'], { CHROMIUM_PATH: '/opt/chromium/chrome' }))).toMatchObject({ ok: true, browser: { executablePath: '/opt/chromium/chrome' } });
  });

  it("takes an installed Chrome, then Edge, through Playwright's channels on Windows", () => {
    const chrome = path.win32.join(WIN.PROGRAMFILES, 'Google\\Chrome\\Application\\chrome.exe');
    const edge = path.win32.join(WIN['PROGRAMFILES(X86)'], 'Microsoft\\Edge\\Application\\msedge.exe');
    expect(findBrowser(host('win32', [chrome, edge], WIN))).toMatchObject({ ok: true, browser: { channel: 'chrome' } });
    expect(findBrowser(host('win32', [edge], WIN))).toMatchObject({ ok: true, browser: { channel: 'msedge' } });
    // Chrome installed for the user only.
    expect(findBrowser(host('win32', [path.win32.join(WIN.LOCALAPPDATA, 'Google\\Chrome\\Application\\chrome.exe')], WIN))).toMatchObject({ ok: true, browser: { channel: 'chrome' } });
  });

  it('says what to install where there is none, in the words of the platform', () => {
    const linux = findBrowser(host('linux', []));
    const windows = findBrowser(host('win32', [], WIN));
    expect(linux).toMatchObject({ ok: false, reason: 'không tìm thấy Chromium, Chrome hay Edge' });
    expect(!linux.ok && linux.install).toContain('npm run setup:debian');
    expect(!windows.ok && windows.install).toContain('Microsoft Edge');
    expect(!windows.ok && windows.install).not.toContain('apt-get');
  });
});

describe('finding LibreOffice, openpyxl and PostgreSQL', () => {
  const poppler = { pdftoppm: '/usr/bin/pdftoppm', pdfinfo: '/usr/bin/pdfinfo', pdftotext: '/usr/bin/pdftotext' };

  it('finds LibreOffice and poppler on PATH, or LibreOffice under Program Files on Windows', () => {
    expect(findRenderTools(host('linux', [], {}, { soffice: '/usr/bin/soffice', ...poppler }))).toEqual({ ok: true, tools: { soffice: '/usr/bin/soffice', ...poppler } });
    const soffice = path.win32.join(WIN.PROGRAMFILES, 'LibreOffice\\program\\soffice.exe');
    expect(findRenderTools(host('win32', [soffice], WIN, { pdftoppm: 'C:\\poppler\\pdftoppm.exe', pdfinfo: 'C:\\poppler\\pdfinfo.exe', pdftotext: 'C:\\poppler\\pdftotext.exe' }))).toMatchObject({ ok: true, tools: { soffice } });
  });

  it('names each missing tool', () => {
    const r = findRenderTools(host('linux', [], {}, { pdftoppm: '/usr/bin/pdftoppm' }));
    expect(r).toMatchObject({ ok: false, reason: 'không có LibreOffice (soffice), pdfinfo, pdftotext' });
    expect(!r.ok && r.install).toContain('libreoffice-writer-nogui');
  });

  it('asks Python for openpyxl', () => {
    expect(findOpenpyxl(host('linux', [], {}, {}, ['openpyxl']))).toEqual({ ok: true, python: 'python3' });
    expect(findOpenpyxl(host('linux', []))).toMatchObject({ ok: false, reason: 'không có python3 với openpyxl' });
  });

  it("takes TONGHOP_TEST_PG's server, else Debian's server programs under their version, else says none", () => {
    expect(findPostgres(host('linux', [], { TONGHOP_TEST_PG: 'postgres://clerk@127.0.0.1:5433/tonghop' }))).toEqual({ ok: true, postgres: { url: 'postgres://clerk@127.0.0.1:5433/tonghop' } });
    expect(findPostgres(host('linux', [], { TONGHOP_TEST_PG: 'tonghop.sqlite' }))).toMatchObject({ ok: false, reason: expect.stringContaining('không phải địa chỉ postgres://') });
    const debian = ['/usr/lib/postgresql/13/bin/initdb', '/usr/lib/postgresql/13/bin/pg_ctl', '/usr/lib/postgresql/15/bin/initdb', '/usr/lib/postgresql/15/bin/pg_ctl'];
    expect(findPostgres(host('linux', debian))).toEqual({ ok: true, postgres: { bin: '/usr/lib/postgresql/15/bin' } });
    expect(findPostgres(host('linux', [], {}, { initdb: '/opt/pg/bin/initdb', pg_ctl: '/opt/pg/bin/pg_ctl' }))).toEqual({ ok: true, postgres: { bin: '/opt/pg/bin' } });
    expect(findPostgres(host('linux', ['/usr/lib/postgresql/15/bin/initdb']))).toMatchObject({ ok: false });
  });

  it('runs the PostgreSQL half of the suite on the server TONGHOP_TEST_PG names; the server programs alone say how to start one', () => {
    expect(findTestPostgres(host('linux', [], { TONGHOP_TEST_PG: 'postgres://tonghop_test@127.0.0.1:55432/tonghop_test' }))).toEqual({ ok: true, url: 'postgres://tonghop_test@127.0.0.1:55432/tonghop_test' });
    const debian = ['/usr/lib/postgresql/15/bin/initdb', '/usr/lib/postgresql/15/bin/pg_ctl'];
    const programsOnly = findTestPostgres(host('linux', debian));
    expect(programsOnly).toMatchObject({ ok: false, reason: expect.stringContaining('TONGHOP_TEST_PG chưa đặt') });
    expect(!programsOnly.ok && programsOnly.reason).toContain('/usr/lib/postgresql/15/bin');
    expect(!programsOnly.ok && programsOnly.install).toContain('.ci/run');
    expect(findTestPostgres(host('linux', []))).toMatchObject({ ok: false, install: expect.stringContaining('apt-get install postgresql') });
    expect(findTestPostgres(host('linux', [], { TONGHOP_TEST_PG: 'tonghop.sqlite' }))).toMatchObject({ ok: false, reason: expect.stringContaining('không phải địa chỉ postgres://') });
  });
});

describe("the runner's plan and summary", () => {
  const ok: Found<object> = { ok: true };
  const gone = (reason: string): Found<object> => ({ ok: false, reason, install: `cài ${reason}` });
  const parts = (browser: Found<object>, render: Found<object>, electron: Found<object> = gone('electron')): Part[] => [
    { name: 'Trình duyệt', found: browser, usedBy: 'tests/e2e', e2e: true },
    { name: 'LibreOffice', found: render, usedBy: 'tests/integration' },
    { name: 'PostgreSQL', found: gone('pg'), usedBy: null },
    { name: 'Electron', found: electron, usedBy: 'tests/e2e/electron.spec.ts', expected: true },
  ];
  const allRan = (steps: readonly { label: string }[]) => steps.map((s) => ({ step: s.label, ok: true }));

  it('runs every step where everything is found, and says nothing was skipped but the Electron runtime', () => {
    const plan = planSteps(parts(ok, ok), false);
    expect(plan.steps).toEqual([...BASE_STEPS, E2E_STEP]);
    const s = summarise(parts(ok, ok), allRan(plan.steps), false);
    expect(s.ok).toBe(true);
    expect(s.tail.join('\n')).toContain('Bỏ qua Electron (tests/e2e/electron.spec.ts): electron. Cài: cài electron');
    expect(summarise(parts(ok, ok, ok), allRan(plan.steps), false).tail).toContain('  Không bỏ qua phần nào.');
    // A part no test uses yet is listed before the run, never as a skip.
    expect(s.head).toContain('  · PostgreSQL: không có, chưa có phần kiểm thử nào cần');
    expect(s.tail.join('\n')).not.toContain('PostgreSQL');
  });

  it('without a browser: no end-to-end step, the run green, the skip listed with its reason and the command', () => {
    const plan = planSteps(parts(gone('chromium'), ok), false);
    expect(plan.steps).toEqual(BASE_STEPS);
    const s = summarise(parts(gone('chromium'), ok), allRan(plan.steps), false);
    expect(s.ok).toBe(true);
    expect(s.tail).toContain('  – Bỏ qua Trình duyệt (tests/e2e): chromium. Cài: cài chromium');
    expect(s.head).toContain('  ✗ Trình duyệt: chromium');
  });

  it('under CI\u2019s switch a missing part fails the run, though every step passed; the Electron runtime still only skips', () => {
    const p = parts(ok, gone('soffice'));
    const plan = planSteps(p, true);
    expect(plan.failing.map((x) => x.name)).toEqual(['LibreOffice']);
    expect(plan.skipped.map((x) => x.name)).toEqual(['Electron']);
    const s = summarise(p, allRan(plan.steps), true);
    expect(s.ok).toBe(false);
    expect(s.tail).toContain('  ✗ Thiếu LibreOffice (tests/integration): soffice. Cài: cài soffice');
    expect(summarise(parts(ok, ok), allRan(planSteps(parts(ok, ok), true).steps), true).ok).toBe(true);
  });

  it('fails the run when a step fails, and shows the steps not run', () => {
    const plan = planSteps(parts(ok, ok), false);
    const s = summarise(parts(ok, ok), [{ step: BASE_STEPS[0]!.label, ok: true }, { step: BASE_STEPS[1]!.label, ok: false }], false);
    expect(s.ok).toBe(false);
    expect(s.tail).toContain(`  ✗ ${BASE_STEPS[1]!.label}`);
    expect(s.tail).toContain(`  · ${plan.steps[3]!.label}: chưa chạy`);
  });

  it('reads the CI switch from TONGHOP_REQUIRE_ALL', () => {
    expect(requireAll({ env: { TONGHOP_REQUIRE_ALL: '1' } })).toBe(true);
    expect(requireAll({ env: {} })).toBe(false);
  });

  it("installs with npm run setup:debian what the finders look for: Debian's Chromium, LibreOffice, poppler, openpyxl", () => {
    const names = (PACKAGES as [string, string][]).map(([n]) => n);
    for (const n of ['chromium', 'libreoffice-writer-nogui', 'libreoffice-calc-nogui', 'poppler-utils', 'python3-openpyxl']) expect(names).toContain(n);
  });

  it('installs the PostgreSQL server that .ci/run starts for TONGHOP_TEST_PG', () => {
    expect((PACKAGES as [string, string][]).map(([n]) => n)).toContain('postgresql');
  });
});
