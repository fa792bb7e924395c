// The first screen, timed in Chromium (`npx tsx tests/bench/first-screen.ts [--runs N]`;
// a part of `npm run bench`, see section.ts).
//
// The renderer is built (into a temp folder, with the app's vite.config.ts), a temp
// database is made the way `npm start` makes it (openApp: migrated, the Lạng Sơn 2022
// plan seeded) plus the demo reports (`init --demo`), so Tổng quan has figures to show,
// and browser mode serves it in process (startWebServer). Each run is cold: a new
// Chromium process with a new empty profile. What is timed is the page's own clock,
// from navigation start to the moment Tổng quan shows its figures (its state cards and
// the rows of its tables are in the page: FIGURES_SHOWN).
//
// Baseline in the same run: the same cold Chromium loading a tiny static page (one
// element, no script) from a trivial server on a temp folder. Reported, no target: the
// ratio first screen / tiny page, and the JavaScript the page had loaded by then (the
// build's first-screen script, measured from the built files, is held to 700 KB by
// tests/unit/first-screen-size.test.ts).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { findBrowser } from '../helpers/capabilities';
import { runAlone, type Ratio, type SectionRunner } from './section';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The budget for the first screen's script (raw bytes as Vite writes them). */
export const FIRST_SCREEN_BUDGET_BYTES = 700_000;

const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Tổng quan with its figures: the state cards carry their values and a table has rows. */
const FIGURES_SHOWN = "document.querySelector('.screen.overview .stat-row .stat-value') && document.querySelector('.screen.overview .ant-table-tbody .ant-table-row')";

export interface InitialScript {
  /** The files index.html makes the browser load before the app runs, and what they import statically. */
  files: { name: string; bytes: number; gzip: number }[];
  bytes: number;
  gzip: number;
  /** Every source module those files carry (from the sourcemaps, when built with them). */
  modules: string[];
}

/** Builds the renderer with the app's config into `outDir` (not dist/, which others may be serving). */
export async function buildRenderer(outDir: string, options: { sourcemap?: boolean } = {}): Promise<void> {
  const { build } = await import('vite');
  // As `npm run build` builds it: under vitest NODE_ENV is 'test', which would make Vite
  // bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), root: path.join(ROOT, 'renderer'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: options.sourcemap === true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/**
 * The first screen's script in a built renderer: index.html's module script and its
 * modulepreload links, and, transitively, every file those import statically (a
 * dynamic import() is not followed: it loads when its screen or part is drawn).
 */
export function initialScript(outDir: string): InitialScript {
  const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const start = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+)"/gu)].map((m) => path.posix.normalize(m[1] ?? ''));
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const name = queue.shift() ?? '';
    if (seen.has(name)) continue;
    seen.add(name);
    const code = fs.readFileSync(path.join(outDir, name), 'utf8');
    // Minified static imports: `import{a as b}from"./x.js"`, `import"./x.js"`, `import*as c from"./x.js"`.
    for (const m of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/gu)) queue.push(path.posix.join(path.posix.dirname(name), m[1] ?? ''));
  }
  const files = [...seen].map((name) => {
    const bytes = fs.readFileSync(path.join(outDir, name));
    return { name, bytes: bytes.length, gzip: zlib.gzipSync(bytes).length };
  });
  const modules = new Set<string>();
  for (const f of files) {
    const map = path.join(outDir, `${f.name}.map`);
    if (fs.existsSync(map)) for (const s of (JSON.parse(fs.readFileSync(map, 'utf8')) as { sources: string[] }).sources) modules.add(s);
  }
  return { files, bytes: files.reduce((a, f) => a + f.bytes, 0), gzip: files.reduce((a, f) => a + f.gzip, 0), modules: [...modules] };
}

interface Load {
  ms: number;
  /** JavaScript the page had received (decoded bytes) by that moment. */
  scriptBytes: number;
}

function browserPath(): string {
  const found = findBrowser();
  if (!found.ok || !found.browser.executablePath) throw new Error(`Không chạy được phần đo màn hình đầu: cần Chromium (${found.ok ? found.browser.label : found.reason}). ${found.ok ? 'Đặt CHROMIUM_PATH' : found.install}.`);
  return found.browser.executablePath;
}

