// An event for the XMP sidecar tests: small photos (one turned by EXIF orientation 6, one by 8) with names from
// the file, a typing error linked to the right pupil, a drawn face linked to a pupil, and a photo without people;
// the consent list imported so links have people to point at. Indexed in one data folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { commitConsentImport, findPersonByKey, listChannels, readConsentList } from '../../electron/core/consent';
import { openCore, type CoreContext } from '../../electron/core/context';
import { startIndexJob } from '../../electron/core/library/indexer';
import { addDrawnFace, linkRegion, regionsOfPhoto } from '../../electron/core/people';
import { proposeMapping } from '../../shared/consentImport';
import type { Box } from '../../shared/geometry';
import { effectiveRegions } from '../../shared/people';
import { SAMPLE_PEOPLE_CSV } from '../../scripts/sample-school';
import { makeJpeg, mpRegions, xmpPacket } from './photos';
import { hashesByFile } from './uiSchool';

export interface SidecarEvent {
  readonly core: CoreContext;
  readonly eventDir: string;
  readonly eventId: number;
  readonly hashes: ReadonlyMap<string, string>;
  readonly consentCsv: string;
}

export async function sidecarEvent(dataDir: string, root: string): Promise<SidecarEvent> {
  const eventDir = path.join(root, 'Sportdag 2026');
  mkdirSync(eventDir, { recursive: true });
  // Microsoft Photo rectangles are read as the viewer sees the photo, so these boxes are in the display frame.
  const photos: Array<[string, Parameters<typeof makeJpeg>[0]]> = [
    [
      'IMG_0001.jpg',
      { width: 600, height: 400, xmp: xmpPacket(mpRegions([{ box: box(0.1, 0.1, 0.2, 0.3), name: 'Noah Jansen' }])) },
    ],
    [
      'IMG_0002.jpg',
      {
        width: 600,
        height: 400,
        orientation: 6,
        seed: 2,
        xmp: xmpPacket(mpRegions([{ box: box(0.15, 0.2, 0.3, 0.2), name: 'Zoe Bakkr' }])),
      },
    ],
    ['IMG_0003.jpg', { width: 300, height: 200, seed: 3 }],
    ['IMG_0004.jpg', { width: 640, height: 480, orientation: 8, seed: 4 }],
  ];
  for (const [file, options] of photos) writeFileSync(path.join(eventDir, file), await makeJpeg(options));
  const consentCsv = path.join(root, 'toestemming.csv');
  writeFileSync(consentCsv, SAMPLE_PEOPLE_CSV);

  const core = openCore({ dataDir, osUser: 'communicatie' });
  const source = await readConsentList(consentCsv);
  commitConsentImport(core.db, core.actor(), source, proposeMapping(source.rows, listChannels(core.db)), '2026-2027');
  const indexed = await (await startIndexJob(core, eventDir)).finished;
  if (indexed.state !== 'done') throw new Error(`indexing failed: ${JSON.stringify(indexed.errors)}`);
  const hashes = hashesByFile(core);
  const eventId = core.db.prepare('SELECT id FROM events').pluck().get() as number;

  // The typing error linked to the pupil it means; a face drawn on the turned photo, linked to another pupil.
  const typo = regionsOfPhoto(core.db, hashes.get('IMG_0002.jpg')!).find((region) => region.name === 'Zoe Bakkr')!;
  linkRegion(core.db, core.actor(), typo.id, findPersonByKey(core.db, '1001')!.id);
  const drawn = addDrawnFace(core, hashes.get('IMG_0004.jpg')!, box(0.55, 0.1, 0.2, 0.15));
  linkRegion(core.db, core.actor(), drawn.id, findPersonByKey(core.db, '1007')!.id);
  return { core, eventDir, eventId, hashes, consentCsv };
}

export function box(x: number, y: number, w: number, h: number): Box {
  return { x, y, w, h };
}

/** A photo's boxed regions as a reader sees them: [name, box] sorted by name. */
export function boxedRegions(core: CoreContext, hash: string): Array<[string, Box]> {
  return effectiveRegions(regionsOfPhoto(core.db, hash))
    .filter((region) => region.box !== null)
    .map((region): [string, Box] => [region.name, region.box!])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/** exiftool's path, or null where it is not installed (the tests that need it then say so and skip). */
export function exiftoolPath(): string | null {
  for (const candidate of ['/usr/bin/exiftool', '/usr/local/bin/exiftool']) if (existsSync(candidate)) return candidate;
  try {
    return execFileSync('which', ['exiftool'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
