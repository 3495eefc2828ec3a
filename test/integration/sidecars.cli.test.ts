// fotowacht sidecars enable|disable|write <event>: refused until the event opted in, then written with a summary
// (--json one document), exit code 1 when a sidecar could not be written, help on every command.
import { existsSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fotowacht } from '../helpers/cli';
import { sidecarEvent } from '../helpers/sidecarEvent';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

describe('fotowacht sidecars', () => {
  it('writes an opted-in event’s sidecars and fails a batch with a refused one', { timeout: 180_000 }, async () => {
    const dataDir = tempDir();
    const { core, eventDir } = await sidecarEvent(dataDir, tempDir());
    await core.close();
    for (const command of [['sidecars'], ['sidecars', 'write'], ['sidecars', 'enable'], ['sidecars', 'disable']]) {
      const help = fotowacht([...command, '--help'], { dataDir });
      expect(help.code, command.join(' ')).toBe(0);
    }
    expect(fotowacht(['sidecars', 'write', '--help'], { dataDir }).stdout).toContain('never changed');

    const refused = fotowacht(['sidecars', 'write', 'Sportdag 2026', '--json'], { dataDir });
    expect(refused.code).toBe(1);
    expect(refused.json()).toMatchObject({ ok: false, error: { code: 'library.sidecars.notEnabled' } });
    expect(existsSync(path.join(eventDir, 'IMG_0001.xmp'))).toBe(false);

    const enabled = fotowacht(['sidecars', 'enable', 'Sportdag 2026', '--lang', 'nl'], { dataDir });
    expect(enabled.code).toBe(0);
    expect(enabled.stdout).toContain('Namen terugschrijven staat aan voor Sportdag 2026.');
    const written = fotowacht(['sidecars', 'write', 'Sportdag 2026', '--json'], { dataDir });
    expect(written.code).toBe(0);
    expect(written.json()).toMatchObject({ ok: true, written: 3, skipped: 1, failed: 0 });
    expect(existsSync(path.join(eventDir, 'IMG_0001.xmp'))).toBe(true);

    const again = fotowacht(['sidecars', 'write', 'Sportdag 2026'], { dataDir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      '0 XMP sidecars written new, 0 merged, 3 already up to date, 1 without names, 0 failed.',
    );

    // A link where a sidecar goes: that photo fails (the link's target untouched), the batch exits 1.
    const outside = path.join(tempDir(), 'victim.xmp');
    writeFileSync(outside, 'keep');
    unlinkSync(path.join(eventDir, 'IMG_0001.xmp'));
    symlinkSync(outside, path.join(eventDir, 'IMG_0001.xmp'));
    const linked = fotowacht(['sidecars', 'write', 'Sportdag 2026', '--lang', 'nl'], { dataDir });
    expect(linked.code).toBe(1);
    expect(linked.stdout).toContain('IMG_0001.jpg: het XMP-bestand ernaast is een snelkoppeling');
    expect(readFileSync(outside, 'utf8')).toBe('keep');

    const disabled = fotowacht(['sidecars', 'disable', 'Sportdag 2026'], { dataDir });
    expect(disabled.code).toBe(0);
    expect(fotowacht(['sidecars', 'write', 'Sportdag 2026'], { dataDir }).code).toBe(1);
    expect(fotowacht(['audit', 'verify'], { dataDir }).code).toBe(0);
  });
});
