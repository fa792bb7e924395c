// How one indicator's figures from many agencies become one figure (domain.md,
// "Consolidation"): sum; ratio as Σ numerator / Σ denominator, never a mean of
// percentages; max; latest received. Which figures go in is counting.ts's decision.
import type { Aggregation, TargetDirection } from './domain';

export interface AgencyNumber {
  agencyCode: string;
  value: number | null;
  receivedAt: string;
}

export interface RatioPart {
  numerator: number | null;
  denominator: number | null;
}

export interface Aggregated {
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

/** Agencies that reported both parts count in a ratio; one part alone would skew it. */
export function ratioOf(parts: readonly RatioPart[]): Aggregated {
  let numerator = 0;
  let denominator = 0;
  let any = false;
  for (const p of parts) {
    if (p.numerator === null || p.denominator === null) continue;
    numerator += p.numerator;
    denominator += p.denominator;
    any = true;
  }
  if (!any) return { value: null, numerator: null, denominator: null };
  return { value: denominator === 0 ? null : (numerator / denominator) * 100, numerator, denominator };
}

/** A total as every screen, workbook and check shows it: rounded to 6 places, so 0.1 + 0.2 reads as 0.3 in totals of amounts. */
export function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export function aggregate(aggregation: Exclude<Aggregation, 'ratio'>, figures: readonly AgencyNumber[]): number | null {
  const given = figures.filter((f): f is AgencyNumber & { value: number } => f.value !== null);
  if (given.length === 0) return null;
  switch (aggregation) {
    case 'sum':
      return round6(given.reduce((acc, f) => acc + f.value, 0));
    case 'max':
      return given.reduce((m, f) => Math.max(m, f.value), -Infinity);
    case 'latest':
      return [...given].sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0))[0]?.value ?? null;
  }
}

/** A floor is met at or above the target, a ceiling at or below it. */
export function targetMet(value: number | null, target: number | null, direction: TargetDirection | null): boolean | null {
  if (value === null || target === null) return null;
  return (direction ?? 'min') === 'max' ? value <= target : value >= target;
}
