// A photo's heavy work — reading and hashing its file, decoding it, its metadata, thumbnail and preview, the face
// search — runs in one worker thread (pixelWorker.ts), never on the main process: a 24 MP photo's buffers (10 MB of
// file, 72 MB of pixels), their garbage collection, the hashing and the detector's own work would otherwise hold
// the event loop for tens of milliseconds at a time. The main process keeps the database and the files it writes.
// Indexing asks in two steps: read (the content hash, the file kept in the worker), then finish (what the database
// says the photo still needs), so that a photo is read and decoded once.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { chosenModel, detectFaces, type Detection, type ModelChoice } from '../faces';
import { WorkerPool } from '../workers';
import {
  decodePhoto,
  rasterisePhoto,
  releaseDecoders as releaseHeicDecoder,
  renderSizes,
  type DecodedPhoto,
} from './decode';
import type { PhotoFormat, RenderedSizes } from './decode';
import { readPhotoMetadata, type PhotoMetadata } from './metadata';
import { openPhotoFiles } from './open';
import { sha256 } from './hash';

/** What indexing still needs of a photo whose hash it now knows. */
export interface PhotoNeeds {
  /** A new photo: its format and metadata (people regions, date, camera). */
  readonly metadata: boolean;
  /** Thumbnail and preview (none cached yet). */
  readonly sizes: boolean;
  /** The face search with this model, from the same decode. */
  readonly faces: ModelChoice | null;
}

export interface PhotoWork {
  readonly format: PhotoFormat | null;
  readonly metadata: PhotoMetadata | null;
  readonly sizes: RenderedSizes | null;
  /** What the face search found; null when not asked, or when it failed (its failure is its own: the face job tries again). */
  readonly detection: Detection | null;
}

export type PixelRequest =
  | { readonly kind: 'read'; readonly token: number; readonly file: string; readonly name: string }
  | { readonly kind: 'finish'; readonly token: number; readonly name: string; readonly needs: PhotoNeeds }
  | { readonly kind: 'drop'; readonly token: number }
  | { readonly kind: 'abort'; readonly token: number }
  | {
      readonly kind: 'detect';
      readonly token: number;
      readonly files: readonly string[];
      readonly hash: string;
      readonly faces: ModelChoice;
    }
  | { readonly kind: 'close' };

export type PixelReply = { readonly hash: string } | PhotoWork | Detection | null;

// ---- the worker's side ----

/** Reads a file whole and hashes it: the bytes decoded later are exactly the bytes hashed. */
export async function readPhotoFile(file: string, name: string): Promise<{ buffer: Buffer; hash: string }> {
  const buffer = await readFile(file);
  if (buffer.length === 0) throw new AppError('library.file.empty', { file: name });
  return { buffer, hash: sha256(buffer) };
}

/** Everything indexing still needs of a photo, from one decode. */
export async function photoWork(
  buffer: Buffer,
  name: string,
  needs: PhotoNeeds,
  signal: AbortSignal,
): Promise<PhotoWork> {
  if (!needs.metadata && !needs.sizes && !needs.faces)
    return { format: null, metadata: null, sizes: null, detection: null };
  const opened = await decodePhoto(buffer, name);
  const metadata = needs.metadata ? await readPhotoMetadata(buffer, opened) : null;
  // With a face search, the photo is decoded once in full and everything is made from those pixels.
  let decoded: Promise<DecodedPhoto> | null = null;
  const decode = () => (decoded ??= needs.faces ? rasterisePhoto(opened, name) : Promise.resolve(opened));
  const sizes = needs.sizes ? await renderSizes(await decode(), name) : null;
  let detection: Detection | null = null;
  if (needs.faces) {
    const photo = await decode();
    // A failed or cancelled search leaves the photo indexed all the same: the face job tries again, and a cancelled
    // index job stops once the photo's rows are written.
    detection = await detectFaces(chosenModel(needs.faces), photo, path.basename(name), { signal }).catch(() => null);
  }
  return { format: opened.format, metadata, sizes, detection };
}

/** The face search of one library photo, opened by its content hash from its files. */
export async function detectPhotoFile(
  files: readonly string[],
  hash: string,
  faces: ModelChoice,
  signal: AbortSignal,
): Promise<Detection> {
  const photo = await openPhotoFiles(files, hash);
  return detectFaces(chosenModel(faces), photo, path.basename(photo.path), { signal });
}

// ---- the main process's side ----

let pool: WorkerPool<PixelRequest, PixelReply> | null = null;
let nextToken = 1;

// One thread: a photo's read and its finish meet in it (its buffer stays there), and one face detector's sessions
// serve both photos in flight. Its inference threads and sharp's own threads do the parallel work.
function pixelPool(): WorkerPool<PixelRequest, PixelReply> {
  pool ??= new WorkerPool<PixelRequest, PixelReply>(
    { importer: import.meta.url, file: './pixelWorker.ts', bundled: () => import('./pixelWorker?nodeWorker') },
    1,
  );
  return pool;
}

/** Stops the pixel thread (its face detectors and HEIC decoder first) and the HEIC decoder of this thread. */
export async function releaseDecoders(): Promise<void> {
  const running = pool;
  pool = null;
  if (running) {
    await running.broadcast({ kind: 'close' }).catch(() => undefined);
    await running.release();
  }
  await releaseHeicDecoder();
}

/** Sends `abort` for the token while `signal` fires during `work`. */
async function abortable<T>(token: number, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  const onAbort = () =>
    void pixelPool()
      .run({ kind: 'abort', token })
      .catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await work();
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** A photo file being indexed: read and hashed in the pixel thread, which keeps its bytes until finish or drop. */
export interface PhotoInWork {
  readonly hash: string;
  finish(needs: PhotoNeeds, signal: AbortSignal): Promise<PhotoWork>;
  /** Lets the bytes go without finishing (nothing more is needed, or indexing failed). */
  drop(): void;
}

export async function readPhotoInWorker(file: string, name: string): Promise<PhotoInWork> {
  const token = nextToken++;
  const workers = pixelPool();
  const { hash } = (await workers.run({ kind: 'read', token, file, name })) as { hash: string };
  let open = true;
  return {
    hash,
    async finish(needs, signal) {
      open = false;
      return (await abortable(token, signal, () => workers.run({ kind: 'finish', token, name, needs }))) as PhotoWork;
    },
    drop() {
      if (!open) return;
      open = false;
      void workers.run({ kind: 'drop', token }).catch(() => undefined);
    },
  };
}

/** The face search of a library photo (its files and content hash) in the pixel thread. */
export async function detectInWorker(
  files: readonly string[],
  hash: string,
  faces: ModelChoice,
  signal: AbortSignal | undefined,
): Promise<Detection> {
  const token = nextToken++;
  const run = () => pixelPool().run({ kind: 'detect', token, files, hash, faces }) as Promise<Detection>;
  return signal ? abortable(token, signal, run) : run();
}
