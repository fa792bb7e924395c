// Documents rendered as the clerk who signs them sees them: LibreOffice headless turns a
// .docx or .xlsx into PDF, poppler's pdftoppm turns its pages into PNGs, pdfinfo and
// pdftotext say how many pages and what they read. Where LibreOffice is not installed,
// `renderTools` says why, for the test to say skipped with that reason (tests/helpers/needs.ts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findRenderTools, type RenderTools } from './capabilities';

export interface Rendered {
  pdf: string;
  /** One PNG per page, in order. */
  pages: string[];
  /** The PDF's page size in millimetres, from pdfinfo (first page). */
  pageSizeMm: { width: number; height: number };
  /** The text of every page, from pdftotext -layout. */
  text: string;
}

/** LibreOffice and poppler, where this machine has them (capabilities.ts). */
export const renderTools = findRenderTools();

function tools(): RenderTools {
  if (!renderTools.ok) throw new Error(`Không dựng được trang: ${renderTools.reason}`);
  return renderTools.tools;
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
    execFileSync(tools().soffice, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, source], { stdio: 'pipe', timeout: 180_000 });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const pdf = path.join(outDir, `${path.basename(name, path.extname(name))}.pdf`);
  if (!fs.existsSync(pdf)) throw new Error(`LibreOffice made no PDF of ${name}`);
  const prefix = path.join(outDir, path.basename(name, path.extname(name)));
  execFileSync(tools().pdftoppm, ['-png', '-r', String(options.dpi ?? 60), pdf, prefix], { stdio: 'pipe', timeout: 120_000 });
  const base = path.basename(prefix);
  const pages = fs
    .readdirSync(outDir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'))
    .sort((a, b) => Number(/-(\d+)\.png$/u.exec(a)?.[1] ?? 0) - Number(/-(\d+)\.png$/u.exec(b)?.[1] ?? 0))
    .map((f) => path.join(outDir, f));
  const info = execFileSync(tools().pdfinfo, [pdf], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/u.exec(info);
  const pt = 25.4 / 72;
  const text = execFileSync(tools().pdftotext, ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { pdf, pages, pageSizeMm: { width: Number(size?.[1] ?? 0) * pt, height: Number(size?.[2] ?? 0) * pt }, text };
}
