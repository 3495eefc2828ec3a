// Indexing a video clip beside the photos of an event (issue 15): its content hash (streamed: clips are large),
// what its container says (ffprobe), the people its XMP or XMP sidecar names, and a sealed poster thumbnail,
// preview and a few preview frames in the media cache. Never the whole clip in memory.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, open, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { mediaFile } from '../media';
import { grabFrames, POSTER_AT, PREVIEW_FRAMES_AT, probeVideo, type VideoProbe } from '../video';
import { PREVIEW_SIZE, THUMBNAIL_SIZE } from './decode';
import { readKeywords, readPeopleRegions } from './regions';
import type { KnownFile } from './repository';
import { VIDEO_EXTENSIONS, type ScannedFile } from './scan';
import { sidecarTextOf } from './sidecars';
import * as videos from './videoRepository';
import { parseXmp, readXmp, type XmpStruct } from './xmp';

export function isVideoPath(file: string): boolean {
  return VIDEO_EXTENSIONS.has(path.extname(file).toLowerCase());
}

/** How much of the start and the end of a clip is searched for an XMP packet (MP4 keeps it in moov or a uuid box). */
const XMP_WINDOW = 4 * 1024 * 1024;

async function sha256File(file: string, signal: AbortSignal): Promise<{ hash: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file, { signal, highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { hash: hash.digest('hex'), size };
}

/** The XMP packets in the head and the tail of the file; malformed ones count as none. */
async function embeddedXmp(file: string, size: number): Promise<XmpStruct[]> {
  const handle = await open(file, 'r');
  try {
    const windows =
      size <= 2 * XMP_WINDOW
        ? [[0, size]]
        : [
            [0, XMP_WINDOW],
            [size - XMP_WINDOW, XMP_WINDOW],
          ];
    const found: XmpStruct[] = [];
    for (const [start, length] of windows as Array<[number, number]>) {
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, start);
      try {
        const xmp = readXmp(buffer);
        if (xmp) found.push(xmp);
      } catch {
        // hostile or broken XMP: its names are unknown, the face review covers the clip
      }
    }
    return found;
  } finally {
    await handle.close();
  }
}

/** Names and keywords from the clip's own XMP and its sidecar. */
async function peopleAndKeywords(
  file: string,
  size: number,
  probe: VideoProbe,
  folderNames: readonly string[],
): Promise<{ people: string[]; keywords: string[] }> {
  const packets = await embeddedXmp(file, size);
  const sidecar = await sidecarTextOf(file, folderNames);
  if (sidecar !== null) {
    try {
      packets.push(parseXmp(sidecar));
    } catch {
      // as above
    }
  }
  const geometry = { width: probe.displayWidth, height: probe.displayHeight, orientation: 1 };
  const people = packets.flatMap((xmp) =>
    readPeopleRegions(xmp, geometry)
      .filter((region) => region.kind !== 'pet')
      .map((region) => region.name.trim()),
  );
  const keywords = packets.flatMap((xmp) => readKeywords(xmp, []));
  return {
    people: [...new Set(people.filter(Boolean))],
    keywords: [...new Set([...probe.keywords, ...keywords])],
  };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function writeSealed(core: CoreContext, file: string, data: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  // Frames show the children unmasked: for the current user only, sealed like photo thumbnails.
  await writeFile(temporary, core.media.seal(data), { mode: 0o600 });
  await rename(temporary, file);
}

/** Poster (thumbnail + preview) and preview frames, sealed, unless already cached; returns how many frames. */
async function renderVideoMedia(
  core: CoreContext,
  hash: string,
  file: string,
  probe: VideoProbe,
  name: string,
  signal: AbortSignal,
): Promise<number> {
  const frameFile = (n: number) => mediaFile(core.paths, 'previews', `${hash}-${n}`, 'jpg');
  const thumbnail = mediaFile(core.paths, 'thumbs', hash, 'webp');
  const preview = mediaFile(core.paths, 'previews', hash, 'jpg');
  const cached = await Promise.all(
    [thumbnail, preview, ...PREVIEW_FRAMES_AT.map((_, i) => frameFile(i + 1))].map(exists),
  );
  if (cached.every(Boolean)) return PREVIEW_FRAMES_AT.length;
  const [poster, ...frames] = await grabFrames(
    file,
    probe.durationSeconds,
    [POSTER_AT, ...PREVIEW_FRAMES_AT],
    name,
    signal,
  );
  const jpeg = (png: Buffer) =>
    sharp(png)
      .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82 })
      .toBuffer();
  try {
    await writeSealed(
      core,
      thumbnail,
      await sharp(poster!)
        .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 78, effort: 0 })
        .toBuffer(),
    );
    await writeSealed(core, preview, await jpeg(poster!));
    for (const [i, frame] of frames.entries()) await writeSealed(core, frameFile(i + 1), await jpeg(frame));
  } catch (error) {
    if (error instanceof Error && /unsupported image format|Input buffer/i.test(error.message))
      throw new AppError('video.undecodable', { file: name });
    throw error;
  }
  return frames.length;
}

export interface VideoIndexing {
  readonly eventFor: (folder: string) => number;
  readonly namesIn: (folder: string) => Promise<string[]>;
  /** Path shown to the user. */
  readonly name: string;
}

/** Indexes one clip: 'skipped' when unchanged since the last index; `moved` when its content was known elsewhere. */
export async function indexVideoFile(
  core: CoreContext,
  file: ScannedFile,
  known: KnownFile | undefined,
  how: VideoIndexing,
  signal: AbortSignal,
): Promise<'unchanged' | 'indexed' | 'moved'> {
  if (known && known.size === file.size && known.mtimeMs === file.mtimeMs) return 'unchanged';
  if (file.size === 0) throw new AppError('library.file.empty', { file: how.name });
  const { hash, size } = await sha256File(file.path, signal);
  if (size === 0) throw new AppError('library.file.empty', { file: how.name });
  const db = core.db;
  const isKnown = videos.videoExists(db, hash);
  let video: videos.NewVideo | null = null;
  const probe = await probeVideo(file.path, how.name, signal);
  const previewFrames = await renderVideoMedia(core, hash, file.path, probe, how.name, signal);
  if (!isKnown) {
    const { people, keywords } = await peopleAndKeywords(
      file.path,
      size,
      probe,
      await how.namesIn(path.dirname(file.path)),
    );
    const { keywords: _probed, ...fields } = probe;
    video = { ...fields, hash, keywords, people, previewFrames };
  }
  const now = new Date().toISOString();
  db.transaction(() => {
    if (video) videos.insertVideo(db, video, now);
    videos.upsertVideoFile(
      db,
      { path: file.path, hash, eventId: how.eventFor(path.dirname(file.path)), size: file.size, mtimeMs: file.mtimeMs },
      now,
    );
  })();
  return isKnown && !known ? 'moved' : 'indexed';
}
