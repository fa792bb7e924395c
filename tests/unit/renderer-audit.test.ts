// Nhật ký: a recorded change reads in the clerk's words ("Áp dụng đến: ∅ → 01/07/2022"),
// not in the code's field names; a field the labels do not know still shows as recorded.
import { describe, expect, it } from 'vitest';
import { translate, type Translate } from '../../renderer/i18n/index';
import { summarise } from '../../renderer/lib/audit';

const vi: Translate = (key, params) => translate('vi', key, params);
const en: Translate = (key, params) => translate('en', key, params);

describe('the audit summary', () => {
  it('names only the fields an edit changed, in Vietnamese', () => {
    const before = { code: 'CA', name: 'Công an tỉnh', validTo: null, sortOrder: 1, reporters: ['CA'] };
    const after = { code: 'CA', name: 'Công an tỉnh Lạng Sơn', validTo: '2022-07-01', sortOrder: 1, reporters: ['CA', 'VKS'] };
    expect(summarise(vi, { before, after })).toBe('Tên: Công an tỉnh → Công an tỉnh Lạng Sơn; Áp dụng đến: ∅ → 01/07/2022; Đơn vị báo cáo: CA → CA, VKS');
    expect(summarise(en, { before, after })).toBe('Name: Công an tỉnh → Công an tỉnh Lạng Sơn; Valid to: ∅ → 01/07/2022; Reporting agencies: CA → CA, VKS');
  });

  it('shows yes and no, and the fields of a record that is not an edit', () => {
    expect(summarise(vi, { before: { backupDaily: true }, after: { backupDaily: false } })).toBe('Sao lưu hằng ngày: có → không');
    expect(summarise(vi, { source: 'template', fileName: 'BaoCao_2022-Q1_CA.xlsx', values: 12, taskReports: 3 })).toBe(
      'Nguồn: biểu mẫu của ứng dụng; Tệp: BaoCao_2022-Q1_CA.xlsx; Số chỉ tiêu: 12; Số nhiệm vụ: 3',
    );
    expect(summarise(vi, { reason: 'before-import' })).toBe('Lý do: tự động trước khi nhận tệp');
    expect(summarise(vi, { somethingNew: 1, reason: 'other' })).toBe('somethingNew: 1; Lý do: other');
    expect(summarise(vi, { before: { a: 1 }, after: { a: 1 } })).toBe('—');
  });
});
