// Taking photos in, the one way the app and the CLI do it: index a folder (or every root again), then search what
// it found for faces nobody tagged — queued behind the indexing, so that no one slips through.
import type { IndexSummary } from '../../../shared/library';
import type { CoreContext } from '../context';
import type { JobHandle } from '../jobs';
import { startFaceDetectionJob, type FaceJobResult } from './faceSearch';
import { startIndexJob, startReindexJobs } from './indexer';

export interface IngestJobs {
  readonly index: ReadonlyArray<JobHandle<IndexSummary>>;
  /** Null when faces were not asked for. */
  readonly faces: JobHandle<FaceJobResult> | null;
}

export interface IngestOptions {
  /** Search for untagged faces after indexing (default true). */
  readonly faces?: boolean;
}

/** Adds a folder to the library (or finds the root holding it), indexes it and then searches it for faces. */
export async function startIngest(core: CoreContext, folder: string, options: IngestOptions = {}): Promise<IngestJobs> {
  const index = await startIndexJob(core, folder);
  return { index: [index], faces: options.faces === false ? null : startFaceDetectionJob(core) };
}

/** Re-indexes every root (or one), each as its own job, then searches for faces. */
export function startReingest(core: CoreContext, rootId?: number, options: IngestOptions = {}): IngestJobs {
  const index = startReindexJobs(core, rootId);
  return { index, faces: options.faces === false ? null : startFaceDetectionJob(core) };
}
