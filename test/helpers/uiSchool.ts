// The sample school for the UI tests: the consent list imported through the core (as the wizard does), the photos
// written; indexing is left to the test (through the screen, or the core).
import { commitConsentImport, listChannels, readConsentList } from '../../electron/core/consent';
import type { CoreContext } from '../../electron/core/context';
import { startIndexJob } from '../../electron/core/library/indexer';
import { proposeMapping } from '../../shared/consentImport';
import { SAMPLE_PHOTOS, writeSampleSchool, type SamplePhoto, type SampleSchool } from '../../scripts/sample-school';

/** The sample photos plus one whose tag has a typing error ("Zoe Bakkr"): a name the registry does not know. */
export const UI_SAMPLE_PHOTOS: readonly SamplePhoto[] = [
  ...SAMPLE_PHOTOS,
  {
    file: 'IMG_0007.jpg',
    figures: [
      { face: { x: 0.3, y: 0.2, w: 0.07, h: 0.105 }, name: 'Zoe Bakkr' },
      { face: { x: 0.63, y: 0.2, w: 0.07, h: 0.105 }, name: 'Bram ter Horst' },
    ],
  },
];

export async function schoolWithConsent(core: CoreContext, root: string): Promise<SampleSchool> {
  const school = await writeSampleSchool(root, UI_SAMPLE_PHOTOS);
  const source = await readConsentList(school.consentCsv);
  commitConsentImport(core.db, core.actor(), source, proposeMapping(source.rows, listChannels(core.db)), '2026-2027');
  return school;
}

/** Indexes the event through the core; returns photo hash by file name. */
export async function indexSchool(core: CoreContext, school: SampleSchool): Promise<Map<string, string>> {
  const job = await startIndexJob(core, school.eventDir);
  const done = await job.finished;
  if (done.state !== 'done') throw new Error(`indexing failed: ${JSON.stringify(done.errors)}`);
  return hashesByFile(core);
}

export function hashesByFile(core: CoreContext): Map<string, string> {
  const rows = core.db.prepare('SELECT path, photo_hash FROM photo_files').all() as Array<{
    path: string;
    photo_hash: string;
  }>;
  return new Map(rows.map((row) => [row.path.split(/[\\/]/).pop()!, row.photo_hash]));
}
