// A sample school in a temp data folder, for publish tests: consent imported, the event indexed.
import { commitConsentImport, listChannels, readConsentList } from '../../electron/core/consent';
import { openCore, type CoreContext } from '../../electron/core/context';
import { startIndexJob } from '../../electron/core/library/indexer';
import { proposeMapping } from '../../shared/consentImport';
import { writeSampleSchool, type SamplePhoto, type SampleSchool } from '../../scripts/sample-school';

export interface IndexedSchool extends SampleSchool {
  readonly core: CoreContext;
  readonly eventId: number;
  /** Photo hash by sample file name. */
  readonly hashes: ReadonlyMap<string, string>;
}

export async function indexedSchool(
  dataDir: string,
  photosDir: string,
  photos?: readonly SamplePhoto[],
  /** Changes the written files before they are indexed (metadata a test needs in the sources). */
  prepare?: (school: SampleSchool) => Promise<void> | void,
): Promise<IndexedSchool> {
  const school = await writeSampleSchool(photosDir, photos);
  await prepare?.(school);
  const core = openCore({ dataDir, osUser: 'communicatie' });
  const source = await readConsentList(school.consentCsv);
  commitConsentImport(core.db, core.actor(), source, proposeMapping(source.rows, listChannels(core.db)), '2026-2027', {
    now: new Date('2026-09-01T08:00:00Z'),
    today: '2026-09-01',
  });
  const job = await startIndexJob(core, school.eventDir);
  const indexed = await job.finished;
  if (indexed.state !== 'done') throw new Error(`indexing failed: ${JSON.stringify(indexed.errors)}`);
  const eventId = core.db.prepare('SELECT id FROM events').pluck().get() as number;
  const rows = core.db.prepare('SELECT path, photo_hash FROM photo_files').all() as Array<{
    path: string;
    photo_hash: string;
  }>;
  const hashes = new Map(rows.map((row) => [row.path.split('/').pop()!, row.photo_hash]));
  return { ...school, core, eventId, hashes };
}

/** Marks photos as looked at by the face detector (found nothing beyond the file's own regions). */
export function markFacesChecked(core: CoreContext, hashes?: Iterable<string>): void {
  const update = core.db.prepare(
    `UPDATE photos SET faces_detected_with = 'test', faces_detected_at = ? WHERE hash = ?`,
  );
  const all = hashes ? [...hashes] : (core.db.prepare('SELECT hash FROM photos').pluck().all() as string[]);
  for (const hash of all) update.run(new Date().toISOString(), hash);
}
