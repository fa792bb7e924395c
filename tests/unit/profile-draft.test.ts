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
