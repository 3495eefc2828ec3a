import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from '../../electron/core/dataDir';

describe('resolveDataDir', () => {
  const home = '/home/juf';

  it('takes --data-dir first, in both spellings', () => {
    expect(resolveDataDir({ argv: ['x', '--data-dir', '/a'], env: { FOTOWACHT_DATA_DIR: '/b' }, home })).toBe('/a');
    expect(resolveDataDir({ argv: ['x', '--data-dir=/c'], env: {}, home })).toBe('/c');
  });

  it('then FOTOWACHT_DATA_DIR, made absolute', () => {
    expect(resolveDataDir({ argv: [], env: { FOTOWACHT_DATA_DIR: 'rel/dir' }, home })).toBe(path.resolve('rel/dir'));
  });

  it("else the operating system's application-data folder", () => {
    expect(resolveDataDir({ argv: [], env: {}, platform: 'linux', home })).toBe('/home/juf/.config/Fotowacht');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, home)).toBe('/xdg/Fotowacht');
    expect(defaultDataDir('darwin', {}, home)).toBe('/home/juf/Library/Application Support/Fotowacht');
    // Windows: the LOCAL application data, never the roaming profile that roaming set-ups copy to servers.
    expect(
      defaultDataDir(
        'win32',
        { APPDATA: 'C:\\Users\\juf\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\juf\\AppData\\Local' },
        'C:\\Users\\juf',
      ),
    ).toBe('C:\\Users\\juf\\AppData\\Local\\Fotowacht');
    expect(defaultDataDir('win32', {}, 'C:\\Users\\juf')).toBe('C:\\Users\\juf\\AppData\\Local\\Fotowacht');
  });
});
