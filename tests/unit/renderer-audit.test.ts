// Nhật ký: a recorded change reads in the clerk's words ("Áp dụng đến: ∅ → 01/07/2022"),
// not in the code's field names; a field the labels do not know still shows as recorded.
import { describe, expect, it } from 'vitest';
import { translate, type Translate } from '../../renderer/i18n/index';
import { actionLabel, actorOf, summarise } from '../../renderer/lib/audit';

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

  it('names the new actions, and says who acted', () => {
    expect(actionLabel(vi, 'correct')).toBe('Sửa số liệu');
    expect(actionLabel(vi, 'update-receipt')).toBe('Sửa ngày nhận, số văn bản');
    expect(actionLabel(en, 'correct')).toBe('Figure corrected');
    expect(actorOf(vi, { clerk: 'Nguyễn Thị Lan', osUser: 'vanphong', role: null })).toEqual({ clerk: 'Nguyễn Thị Lan', osUser: 'tài khoản máy vanphong' });
    // Entries from before a name was set, or from a machine that gives no account name.
    expect(actorOf(vi, { clerk: null, osUser: null, role: null })).toEqual({ clerk: 'Chưa ghi tên', osUser: null });
    // On a shared server, the clerk's own login to it as well.
    expect(actorOf(vi, { clerk: 'Lan', osUser: 'vanphong', role: 'vanthu_lan' })).toEqual({ clerk: 'Lan', osUser: 'tài khoản máy vanphong · tài khoản máy chủ dữ liệu vanthu_lan' });
  });

  it('reads a correction as what the file said and what the office set, with the note', () => {
    const figure = { field: 'indicator:NV1.03', cell: 'Báo cáo!E24', fileText: '15 phiên', number: 9, text: null, note: 'Theo điện thoại với đ/c Nam ngày 20/06/2022' };
    expect(summarise(vi, figure, 'correct')).toBe('Chỉ tiêu NV1.03, ô Báo cáo!E24: tệp ghi “15 phiên” → 9; Ghi chú: Theo điện thoại với đ/c Nam ngày 20/06/2022');
    expect(summarise(en, figure, 'correct')).toBe('Indicator NV1.03, cell Báo cáo!E24: the file said “15 phiên” → 9; Note: Theo điện thoại với đ/c Nam ngày 20/06/2022');
    // A blank cell given a decimal; a task's status set by the office, in words.
    expect(summarise(vi, { field: 'indicator:NV7.05', cell: null, fileText: '', number: 12.5, text: null, note: 'Bổ sung' }, 'correct')).toBe('Chỉ tiêu NV7.05: tệp ghi (trống) → 12,5; Ghi chú: Bổ sung');
    expect(summarise(vi, { field: 'task:NV1:status', cell: 'Báo cáo!D12', fileText: 'Đang làm', number: null, text: 'completed', note: 'Đơn vị xác nhận' }, 'correct')).toBe(
      'Tình trạng nhiệm vụ NV1, ô Báo cáo!D12: tệp ghi “Đang làm” → Hoàn thành; Ghi chú: Đơn vị xác nhận',
    );
  });

  it('reads a receipt change and a report received with corrections and accepted errors', () => {
    const before = { receivedOn: '2022-06-14', documentNumber: null, documentDate: null };
    const after = { receivedOn: '2022-06-15', documentNumber: '88/BC-VKS', documentDate: null };
    expect(summarise(vi, { before, after }, 'update-receipt')).toBe('Ngày nhận: 14/06/2022 → 15/06/2022; Số văn bản: ∅ → 88/BC-VKS');
    expect(
      summarise(
        vi,
        {
          source: 'manual',
          receivedOn: '2022-06-20',
          corrections: [{ field: 'indicator:NV2.01', fileText: 'mười hai', number: 12, text: null, note: 'Gọi điện' }],
          accepted: [{ rule: 'CUMULATIVE_FALLS', indicator: 'NV2.02', reason: 'Loại 8 vụ tính trùng' }],
        },
        'receive',
      ),
    ).toBe('Nguồn: nhập tay; Ngày nhận: 20/06/2022; Văn phòng sửa: Chỉ tiêu NV2.01: tệp ghi “mười hai” → 12 (Ghi chú: Gọi điện); Lỗi đã chấp nhận: Số lũy kế giảm (NV2.02): Loại 8 vụ tính trùng');
    expect(summarise(vi, { before: { clerkName: '' }, after: { clerkName: 'Nguyễn Thị Lan' } }, 'update')).toBe('Tên cán bộ nhập liệu: ∅ → Nguyễn Thị Lan');
  });
});
