// Erasing a person on the board (AVG art. 17) — the board privacy officer's right only, which the database enforces
// (board migration 005: erase_person() and a trigger refuse everyone else, raw SQL too). Planned on the fresh copy
// (a person erased already is refused, as on a laptop), then erased on the board in one transaction with its event on
// the board's trail, under the school's registry lock; the copy is fetched again, which clears this computer's traces
// of the person (privacy/boardErasure.ts) as every other workstation's next refresh does.
import { AppError } from '../../../shared/errors';
import type { PublicationView } from '../../../shared/ipc/publish';
import { ERASED_DETAILS_KEY } from '../audit';
import { getPerson, personErasedAt } from '../consent';
import type { FollowedErasure } from '../privacy';
import { boardError } from './connection';
import { boardPublicationsOf, erasePersonRows, type BoardErasureCounts } from './erasureRepository';
import { lockRegistry } from './registryWriteRepository';
import type { BoardRegistryContext } from './registryWrites';
import { boardActor } from './server';
import { refreshBoardSnapshot } from './snapshot';
import { boardAudited } from './trail';

export interface BoardErasure {
  readonly counts: BoardErasureCounts;
  /** Where the person was visible in a finished export, across the board (before the erasure). */
  readonly published: PublicationView[];
  /** What the refresh after it cleared on this computer. */
  readonly followed: readonly FollowedErasure[];
}

class CopyOutdated extends Error {}

export async function boardErasePerson(
  context: Readonly<BoardRegistryContext>,
  personId: number,
  reason: string,
): Promise<BoardErasure> {
  const trimmed = reason.trim();
  if (trimmed.length < 3) throw new AppError('privacy.reasonRequired', {});
  const { db, sql } = context;
  const actor = await boardActor(sql, context.displayName ?? '');
  for (let attempt = 1; attempt <= (context.attempts ?? 5); attempt += 1) {
    const { snapshot } = await refreshBoardSnapshot(db, sql);
    const person = getPerson(db, personId);
    if (personErasedAt(db, person.id) !== null) throw new AppError('privacy.alreadyErased', { person: personId });
    let erased: { counts: BoardErasureCounts; published: PublicationView[] };
    try {
      erased = await boardAudited(sql, actor, async (log) => {
        const version = await lockRegistry(sql, snapshot.schoolId);
        if (version === null) throw new AppError('board.notAllowed', { detail: `school ${snapshot.schoolCode}` });
        if (version !== snapshot.registryVersion) throw new CopyOutdated();
        const published = await boardPublicationsOf(sql, person.id);
        const counts = await erasePersonRows(sql, person.id);
        if (!counts) throw new AppError('board.notAllowed', { detail: `person ${person.id}` });
        log({
          action: 'person.erased',
          subject: `person:${counts.pseudonym}`,
          details: {
            person: counts.pseudonym,
            kind: person.kind,
            [ERASED_DETAILS_KEY]: [...counts.auditDetailsErased],
            regionLinksUnlinked: counts.regionLinksUnlinked,
            consentReasonsRemoved: counts.consentReasonsRemoved,
            overrideReasonsRemoved: counts.overrideReasonsRemoved,
            segmentDetailsErased: counts.segmentDetailsErased.map((entry) => ({
              segment: entry.segment,
              seqs: [...entry.seqs],
            })),
            stillPublished: published.length,
          },
          personal: { about: [], details: { reason: trimmed } },
        });
        return { counts, published };
      });
    } catch (error) {
      if (error instanceof CopyOutdated) continue;
      const mapped = boardError(error, '');
      throw mapped.code === 'board.notAllowed' ? new AppError('board.eraseNotAllowed', {}) : mapped;
    }
    const { erasures } = await refreshBoardSnapshot(db, sql);
    return { ...erased, followed: erasures };
  }
  throw new AppError('board.registryBusy', { attempts: context.attempts ?? 5 });
}
