// The wizard's draft as a profile (renderer/screens/profiles/draft.ts): a value column
// chosen by its letter keeps the sample's header text, so next quarter's file with a
// different column there is refused instead of read from the wrong column.
import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, definitionOf, draftOf, type Draft } from '../../renderer/screens/profiles/draft';
import { layoutProfileSchema } from '../../shared/profiles';

const pointed: Draft = { ...EMPTY_DRAFT, first: 5, last: 5, keyCol: 'B', valueCol: 'D', valueHeader: 'Kỳ báo cáo', agencyMode: 'fixed', agencyCode: 'VKS', name: 'VKS' };

describe('the wizard draft as a profile', () => {
  it('keeps the header text over a value column chosen by letter, and reads it back', () => {
    const byLetter = definitionOf({ ...pointed, valueBy: 'column' }, 'BC');
    expect(byLetter?.layout).toMatchObject({ kind: 'indicator-rows', value: { column: 'D', header: 'Kỳ báo cáo' } });
    const again = draftOf(layoutProfileSchema.parse(byLetter));
    expect(again).toMatchObject({ valueBy: 'column', valueCol: 'D', valueHeader: 'Kỳ báo cáo' });
    // A column with no header text over it: the letter alone.
    expect(definitionOf({ ...pointed, valueBy: 'column', valueHeader: '' }, 'BC')?.layout).toMatchObject({ value: { column: 'D' } });
    // Chosen by its header text: the text, wherever the column goes.
    expect(definitionOf({ ...pointed, valueBy: 'header' }, 'BC')?.layout).toMatchObject({ value: { headerText: 'Kỳ báo cáo' } });
  });
});

// Opening a saved profile in the wizard and saving it unchanged gives back the same
// profile: every shape, every optional field, and what the wizard does not show.
describe('a saved profile opened in the wizard and saved unchanged', () => {
  const base = { name: 'VKS JSON', headerRows: { first: 5, last: 6 } };
  const rows = { keyColumn: 'B', match: { by: 'name' as const, confirmed: { 'Số vụ án': 'NV2.01' } } };
  const profiles: Record<string, unknown> = {
    'one agency, fixed, by letter with its header, every optional field': {
      ...base,
      description: 'Mẫu của VKS, gửi từ Sở',
      sheet: { name: 'BC', containsText: 'BÁO CÁO SỐ LIỆU CCTP' },
      // Kept however the schema has it: a field the wizard does not show goes back as it was.
      skipSheets: ['Hướng dẫn'],
      lastRow: 40,
      periodCell: 'A3',
      layout: { kind: 'indicator-rows', ...rows, value: { column: 'D', header: 'Kỳ báo cáo' }, agency: { mode: 'fixed', code: 'VKS' }, skip: ['Trong đó:'] },
    },
    'one agency, a heading cell, by header text, the sheet found by its text alone': {
      ...base,
      sheet: { containsText: 'BÁO CÁO' },
      layout: { kind: 'indicator-rows', ...rows, match: { by: 'label', confirmed: {} }, value: { headerText: 'Số liệu kỳ báo cáo' }, agency: { mode: 'cell', cell: 'A2' } },
    },
    'one agency, by letter alone, eachSheet written as false': {
      ...base,
      sheet: { name: 'BC' },
      eachSheet: false,
      layout: { kind: 'indicator-rows', ...rows, match: { by: 'code', confirmed: {} }, value: { column: 'E' }, agency: { mode: 'fixed', code: 'VKS' } },
    },
    'a column per agency, with a value column it does not use': {
      ...base,
      sheet: { name: 'BC' },
      layout: { kind: 'indicator-rows', ...rows, value: { column: 'C' }, agency: { mode: 'columns', columns: ['D', 'E', 'F'] }, skip: ['Tổng'] },
    },
    'agencies down, with its value columns': {
      ...base,
      description: 'Huyện',
      sheet: { name: 'TH' },
      lastRow: 30,
      periodCell: 'B2',
      layout: { kind: 'agency-rows', agencyColumn: 'B', match: { by: 'code', confirmed: { 'Số vụ': 'NV2.01' } }, columns: ['D', 'F'], skip: ['Cộng'] },
    },
    'agencies down, every column': { ...base, sheet: { name: 'TH' }, layout: { kind: 'agency-rows', agencyColumn: 'B', match: { by: 'name', confirmed: {} } } },
    'one sheet per agency, named in a cell': {
      ...base,
      sheet: { name: 'CA' },
      eachSheet: true,
      layout: { kind: 'indicator-rows', ...rows, value: { headerText: 'Kỳ này' }, agency: { mode: 'cell', cell: 'A1' } },
    },
    'one sheet per agency, named by the sheet': {
      ...base,
      sheet: { name: 'CA' },
      eachSheet: true,
      layout: { kind: 'indicator-rows', ...rows, value: { column: 'D', header: 'Kỳ này' }, agency: { mode: 'sheet' } },
    },
    'one sheet read, its agency named by the sheet': {
      ...base,
      sheet: { name: 'CA' },
      layout: { kind: 'indicator-rows', ...rows, value: { column: 'D' }, agency: { mode: 'sheet' } },
    },
  };
  for (const [what, raw] of Object.entries(profiles)) {
    it(what, () => {
      const saved = layoutProfileSchema.parse(raw);
      const again = definitionOf(draftOf(saved), saved.sheet.name ?? 'Trang 1');
      expect(again).not.toBeNull();
      expect(layoutProfileSchema.parse(again)).toEqual(saved);
    });
  }

  it('keeps every field of the schema the wizard does not show, as it is', () => {
    // A field the wizard knows nothing of (a newer version's, say) goes back as it came.
    const saved = { ...layoutProfileSchema.parse(profiles['agencies down, with its value columns']), futureField: ['x'] } as never;
    expect(definitionOf(draftOf(saved), 'TH')).toMatchObject({ futureField: ['x'], description: 'Huyện', layout: { columns: ['D', 'F'] } });
  });

  it('takes what the clerk changed, and points at another sheet by its name', () => {
    const saved = layoutProfileSchema.parse(profiles['one agency, fixed, by letter with its header, every optional field']);
    const changed = definitionOf({ ...draftOf(saved), skip: [], lastRow: null, periodCell: null, name: 'Mới' }, 'BC2');
    expect(changed).toMatchObject({ name: 'Mới', description: 'Mẫu của VKS, gửi từ Sở', sheet: { name: 'BC2', containsText: 'BÁO CÁO SỐ LIỆU CCTP' } });
    expect(changed).not.toHaveProperty('lastRow');
    expect(changed).not.toHaveProperty('periodCell');
    expect(changed?.layout).not.toHaveProperty('skip');
    // Another shape: nothing of the old layout's kind is laid over the new one.
    const rowsDown = definitionOf({ ...draftOf(saved), shape: 'agencyRows' }, 'BC');
    expect(rowsDown?.layout).toEqual({ kind: 'agency-rows', agencyColumn: 'B', match: { by: 'name', confirmed: { 'Số vụ án': 'NV2.01' } }, skip: ['Trong đó:'] });
  });
});
