// The first screen on ten years of data (issue #13, "Scale"): the same cold Chromium
// measurement as first-screen.ts, from navigation to Tổng quan showing its figures, on
// the ten-year database of scale-db.ts, against one year of 20 agencies built the same
// way in the same run. Tổng quan asks for one period's figures, so it should not grow
// with the years kept; it grows with the agencies and indicators it lists.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firstScreenMs } from './first-screen';
import { buildScaleDb, FULL_SCALE } from './scale-db';
import { runAlone, type SectionRunner } from './section';

export const run: SectionRunner = async ({ runs, log }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-bench-scale-first-'));
  try {
    const small = await buildScaleDb(path.join(dir, 'small.sqlite'), { years: 1, agencies: 20 });
    const full = await buildScaleDb(path.join(dir, 'full.sqlite'), FULL_SCALE);
    // Interleaved, so a machine that gets busier during the run slows both alike.
    const smallMs: number[] = [];
    const fullMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      smallMs.push(await firstScreenMs({ dbPath: small.file, runs: 1, log }));
      fullMs.push(await firstScreenMs({ dbPath: full.file, runs: 1, log }));
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    const a = median(fullMs);
    const b = median(smallMs);
    const indicators = FULL_SCALE.tasks * FULL_SCALE.indicatorsPerTask;
    return {
      title: 'The first screen on ten years of data',
      ratios: [{ name: 'first screen, 10y×40 / 1y×20 (cold Chromium, navigation → figures)', value: a / b, target: null }],
      limits: [],
      markdown: [
        `| first screen, cold Chromium, median of ${runs} | ms |`,
        '| --- | --- |',
        `| 1 year × 20 agencies (baseline) | ${b.toFixed(0)} |`,
        `| ${FULL_SCALE.years} years × ${FULL_SCALE.agencies} agencies × ${indicators} indicators (${full.rows.submissions} reports) | ${a.toFixed(0)} |`,
        `| ratio | ${(a / b).toFixed(2)} |`,
      ].join('\n'),
      failures: [],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

void runAlone(import.meta.url, run);
