import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userDataDir } from '../../../electron/core/user-data-dir';

// The folder Electron's app.getPath('userData') gives the desktop app, where pushes are audited.
describe('userDataDir', () => {
  const home = '/home/op';

  it('is ~/.config/traffic-manager-console on Linux, or under XDG_CONFIG_HOME when it is set', () => {
    expect(userDataDir('linux', {}, home)).toBe(join(home, '.config', 'traffic-manager-console'));
    expect(userDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, home)).toBe(join('/cfg', 'traffic-manager-console'));
  });

  it('is under Application Support on macOS and under APPDATA on Windows, as the app has it', () => {
    expect(userDataDir('darwin', {}, home)).toBe(
      join(home, 'Library', 'Application Support', 'traffic-manager-console'),
    );
    expect(userDataDir('win32', { APPDATA: 'C:\\Users\\op\\AppData\\Roaming' }, home)).toBe(
      join('C:\\Users\\op\\AppData\\Roaming', 'traffic-manager-console'),
    );
  });
});
