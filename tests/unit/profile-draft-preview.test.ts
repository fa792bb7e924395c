// What a preview changes in the wizard's draft (renderer/screens/profiles/useProfileDraft.ts):
// a new profile takes its agency's name, a profile being edited never does (saving would
// make a second profile and leave the first as it was), and an older answer never
// overwrites a newer one.
import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, draftOf, nameAfterPreview, requestSequence } from '../../renderer/screens/profiles/draft';
import { layoutProfileSchema } from '../../shared/profiles';

describe('the name a preview gives the draft', () => {
  it('names a new profile after its agency while it still has the sample’s name', () => {
    expect(nameAfterPreview({ ...EMPTY_DRAFT, name: 'Mẫu BC quý 1' }, 'Công an tỉnh', null)).toBe('Công an tỉnh – mẫu riêng');
    expect(nameAfterPreview({ ...EMPTY_DRAFT, name: ' ' }, 'Công an tỉnh', null)).toBe('Công an tỉnh – mẫu riêng');
    expect(nameAfterPreview({ ...EMPTY_DRAFT, name: 'Của tôi' }, 'Công an tỉnh', null)).toBeNull();
    expect(nameAfterPreview({ ...EMPTY_DRAFT, name: 'Mẫu BC' }, null, null)).toBeNull();
  });

  it('never renames a saved profile being edited, even one called "Mẫu …"', () => {
    const saved = layoutProfileSchema.parse({
      name: 'Mẫu Công an',
      sheet: { name: 'BC' },
      headerRows: { first: 5, last: 6 },
      layout: { kind: 'indicator-rows', keyColumn: 'B', match: { by: 'name' }, value: { column: 'D' }, agency: { mode: 'cell', cell: 'A2' } },
    });
    expect(nameAfterPreview(draftOf(saved), 'Công an tỉnh', 'Mẫu Công an')).toBeNull();
    expect(nameAfterPreview({ ...EMPTY_DRAFT, name: 'Mẫu Công an' }, 'Công an tỉnh', 'Mẫu Công an')).toBeNull();
  });
});

describe('previews answered out of order', () => {
  it('keeps only the answer to the latest request', () => {
    const seq = requestSequence();
    const first = seq.start();
    const second = seq.start();
    expect(seq.isLatest(second)).toBe(true);
    expect(seq.isLatest(first)).toBe(false);
  });
});
