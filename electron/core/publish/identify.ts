// Who is in a photo, for the decision: each region's name matched to the registry (or the person a user linked),
// each person's consent for the channel on the date. Reads the regions and people tables; decides nothing.
import { coveredDetections } from '../../../shared/faces';
import type { Box } from '../../../shared/geometry';
import { classHintFromTagPath, displayName, NameIndex, type NameMatch, type PersonName } from '../../../shared/names';
import type { DecisionRegion, PolicyConsent, RegionIdentity } from '../../../shared/policy';
import type { Db } from '../db/connection';

export interface RegionRow {
  readonly id: number;
  readonly photo_hash: string;
  readonly source: 'file' | 'detector' | 'user';
  readonly namespace: string;
  readonly kind: 'face' | 'pet' | 'other';
  readonly x: number | null;
  readonly y: number | null;
  readonly w: number | null;
  readonly h: number | null;
  readonly name: string;
  readonly raw: string;
  readonly person_id: number | null;
  readonly dismissed_at: string | null;
}

export interface RegistryPerson extends PersonName {
  readonly kind: 'pupil' | 'staff' | 'guest';
}

/** The registry as the matcher needs it: built once per export or screen, not per photo. */
export interface Registry {
  readonly index: NameIndex;
  /** Matches already made for decisions (name, class hint, event classes → match), so a name is matched once. */
  readonly decided: Map<string, NameMatch>;
  readonly people: ReadonlyMap<number, RegistryPerson>;
  /** Every way a registry name may be written, for the leak check. */
  readonly allNames: readonly string[];
}

export function loadRegistry(db: Db): Registry {
  const rows = db
    .prepare(`SELECT id, kind, roepnaam, voornamen, tussenvoegsel, achternaam, class_name AS className FROM people`)
    .all() as RegistryPerson[];
  const people = new Map(rows.map((row) => [row.id, row]));
  const allNames = new Set<string>();
  for (const person of rows) {
    allNames.add(displayName(person));
    if (person.voornamen)
      allNames.add([person.voornamen, person.tussenvoegsel, person.achternaam].filter(Boolean).join(' '));
    allNames.add([person.achternaam, person.roepnaam].filter(Boolean).join(', '));
  }
  return { index: new NameIndex(rows), decided: new Map(), people, allNames: [...allNames] };
}

const registries = new WeakMap<Db, { readonly fingerprint: string; readonly registry: Registry }>();

/**
 * The registry, built again only when the people table changed (people are added and updated, never deleted):
 * opening photo after photo does not rebuild the name index of a whole school each time.
 */
export function currentRegistry(db: Db): Registry {
  const state = db.prepare('SELECT count(*) AS n, max(updated_at) AS at, max(id) AS id FROM people').get() as {
    n: number;
    at: string | null;
    id: number | null;
  };
  const fingerprint = `${state.n}|${state.at ?? ''}|${state.id ?? 0}`;
  const cached = registries.get(db);
  if (cached?.fingerprint === fingerprint) return cached.registry;
  const registry = loadRegistry(db);
  registries.set(db, { fingerprint, registry });
  return registry;
}

/** The tag paths a region was built from ("People/Groep 7/Sem de Vries"), including tags merged into a box. */
function tagPaths(raw: unknown): string[] {
  if (!raw || typeof raw !== 'object') return [];
  const record = raw as { tag?: unknown; also?: unknown };
  const own = typeof record.tag === 'string' ? [record.tag] : [];
  const merged = Array.isArray(record.also)
    ? record.also.flatMap((entry: { raw?: unknown }) => tagPaths(entry?.raw))
    : [];
  return [...own, ...merged];
}

export function classHintOf(region: Pick<RegionRow, 'raw'>): string | null {
  // Only regions built from tags carry a tag path; most raw values need no parsing at all.
  if (!region.raw.includes('"tag"')) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(region.raw);
  } catch {
    return null;
  }
  for (const path of tagPaths(raw)) {
    const hint = classHintFromTagPath(path, path.includes('|') ? '|' : '/');
    if (hint) return hint;
  }
  return null;
}

export function matchRegionName(
  registry: Registry,
  region: Pick<RegionRow, 'name' | 'raw'>,
  eventClasses: readonly string[],
): NameMatch {
  return registry.index.match(region.name, { classHint: classHintOf(region), eventClasses });
}

