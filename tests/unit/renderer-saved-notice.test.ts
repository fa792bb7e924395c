// What the clerk is told after a save: the file's name and where it went, with
// "Mở thư mục" exactly when the desktop shell says where (a path); a cancelled dialog
// is not "Đã lưu"; a failure says so.
import { describe, expect, it } from 'vitest';
import { describeSave, folderOf } from '../../renderer/components/savedNotice';

describe('describeSave', () => {
  it('desktop, one file: name, folder and the folder to open', () => {
    const n = describeSave({ saved: true, path: 'D:\\Bao cao\\TongHop_2022-9M.xlsx' }, 'desktop', { name: 'TongHop_2022-9M.xlsx' });
    expect(n).toEqual({ tone: 'success', key: 'saved.oneFolder', params: { name: 'TongHop_2022-9M.xlsx', folder: 'D:\\Bao cao' }, open: 'D:\\Bao cao\\TongHop_2022-9M.xlsx' });
  });
  it('desktop, several files into a folder', () => {
    const n = describeSave({ saved: true, path: '/home/vp/BieuMau' }, 'desktop', { name: 'BieuMau_2022-9M.zip', count: 21 });
    expect(n).toEqual({ tone: 'success', key: 'saved.manyFolder', params: { count: 21, folder: '/home/vp/BieuMau' }, open: '/home/vp/BieuMau' });
  });
  it('browser: the downloads folder, no button', () => {
    expect(describeSave({ saved: true }, 'browser', { name: 'TongHop_2022-9M.xlsx' })).toEqual({ tone: 'success', key: 'saved.oneDownload', params: { name: 'TongHop_2022-9M.xlsx' } });
    expect(describeSave({ saved: true }, 'browser', { name: 'BieuMau_2022-9M.zip', count: 21 })).toEqual({ tone: 'success', key: 'saved.manyDownload', params: { name: 'BieuMau_2022-9M.zip', count: 21 } });
  });
  it('desktop without a path (should not happen) says saved, offers no button', () => {
    const n = describeSave({ saved: true }, 'desktop', { name: 'a.xlsx' });
    expect(n.open).toBeUndefined();
    expect(n.key).toBe('saved.oneNoPlace');
  });
  it('a cancelled dialog saved nothing', () => {
    expect(describeSave({ saved: false }, 'desktop', { name: 'a.xlsx' })).toEqual({ tone: 'info', key: 'saved.cancelled', params: { name: 'a.xlsx' } });
    expect(describeSave({ saved: false }, 'desktop', { name: 'x.zip', count: 3 })).toEqual({ tone: 'info', key: 'saved.cancelledFolder', params: { count: 3 } });
  });
  it('a failure says so, with the reason', () => {
    const n = describeSave({ saved: false, error: { code: 'SAVE_FAILED', message: 'Tệp đang mở' } }, 'desktop', { name: 'a.xlsx' });
    expect(n).toEqual({ tone: 'error', key: 'saved.failed', params: { name: 'a.xlsx' }, reason: 'Tệp đang mở' });
  });
});

describe('folderOf', () => {
  it('splits Windows and POSIX paths', () => {
    expect(folderOf('C:\\Users\\vp\\a.xlsx')).toBe('C:\\Users\\vp');
    expect(folderOf('/home/vp/a.xlsx')).toBe('/home/vp');
    expect(folderOf('/a.xlsx')).toBe('/');
  });
});
