// Links between regions on photos and people, confirmed by a user: kept on the region (so by the photo's content
// hash), logged in the audit trail, and offered for the same name elsewhere in the same event — never applied
// there without a person confirming it.
import { AppError } from '../../../shared/errors';
import { canonicalTagName, displayName } from '../../../shared/names';
import type { RegionMatchView } from '../../../shared/people';
import type { Actor } from '../audit/trail';
import { appendAuditEvent } from '../audit/trail';
import type { Db } from '../db/connection';
import {
  classHintOf,
  eventClasses,
  matchRegionName,
  photoRegions,
  regionBox,
  type Registry,
  type RegionRow,
} from '../publish/identify';

function getRegion(db: Db, regionId: number): RegionRow {
  const region = db.prepare('SELECT * FROM regions WHERE id = ?').get(regionId) as RegionRow | undefined;
  if (!region) throw new AppError('people.regionUnknown', { region: regionId });
  return region;
}

/** Links a region to a person (or removes the link with null). The audit event names ids, not names. */
export function linkRegion(db: Db, actor: Actor, regionId: number, personId: number | null): RegionRow {
  return db.transaction(() => {
    const region = getRegion(db, regionId);
    if (personId !== null && !db.prepare('SELECT 1 FROM people WHERE id = ?').get(personId)) {
      throw new AppError('people.personUnknown', { person: personId });
    }
    if (region.person_id === personId) return region;
    db.prepare('UPDATE regions SET person_id = ? WHERE id = ?').run(personId, regionId);
    appendAuditEvent(db, actor, {
      action: personId === null ? 'people.unlink' : 'people.link',
      subject: `photo:${region.photo_hash}`,
      details: {
        regionId,
        personId,
        previousPersonId: region.person_id,
        source: region.source,
        hasBox: region.x !== null,
      },
    });
    return getRegion(db, regionId);
  })();
}

/** name → person, from links users confirmed on other photos of the same event. */
export function confirmedLinksInEvent(db: Db, eventId: number): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT r.name, r.person_id FROM regions r
       WHERE r.person_id IS NOT NULL AND r.name <> ''
         AND r.photo_hash IN (SELECT photo_hash FROM photo_files WHERE event_id = ?)
       ORDER BY r.id`,
    )
    .all(eventId) as Array<{ name: string; person_id: number }>;
  const links = new Map<string, number>();
  for (const row of rows) links.set(canonicalTagName(row.name), row.person_id);
  return links;
}

/** How each region of a photo is matched, for the photo screen: linked, exact, ambiguous, unmatched or unknown. */
export function regionMatches(db: Db, registry: Registry, photoHash: string): RegionMatchView[] {
  const eventIds =
    (db.prepare('SELECT DISTINCT event_id FROM photo_files WHERE photo_hash = ?').pluck().all(photoHash) as number[]) ??
    [];
  const classes = eventIds.flatMap((eventId) => eventClasses(db, registry, eventId));
  const offered = new Map<string, number>();
  for (const eventId of eventIds)
    for (const [name, personId] of confirmedLinksInEvent(db, eventId)) offered.set(name, personId);
  const personView = (id: number) => {
    const person = registry.people.get(id);
    return person ? { personId: id, name: displayName(person), className: person.className ?? null } : null;
  };

  return photoRegions(db, photoHash).map((region): RegionMatchView => {
    const base = {
      regionId: region.id,
      name: region.name,
      box: regionBox(region),
      source: region.source,
      kind: region.kind,
      dismissed: region.dismissed_at !== null,
      classHint: classHintOf(region),
    };
    if (region.person_id !== null)
      return {
        ...base,
        status: 'linked',
        person: personView(region.person_id),
        candidates: [],
        suggestions: [],
        offered: null,
      };
    if (!region.name.trim())
      return { ...base, status: 'unknown', person: null, candidates: [], suggestions: [], offered: null };
    const match = matchRegionName(registry, region, classes);
    const offeredId = offered.get(canonicalTagName(region.name));
    const offeredView =
      offeredId !== undefined && !(match.status === 'matched' && match.personId === offeredId)
        ? personView(offeredId)
        : null;
    switch (match.status) {
      case 'matched':
        return {
          ...base,
          status: 'matched',
          person: personView(match.personId),
          candidates: [],
          suggestions: [],
          offered: offeredView,
        };
      case 'ambiguous':
        return {
          ...base,
          status: 'ambiguous',
          person: null,
          candidates: match.candidates.flatMap((id) => personView(id) ?? []),
          suggestions: [],
          offered: offeredView,
        };
      case 'unmatched':
        return {
          ...base,
          status: 'unmatched',
          person: null,
          candidates: [],
          suggestions: match.suggestions.flatMap((suggestion) => {
            const view = personView(suggestion.personId);
            return view ? [{ ...view, score: suggestion.score }] : [];
          }),
          offered: offeredView,
        };
    }
  });
}
