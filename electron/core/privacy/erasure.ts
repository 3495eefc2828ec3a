// Erasing a person (AVG art. 17: a pupil who left, a parent's request) without breaking the proof: the registry row
// becomes a pseudonymous shell, consent records stay as status and dates, regions are unlinked and lose the names
// copied from files, the person's name tags leave the photos' keywords, and the trail's personal details about them
// are deleted — the chain itself is untouched and still verifies. Then the database file is rewritten so the deleted
// bytes are gone from free pages and the WAL too.
import { AppError } from '../../../shared/errors';
import { canonicalTagName, normaliseName, personNameKeys } from '../../../shared/names';
import type { Person } from '../../../shared/consent';
import { actorLabel, audited, ERASED_DETAILS_KEY, erasePersonalDetails, type Actor } from '../audit';
import { erasePersonRow, getPerson, personErasedAt, pseudonymOf } from '../consent';
import type { ReadableDb, WritableDb } from '../db';
import { removePhotoKeywords, removeVideoNames, unlinkVideoTracksOfPerson, videosWithPerson } from '../library';
import { eraseRegionsOf } from '../people';
import { clearOverrideReasons, takedownList, type Publication } from '../publish';

export interface ErasurePreview {
  readonly personId: number;
  readonly pseudonym: string;
  /** Files still published with this person visible: to take down before (or after) erasing. */
  readonly published: readonly Publication[];
}

export interface ErasureResult extends ErasurePreview {
  readonly regionsUnlinked: number;
  /** Face tracks in clips that were named as the person: now guest tracks (still hidden, no longer theirs). */
  readonly videoTracksUnlinked: number;
  readonly tagsRemoved: number;
  readonly keywordsRemoved: number;
  readonly consentReasonsRemoved: number;
  /** Audit events whose personal details were erased (their seals stay). */
  readonly auditDetailsErased: readonly number[];
}

/** What erasing would touch, first: the takedown list. Refuses a person already erased. */
export function previewErasure(db: ReadableDb, personId: number): ErasurePreview {
  const person = getPerson(db, personId);
  if (personErasedAt(db, person.id) !== null) throw new AppError('privacy.alreadyErased', { person: personId });
  return { personId: person.id, pseudonym: pseudonymOf(db, person.id), published: takedownList(db, { personId }) };
}

/** A tag or keyword that names this person: its last path segment in any exact form of their name. */
function namesPerson(person: Person): (tag: string) => boolean {
  const keys = new Set(personNameKeys(person));
  return (tag) => {
    const last = tag.split(/[/|]/).pop() ?? tag;
    return keys.has(canonicalTagName(last)) || keys.has(canonicalTagName(tag));
  };
}

/** Free text (a clip's title or comment) that mentions this person: any full form of their name, as whole words. */
function mentionsPerson(person: Person): (text: string) => boolean {
  // Given name first, and the list form with the surname first ("Hof, Sem van 't" → "hof sem van 't").
  const surname = normaliseName(person.achternaam);
  const tussenvoegsel = normaliseName(person.tussenvoegsel ?? '');
  const givens = [person.roepnaam, person.voornamen?.trim().split(/\s+/)[0]]
    .map((given) => normaliseName(given ?? ''))
    .filter(Boolean);
  const reversed = givens.flatMap((given) =>
    [`${surname} ${given}`, `${surname} ${given} ${tussenvoegsel}`].map((key) => key.trim()),
  );
  const keys = [...personNameKeys(person), ...(surname ? reversed : [])].filter((key) => key.includes(' '));
  const words = (text: string) => ` ${normaliseName(text).replace(/[,.]/g, ' ').replace(/\s+/g, ' ')} `;
  return (text) => {
    const padded = words(text);
    return keys.some((key) => padded.includes(` ${key} `));
  };
}

/** What erasing a person removes from this computer's own tables besides the registry row. */
export interface LocalTraces {
  readonly regionsUnlinked: number;
  readonly tagsRemoved: number;
  readonly keywordsRemoved: number;
  readonly videoNamesRemoved: number;
  readonly videoTracksUnlinked: number;
  readonly overrideReasonsRemoved: number;
  /** Local audit events whose personal details were erased (their seals stay). */
  readonly auditDetailsErased: number[];
}

