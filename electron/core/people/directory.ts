// The consent registry's people as the name matcher needs them: one name index, built again only when the people
// table changed, so opening photo after photo does not rebuild the index of a whole school each time.
import { displayName, NameIndex, type NameMatch, type PersonName } from '../../../shared/names';
import { allPeople, peopleFingerprint } from '../consent';
import type { ReadableDb } from '../db';

export interface DirectoryPerson extends PersonName {
  readonly kind: 'pupil' | 'staff' | 'guest';
  /** Marked "never publish". */
  readonly protected: boolean;
}

/** The registry's people with their name index: built once per registry state, used for many photos. */
export interface PeopleDirectory {
  readonly index: NameIndex;
  /** Matches already made for decisions (name, class hint, event classes → match), so a name is matched once. */
  readonly decided: Map<string, NameMatch>;
  readonly people: ReadonlyMap<number, DirectoryPerson>;
  /** The protected people's own name index (null when nobody is protected): a name close to one of them blocks. */
  readonly protectedIndex: NameIndex | null;
  /** Names already checked against the protected people (name → suspect?), so each is checked once. */
  readonly suspects: Map<string, boolean>;
  /** Every way a registry name may be written, for the leak check. */
  readonly allNames: readonly string[];
}

export function loadPeopleDirectory(db: ReadableDb): PeopleDirectory {
  const rows: DirectoryPerson[] = allPeople(db);
  const people = new Map(rows.map((row) => [row.id, row]));
  const allNames = new Set<string>();
  for (const person of rows) {
    allNames.add(displayName(person));
    if (person.voornamen)
      allNames.add([person.voornamen, person.tussenvoegsel, person.achternaam].filter(Boolean).join(' '));
    allNames.add([person.achternaam, person.roepnaam].filter(Boolean).join(', '));
  }
  const protectedRows = rows.filter((person) => person.protected);
  return {
    index: new NameIndex(rows),
    decided: new Map(),
    people,
    protectedIndex: protectedRows.length > 0 ? new NameIndex(protectedRows) : null,
    suspects: new Map(),
    allNames: [...allNames],
  };
}

const directories = new WeakMap<ReadableDb, { readonly fingerprint: string; readonly directory: PeopleDirectory }>();

/** The directory, built again only when the people table changed. */
export function currentPeopleDirectory(db: ReadableDb): PeopleDirectory {
  const fingerprint = peopleFingerprint(db);
  const cached = directories.get(db);
  if (cached?.fingerprint === fingerprint) return cached.directory;
  const directory = loadPeopleDirectory(db);
  directories.set(db, { fingerprint, directory });
  return directory;
}
