// An event's roster — the classes the user chose from the registry for this event, stored per event and logged —
// and the people the review's type-ahead offers: the roster's pupils first, then everyone else in the registry.
import { displayName } from '../../../shared/consent';
import { AppError } from '../../../shared/errors';
import { normaliseClassName } from '../../../shared/names';
import type { ReviewPeople } from '../../../shared/review';
import { audited, type Actor } from '../audit';
import { allPeople, listClasses } from '../consent';
import type { ReadableDb, WritableDb } from '../db';
import { findEvent } from '../library';
import { replaceRoster, rosterOf } from './repository';

export function requireEvent(db: ReadableDb, eventId: number): { id: number; name: string } {
  const event = findEvent(db, eventId);
  if (!event) throw new AppError('review.eventUnknown', { event: eventId });
  return event;
}

export function eventRoster(db: ReadableDb, eventId: number): string[] {
  requireEvent(db, eventId);
  return rosterOf(db, eventId);
}

/** Sets the event's roster; every class must be one the registry knows. Logged (class names only, no people). */
export function setEventRoster(db: WritableDb, actor: Actor, eventId: number, classes: readonly string[]): string[] {
  requireEvent(db, eventId);
  const known = new Set(listClasses(db));
  const chosen = [...new Set(classes.map((className) => className.trim()))].sort();
  const unknown = chosen.find((className) => !known.has(className));
  if (unknown !== undefined) throw new AppError('review.classUnknown', { className: unknown });
  return audited(db, actor, (log) => {
    const before = rosterOf(db, eventId);
    if (before.join('\u0000') === chosen.join('\u0000')) return before;
    replaceRoster(db, eventId, chosen, new Date().toISOString());
    log({ action: 'review.roster', subject: `event:${eventId}`, details: { classes: chosen, before } });
    return chosen;
  });
}

/** The roster, the registry's classes and its people (not erased), each marked when in a roster class. */
export function reviewPeople(db: ReadableDb, eventId: number): ReviewPeople {
  const roster = eventRoster(db, eventId);
  const rosterKeys = new Set(roster.map(normaliseClassName));
  const people = allPeople(db).map((person) => ({
    personId: person.id,
    name: displayName(person),
    className: person.className,
    externalKey: person.externalKey,
    inRoster: person.className !== null && rosterKeys.has(normaliseClassName(person.className)),
  }));
  return { roster, classes: listClasses(db), people };
}
