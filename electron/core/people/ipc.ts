// Binds the people-in-photos methods of the IPC contract (shared/ipc/people.ts): who is in a photo, in one answer
// for the photo screen, and linking a region to a person.
import { AppError } from '../../../shared/errors';
import type { PhotoPeople } from '../../../shared/people';
import type { CoreContext } from '../context';
import type { ReadableDb } from '../db';
import type { IpcRouter } from '../ipc';
import { eventIdsOfPhoto, faceSearchOf, photoHashesOfEvent } from '../library';
import { currentPeopleDirectory } from './directory';
import { linkRegion, regionMatches } from './links';

/** The photos of every event the photo is in: the names and links there help match this photo's names. */
function eventPhotosOf(db: ReadableDb, photoHash: string): string[] {
  return [...new Set(eventIdsOfPhoto(db, photoHash).flatMap((eventId) => photoHashesOfEvent(db, eventId)))];
}

export function photoPeople(db: ReadableDb, photoHash: string): PhotoPeople {
  const search = faceSearchOf(db, photoHash);
  if (!search) throw new AppError('library.photo.notFound', { hash: photoHash });
  return {
    photoHash,
    ...search,
    regions: regionMatches(db, currentPeopleDirectory(db), photoHash, eventPhotosOf(db, photoHash)),
  };
}

export function registerPeopleHandlers(router: IpcRouter, core: CoreContext): void {
  const db = core.db;
  router
    .handle('getPhotoPeople', ({ photoHash }) => photoPeople(db, photoHash))
    .handle('linkRegion', ({ regionId, personId }) => {
      const region = linkRegion(db, core.actor(), regionId, personId);
      return photoPeople(db, region.photoHash);
    });
}
