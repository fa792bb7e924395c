// Where the desktop app keeps its data: the portable .exe beside itself, the installed
// app in the local (not roaming) profile, other systems Electron's default.
import { describe, expect, it } from 'vitest';
import { dataDirectory, PORTABLE_DATA_FOLDER } from '../../electron/data-dir';

describe('the data folder', () => {
  const installed = { LOCALAPPDATA: 'C:\\Users\\vanthu\\AppData\\Local' };

  it('is the local profile for the installed app on Windows', () => {
    expect(dataDirectory(installed, 'win32', 'C:\\Users\\vanthu\\AppData\\Roaming\\Tổng hợp CCTP')).toBe('C:\\Users\\vanthu\\AppData\\Local\\TongHopCCTP');
  });

  it('travels with the portable .exe, apart from an installed copy', () => {
    const portable = { ...installed, PORTABLE_EXECUTABLE_DIR: 'E:\\Phan mem' };
    expect(dataDirectory(portable, 'win32', 'unused')).toBe(`E:\\Phan mem\\${PORTABLE_DATA_FOLDER}`);
    expect(dataDirectory(portable, 'win32', 'unused')).not.toBe(dataDirectory(installed, 'win32', 'unused'));
  });

  it("is Electron's own default elsewhere", () => {
    expect(dataDirectory({ PORTABLE_EXECUTABLE_DIR: '/tmp/x' }, 'linux', '/home/vanthu/.config/tonghop-cctp')).toBe('/home/vanthu/.config/tonghop-cctp');
  });
});
