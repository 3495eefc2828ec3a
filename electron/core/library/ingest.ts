// Taking photos in, the one way the app and the CLI do it: index a folder (or every root again), then search what
// it found for faces nobody tagged — photos, then clips — queued behind the indexing, so that no one slips through.
import type { IndexSummary } from '../../../shared/library';
import type { CoreContext } from '../context';
import type { JobHandle } from '../jobs';
import { faceSearchHook, startFaceDetectionJob, type FaceJobResult, type FaceSearchTally } from './faceSearch';
import { resolveFolder, startIndexJobAt, startReindexJobs, type IndexOptions } from './indexer';
import { startVideoFaceJob, type VideoFaceJobResult } from './videoScanJob';

export interface IngestJobs {
  readonly index: ReadonlyArray<JobHandle<IndexSummary>>;
  /** Null when faces were not asked for. */
  readonly faces: JobHandle<FaceJobResult> | null;
  /** The clips' face scan, queued behind the photos' (null when faces were not asked for). */
  readonly videoFaces: JobHandle<VideoFaceJobResult> | null;
}

export interface IngestOptions {
  /** Search for untagged faces after indexing (default true). */
  readonly faces?: boolean;
}

/**
 * The index job searches each new photo for faces while its pixels are in memory (one read, one decode); the face
 * job queued behind it searches whatever that left (a failure, a photo indexed before, a model changed since) and
 * counts and logs both. Cancelling the face job also stops the search inside indexing.
 */
function withFaces(
  core: CoreContext,
  options: IngestOptions,
  start: (index: IndexOptions) => IngestJobs['index'],
): IngestJobs {
  if (options.faces === false) return { index: start({}), faces: null, videoFaces: null };
  const tally: FaceSearchTally = { photos: 0, faces: 0 };
  let faces: JobHandle<FaceJobResult> | null = null;
  const stopped = () => faces !== null && core.jobs.get(faces.jobId)?.state === 'cancelled';
  const index = start({ hook: faceSearchHook(core, tally, stopped) });
  faces = startFaceDetectionJob(core, { searchedBefore: tally });
  return { index, faces, videoFaces: startVideoFaceJob(core) };
}

/** Adds a folder to the library (or finds the root holding it), indexes it and then searches it for faces. */
export async function startIngest(core: CoreContext, folder: string, options: IngestOptions = {}): Promise<IngestJobs> {
  const resolved = await resolveFolder(folder);
  return withFaces(core, options, (index) => [startIndexJobAt(core, resolved, index)]);
}

/** Re-indexes every root (or one), each as its own job, then searches for faces. */
export function startReingest(core: CoreContext, rootId?: number, options: IngestOptions = {}): IngestJobs {
  return withFaces(core, options, (index) => startReindexJobs(core, rootId, index));
}
