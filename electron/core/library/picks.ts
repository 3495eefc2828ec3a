// Picks: the photos of an event a person marks for publication (grid, CLI), each change one audit event; and the
// event's opt-in to writing names back to XMP sidecars.
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { PickResult } from '../../../shared/library';
import { audited, type Actor } from '../audit';
import type { ReadableDb, WritableDb } from '../db';
import * as picks from './pickRepository';
import { eventExists } from './repository';

function requireEvent(db: ReadableDb, eventId: number): void {
  if (!eventExists(db, eventId)) throw new AppError('library.event.notFound', { event: eventId });
}

/**
 * Picks (`picked` true) or unpicks photos of an event. Photos without a file in the event are refused as a whole
 * (nothing changes). One audit event per call, naming the event and how many changed — cheap for a grid where a key
 * picks one photo at a time, and photo hashes (content, not people) for the photos that changed.
 */
export function setPicked(
  db: WritableDb,
  actor: Actor,
  eventId: number,
  hashes: readonly string[],
  picked: boolean,
): PickResult {
  return audited(db, actor, (log) => {
    requireEvent(db, eventId);
    const inEvent = picks.photosInEvent(db, eventId, hashes);
    const outside = [...new Set(hashes)].filter((hash) => !inEvent.includes(hash));
    if (outside.length > 0) {
      throw new AppError('library.pick.notInEvent', { event: eventId, count: outside.length });
    }
    const changed = picked
      ? picks.insertPicks(db, eventId, inEvent, new Date().toISOString())
      : picks.deletePicks(db, eventId, inEvent);
    if (changed > 0) {
      log({
        action: picked ? 'library.pick' : 'library.unpick',
        subject: `event:${eventId}`,
        details: { photos: changed, hashes: inEvent },
      });
    }
    return { changed, picks: picks.countPicks(db, eventId) };
  });
}

export function pickPhotos(db: WritableDb, actor: Actor, eventId: number, hashes: readonly string[]): PickResult {
  return setPicked(db, actor, eventId, hashes, true);
}

export function unpickPhotos(db: WritableDb, actor: Actor, eventId: number, hashes: readonly string[]): PickResult {
  return setPicked(db, actor, eventId, hashes, false);
}

/** The picked photos of an event (content hashes), in the order they were picked. */
export function listPicks(db: ReadableDb, eventId: number): string[] {
  requireEvent(db, eventId);
  return picks.pickedHashes(db, eventId);
}

export function pickCount(db: ReadableDb, eventId: number): number {
  requireEvent(db, eventId);
  return picks.countPicks(db, eventId);
}

export function sidecarsEnabled(db: ReadableDb, eventId: number): boolean {
  requireEvent(db, eventId);
  return picks.sidecarsEnabled(db, eventId);
}

/** Opts an event in to (or out of) writing names back to XMP sidecars; logged when it changes. */
export function setSidecarsEnabled(db: WritableDb, actor: Actor, eventId: number, enabled: boolean): boolean {
  return audited(db, actor, (log) => {
    requireEvent(db, eventId);
    if (picks.setSidecarsEnabled(db, eventId, enabled)) {
      log({ action: 'library.sidecars.set', subject: `event:${eventId}`, details: { enabled } });
    }
    return enabled;
  });
}

/**
 * The photos of an event named on the command line: a content hash, a file's path, or a file name in the event.
 * An unknown one is refused by name.
 */
export function resolveEventPhotos(db: ReadableDb, eventId: number, keys: readonly string[]): string[] {
  requireEvent(db, eventId);
  const files = picks.eventFiles(db, eventId);
  return keys.map((key) => {
    const byHash = /^[0-9a-f]{64}$/.test(key) ? files.find((file) => file.hash === key) : undefined;
    const absolute = path.resolve(key);
    const found =
      byHash ?? files.find((file) => file.path === absolute) ?? files.find((file) => path.basename(file.path) === key);
    if (!found) throw new AppError('library.pick.photoUnknown', { photo: key, event: eventId });
    return found.hash;
  });
}
