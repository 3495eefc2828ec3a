// The index job: scans a folder, skips files whose path, size and mtime are unchanged, and for every other
// file reads it once into memory and uses that buffer for the content hash, the metadata and the thumbnails.
// Each file's rows are written in one transaction, so a cancelled job leaves a consistent library.
import { access, mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError, type ErrorParams } from '../../../shared/errors';
import type { IndexError, IndexSummary } from '../../../shared/library';
import { audited } from '../audit';
import type { CoreContext } from '../context';
import type { JobContext, JobHandle } from '../jobs';
import { diskError, isDiskErrorCode } from '../fsErrors';
import { mediaFile, type MediaCipher } from '../media';
import type { DataPaths } from '../dataDir';
import { modelChoice, type ActiveModel, type Detection } from '../faces';
import { sha256 } from './hash';
import { readPhotoInWorker } from './pixels';
import { countRegionsOfPhotos, insertFileRegions } from '../people';
import * as photos from './photoRepository';
import * as repo from './repository';
import { scanFolder, type ScannedFile } from './scan';
import { folderNames, sidecarTextOf } from './sidecars';
import { indexVideoFile, isVideoPath } from './videos';
import { countVideosInside, knownVideoFiles, removeVideoFiles } from './videoRepository';

export const INDEX_JOB_KIND = 'library.index';

/** Photos in flight at once: two use both cores of a school laptop (sharp adds its own threads per image). */
export const INDEX_CONCURRENCY = 2;

/**
 * More work on each photo while its pixels are in memory (ingest wires the face search here), so that a photo is
 * read and decoded once. The hook's own failures are its own: the photo is indexed whatever it does.
 */
export interface IndexedPhotoHook {
  /** The face model to search the photo (by content hash) with, or null; asked before its pixels are decoded. */
  modelFor(hash: string): ActiveModel | null;
  /** Called once the photo's rows are written, with what the model found on the pixels indexing decoded. */
  photoSearched(hash: string, active: ActiveModel, detection: Detection): void;
}

export interface IndexOptions {
  readonly concurrency?: number;
  readonly hook?: IndexedPhotoHook;
}

export { sha256 };

/** Resolves and checks a folder the user chose; a missing folder or a file is a clear error. */
export async function resolveFolder(folder: string): Promise<string> {
  const resolved = path.resolve(folder);
  try {
    if ((await stat(resolved)).isDirectory()) return resolved;
  } catch {
    // fall through
  }
  throw new AppError('library.folder.notFound', { folder: resolved });
}

/**
 * Adds a folder to the library (or finds the root that holds it) and starts indexing it as a job.
 * Throws before starting when the folder does not exist.
 */
export async function startIndexJob(
  core: CoreContext,
  folder: string,
  options: IndexOptions = {},
): Promise<JobHandle<IndexSummary>> {
  return startIndexJobAt(core, await resolveFolder(folder), options);
}

/** startIndexJob for a folder already resolved and checked (resolveFolder). */
export function startIndexJobAt(
  core: CoreContext,
  resolved: string,
  options: IndexOptions = {},
): JobHandle<IndexSummary> {
  const root = addLibraryRoot(core, resolved);
  return core.jobs.start({
    kind: INDEX_JOB_KIND,
    concurrency: options.concurrency ?? INDEX_CONCURRENCY,
    run: (ctx) => indexFolder(core, root, resolved, ctx, options.hook),
  });
}

/** Re-indexes every root (or one), each as its own job. */
export function startReindexJobs(
  core: CoreContext,
  rootId?: number,
  options: IndexOptions = {},
): Array<JobHandle<IndexSummary>> {
  const roots = repo.listRoots(core.db).filter((root) => rootId === undefined || root.id === rootId);
  if (rootId !== undefined && roots.length === 0) throw new AppError('library.root.notFound', { rootId });
  return roots.map((root) =>
    core.jobs.start({
      kind: INDEX_JOB_KIND,
      concurrency: options.concurrency ?? INDEX_CONCURRENCY,
      run: (ctx) => indexFolder(core, { id: root.id, path: root.path }, root.path, ctx, options.hook),
    }),
  );
}

