// The test runner's own logic (build/run-tests.ts), apart from running anything, so a
// test can hold it to its word: which steps run, what is skipped and why, and when a
// missing part fails the run (TONGHOP_REQUIRE_ALL=1, set by CI).
import type { Found } from '../tests/helpers/capabilities';

/** A part of the suite beyond npm, and where this machine stands with it. */
export interface Part {
  name: string;
  found: Found<object>;
  /** The tests that need it; null while none does. */
  usedBy: string | null;
  /**
   * Skipped even in CI, with its reason: the Electron runtime, which cannot be fetched on
   * an offline machine (its end-to-end test says skipped).
   */
  expected?: boolean;
  /** Whether the end-to-end step needs it (the browser). */
  e2e?: boolean;
}

export interface Step {
  label: string;
  script: string;
}

export const BASE_STEPS: readonly Step[] = [
  { label: 'Kiểm tra kiểu', script: 'typecheck' },
  { label: 'Kiểm tra mã (eslint)', script: 'lint' },
  { label: 'Kiểm thử đơn vị và tích hợp (vitest)', script: 'test:unit' },
];
export const E2E_STEP: Step = { label: 'Kiểm thử đầu cuối (Playwright)', script: 'test:e2e' };

const missing = (p: Part): p is Part & { found: { ok: false; reason: string; install: string } } => !p.found.ok;

/** The steps to run, and what is skipped. Missing parts that CI requires are `failing`. */
export function planSteps(parts: readonly Part[], strict: boolean): { steps: Step[]; skipped: Part[]; failing: Part[] } {
  const used = parts.filter((p) => p.usedBy !== null);
  const absent = used.filter(missing);
  const browserMissing = absent.some((p) => p.e2e);
  const steps = [...BASE_STEPS, ...(browserMissing ? [] : [E2E_STEP])];
  const failing = strict ? absent.filter((p) => !p.expected) : [];
  const skipped = absent.filter((p) => !failing.includes(p));
  return { steps, skipped, failing };
}

export interface Summary {
  head: string[];
  tail: string[];
  ok: boolean;
}

/** What the runner prints before it starts (`head`) and at the end (`tail`), and whether the run passed. */
export function summarise(parts: readonly Part[], results: readonly { step: string; ok: boolean }[], strict: boolean): Summary {
  const { steps, skipped, failing } = planSteps(parts, strict);
  const head = ['Các phần ngoài npm mà bộ kiểm thử cần:'];
  for (const p of parts) {
    if (p.usedBy === null) head.push(`  · ${p.name}: ${p.found.ok ? 'có' : 'không có'}, chưa có phần kiểm thử nào cần`);
    else if (p.found.ok) head.push(`  ✓ ${p.name}`);
    else head.push(`  ✗ ${p.name}: ${p.found.reason}`);
  }
  if (strict) head.push('TONGHOP_REQUIRE_ALL=1: thiếu phần nào (trừ Electron) là lỗi, không bỏ qua.');

  const tail = ['', 'Tóm tắt:'];
  for (const step of steps) {
    const r = results.find((x) => x.step === step.label);
    tail.push(`  ${r ? (r.ok ? '✓' : '✗') : '·'} ${step.label}${r ? '' : ': chưa chạy'}`);
  }
  for (const p of skipped) {
    if (!missing(p)) continue;
    tail.push(`  – Bỏ qua ${p.name} (${p.usedBy}): ${p.found.reason}. Cài: ${p.found.install}`);
  }
  for (const p of failing) {
    if (!missing(p)) continue;
    tail.push(`  ✗ Thiếu ${p.name} (${p.usedBy}): ${p.found.reason}. Cài: ${p.found.install}`);
  }
  if (skipped.length === 0 && failing.length === 0) tail.push('  Không bỏ qua phần nào.');
  const ran = steps.every((s) => results.some((r) => r.step === s.label && r.ok));
  return { head, tail, ok: ran && failing.length === 0 };
}
