// What the full test suite needs beyond npm: a browser for the end-to-end tests,
// LibreOffice and poppler to render documents, Python's openpyxl as a second workbook
// reader, a PostgreSQL server. Each is looked for here, in one place, by the Playwright
// config, the tests that need it and the test runner (build/run-tests.ts): where one is
// missing its tests say skipped, with the reason and the command that installs it, and
// the runner's summary lists them. With TONGHOP_REQUIRE_ALL=1 (CI sets it) a missing
// part fails instead, so a green CI run never hides one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Where a search runs: injectable, so the runner's own test can pose as Windows or a bare machine. */
export interface Host {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  exists: (file: string) => boolean;
  /** The full path of a command on PATH, or null. */
  which: (command: string) => string | null;
  /** The folders in a folder, for versioned installs (/usr/lib/postgresql/15/bin). */
  list: (dir: string) => string[];
  /** The Python command a module imports in, or null. */
  pythonWith: (module: string) => string | null;
}

function whichOnPath(command: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform, exists: (f: string) => boolean): string | null {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter((d) => d !== '');
  const names = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((ext) => `${command}${ext.toLowerCase()}`) : [command];
  for (const dir of dirs) for (const name of names) if (exists(path.join(dir, name))) return path.join(dir, name);
  return null;
}

export const realHost: Host = {
  env: process.env,
  platform: process.platform,
  exists: (file) => {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  },
  which: (command) => whichOnPath(command, process.env, process.platform, realHost.exists),
  list: (dir) => {
    try {
      return fs.readdirSync(dir);
    } catch {
      return [];
    }
  },
  pythonWith: (module) => {
    // Debian's python3-openpyxl lives with the system python3, which a python3 earlier on
    // PATH (pyenv, a virtualenv) may hide.
    for (const python of process.platform === 'win32' ? ['py', 'python'] : ['python3', '/usr/bin/python3']) {
      const r = spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore' });
      if (r.status === 0) return python;
    }
    return null;
  },
};

/** True where a missing part must fail the run rather than be skipped (CI). */
export function requireAll(host: Pick<Host, 'env'> = realHost): boolean {
  return host.env.TONGHOP_REQUIRE_ALL === '1';
}

export type Found<T> = ({ ok: true } & T) | { ok: false; reason: string; install: string };

const DEBIAN_SETUP = 'npm run setup:debian';

function installHint(platform: NodeJS.Platform, debian: string, windows: string): string {
  return platform === 'win32' ? windows : `${DEBIAN_SETUP} (${debian})`;
}

// ---- the browser ----

export type Browser = { executablePath: string; channel?: undefined; label: string } | { channel: 'chrome' | 'msedge'; executablePath?: undefined; label: string };

/** Under Program Files and the user's own programs, where Windows installs Chrome and Edge. */
function windowsPrograms(host: Host, rest: string): string[] {
  return [host.env.PROGRAMFILES, host.env['PROGRAMFILES(X86)'], host.env.LOCALAPPDATA].filter((d): d is string => !!d).map((d) => path.win32.join(d, rest));
}

/**
 * The browser the end-to-end tests drive: CHROMIUM_PATH when set (and then only it, so
 * pointing it nowhere turns the browser off); else Debian's Chromium; else an installed
 * Chrome or Edge through Playwright's channels. Playwright never downloads one.
 */
export function findBrowser(host: Host = realHost): Found<{ browser: Browser }> {
  const install = installHint(host.platform, 'apt-get install chromium', 'Cài Google Chrome hoặc Microsoft Edge (Edge có sẵn trên Windows 10/11), hoặc đặt CHROMIUM_PATH');
  const set = host.env.CHROMIUM_PATH;
  if (set !== undefined && set !== '') {
    return host.exists(set) ? { ok: true, browser: { executablePath: set, label: set } } : { ok: false, reason: `CHROMIUM_PATH trỏ tới ${set}, không có tệp đó`, install };
  }
  const linuxChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  if (host.platform === 'linux') for (const p of linuxChromium) if (host.exists(p)) return { ok: true, browser: { executablePath: p, label: p } };
  const chrome =
    host.platform === 'win32'
      ? windowsPrograms(host, 'Google\\Chrome\\Application\\chrome.exe')
      : host.platform === 'darwin'
        ? ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome']
        : ['/opt/google/chrome/chrome'];
  if (chrome.some(host.exists)) return { ok: true, browser: { channel: 'chrome', label: 'Google Chrome (kênh chrome của Playwright)' } };
  const edge =
    host.platform === 'win32'
      ? windowsPrograms(host, 'Microsoft\\Edge\\Application\\msedge.exe')
      : host.platform === 'darwin'
        ? ['/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge']
        : ['/opt/microsoft/msedge/msedge'];
  if (edge.some(host.exists)) return { ok: true, browser: { channel: 'msedge', label: 'Microsoft Edge (kênh msedge của Playwright)' } };
  return { ok: false, reason: 'không tìm thấy Chromium, Chrome hay Edge', install };
}

// ---- LibreOffice and poppler ----

