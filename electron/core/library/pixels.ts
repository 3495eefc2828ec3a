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
import { releaseVideoScanThread } from './videoFrames';

/** What indexing still needs of a photo whose hash it now knows. */
export interface PhotoNeeds {
  /** A new photo: its format and metadata (people regions, date, camera). */
  readonly metadata: boolean;
  /** The text of the XMP sidecar beside a new photo, read with its metadata. */
  readonly sidecar: string | null;
  /** Thumbnail and preview (none cached yet). */
  readonly sizes: boolean;
  /** The face search with this model, from the same decode. */
  readonly faces: ModelChoice | null;
}

export interface PhotoWork {
  readonly format: PhotoFormat | null;
  readonly metadata: PhotoMetadata | null;
  readonly sizes: RenderedSizes | null;
}

export type PixelRequest =
  | { readonly kind: 'read'; readonly token: number; readonly file: string; readonly name: string }
  | { readonly kind: 'finish'; readonly token: number; readonly name: string; readonly needs: PhotoNeeds }
  | { readonly kind: 'search'; readonly token: number; readonly name: string; readonly faces: ModelChoice }
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

/**
 * What indexing still needs of a photo, from one decode; with a face search to follow, the pixels decoded in full
 * (kept by the caller for `searchPhoto`).
 */
export async function photoWork(
  buffer: Buffer,
  name: string,
  needs: PhotoNeeds,
): Promise<{ work: PhotoWork; pixels: DecodedPhoto | null }> {
  if (!needs.metadata && !needs.sizes && !needs.faces) {
    return { work: { format: null, metadata: null, sizes: null }, pixels: null };
  }
  const opened = await decodePhoto(buffer, name);
  const metadata = needs.metadata ? await readPhotoMetadata(buffer, opened, needs.sidecar) : null;
  // With a face search, the photo is decoded once in full and everything is made from those pixels.
  const pixels = needs.faces ? await rasterisePhoto(opened, name) : opened;
  const sizes = needs.sizes ? await renderSizes(pixels, name) : null;
  return { work: { format: opened.format, metadata, sizes }, pixels: needs.faces ? pixels : null };
}

/**
 * The face search on the pixels indexing decoded. A failed or cancelled search is null: the photo stays indexed,
 * the face job tries again, and a cancelled index job stops as usual.
 */
export async function searchPhoto(
  pixels: DecodedPhoto,
  name: string,
  faces: ModelChoice,
  signal: AbortSignal,
): Promise<Detection | null> {
  return detectFaces(chosenModel(faces), pixels, path.basename(name), { signal }).catch(() => null);
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

/**
 * Stops the pixel thread (its face detectors and HEIC decoder first), the clip-scan thread and the HEIC decoder of
 * this thread.
 */
export async function releaseDecoders(): Promise<void> {
  await releaseVideoScanThread();
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

/**
 * A photo file being indexed: read and hashed in the pixel thread, which keeps its bytes until `finish` (and, with a
 * face search, its decoded pixels until `search`), or until `drop`.
 */
export interface PhotoInWork {
  readonly hash: string;
  finish(needs: PhotoNeeds): Promise<PhotoWork>;
  /** The face search `finish` was told of, on the same pixels. */
  search(faces: ModelChoice, signal: AbortSignal): Promise<Detection | null>;
  /** Lets what the thread keeps go (nothing more is needed, or indexing failed). */
  drop(): void;
}

export async function readPhotoInWorker(file: string, name: string): Promise<PhotoInWork> {
  const token = nextToken++;
  const workers = pixelPool();
  const { hash } = (await workers.run({ kind: 'read', token, file, name })) as { hash: string };
  let kept = true;
  return {
    hash,
    async finish(needs) {
      kept = needs.faces !== null;
      return (await workers.run({ kind: 'finish', token, name, needs })) as PhotoWork;
    },
    async search(faces, signal) {
      kept = false;
      return (await abortable(token, signal, () =>
        workers.run({ kind: 'search', token, name, faces }),
      )) as Detection | null;
    },
    drop() {
      if (!kept) return;
      kept = false;
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
