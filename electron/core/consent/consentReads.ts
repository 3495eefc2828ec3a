// The seam between decisions and the consent registry's store: the reads a decision needs, asynchronous so the
// registry may be this laptop's SQLite file or a board's PostgreSQL server. The rule that turns a record into an
// answer (consentOnMany) is written once, over either store.
import type { ConsentAnswer, ConsentStatus } from '../../../shared/consent';
import type { ReadableDb } from '../db';
import { recordInEffect, type HistoryCut } from './recordsRepository';
import { moment } from './registry';

export type { HistoryCut } from './recordsRepository';

export interface RecordInEffect {
  readonly id: number;
  readonly status: ConsentStatus;
  readonly version: number;
}

/** The consent registry's reads that decisions rely on, over either store. */
export interface ConsentReads {
  /** For each person, the newest version of this channel within the cut; a person without one is absent. */
  recordsInEffect(
    personIds: readonly number[],
    channelId: string,
    cut: Readonly<HistoryCut>,
  ): Promise<Map<number, RecordInEffect>>;
}

/** The laptop's own registry (the single-laptop mode). */
export function sqliteConsentReads(db: ReadableDb): ConsentReads {
  return {
    async recordsInEffect(personIds, channelId, cut) {
      const found = new Map<number, RecordInEffect>();
      for (const personId of personIds) {
        const record = recordInEffect(db, personId, channelId, cut);
        if (record) found.set(personId, record);
      }
      return found;
    },
  };
}

/** consentOn for many people at once, over either store: the same answers as the local registry gives. */
export async function consentOnMany(
  reads: ConsentReads,
  personIds: readonly number[],
  channelId: string,
  at: string | Date,
): Promise<Map<number, ConsentAnswer>> {
  const { at: stated, cut } = moment(at);
  const records = await reads.recordsInEffect([...new Set(personIds)], channelId, cut);
  const answers = new Map<number, ConsentAnswer>();
  for (const personId of personIds) {
    const record = records.get(personId);
    answers.set(personId, {
      personId,
      channelId,
      at: stated,
      schoolYear: cut.schoolYear,
      status: record?.status ?? 'none',
      consented: record?.status === 'granted',
      recordId: record?.id ?? null,
      version: record?.version ?? null,
    });
  }
  return answers;
}