/**
 * The person's traces in this computer's library, exports and trail (inside the caller's transaction): regions
 * unlinked and stripped of names copied from files, their name tags out of the photos' and clips' keywords, their
 * clip tracks made guest tracks, override reasons of their photos and clips, and the trail's personal details about
 * them. `person` must still carry the names (they find the tags).
 */
export function eraseLocalTraces(
  db: WritableDb,
  actor: Actor,
  person: Readonly<Person>,
  pseudonym: string,
  now: Date,
): LocalTraces {
  const names = namesPerson(person);
  const regions = eraseRegionsOf(db, person.id, names);
  const keywordsRemoved = removePhotoKeywords(db, names);
  // Clips carry names too: in their people, keywords, title and comment.
  const videoNamesRemoved = removeVideoNames(db, names, mentionsPerson(person));
  // The clips they are linked in, read before the link goes: the override reasons recorded for those go too.
  const clipsWithPerson = videosWithPerson(db, person.id);
  // Their face tracks in clips stay hidden as guest tracks: the mask stays, the link to them goes.
  const videoTracksUnlinked = unlinkVideoTracksOfPerson(db, person.id, now.toISOString(), actorLabel(actor));
  // Override reasons are free text about a photo or clip: those of the person's photos and clips may name them.
  const overrideReasonsRemoved = clearOverrideReasons(db, regions.photoHashes, clipsWithPerson);
  const auditDetailsErased = erasePersonalDetails(db, pseudonym);
  return {
    regionsUnlinked: regions.unlinked,
    tagsRemoved: regions.tagsRemoved,
    keywordsRemoved,
    videoNamesRemoved,
    videoTracksUnlinked,
    overrideReasonsRemoved,
    auditDetailsErased,
  };
}

/** What the erasure's logbook entry says of the local traces (the event numbers under ERASED_DETAILS_KEY). */
export function localTracesDetails(traces: Readonly<LocalTraces>) {
  return {
    [ERASED_DETAILS_KEY]: traces.auditDetailsErased,
    regionsUnlinked: traces.regionsUnlinked,
    tagsRemoved: traces.tagsRemoved,
    keywordsRemoved: traces.keywordsRemoved,
    videoNamesRemoved: traces.videoNamesRemoved,
    videoTracksUnlinked: traces.videoTracksUnlinked,
    overrideReasonsRemoved: traces.overrideReasonsRemoved,
  };
}

/**
 * Erases the person in one transaction and logs `person.erased` (the reason beside the chain, like every free text),
 * then compacts the database so nothing of them is left in free pages or the WAL.
 */
export function erasePerson(
  db: WritableDb,
  actor: Actor,
  personId: number,
  reason: string,
  now: Date = new Date(),
): ErasureResult {
  const trimmed = reason.trim();
  if (trimmed.length < 3) throw new AppError('privacy.reasonRequired', {});
  // Freed pages and cells are overwritten with zeros from here on (this connection); VACUUM below does the rest.
  db.pragma('secure_delete = ON');
  const result = audited(
    db,
    actor,
    (log): ErasureResult => {
      const preview = previewErasure(db, personId);
      const person = getPerson(db, personId);
      const traces = eraseLocalTraces(db, actor, person, preview.pseudonym, now);
      const { reasons } = erasePersonRow(db, person.id, now.toISOString());
      log({
        action: 'person.erased',
        subject: `person:${preview.pseudonym}`,
        details: {
          person: preview.pseudonym,
          kind: person.kind,
          ...localTracesDetails(traces),
          consentReasonsRemoved: reasons,
          stillPublished: preview.published.length,
        },
        personal: { about: [], details: { reason: trimmed } },
      });
      return {
        ...preview,
        regionsUnlinked: traces.regionsUnlinked,
        videoTracksUnlinked: traces.videoTracksUnlinked,
        tagsRemoved: traces.tagsRemoved,
        keywordsRemoved: traces.keywordsRemoved,
        consentReasonsRemoved: reasons,
        auditDetailsErased: traces.auditDetailsErased,
      };
    },
    { now },
  );
  compactDatabase(db);
  return result;
}

/** Rewrites the database without free pages and empties the WAL: deleted rows leave no bytes behind. */
export function compactDatabase(db: WritableDb): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}
