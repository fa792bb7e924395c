// A restore killed at any moment leaves the live database as it was or as the backup
// was, never a mixture, and the app opens it again: the proof works on a copy, and the
// proven copy goes into the live file in one SQLite transaction (the backup API), not
// by copying over an open file.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backupTo } from '../../electron/app/backup';
import { openApp } from '../../electron/app/bootstrap';
import { cleanupTempDirs, openTestApp, tempDir } from '../helpers/app';
import { seededRandom } from '../helpers/workbooks';

afterAll(cleanupTempDirs);

const ROOT = path.resolve(import.meta.dirname, '../..');
const ITERATIONS = 12;

function agenciesIn(file: string): string[] {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return (db.prepare('SELECT a.code FROM submission s JOIN agency a ON a.id = s.agency_id ORDER BY s.id').all() as { code: string }[]).map((r) => r.code);
  } finally {
    db.close();
  }
}

function restoreIn(db: string, backup: string, killAfterMs: number | null): Promise<{ done: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/restore-child.ts', db, backup], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let readyAt = 0;
    let done = false;
    let stderr = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('ready')) {
        readyAt = performance.now();
        if (killAfterMs !== null) setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
      }
      if (chunk.includes('done')) done = true;
    });
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      if (!done && signal !== 'SIGKILL') reject(new Error(`restore child exited ${code}: ${stderr}`));
      else resolve({ done, ms: performance.now() - readyAt });
    });
  });
}

describe('killing a restore at random moments', () => {
  it(`leaves the data as it was or as the backup was, intact and openable, after each of ${ITERATIONS} SIGKILLs`, async () => {
    const dir = tempDir();
    // The backup: VKS's report, and enough original files kept in it that copying takes a while.
    const source = await openTestApp({}, tempDir());
    await source.h['submissions.enter']({ period: '2022-Q1', agency: 'VKS', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 3 }], accept: [] });
    for (let i = 0; i < 40; i++) {
      const bytes = Buffer.alloc(256 * 1024, i);
      source.ctx.handle.sqlite.prepare('INSERT INTO source_file (sha256, size, bytes, name, stored_at) VALUES (?, ?, ?, ?, ?)').run(`${String(i).padStart(64, '0')}`, bytes.length, bytes, `tep-${i}.xlsx`, '2022-03-18T09:00:00');
    }
    const backup = path.join(dir, 'saoluu.sqlite');
    await backupTo(source.ctx, backup);
    await source.close();
    // The live data: CA's report.
    const live = await openTestApp({}, tempDir());
    await live.h['submissions.enter']({ period: '2022-Q1', agency: 'CA', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 9 }], accept: [] });
    await live.close();
    const pristine = path.join(dir, 'pristine.sqlite');
    {
      const db = new BetterSqlite3(live.file);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      fs.copyFileSync(live.file, pristine);
    }

    const full = path.join(dir, 'full.sqlite');
    fs.copyFileSync(pristine, full);
    const whole = await restoreIn(full, backup, null);
    expect(whole.done).toBe(true);
    expect(agenciesIn(full)).toEqual(['VKS']);

    const random = seededRandom(20221201);
    const seen = { before: 0, after: 0 };
    // Kills at random moments up to the time one whole restore took. A machine busier than
    // when that was measured makes every restore slower, so every kill could land before
    // the commit: then the span grows, and up to twice the iterations run, until kills
    // have landed on both sides.
    let span = whole.ms;
    let runs = 0;
    for (let i = 0; i < ITERATIONS || ((seen.before === 0 || seen.after === 0) && i < 2 * ITERATIONS); i++) {
      const db = path.join(dir, `kill-${i}.sqlite`);
      fs.copyFileSync(pristine, db);
      const run = await restoreIn(db, backup, Math.round(random() * span));
      if (run.done) span = Math.max(span, run.ms);
      const agencies = agenciesIn(db);
      expect([['CA'], ['VKS']], `iteration ${i}: ${agencies.join(',')}`).toContainEqual(agencies);
      if (agencies[0] === 'CA') seen.before++;
      else seen.after++;
      if (i >= ITERATIONS / 2 && seen.after === 0) span *= 1.5;
      runs++;
      // And the app opens it, whichever it is.
      const again = await openApp(db, { seed: false });
      await again.handle.close();
    }
    expect(seen.before + seen.after).toBe(runs);
    // The kills landed on both sides of the moment the restore commits.
    expect(seen.before, JSON.stringify(seen)).toBeGreaterThan(0);
    expect(seen.after, JSON.stringify(seen)).toBeGreaterThan(0);
  }, 240_000);
});