/** The same match without suggestions, remembered for the registry's lifetime: decisions over many photos. */
function decideMatch(
  registry: Registry,
  region: Pick<RegionRow, 'name' | 'raw'>,
  eventClasses: readonly string[],
): NameMatch {
  const classHint = classHintOf(region);
  const key = `${region.name}\u0000${classHint ?? ''}\u0000${eventClasses.join('\u0001')}`;
  let match = registry.decided.get(key);
  if (!match) {
    match = registry.index.match(region.name, { classHint, eventClasses }, { suggest: false });
    registry.decided.set(key, match);
  }
  return match;
}

/** Classes of the people recognised by name in an event: they settle ambiguous names in the same event. */
export function eventClasses(db: Db, registry: Registry, eventId: number): string[] {
  const names = db
    .prepare(
      `SELECT DISTINCT r.name, r.raw FROM regions r
       WHERE r.name <> '' AND r.dismissed_at IS NULL
         AND r.photo_hash IN (SELECT photo_hash FROM photo_files WHERE event_id = ?)`,
    )
    .all(eventId) as Array<{ name: string; raw: string }>;
  const classes = new Set<string>();
  for (const region of names) {
    const match = registry.index.match(region.name, { classHint: classHintOf(region) }, { suggest: false });
    const className = match.status === 'matched' ? registry.people.get(match.personId)?.className : null;
    if (className) classes.add(className);
  }
  return [...classes];
}

export type ConsentLookup = (personId: number) => PolicyConsent;

export function identifyRegion(
  registry: Registry,
  region: RegionRow,
  classes: readonly string[],
  consent: ConsentLookup,
): { identity: RegionIdentity; match: NameMatch | null } {
  const linked = region.person_id !== null ? registry.people.get(region.person_id) : undefined;
  if (linked) {
    return {
      identity: { kind: 'person', personId: linked.id, name: displayName(linked), consent: consent(linked.id) },
      match: null,
    };
  }
  if (!region.name.trim()) return { identity: { kind: 'unknown' }, match: null };
  const match = decideMatch(registry, region, classes);
  switch (match.status) {
    case 'matched': {
      const person = registry.people.get(match.personId)!;
      return {
        identity: { kind: 'person', personId: person.id, name: displayName(person), consent: consent(person.id) },
        match,
      };
    }
    case 'ambiguous':
      return { identity: { kind: 'ambiguous', name: region.name, candidateCount: match.candidates.length }, match };
    case 'unmatched':
      return { identity: { kind: 'unmatched', name: region.name }, match };
  }
}

export function regionBox(region: Pick<RegionRow, 'x' | 'y' | 'w' | 'h'>): Box | null {
  return region.x === null || region.y === null || region.w === null || region.h === null
    ? null
    : { x: region.x, y: region.y, w: region.w, h: region.h };
}

export function photoRegions(db: Db, hash: string): RegionRow[] {
  return db.prepare('SELECT * FROM regions WHERE photo_hash = ? ORDER BY id').all(hash) as RegionRow[];
}

/** The regions of many photos in a few queries (an event of 20,000 photos is one decision screen). */
export function photoRegionsMany(db: Db, hashes: readonly string[]): Map<string, RegionRow[]> {
  const byPhoto = new Map<string, RegionRow[]>(hashes.map((hash) => [hash, []]));
  for (let start = 0; start < hashes.length; start += 500) {
    const chunk = hashes.slice(start, start + 500);
    const rows = db
      .prepare(`SELECT * FROM regions WHERE photo_hash IN (${chunk.map(() => '?').join(',')}) ORDER BY id`)
      .all(...chunk) as RegionRow[];
    for (const row of rows) byPhoto.get(row.photo_hash)?.push(row);
  }
  return byPhoto;
}

export function decisionRegions(
  registry: Registry,
  regions: readonly RegionRow[],
  classes: readonly string[],
  consent: ConsentLookup,
): DecisionRegion[] {
  // A detected face that a file's or a user's box already covers is that person, not someone else.
  const given = regions
    .filter((r) => r.source !== 'detector' && r.dismissed_at === null)
    .flatMap((r) => regionBox(r) ?? []);
  const detected = regions.filter((r) => r.source === 'detector' && r.dismissed_at === null && regionBox(r));
  const coveredFlags = coveredDetections(
    detected.map((r) => regionBox(r)!),
    given,
  );
  const covered = new Set(detected.filter((_, index) => coveredFlags[index]));
  const counted = regions.filter((region) => !covered.has(region));
  return counted.map((region) => ({
    id: region.id,
    box: regionBox(region),
    kind: region.kind,
    source: region.source,
    dismissed: region.dismissed_at !== null,
    identity: identifyRegion(registry, region, classes, consent).identity,
  }));
}
