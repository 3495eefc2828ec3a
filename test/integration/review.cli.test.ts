// fotowacht review <event> and fotowacht people name <region> <number>, run as a script would (spawned CLI).
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/context';
import { fotowacht } from '../helpers/cli';
import { importPupils, seedReviewEvent } from '../helpers/reviewEvent';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

interface ReviewJson {
  event: string;
  scope: string;
  counts: { open: number; faces: number; publish: number; hide: number };
  faces: Array<{ regionId: number; file: string; state: string; offer: { person: { name: string } } | null }>;
}

async function library() {
  const dataDir = tempDir();
  const core = openCore({ dataDir, osUser: 'communicatie' });
  await importPupils(core, tempDir(), [
    { key: '2001', roepnaam: 'Sem', tussenvoegsel: "van 't", achternaam: 'Hof', className: 'Groep 7', social: 'ja' },
    { key: '2002', roepnaam: 'Zoë', tussenvoegsel: '', achternaam: 'Bakker', className: 'Groep 7', social: 'ja' },
  ]);
  const face = (x: number) => ({ x, y: 0.2, w: 0.08, h: 0.12 });
  const camera = { make: 'Canon', model: 'EOS 250D' };
  const seeded = seedReviewEvent(core.db, 'Sportdag 2026', [
    { file: 'IMG_1.jpg', takenAt: '2026-06-12T10:00:00', ...camera, faces: [face(0.2), face(0.6)] },
    { file: 'IMG_2.jpg', takenAt: '2026-06-12T10:00:02', ...camera, faces: [face(0.21)] },
  ]);
  await core.close();
  return { dataDir, ...seeded };
}

describe('fotowacht review and people name', () => {
  it('have help in English and Dutch', () => {
    expect(fotowacht(['review', '--help']).stdout).toContain('still need a name');
    expect(fotowacht(['people', 'name', '--help']).stdout).toContain('pupil or staff number');
    expect(fotowacht(['people', 'name', '--help', '--lang', 'nl']).stdout).toContain('leerling- of personeelsnummer');
  });

  it('lists the unknown faces with ids, names one by number, and then offers the burst’s next photo', async () => {
    const lib = await library();
    const listed = fotowacht(['--data-dir', lib.dataDir, '--json', 'review', 'Sportdag 2026', '--channel', 'social']);
    expect(listed.code).toBe(0);
    const before = listed.json<ReviewJson>();
    expect(before).toMatchObject({ event: 'Sportdag 2026', scope: 'event', counts: { open: 3, faces: 3, hide: 2 } });
    expect(before.faces.map((entry) => entry.regionId).sort()).toEqual([...lib.regions.flat()].sort());

    const [first] = lib.regions[0]! as [number];
    const named = fotowacht(['--data-dir', lib.dataDir, 'people', 'name', String(first), '2001']);
    expect(named.code).toBe(0);
    expect(named.stdout).toContain(`Region ${first} is now Sem van 't Hof (2001).`);

    const after = fotowacht(['--data-dir', lib.dataDir, '--json', 'review', String(lib.eventId)]).json<ReviewJson>();
    expect(after.counts.open).toBe(2);
    expect(after.faces.map((entry) => entry.regionId)).not.toContain(first);
    const next = after.faces.find((entry) => entry.regionId === lib.regions[1]![0]);
    expect(next?.offer?.person.name).toBe("Sem van 't Hof");
    const text = fotowacht(['--data-dir', lib.dataDir, 'review', 'Sportdag 2026']);
    expect(text.stdout).toContain('2 of 3 faces still need a name');
    expect(text.stdout).toContain('(position, not recognition)');
  });

  it('exits non-zero on an unknown region, person or event, and on a region that is not a number', async () => {
    const lib = await library();
    const [first] = lib.regions[0]! as [number];
    const unknownRegion = fotowacht(['--data-dir', lib.dataDir, '--json', 'people', 'name', '99999', '2001']);
    expect(unknownRegion.code).not.toBe(0);
    expect(unknownRegion.json<{ ok: boolean; error: { code: string } }>().error.code).toBe('people.regionUnknown');
    const unknownPerson = fotowacht(['--data-dir', lib.dataDir, 'people', 'name', String(first), '9999']);
    expect(unknownPerson.code).not.toBe(0);
    expect(unknownPerson.stderr).toContain('9999');
    const notNumber = fotowacht(['--data-dir', lib.dataDir, 'people', 'name', '1; DROP TABLE regions', '2001']);
    expect(notNumber.code).not.toBe(0);
    expect(notNumber.stderr).toContain('is not a region number');
    const noEvent = fotowacht(['--data-dir', lib.dataDir, 'review', 'Kerstviering']);
    expect(noEvent.code).not.toBe(0);
    expect(noEvent.stderr).toContain('Event Kerstviering does not exist.');
    // Nothing was named by the failures.
    const still = fotowacht(['--data-dir', lib.dataDir, '--json', 'review', 'Sportdag 2026']).json<ReviewJson>();
    expect(still.counts.open).toBe(3);
  });
});