/** The root holding a folder; a new root is added (and audited) when none does. */
export function addLibraryRoot(core: CoreContext, folder: string): repo.RootRow {
  const existing = repo.findRootFor(core.db, folder);
  if (existing) return existing;
  return audited(core.db, core.actor(), (log) => {
    const root = repo.insertRoot(core.db, folder, new Date().toISOString());
    log({ action: 'library.folderAdded', subject: folder, details: { rootId: root.id } });
    return root;
  });
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** Writes to a temporary name and renames, so a half-written thumbnail is never served. */
async function writeAtomically(file: string, data: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  // For the current user only: thumbnails and previews show the children unmasked.
  await writeFile(temporary, data, { mode: 0o600 });
  await rename(temporary, file);
}

/** Whether the thumbnail and preview of a photo are both cached already. */
async function hasRenderedSizes(paths: DataPaths, hash: string): Promise<boolean> {
  return (
    (await exists(mediaFile(paths, 'thumbs', hash, 'webp'))) &&
    (await exists(mediaFile(paths, 'previews', hash, 'jpg')))
  );
}

/** Thumbnail and preview of a photo, sealed. */
async function writeRenderedSizes(
  { paths, media }: { readonly paths: DataPaths; readonly media: MediaCipher },
  hash: string,
  sizes: { readonly thumbnail: Buffer; readonly preview: Buffer },
): Promise<void> {
  await Promise.all([
    writeAtomically(mediaFile(paths, 'thumbs', hash, 'webp'), media.seal(Buffer.from(sizes.thumbnail))),
    writeAtomically(mediaFile(paths, 'previews', hash, 'jpg'), media.seal(Buffer.from(sizes.preview))),
  ]);
}

function errorOf(error: unknown, name: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return new AppError('library.file.vanished', { file: name });
  if (code === 'EACCES' || code === 'EPERM') return new AppError('library.file.noAccess', { file: name });
  // A full or read-only data disk (thumbnails, the database) is not the photo's fault, and must not pass as one.
  return diskError(error, { file: name }) ?? new AppError('library.file.unreadable', { file: name });
}

interface IndexTally {
  indexed: number;
  unchanged: number;
  moved: number;
}

async function indexOneFile(
  core: CoreContext,
  eventFor: (folder: string) => number,
  file: ScannedFile,
  known: repo.KnownFile | undefined,
  tally: IndexTally,
  root: string,
  hook: IndexedPhotoHook | undefined,
  signal: AbortSignal,
  namesIn: (folder: string) => Promise<string[]>,
): Promise<'done' | 'skipped'> {
  const name = path.relative(root, file.path) || path.basename(file.path);
  if (known && known.size === file.size && known.mtimeMs === file.mtimeMs) {
    tally.unchanged += 1;
    return 'skipped';
  }
  // Read, hashed, decoded and rendered in the pixel thread; the database and the files written stay here.
  const read = await readPhotoInWorker(file.path, name);
  try {
    const hash = read.hash;
    const db = core.db;
    const isKnownPhoto = photos.photoExists(db, hash);
    const active = hook?.modelFor(hash) ?? null;
    const faces = active ? modelChoice(active) : null;
    // A new photo's metadata includes the XMP sidecar beside it, read here (the folder is listed once).
    const sidecar = isKnownPhoto ? null : await sidecarTextOf(file.path, await namesIn(path.dirname(file.path)));
    const work = await read.finish({
      metadata: !isKnownPhoto,
      sidecar,
      sizes: !(await hasRenderedSizes(core.paths, hash)),
      faces,
    });
    if (work.sizes) await writeRenderedSizes(core, hash, work.sizes);
    const photo: photos.NewPhoto | null =
      work.metadata && work.format ? { hash, format: work.format, metadata: work.metadata } : null;
    const now = new Date().toISOString();
    db.transaction(() => {
      // A new photo brings the people tags its file carries; a known one keeps its regions and their history.
      if (photo && photos.insertPhoto(db, photo, now)) insertFileRegions(db, hash, photo.metadata.regions, now);
      repo.upsertPhotoFile(
        db,
        { path: file.path, hash, eventId: eventFor(path.dirname(file.path)), size: file.size, mtimeMs: file.mtimeMs },
        now,
      );
    })();
    tally.indexed += 1;
    if (isKnownPhoto && !known) tally.moved += 1;
    if (hook && active && faces) {
      // On the pixels decoded above. Its failure is its own (the face job tries again); a cancel stops the job.
      const detection = await read.search(faces, signal);
      try {
        if (detection) hook.photoSearched(hash, active, detection);
      } catch {
        // stored by the face job instead
      }
      if (!detection) signal.throwIfAborted();
    }
  } finally {
    read.drop();
  }
  return 'done';
}

/** Indexes `folder` (the root itself or a folder inside it). */
export async function indexFolder(
  core: CoreContext,
  root: repo.RootRow,
  folder: string,
  ctx: JobContext,
  hook?: IndexedPhotoHook,
): Promise<IndexSummary> {
  const db = core.db;
  ctx.setCurrent(folder);
  const scan = await scanFolder(folder, ctx.signal);
  const scanComplete = !ctx.signal.aborted;
  const known = repo.knownFiles(db, folder);
  const knownVideos = knownVideoFiles(db, folder);
  const previousErrors = repo.knownErrors(db, folder);
  const events = new Map<string, number>();
  const eventFor = (eventFolder: string): number => {
    let id = events.get(eventFolder);
    if (id === undefined) {
      id = repo.ensureEvent(db, root.id, eventFolder, new Date().toISOString());
      events.set(eventFolder, id);
    }
    return id;
  };
  const relative = (file: string) => path.relative(folder, file) || path.basename(file);
  // Each folder listed once, for the sidecars beside new photos.
  const listings = new Map<string, Promise<string[]>>();
  const namesIn = (eventFolder: string): Promise<string[]> => {
    let names = listings.get(eventFolder);
    if (!names) listings.set(eventFolder, (names = folderNames(eventFolder)));
    return names;
  };
  /** Errors the database could not take (a full data disk) or should not keep (a disk problem, not the file's). */
  const unrecorded: IndexError[] = [];
  const recordError = (file: ScannedFile, error: AppError) => {
    if (isDiskErrorCode(error.code)) {
      // Not remembered against the file: once there is room again, the next index reads it again.
      unrecorded.push({ path: relative(file.path), code: error.code, params: error.params });
      return;
    }
    try {
      recordIndexError(file, error);
    } catch (dbError) {
      const disk = diskError(dbError, { file: relative(file.path) });
      unrecorded.push({ path: relative(file.path), code: error.code, params: error.params });
      if (disk) unrecorded.push({ path: relative(file.path), code: disk.code, params: disk.params });
    }
  };
  const recordIndexError = (file: ScannedFile, error: AppError) => {
    db.transaction(() =>
      repo.recordIndexError(
        db,
        {
          path: file.path,
          eventId: eventFor(path.dirname(file.path)),
          code: error.code,
          params: error.params,
          size: file.size,
          mtimeMs: file.mtimeMs,
        },
        new Date().toISOString(),
      ),
    )();
  };

  ctx.setTotal(scan.photos.length + scan.videos.length + scan.unsupported.length + scan.outsideLinks.length);
  for (const file of scan.unsupported) {
    const error = new AppError('library.file.unsupported', { file: relative(file.path) });
    const previous = previousErrors.get(file.path);
    if (!(previous && previous.size === file.size && previous.mtimeMs === file.mtimeMs)) recordError(file, error);
    ctx.recordItem('failed', relative(file.path), error.toJSON());
  }

  for (const unreadable of scan.unreadableFolders) {
    const error = new AppError('library.folder.unreadable', { folder: relative(unreadable) });
    db.transaction(() =>
      repo.recordIndexError(
        db,
        { path: unreadable, eventId: null, code: error.code, params: error.params, size: null, mtimeMs: null },
        new Date().toISOString(),
      ),
    )();
    ctx.recordItem('failed', relative(unreadable), error.toJSON());
  }

  // Links out of the chosen folder are not followed (a `parent -> ..` link would index the sibling folders).
  const linkWarnings: IndexError[] = scan.outsideLinks.map((link) => {
    const file = relative(link);
    ctx.recordItem('skipped', file);
    return { path: file, code: 'library.link.outside', params: { file } };
  });

  const tally: IndexTally = { indexed: 0, unchanged: 0, moved: 0 };
  await ctx.forEach(
    [...scan.photos, ...scan.videos],
    async (file, signal) => {
      const previous = previousErrors.get(file.path);
      const indexedBefore = known.has(file.path) || knownVideos.has(file.path);
      if (previous && previous.size === file.size && previous.mtimeMs === file.mtimeMs && !indexedBefore) {
        // Failed before and unchanged since: report it again without reading it again.
        throw new AppError(previous.code, previous.params as ErrorParams);
      }
      try {
        if (isVideoPath(file.path)) {
          const how = { eventFor, namesIn, name: relative(file.path) };
          const outcome = await indexVideoFile(core, file, knownVideos.get(file.path), how, signal);
          if (outcome === 'unchanged') tally.unchanged += 1;
          else tally.indexed += 1;
          if (outcome === 'moved') tally.moved += 1;
          return outcome === 'unchanged' ? 'skipped' : 'done';
        }
        return await indexOneFile(core, eventFor, file, known.get(file.path), tally, folder, hook, signal, namesIn);
      } catch (error) {
        const appError = errorOf(error, relative(file.path));
        recordError(file, appError);
        throw appError;
      }
    },
    { label: (file) => relative(file.path) },
  );

  let removed = 0;
  if (scanComplete) {
    const present = new Set(
      [...scan.photos, ...scan.videos, ...scan.unsupported].map((file) => file.path).concat(scan.unreadableFolders),
    );
    const gone = [...known.keys(), ...previousErrors.keys()].filter((file) => !present.has(file));
    const goneVideos = [...knownVideos.keys()].filter((file) => !present.has(file));
    db.transaction(() => {
      removed = repo.removeFiles(db, gone) + removeVideoFiles(db, goneVideos);
      repo.pruneEmptyEvents(db, root.id);
    })();
  }
  const counts = { ...repo.countsInside(db, folder), ...countRegionsOfPhotos(db, repo.photoHashesInside(db, folder)) };
  const errors: IndexError[] = [
    ...repo
      .errorsInside(db, folder)
      .map((error) => ({ ...error, path: path.relative(folder, error.path) || error.path })),
    ...unrecorded,
  ];
  // Indexed, but on review: an unreadable metadata block or regions written for another image.
  const reviewWarnings: IndexError[] = photos.reviewsInside(db, folder).flatMap((photo) => {
    const file = path.relative(folder, photo.path) || path.basename(photo.path);
    return photo.reasons.map((reason) => ({
      path: file,
      code: `library.review.${reason.code}`,
      params: { ...reason.params, file },
    }));
  });
  return {
    rootId: root.id,
    root: folder,
    files: scan.photos.length + scan.videos.length,
    indexed: tally.indexed,
    unchanged: tally.unchanged,
    moved: tally.moved,
    removed,
    photos: counts.photos,
    videos: countVideosInside(db, folder),
    events: counts.events,
    regions: counts.regions,
    names: counts.names,
    errors,
    warnings: [...linkWarnings, ...reviewWarnings],
  };
}
