// Who a region is: the person a user linked it to, or its tagged name matched to the registry (exactly, after
// normalisation; close names are only suggestions). Reads no tables: callers pass the regions and the directory.
import { displayName, type NameMatch } from '../../../shared/names';
import { effectiveRegions, type PhotoRegion } from '../../../shared/people';
import type { DecisionRegion, PolicyConsent, RegionIdentity } from '../../../shared/policy';
import type { PeopleDirectory } from './directory';

type NamedRegion = Pick<PhotoRegion, 'name' | 'classHint'>;

/** A tagged name matched with suggestions, for a person to look at (the photo screen). */
export function matchRegionName(
  directory: PeopleDirectory,
  region: NamedRegion,
  eventClasses: readonly string[],
): NameMatch {
  return directory.index.match(region.name, { classHint: region.classHint, eventClasses });
}

/** The same match without suggestions, remembered for the directory's lifetime: decisions over many photos. */
function decideMatch(directory: PeopleDirectory, region: NamedRegion, eventClasses: readonly string[]): NameMatch {
  const key = `${region.name}\u0000${region.classHint ?? ''}\u0000${eventClasses.join('\u0001')}`;
  let match = directory.decided.get(key);
  if (!match) {
    match = directory.index.match(region.name, { classHint: region.classHint, eventClasses }, { suggest: false });
    directory.decided.set(key, match);
  }
  return match;
}

/**
 * Classes of the people recognised by name in an event (given the names on its photos): they settle ambiguous
 * names in the same event.
 */
export function eventClasses(directory: PeopleDirectory, names: readonly NamedRegion[]): string[] {
  const classes = new Set<string>();
  for (const region of names) {
    // Remembered with the directory like every decision's match (no event classes: these are what find them).
    const match = decideMatch(directory, region, []);
    const className = match.status === 'matched' ? directory.people.get(match.personId)?.className : null;
    if (className) classes.add(className);
  }
  return [...classes];
}

export type ConsentLookup = (personId: number) => PolicyConsent;

/**
 * Whether a tagged name may be a protected person nobody confirmed. A name that matched someone else exactly: only when
 * a protected person has that exact name too (the class settled it, no user did). A name that matched nobody: also when
 * it is close to a protected person's name (a suggestion). Only a user's link to a person settles it.
 */
function protectedSuspect(directory: PeopleDirectory, name: string, matchedPerson: number | null): boolean {
  if (!directory.protectedIndex) return false;
  const key = `${name}\u0000${matchedPerson ?? ''}`;
  let suspect = directory.suspects.get(key);
  if (suspect === undefined) {
    const match = directory.protectedIndex.match(name, {}, { suggest: matchedPerson === null });
    suspect =
      match.status === 'matched'
        ? match.personId !== matchedPerson
        : match.status === 'ambiguous'
          ? match.candidates.some((id) => id !== matchedPerson)
          : match.suggestions.length > 0;
    directory.suspects.set(key, suspect);
  }
  return suspect;
}

export function identifyRegion(
  directory: PeopleDirectory,
  region: Pick<PhotoRegion, 'name' | 'classHint' | 'personId'> & Partial<Pick<PhotoRegion, 'guestAt'>>,
  classes: readonly string[],
  consent: ConsentLookup,
): RegionIdentity {
  // "Guest / not known" outranks a tagged name: a person said nobody named may be shown here.
  if (region.guestAt) return { kind: 'unknown' };
  const linked = region.personId !== null ? directory.people.get(region.personId) : undefined;
  if (linked) {
    return {
      kind: 'person',
      personId: linked.id,
      name: displayName(linked),
      consent: consent(linked.id),
      protected: linked.protected,
    };
  }
  if (!region.name.trim()) return { kind: 'unknown' };
  const match = decideMatch(directory, region, classes);
  switch (match.status) {
    case 'matched': {
      const person = directory.people.get(match.personId)!;
      if (!person.protected && protectedSuspect(directory, region.name, person.id)) {
        // Someone else by this name is protected and no user said which one this is: doubt blocks.
        return { kind: 'ambiguous', name: region.name, candidateCount: 2, protectedCandidate: true };
      }
      return {
        kind: 'person',
        personId: person.id,
        name: displayName(person),
        consent: consent(person.id),
        protected: person.protected,
      };
    }
    case 'ambiguous':
      return {
        kind: 'ambiguous',
        name: region.name,
        candidateCount: match.candidates.length,
        protectedCandidate: match.candidates.some((id) => directory.people.get(id)?.protected === true),
      };
    case 'unmatched':
      return { kind: 'unmatched', name: region.name, protectedSuspect: protectedSuspect(directory, region.name, null) };
  }
}

/** The people of a photo as the decision rules see them: the effective regions, each identified. */
export function decisionRegions(
  directory: PeopleDirectory,
  regions: readonly PhotoRegion[],
  classes: readonly string[],
  consent: ConsentLookup,
): DecisionRegion[] {
  return effectiveRegions(regions).map((region) => ({
    id: region.id,
    box: region.box,
    kind: region.kind,
    source: region.source,
    dismissed: false,
    identity: identifyRegion(directory, region, classes, consent),
  }));
}
