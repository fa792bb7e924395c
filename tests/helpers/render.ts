// Documents rendered as the clerk who signs them sees them: LibreOffice headless turns a
// .docx or .xlsx into PDF, poppler's pdftoppm turns its pages into PNGs, pdfinfo and
// pdftotext say how many pages and what they read. Where LibreOffice is not installed,
// `renderer()` says why, for the test to report itself skipped with that reason.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Rendered {
  pdf: string;
  /** One PNG per page, in order. */
  pages: string[];
  /** The PDF's page size in millimetres, from pdfinfo (first page). */
  pageSizeMm: { width: number; height: number };
  /** The text of every page, from pdftotext -layout. */
  text: string;
}

function found(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

/** Null when documents can be rendered here, else the reason they cannot. */
export function cannotRender(): string | null {
  const missing = ['soffice', 'pdftoppm', 'pdfinfo', 'pdftotext'].filter((c) => !found(c));
  return missing.length === 0 ? null : `không có ${missing.join(', ')} (cài libreoffice-writer-nogui, libreoffice-calc-nogui, poppler-utils)`;
}

/**
 * Renders a document's bytes to PDF and PNG pages in `outDir` (kept, so the pages can be
 * looked at). LibreOffice gets a profile folder of its own, so a desktop instance or a
 * parallel test never blocks it.
 */
export function render(bytes: Uint8Array, name: string, outDir: string, options: { dpi?: number } = {}): Rendered {
  fs.mkdirSync(outDir, { recursive: true });
  const source = path.join(outDir, name);
  fs.writeFileSync(source, bytes);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-lo-profile-'));
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, source], { stdio: 'pipe', timeout: 180_000 });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const pdf = path.join(outDir, `${path.basename(name, path.extname(name))}.pdf`);
  if (!fs.existsSync(pdf)) throw new Error(`LibreOffice made no PDF of ${name}`);
  const prefix = path.join(outDir, path.basename(name, path.extname(name)));
  execFileSync('pdftoppm', ['-png', '-r', String(options.dpi ?? 60), pdf, prefix], { stdio: 'pipe', timeout: 120_000 });
  const base = path.basename(prefix);
  const pages = fs
    .readdirSync(outDir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'))
    .sort((a, b) => Number(/-(\d+)\.png$/u.exec(a)?.[1] ?? 0) - Number(/-(\d+)\.png$/u.exec(b)?.[1] ?? 0))
    .map((f) => path.join(outDir, f));
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/u.exec(info);
  const pt = 25.4 / 72;
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { pdf, pages, pageSizeMm: { width: Number(size?.[1] ?? 0) * pt, height: Number(size?.[2] ?? 0) * pt }, text };
}