/** One cold load: a fresh Chromium with an empty profile, timed by the page's clock until `shown` holds. */
async function coldLoad(url: string, shown: string): Promise<Load> {
  const { chromium } = await import('@playwright/test');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: browserPath(), headless: true, args: CHROMIUM_FLAGS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    // Watches the page from its first byte: the moment `shown` first holds, on the
    // page's own clock (0 = navigation start), and the scripts received by then.
    await page.addInitScript(`(() => {
      const check = () => {
        if (window.__shownAt !== undefined || !(${shown})) return;
        window.__shownAt = performance.now();
        window.__scriptBytes = performance.getEntriesByType('resource')
          .filter((e) => /\\.m?js(\\?|$)/.test(e.name) && e.responseEnd <= window.__shownAt)
          .reduce((a, e) => a + e.decodedBodySize, 0);
        observer.disconnect();
      };
      const observer = new MutationObserver(check);
      observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
      document.addEventListener('DOMContentLoaded', check);
    })();`);
    await page.goto(url, { waitUntil: 'commit' });
    // A function, not a string: the app's CSP forbids eval.
    await page.waitForFunction(() => (window as unknown as { __shownAt?: number }).__shownAt !== undefined, undefined, { timeout: 60_000 });
    return await page.evaluate(() => {
      const w = window as unknown as { __shownAt: number; __scriptBytes: number };
      return { ms: w.__shownAt, scriptBytes: w.__scriptBytes };
    });
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** The tiny page the baseline loads, from a bare static server (no route added to the app's). */
async function startTinyServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-bench-tiny-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Trang nhỏ</title></head><body><div id="figures">1</div></body></html>');
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(fs.readFileSync(path.join(dir, 'index.html')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The renderer built once per process (a temp folder), for every measurement that needs it. */
let built: Promise<string> | undefined;
function builtRenderer(log: (line: string) => void): Promise<string> {
  built ??= (async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-bench-renderer-'));
    log('first screen: building the renderer…');
    await buildRenderer(outDir);
    return outDir;
  })();
  return built;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

interface FirstScreenRuns {
  ms: number[];
  scriptBytes: number;
}

async function timeFirstScreen(options: { dbPath: string; runs: number; log: (line: string) => void }): Promise<FirstScreenRuns> {
  const rendererDir = await builtRenderer(options.log);
  const { startWebServer } = await import('../../electron/web');
  const server = await startWebServer({ dbPath: options.dbPath, rendererDir });
  try {
    const ms: number[] = [];
    let scriptBytes = 0;
    for (let i = 0; i < options.runs; i++) {
      const load = await coldLoad(server.url, FIGURES_SHOWN);
      ms.push(load.ms);
      scriptBytes = load.scriptBytes;
      options.log(`first screen: run ${i + 1}/${options.runs} ${load.ms.toFixed(0)} ms, ${(load.scriptBytes / 1024).toFixed(0)} KB of script`);
    }
    return { ms, scriptBytes };
  } finally {
    await server.close();
  }
}

/**
 * Milliseconds (median of `runs` cold loads) from navigation to Tổng quan showing its
 * figures, on the given database served by browser mode: the ten-year scale part
 * measures it on its big database.
 */
export async function firstScreenMs(options: { dbPath: string; runs: number; log: (line: string) => void }): Promise<number> {
  return median((await timeFirstScreen(options)).ms);
}

/** A temp database as `npm start` makes it, with the demo reports. */
async function demoDatabase(dir: string): Promise<string> {
  const { openApp } = await import('../../electron/app/bootstrap');
  const { addDemoReports } = await import('../../electron/app/demo');
  const dbPath = path.join(dir, 'tonghop.sqlite');
  const ctx = await openApp(dbPath);
  try {
    await addDemoReports(ctx);
  } finally {
    await ctx.handle.close();
  }
  return dbPath;
}

export const run: SectionRunner = async ({ runs, log }) => {
  const failures: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-bench-first-'));
  try {
    const rendererDir = await builtRenderer(log);
    const script = initialScript(rendererDir);
    if (script.bytes > FIRST_SCREEN_BUDGET_BYTES) failures.push(`the first screen's script is ${script.bytes} bytes, over the ${FIRST_SCREEN_BUDGET_BYTES} budget`);
    const dbPath = await demoDatabase(dir);
    const app = await timeFirstScreen({ dbPath, runs, log });

    const tiny = await startTinyServer();
    const baseline: number[] = [];
    try {
      for (let i = 0; i < runs; i++) baseline.push((await coldLoad(tiny.url, "document.getElementById('figures')")).ms);
    } finally {
      await tiny.close();
    }
    const appMs = median(app.ms);
    const baseMs = median(baseline);
    const ratios: Ratio[] = [{ name: 'first screen (navigation → Tổng quan with its figures) / tiny static page, cold Chromium', value: appMs / baseMs, target: null }];
    const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
    const markdown = [
      `Cold Chromium (a new process and empty profile each run), browser mode on a database seeded as \`npm start\` does plus the demo reports; median of ${runs} runs, load average ${load}.`,
      '',
      '| measure | value |',
      '| --- | --- |',
      `| navigation → Tổng quan with its figures | ${appMs.toFixed(0)} ms |`,
      `| the same Chromium, a tiny static page (baseline) | ${baseMs.toFixed(0)} ms |`,
      `| ratio | ${(appMs / baseMs).toFixed(2)}× |`,
      `| script loaded by then (decoded) | ${kb(app.scriptBytes)} |`,
      `| first-screen script in the build (index.html's script, modulepreloads, static imports) | ${script.bytes} bytes raw, ${script.gzip} gzip, ${script.files.length} files (budget ${FIRST_SCREEN_BUDGET_BYTES} bytes) |`,
    ].join('\n');
    log(`first screen: ${appMs.toFixed(0)} ms; tiny page ${baseMs.toFixed(0)} ms; script ${kb(app.scriptBytes)} loaded; ${script.bytes} bytes (${script.gzip} gzip) in the build`);
    return { title: 'First screen (Tổng quan) in Chromium', ratios, limits: [], markdown, failures };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

void runAlone(import.meta.url, run);
