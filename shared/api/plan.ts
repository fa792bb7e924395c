// The Api's part for the yearly plan: its tasks and indicators, and what a change to it touches.
import { z } from 'zod';
import { AGGREGATIONS, INDICATOR_KINDS, type Plan, type PlanDetail, type Task, type Indicator } from '../domain';
import { code, isoDate, method, none, text, year } from './method';

export const taskFields = z.object({
  code: code,
  ordinalLabel: text(40).nullable().optional(),
  title: text(1000).trim().min(1),
  content: text(20000),
  lead: z.array(code),
  coordinate: z.array(code),
});

export const indicatorFields = z.object({
  code: code,
  taskCode: code,
  name: text(500).trim().min(1),
  unit: text(50),
  kind: z.enum(INDICATOR_KINDS),
  aggregation: z.enum(AGGREGATIONS),
  numeratorCode: code.nullable().optional(),
  denominatorCode: code.nullable().optional(),
  target: z.number().finite().nullable().optional(),
  targetDirection: z.enum(['min', 'max']).nullable().optional(),
  reporters: z.array(code),
});

export interface PlanImpact {
  submissions: number;
  agencies: number;
  periods: string[];
  affected: number;
  /** Said to the clerk before a change to a plan with reports is saved. */
  message: string;
}

/**
 * The plan's version as the clerk loaded it (Plan.version). An edit made on an older one
 * is refused (PLAN_CHANGED) and changes nothing: someone else edited the plan meanwhile.
 * Optional for the command line, whose every edit is its own fresh read.
 */
const version = z.number().int().positive().optional();

export const planApi = {
  'plans.list': method<Plan[]>()(none),
  'plans.get': method<PlanDetail>()(z.object({ year: year.optional() })),
  'plans.copyToYear': method<Plan>()(
    z.object({ fromYear: year, toYear: year, number: z.string().trim().min(1).max(40).optional() }),
  ),
  'tasks.create': method<Task>()(z.object({ year, task: taskFields , version })),
  'tasks.update': method<Task>()(z.object({ year, code, changes: taskFields.partial() , version })),
  'tasks.reorder': method<Task[]>()(z.object({ year, codes: z.array(code).min(1) , version })),
  'tasks.retire': method<Task>()(z.object({ year, code, on: isoDate , version })),
  'indicators.create': method<Indicator>()(z.object({ year, indicator: indicatorFields , version })),
  'indicators.update': method<Indicator>()(z.object({ year, code, changes: indicatorFields.partial() , version })),
  'indicators.reorder': method<Indicator[]>()(z.object({ year, taskCode: code, codes: z.array(code).min(1) , version })),
  'indicators.retire': method<Indicator>()(z.object({ year, code, on: isoDate , version })),
  'plans.impact': method<PlanImpact>()(z.object({ year, taskCode: code.optional(), indicatorCode: code.optional() })),
} as const;
