// fotowacht credits: the credit fields a channel's exported files keep, and the warning for photos without a known
// photographer — the same school setting as Instellingen, changed from the command line and logged.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../electron/core/audit';
import { openCore } from '../../electron/core/context';
import { getSettings } from '../../electron/core/settings';
import { fotowacht } from '../helpers/cli';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

describe('fotowacht credits', () => {
  it('shows, sets per channel, switches the warning, refuses bad input and changes nothing then', async () => {
    const dataDir = tempDir();
    for (const args of [
      ['credits', '--help'],
      ['credits', 'set', '--help'],
      ['credits', 'warn', '--help'],
    ]) {
      expect(fotowacht(args, { dataDir }).code).toBe(0);
    }

    const shown = fotowacht(['credits', '--json'], { dataDir });
    expect(shown.code).toBe(0);
    const before = shown.json<{ channels: Array<{ channel: string; fields: string[] }>; warnWithoutCredit: boolean }>();
    expect(before.warnWithoutCredit).toBe(false);
    expect(before.channels.length).toBeGreaterThan(0);
    expect(before.channels.every((entry) => entry.fields.length === 0)).toBe(true);

    const set = fotowacht(['credits', 'set', 'website', 'copyright', 'creator', 'creator', '--json'], { dataDir });
    expect(set.code).toBe(0);
    expect(set.json()).toEqual({ ok: true, channel: 'website', fields: ['creator', 'copyright'] });
    expect(fotowacht(['credits', 'warn', 'on'], { dataDir }).code).toBe(0);

    // Refused: an unknown field, an unknown channel, neither on nor off — exit 1, the setting as it was.
    const badField = fotowacht(['credits', 'set', 'website', 'gps'], { dataDir });
    expect(badField.code).toBe(1);
    expect(badField.stderr).toContain('gps');
    expect(fotowacht(['credits', 'set', 'tiktok', 'creator'], { dataDir }).code).toBe(1);
    expect(fotowacht(['credits', 'warn', 'misschien'], { dataDir }).code).toBe(1);

    const core = openCore({ dataDir });
    try {
      const settings = getSettings(core.db);
      expect(settings.exportCredits).toEqual({ website: ['creator', 'copyright'] });
      expect(settings.flagMissingCredit).toBe(true);
      expect(listAuditEvents(core.db, { action: 'settings.update', limit: 10 })).toHaveLength(2);
    } finally {
      await core.close();
    }

    // Clearing a channel: no fields, nothing kept.
    const cleared = fotowacht(['credits', 'set', 'website', '--json'], { dataDir });
    expect(cleared.json()).toMatchObject({ fields: [] });
  });
});
