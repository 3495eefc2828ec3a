// IPC methods of the photo library: folders, events, photos, regions, indexing.
import { z } from 'zod';
import type { IndexError, LibraryEvent, LibraryRoot, Photo, PhotoPage, PickResult, VideoInfo } from '../library';
import { method, noParams } from './method';
import { fileHandle } from './ui';

const hash = z.string().regex(/^[0-9a-f]{64}$/);

export const libraryContract = {
  /** Adds a folder (one event, or a parent of many) and starts indexing it. */
  addLibraryFolder: method<{ jobId: string }>()(z.object({ folder: fileHandle }).strict()),
  listLibraryRoots: method<LibraryRoot[]>()(noParams),
  listEvents: method<LibraryEvent[]>()(z.object({ rootId: z.number().int().min(1).optional() }).strict()),
  listEventPhotos: method<PhotoPage>()(
    z
      .object({
        eventId: z.number().int().min(1),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  getPhoto: method<Photo>()(z.object({ hash }).strict()),
  /** The video clips of an event (issue 15), with what their containers say; posters are in the media cache. */
  listEventVideos: method<VideoInfo[]>()(z.object({ eventId: z.number().int().min(1) }).strict()),
  /** Files that could not be indexed (absolute paths), of one event or of the whole library. */
  listIndexErrors: method<IndexError[]>()(z.object({ eventId: z.number().int().min(1).optional() }).strict()),
  /** Picks (`picked: true`) or unpicks photos of an event for publication; refused whole if one is not in it. */
  setPicked: method<PickResult>()(
    z
      .object({ eventId: z.number().int().min(1), hashes: z.array(hash).min(1).max(10_000), picked: z.boolean() })
      .strict(),
  ),
  /** The picked photos of an event (content hashes), in the order they were picked. */
  listPicks: method<string[]>()(z.object({ eventId: z.number().int().min(1) }).strict()),
  /** Opts an event in to (or out of) writing names back to XMP sidecars next to its photos. */
  setEventSidecars: method<{ enabled: boolean }>()(
    z.object({ eventId: z.number().int().min(1), enabled: z.boolean() }).strict(),
  ),
  /** Writes the names of an event (opted in) to XMP sidecars beside its photos, as a job. */
  writeSidecars: method<{ jobId: string }>()(z.object({ eventId: z.number().int().min(1) }).strict()),
  /** Re-indexes every library folder, or one. */
  reindexLibrary: method<{ jobIds: string[] }>()(z.object({ rootId: z.number().int().min(1).optional() }).strict()),
};
