// A screen that cannot load its script (browser mode, the app's server stopped) says the
// server is out of reach; any other failure of a screen is said as what it is.
import { describe, expect, it } from 'vitest';
import { NETWORK_ERROR, screenError } from '../../renderer/lib/screen-error';

describe('a screen that fails', () => {
  it('tells a script that could not be fetched as the lost server, in each browser\u2019s words', () => {
    for (const message of [
      'Failed to fetch dynamically imported module: http://127.0.0.1:41235/assets/Consolidation-x.js',
      'error loading dynamically imported module',
      'Importing a module script failed.',
      // Vite preloads a screen's styles before its script.
      'Unable to preload CSS for http://127.0.0.1:38979/assets/ReminderDialog-D_aaHWNg.css',
    ]) {
      expect(screenError(new TypeError(message))).toEqual({ code: 'NETWORK', message: NETWORK_ERROR });
    }
  });

  it('never calls another error a lost connection', () => {
    const e = screenError(new TypeError("Cannot read properties of undefined (reading 'code')"));
    expect(e.code).toBe('UNEXPECTED');
    expect(e.message).toContain("Cannot read properties of undefined (reading 'code')");
    expect(e.message).not.toContain('Không kết nối');
  });
});
