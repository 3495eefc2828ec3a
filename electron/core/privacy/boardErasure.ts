// Erasure in board mode (issue 16): the board's privacy officer erases a person on the board (board/erasure.ts: the
// database allows nobody else), and every workstation's copy loses the person at its next refresh — which also clears
// what this computer holds of them beyond the registry (its regions' links and names, keywords, clip tracks, override
// reasons and the local trail's personal details), as a laptop's erasure does, with a local logbook entry.
import type { Person } from '../../../shared/consent';
import { audited, osUserName } from '../audit';
import {
  boardErasePerson,
  boardPublicationsOf,
  openBoardSession,
  refreshBoardSnapshot,
  syncOutboxQuietly,
  type BoardErasureCounts,
  type BoardSession,
} from '../board';
import { findPerson, personErasedAt, pseudonymOf } from '../consent';
import type { KeyStore, ReadableDb, WritableDb } from '../db';
import { AppError } from '../../../shared/errors';
import {
  compactDatabase,
  eraseLocalTraces,
  localTracesDetails,
  type ErasurePreview,
  type ErasureResult,
  type LocalTraces,
} from './erasure';

/** A person the board erased whom this computer's copy still holds with names: captured before the copy changes. */
export function erasedByBoard(db: ReadableDb, erasedIds: readonly number[]): Person[] {
  return erasedIds.flatMap((id) => {
    const person = findPerson(db, id);
    return person && personErasedAt(db, id) === null ? [person] : [];
  });
}

export interface FollowedErasure {
  readonly personId: number;
  readonly pseudonym: string;
  readonly traces: LocalTraces;
}

/**
 * Clears this computer's traces of people the board erased (inside the refresh's transaction, after the copy was
 * applied), each with its local logbook entry `person.erasedOnBoard`.
 */
export function followBoardErasures(db: WritableDb, people: readonly Person[], now = new Date()): FollowedErasure[] {
  const actor = { os: osUserName(), name: '' };
  return people.map((person) =>
    audited(db, actor, (log) => {
      const pseudonym = pseudonymOf(db, person.id);
      const traces = eraseLocalTraces(db, actor, person, pseudonym, now);
      log({
        action: 'person.erasedOnBoard',
        subject: `person:${pseudonym}`,
        details: {
          person: pseudonym,
          ...localTracesDetails(traces),
        },
      });
      return { personId: person.id, pseudonym, traces };
    }),
  );
}

/** After a refresh that followed erasures: nothing of them is left in free pages or the WAL. */
export function compactAfterErasures(db: WritableDb, followed: readonly FollowedErasure[]): void {
  if (followed.length > 0) compactDatabase(db);
}

export interface BoardErasureOptions {
  readonly db: WritableDb;
  readonly dataDir: string;
  readonly displayName: string;
  readonly keyStore?: KeyStore | undefined;
}

export interface BoardErasureResult extends ErasureResult {
  /** What the board's erasure did there (this computer's part is in the other fields). */
  readonly board: BoardErasureCounts;
}

async function withSession<T>(
  options: Readonly<BoardErasureOptions>,
  work: (session: BoardSession) => Promise<T>,
): Promise<T> {
  const session = await openBoardSession({
    db: options.db,
    dataDir: options.dataDir,
    ...(options.keyStore ? { keyStore: options.keyStore } : {}),
  });
  if (!session) throw new AppError('board.notConnected', {});
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

/** The takedown list before erasing, across the board (every export the user may see), on a fresh copy. */
export async function previewErasureOnBoard(
  options: Readonly<BoardErasureOptions>,
  personId: number,
): Promise<ErasurePreview> {
  return withSession(options, async (session) => {
    const sql = session.connection.client;
    await refreshBoardSnapshot(options.db, sql);
    if (!findPerson(options.db, personId)) throw new AppError('consent.person.notFound', { person: String(personId) });
    if (personErasedAt(options.db, personId) !== null)
      throw new AppError('privacy.alreadyErased', { person: personId });
    return {
      personId,
      pseudonym: pseudonymOf(options.db, personId),
      published: await boardPublicationsOf(sql, personId),
    };
  });
}

/** Erases the person on the board (its privacy officer only) and clears this computer's traces of them. */
export async function erasePersonOnBoard(
  options: Readonly<BoardErasureOptions>,
  personId: number,
  reason: string,
): Promise<BoardErasureResult> {
  if (reason.trim().length < 3) throw new AppError('privacy.reasonRequired', {});
  return withSession(options, async (session) => {
    const sql = session.connection.client;
    await syncOutboxQuietly(options.db, sql);
    const { counts, published, followed } = await boardErasePerson(
      { db: options.db, sql, displayName: options.displayName },
      personId,
      reason,
    );
    const here = followed.find((entry) => entry.personId === personId)?.traces;
    return {
      personId,
      pseudonym: counts.pseudonym,
      published,
      regionsUnlinked: here?.regionsUnlinked ?? 0,
      videoTracksUnlinked: here?.videoTracksUnlinked ?? 0,
      tagsRemoved: here?.tagsRemoved ?? 0,
      keywordsRemoved: here?.keywordsRemoved ?? 0,
      consentReasonsRemoved: counts.consentReasonsRemoved,
      auditDetailsErased: [...counts.auditDetailsErased],
      board: counts,
    };
  });
}
