// The library's photos as screens and the CLI show them: each with the regions that count (from the people
// domain), events with their counts, one page of an event at a time.
import type { LibraryEvent, Photo, PhotoInfo, PhotoPage } from '../../../shared/library';
import { effectiveRegions, type PhotoRegion } from '../../../shared/people';
import type { ReadableDb } from '../db';
import { countRegionsOfPhotos, regionsOfPhoto, regionsOfPhotos } from '../people';
import { eventPhotoPage, getPhotoInfo } from './photoRepository';
import { listEvents as listEventRows, photoHashesOfEvent } from './repository';

/** Boxes first, then names without a box; in the order they were made. */
function shown(regions: readonly PhotoRegion[]): PhotoRegion[] {
  return effectiveRegions(regions).sort((a, b) => Number(a.box === null) - Number(b.box === null) || a.id - b.id);
}

function withRegions(photo: PhotoInfo, regions: readonly PhotoRegion[]): Photo {
  return { ...photo, regions: shown(regions) };
}

export function getPhoto(db: ReadableDb, hash: string): Photo | null {
  const photo = getPhotoInfo(db, hash);
  return photo ? withRegions(photo, regionsOfPhoto(db, hash)) : null;
}

/** The photos of an event, ordered by date taken then file name, one page at a time. */
export function listEventPhotos(db: ReadableDb, eventId: number, offset: number, limit: number): PhotoPage {
  const page = eventPhotoPage(db, eventId, offset, limit);
  const regions = regionsOfPhotos(
    db,
    page.photos.map((photo) => photo.hash),
  );
  return { total: page.total, photos: page.photos.map((photo) => withRegions(photo, regions.get(photo.hash) ?? [])) };
}

/** Events with their photos, boxed regions, distinct names and index errors. */
export function listEvents(db: ReadableDb, rootId?: number): LibraryEvent[] {
  return listEventRows(db, rootId).map((event) => ({
    ...event,
    ...countRegionsOfPhotos(db, photoHashesOfEvent(db, event.id)),
  }));
}