export interface RenderTools {
  soffice: string;
  pdftoppm: string;
  pdfinfo: string;
  pdftotext: string;
}

/** LibreOffice (headless, to PDF) and poppler's tools (PDF to PNG pages and text). */
export function findRenderTools(host: Host = realHost): Found<{ tools: RenderTools }> {
  const installed = host.platform === 'win32' ? windowsPrograms(host, 'LibreOffice\\program\\soffice.exe') : host.platform === 'darwin' ? ['/Applications/LibreOffice.app/Contents/MacOS/soffice'] : [];
  const soffice = host.which('soffice') ?? installed.find(host.exists) ?? null;
  const poppler = { pdftoppm: host.which('pdftoppm'), pdfinfo: host.which('pdfinfo'), pdftotext: host.which('pdftotext') };
  const missing = [...(soffice ? [] : ['LibreOffice (soffice)']), ...Object.entries(poppler).flatMap(([name, at]) => (at ? [] : [name]))];
  if (missing.length > 0 || !soffice || !poppler.pdftoppm || !poppler.pdfinfo || !poppler.pdftotext) {
    return {
      ok: false,
      reason: `không có ${missing.join(', ')}`,
      install: installHint(host.platform, 'apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils', 'Cài LibreOffice (libreoffice.org) và Poppler cho Windows, thêm thư mục bin của Poppler vào PATH'),
    };
  }
  return { ok: true, tools: { soffice, pdftoppm: poppler.pdftoppm, pdfinfo: poppler.pdfinfo, pdftotext: poppler.pdftotext } };
}

// ---- openpyxl ----

/** Python's openpyxl, the second reader the workbook corpus is held to. */
export function findOpenpyxl(host: Host = realHost): Found<{ python: string }> {
  const python = host.pythonWith('openpyxl');
  return python
    ? { ok: true, python }
    : { ok: false, reason: 'không có python3 với openpyxl', install: installHint(host.platform, 'apt-get install python3-openpyxl', 'Cài Python 3 rồi chạy: py -m pip install openpyxl') };
}

// ---- PostgreSQL ----

export type Postgres = { url: string; bin?: undefined } | { bin: string; url?: undefined };

/**
 * A PostgreSQL server for the server half of the suite: the one TONGHOP_TEST_PG names,
 * else the server programs (initdb, pg_ctl) to start a throwaway one on 127.0.0.1.
 */
export function findPostgres(host: Host = realHost): Found<{ postgres: Postgres }> {
  const url = host.env.TONGHOP_TEST_PG;
  if (url !== undefined && url !== '') return /^postgres(ql)?:\/\//u.test(url) ? { ok: true, postgres: { url } } : { ok: false, reason: `TONGHOP_TEST_PG không phải địa chỉ postgres://…: ${url}`, install: 'Đặt TONGHOP_TEST_PG=postgres://người_dùng@127.0.0.1:5432/tên_csdl' };
  const initdb = host.which('initdb');
  if (initdb && host.which('pg_ctl')) return { ok: true, postgres: { bin: path.dirname(initdb) } };
  // Debian keeps the server programs off PATH, under their version.
  if (host.platform === 'linux') {
    const versions = host.list('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const bin = `/usr/lib/postgresql/${v}/bin`;
      if (host.exists(`${bin}/initdb`) && host.exists(`${bin}/pg_ctl`)) return { ok: true, postgres: { bin } };
    }
  }
  return {
    ok: false,
    reason: 'không có máy chủ PostgreSQL (TONGHOP_TEST_PG chưa đặt, không thấy initdb và pg_ctl)',
    install: installHint(host.platform, 'apt-get install postgresql', 'Cài PostgreSQL (postgresql.org) rồi đặt TONGHOP_TEST_PG=postgres://…'),
  };
}

/**
 * The server the PostgreSQL half of the integration suite runs on: TONGHOP_TEST_PG, a
 * postgres:// URL of a server where its user may CREATE DATABASE (each test file makes
 * its own, tests/helpers/pg.ts). The server programs alone are not enough: .ci/run
 * starts a throwaway server from them and sets the URL.
 */
export function findTestPostgres(host: Host = realHost): Found<{ url: string }> {
  const found = findPostgres(host);
  if (!found.ok) return found;
  if (found.postgres.url !== undefined) return { ok: true, url: found.postgres.url };
  return {
    ok: false,
    reason: `TONGHOP_TEST_PG chưa đặt (có các chương trình máy chủ ở ${found.postgres.bin}, nhưng chưa có máy chủ nào chạy cho kiểm thử)`,
    install: 'khởi động một máy chủ tạm như .ci/run làm (initdb, pg_ctl start trên 127.0.0.1) rồi đặt TONGHOP_TEST_PG=postgres://người_dùng@127.0.0.1:cổng/tên_csdl',
  };
}

// ---- in the tests ----

/** "bỏ qua: <reason>; cài: <command>", the words a skipped part is reported with. */
export function skipNote(found: { reason: string; install: string }): string {
  return `bỏ qua: ${found.reason}; cài: ${found.install}`;
}
