// How one indicator's figures from many agencies become one figure (domain.md,
// "Consolidation"): sum; ratio as Σ numerator / Σ denominator, never a mean of
// percentages; max; latest received.
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

export function aggregate(aggregation: Exclude<Aggregation, 'ratio'>, figures: readonly AgencyNumber[]): number | null {
  const given = figures.filter((f): f is AgencyNumber & { value: number } => f.value !== null);
  if (given.length === 0) return null;
  switch (aggregation) {
    case 'sum':
      // Rounded to 6 places so 0.1 + 0.2 reads as 0.3 in totals of amounts.
      return Math.round(given.reduce((acc, f) => acc + f.value, 0) * 1e6) / 1e6;
    case 'max':
      return Math.max(...given.map((f) => f.value));
    case 'latest':
      return [...given].sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0))[0]?.value ?? null;
  }
}

/** A floor is met at or above the target, a ceiling at or below it. */
export function targetMet(value: number | null, target: number | null, direction: TargetDirection | null): boolean | null {
  if (value === null || target === null) return null;
  return (direction ?? 'min') === 'max' ? value <= target : value >= target;
}

/**
 * The in-quarter figure of a cumulative report: this cumulative total less the one
 * before it (Q2 = 6 months − Q1). Only totals can be taken apart this way.
 */
export function derivedQuarter(aggregation: Aggregation, current: Aggregated, previous: Aggregated): number | null {
  if (aggregation === 'sum') {
    if (current.value === null || previous.value === null) return null;
    return Math.round((current.value - previous.value) * 1e6) / 1e6;
  }
  if (aggregation === 'ratio') {
    const n = (current.numerator ?? NaN) - (previous.numerator ?? NaN);
    const d = (current.denominator ?? NaN) - (previous.denominator ?? NaN);
    return Number.isFinite(n) && Number.isFinite(d) && d > 0 ? (n / d) * 100 : null;
  }
  return null;
}
