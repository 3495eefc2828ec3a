// Binds the people-in-photos methods of the IPC contract: who is in a photo, and linking a region to a person.
import type { CoreContext } from '../context';
import type { IpcRouter } from '../ipc';
import { eventIdsOfPhoto, photoHashesOfEvent } from '../library';
import { currentPeopleDirectory } from './directory';
import { linkRegion, regionMatches } from './links';
import type { ReadableDb } from '../db';

/** The photos of every event the photo is in: the names and links there help match this photo's names. */
function eventPhotosOf(db: ReadableDb, photoHash: string): string[] {
  return [...new Set(eventIdsOfPhoto(db, photoHash).flatMap((eventId) => photoHashesOfEvent(db, eventId)))];
}

export function registerPeopleHandlers(router: IpcRouter, core: CoreContext): void {
  const db = core.db;
  const matches = (photoHash: string) =>
    regionMatches(db, currentPeopleDirectory(db), photoHash, eventPhotosOf(db, photoHash));
  router
    .handle('getRegionMatches', ({ photoHash }) => matches(photoHash))
    .handle('linkRegion', ({ regionId, personId }) => {
      const region = linkRegion(db, core.actor(), regionId, personId);
      return matches(region.photoHash);
    });
}
