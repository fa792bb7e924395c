import { describe, expect, it } from 'vitest';
import { wrapLabel } from '../../renderer/lib/chart-labels';

describe('wrapLabel', () => {
  it('splits a long task label by words into lines no longer than the width, keeping every word', () => {
    const text = 'NV5. Nâng cao chất lượng giám sát của cơ quan dân cử và quyền làm chủ của Nhân dân đối với cơ quan tư pháp';
    const lines = wrapLabel(text, 28);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(28);
    expect(lines.join(' ')).toBe(text);
  });
  it('keeps a short label on one line and breaks a word longer than the width', () => {
    expect(wrapLabel('NV3. Bổ trợ tư pháp', 28)).toEqual(['NV3. Bổ trợ tư pháp']);
    expect(wrapLabel('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
  it('wraps English labels the same way', () => {
    const lines = wrapLabel('NV1. Dissemination of the law and taking part in perfecting legal policy', 24);
    expect(lines).toEqual(['NV1. Dissemination of', 'the law and taking part', 'in perfecting legal', 'policy']);
  });
});
