// The first screen's script stays within its budget (issue #13: at most 700 KB, from
// 1.6 MB): the renderer is built here with the app's vite.config.ts, and the files
// index.html makes the browser load before Tổng quan (its module script, its
// modulepreload links and everything they import statically) are added up as Vite
// wrote them. The charts, the profile wizard and the English messages must not be
// among them: they load when opened or chosen. And every message the modules in it use
// must come with it (renderer/i18n/vi-first-screen.ts), the rest of vi.ts loading later.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viFirstScreen } from '../../renderer/i18n/vi-first-screen';
import { vi } from '../../renderer/i18n/vi';
import { buildRenderer, FIRST_SCREEN_BUDGET_BYTES, initialScript, type InitialScript } from '../bench/first-screen';

let outDir = '';
let script: InitialScript;

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-first-screen-'));
  await buildRenderer(outDir, { sourcemap: true });
  script = initialScript(outDir);
}, 180_000);

afterAll(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

const carries = (part: RegExp): string[] => script.modules.filter((m) => part.test(m.replace(/\\/gu, '/')));

describe("the first screen's script", () => {
  it('is found from index.html: the entry, its modulepreloads and their static imports', () => {
    expect(script.files.length).toBeGreaterThan(0);
    expect(carries(/renderer\/main\.tsx$/u)).toHaveLength(1);
    expect(carries(/renderer\/screens\/Overview\.tsx$/u)).toHaveLength(1);
    expect(carries(/node_modules\/react-dom\//u).length).toBeGreaterThan(0);
  });

  it(`is at most ${FIRST_SCREEN_BUDGET_BYTES} bytes`, () => {
    const listing = script.files.map((f) => `${f.bytes}\t${f.name}`).join('\n');
    expect(script.bytes, `${script.bytes} bytes (${script.gzip} gzip) in ${script.files.length} files:\n${listing}`).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET_BYTES);
  });

  it('leaves the charts, the profile wizard, the other screens and English for later', () => {
    expect(carries(/node_modules\/(chart\.js|react-chartjs-2)\//u)).toEqual([]);
    expect(carries(/renderer\/screens\/(Charts|ProfileWizard|Profiles|Intake|Consolidation|ManualEntry|Forms|Plan|Settings)\.tsx$/u)).toEqual([]);
    expect(carries(/renderer\/i18n\/en\.ts$/u)).toEqual([]);
    expect(carries(/node_modules\/antd\/es\/(modal|notification|message|pagination|tabs|tree|menu)\/index\.js$/u)).toEqual([]);
  });
});

describe("the first screen's messages", () => {
  it('are all in vi-first-screen.ts, for every module the first screen carries', () => {
    const root = path.resolve(__dirname, '../..');
    const sources = carries(/\/renderer\/(?!i18n\/).+\.tsx?$/u).map((m) => fs.readFileSync(path.join(root, m.replace(/\\/gu, '/').replace(/^.*?\/?renderer\//u, 'renderer/')), 'utf8'));
    expect(sources.length).toBeGreaterThan(10);
    const text = sources.join('\n');
    // Literally ('overview.received') or through a template (`receipt.${state}`), as renderer-i18n.test.ts counts a use.
    const used = Object.keys(vi).filter((key) => text.includes(`'${key}'`) || text.includes(`\`${key.slice(0, key.lastIndexOf('.') + 1)}\${`));
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((key) => !(key in viFirstScreen))).toEqual([]);
  });
});
