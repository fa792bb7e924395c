// Which fields the office may correct in a report: what the agency owes (a ratio
// through its parts), from a problem, from the report's blanks.
import { describe, expect, it } from 'vitest';
import type { Indicator, PlanDetail, Task } from '../../shared/domain';
import { correctableFields, fieldsForGaps, fieldsForProblem, hasValue, targetOf } from '../../renderer/lib/corrections';

const indicator = (code: string, changes: Partial<Indicator> = {}): Indicator => ({
  code,
  taskCode: 'NV2',
  name: `Chỉ tiêu ${code}`,
  unit: 'vụ',
  kind: 'integer',
  aggregation: 'sum',
  numeratorCode: null,
  denominatorCode: null,
  target: null,
  targetDirection: null,
  reporters: ['TA', 'VKS'],
  sortOrder: 0,
  retired: false,
  retiredOn: null,
  ...changes,
});

const task = (code: string, indicators: Indicator[], changes: Partial<Task> = {}): Task => ({
  code,
  ordinal: 1,
  ordinalLabel: null,
  title: `Nhiệm vụ ${code}`,
  content: '',
  lead: ['TA'],
  coordinate: [],
  sortOrder: 0,
  retired: false,
  retiredOn: null,
  indicators,
  ...changes,
});

const plan: PlanDetail = {
  plan: { id: 1, year: 2022, number: '08-KH/BCĐ', issuedOn: null, title: 'Kế hoạch', basis: null, status: 'in_force', version: 1 },
  tasks: [
    task('NV2', [
      indicator('NV2.01'),
      indicator('NV2.02'),
      indicator('NV2.03', { aggregation: 'ratio', kind: 'percent', numeratorCode: 'NV2.02', denominatorCode: 'NV2.01' }),
      indicator('NV2.09', { kind: 'text', reporters: ['VKS'] }),
      indicator('NV2.10', { retired: true }),
    ]),
    task('NV3', [], { lead: ['VKS'], coordinate: ['TA'] }),
    task('NV4', [], { lead: ['VKS'] }),
  ],
};

describe('correctable fields', () => {
  it('are the indicators an agency reports (no ratio, nothing retired), then its tasks\u2019 statuses', () => {
    expect(correctableFields(plan, 'TA').map((f) => f.field)).toEqual(['indicator:NV2.01', 'indicator:NV2.02', 'task:NV2:status', 'task:NV3:status']);
    expect(correctableFields(plan, 'VKS').map((f) => [f.code, f.kind])).toEqual([
      ['NV2.01', 'integer'],
      ['NV2.02', 'integer'],
      ['NV2.09', 'text'],
      ['NV3', 'status'],
      ['NV4', 'status'],
    ]);
  });

  it('for a problem: its own field, a ratio\u2019s two parts, nothing the agency does not owe', () => {
    const p = (field: string) => ({ code: 'X', severity: 'error' as const, cell: '', message: '', field });
    expect(fieldsForProblem(p('indicator:NV2.01'), plan, 'TA').map((f) => f.code)).toEqual(['NV2.01']);
    expect(fieldsForProblem(p('indicator:NV2.03'), plan, 'TA').map((f) => f.code)).toEqual(['NV2.02', 'NV2.01']);
    expect(fieldsForProblem(p('indicator:NV2.09'), plan, 'TA')).toEqual([]);
    expect(fieldsForProblem(p('task:NV4:status'), plan, 'TA')).toEqual([]);
    expect(fieldsForProblem(p('task:NV4:status'), plan, 'VKS').map((f) => f.name)).toEqual(['Nhiệm vụ NV4']);
    expect(fieldsForProblem({ ...p(''), field: undefined }, plan, 'TA')).toEqual([]);
    expect(fieldsForProblem(p('indicator:NV2.01'), null, 'TA')).toEqual([]);
  });

  it('for the blanks of a report: indicators, then statuses', () => {
    expect(fieldsForGaps({ indicators: ['NV2.02'], tasks: ['NV3'] }, plan).map((f) => f.field)).toEqual(['indicator:NV2.02', 'task:NV3:status']);
    expect(fieldsForGaps(null, plan)).toEqual([]);
  });

  it('reads the Api\u2019s field names, and knows when a value is given', () => {
    expect(targetOf('indicator:NV2.01')).toEqual({ kind: 'indicator', code: 'NV2.01' });
    expect(targetOf('task:NV1:status')).toEqual({ kind: 'status', code: 'NV1' });
    expect(targetOf('task:NV1:results')).toBeNull();
    expect(hasValue('integer', { number: 0, text: '', status: null })).toBe(true);
    expect(hasValue('integer', { number: null, text: '', status: null })).toBe(false);
    expect(hasValue('text', { number: null, text: '  ', status: null })).toBe(false);
    expect(hasValue('status', { number: null, text: '', status: 'completed' })).toBe(true);
  });
});
