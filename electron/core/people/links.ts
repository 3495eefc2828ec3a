// Links between regions on photos and people, confirmed by a user: kept on the region (so by the photo's content
// hash), logged in the audit trail, and offered for the same name elsewhere in the same event — never applied
// there without a person confirming it. And the photo screen's view of who is in a photo.
import { AppError } from '../../../shared/errors';
import { canonicalTagName, displayName } from '../../../shared/names';
import { effectiveRegions, type PhotoRegion, type RegionMatchView } from '../../../shared/people';
import type { Actor } from '../audit';
import { audited } from '../audit';
import { findPerson, pseudonymOf } from '../consent';
import type { ReadableDb, WritableDb } from '../db';
import type { PeopleDirectory } from './directory';
import { eventClasses, matchRegionName } from './matching';
import * as repo from './repository';

export function requireRegion(db: ReadableDb, regionId: number): PhotoRegion {
  const region = repo.getRegion(db, regionId);
  if (!region) throw new AppError('people.regionUnknown', { region: regionId });
  return region;
}

/** Links a region to a person (or removes the link with null). The audit event names pseudonyms, not names. */
export function linkRegion(db: WritableDb, actor: Actor, regionId: number, personId: number | null): PhotoRegion {
  return audited(db, actor, (log) => {
    const region = requireRegion(db, regionId);
    if (personId !== null && findPerson(db, personId) === null) {
      throw new AppError('people.personUnknown', { person: personId });
    }
    // Naming a face marked "guest / not known" (in the review) takes that mark back: the person decides now.
    const unguest = personId !== null && region.guestAt !== null;
    if (region.personId === personId && !unguest) return region;
    if (unguest) {
      repo.setRegionGuest(db, regionId, null);
      log({
        action: 'people.unguest',
        subject: `photo:${region.photoHash}`,
        details: { region: regionId, source: region.source },
      });
    }
    if (region.personId === personId) return requireRegion(db, regionId);
    repo.setRegionPerson(db, regionId, personId);
    log({
      action: personId === null ? 'people.unlink' : 'people.link',
      subject: `photo:${region.photoHash}`,
      // People by pseudonym only: a row id would tie the trail to the registry's row even after an erasure.
      details: {
        regionId,
        person: personId === null ? null : pseudonymOf(db, personId),
        previousPerson: region.personId === null ? null : pseudonymOf(db, region.personId),
        source: region.source,
        hasBox: region.box !== null,
      },
    });
    return requireRegion(db, regionId);
  });
}

/** name → person, from links users confirmed on the photos of one event. */
export function confirmedLinksInEvent(db: ReadableDb, eventPhotoHashes: readonly string[]): Map<string, number> {
  const links = new Map<string, number>();
  for (const row of repo.linkedNamesOnPhotos(db, eventPhotoHashes)) links.set(canonicalTagName(row.name), row.personId);
  return links;
}

/**
 * Who is in a photo, for the photo screen: every region (dismissed ones too, marked), each linked, matched
 * exactly, ambiguous, unmatched or unknown, whether it counts for the decision, and a link offered from
 * another photo of the same event. `eventPhotoHashes` are the photos of the events the photo is in.
 */
export function regionMatches(
  db: ReadableDb,
  directory: PeopleDirectory,
  photoHash: string,
  eventPhotoHashes: readonly string[],
): RegionMatchView[] {
  const classes = eventClasses(directory, repo.namesOnPhotos(db, eventPhotoHashes));
  const offered = confirmedLinksInEvent(db, eventPhotoHashes);
  const personView = (id: number) => {
    const person = directory.people.get(id);
    return person ? { personId: id, name: displayName(person), className: person.className ?? null } : null;
  };
  const regions = repo.regionsOfPhoto(db, photoHash);
  const counted = new Set(effectiveRegions(regions).map((region) => region.id));

  return regions.map((region): RegionMatchView => {
    const base = {
      regionId: region.id,
      name: region.name,
      box: region.box,
      source: region.source,
      kind: region.kind,
      score: region.score,
      dismissed: region.dismissedAt !== null,
      guest: region.guestAt !== null,
      counted: counted.has(region.id),
      classHint: region.classHint,
    };
    const none = { person: null, candidates: [], suggestions: [], offered: null };
    if (region.personId !== null) return { ...base, ...none, status: 'linked', person: personView(region.personId) };
    if (!region.name.trim()) return { ...base, ...none, status: 'unknown' };
    const match = matchRegionName(directory, region, classes);
    const offeredId = offered.get(canonicalTagName(region.name));
    const offeredView =
      offeredId !== undefined && !(match.status === 'matched' && match.personId === offeredId)
        ? personView(offeredId)
        : null;
    switch (match.status) {
      case 'matched':
        return { ...base, ...none, status: 'matched', person: personView(match.personId), offered: offeredView };
      case 'ambiguous':
        return {
          ...base,
          ...none,
          status: 'ambiguous',
          candidates: match.candidates.flatMap((id) => personView(id) ?? []),
          offered: offeredView,
        };
      case 'unmatched':
        return {
          ...base,
          ...none,
          status: 'unmatched',
          suggestions: match.suggestions.flatMap((suggestion) => {
            const view = personView(suggestion.personId);
            return view ? [{ ...view, score: suggestion.score }] : [];
          }),
          offered: offeredView,
        };
    }
  });
}
