// Offline work reaches the board's one trail: in board mode every local audit event is also queued here (the audit
// observer, in the same transaction as the event), and appended to the board's trail in the local order when the
// server is reachable — by `fotowacht board sync`, at the start of an export and after it. Each append records the
// event's key (workstation id, local sequence number) in the same transaction, so a crash between the append and the
// local clean-up never appends an event twice; a different event under the same key is refused.
import { AppError } from '../../../shared/errors';
import type { AuditEvent, JsonValue } from '../../../shared/types';
import { ERASED_DETAILS_KEY, getAuditEvent, PERSONAL_COMMITMENT, type AuditInput } from '../audit';
import type { WritableDb } from '../db';
import { getRegion } from '../people';
import { lockAuditAppends } from './auditRepository';
import { boardError, inTransaction, type BoardSql } from './connection';
import { insertExportRecord, regionKey, type BoardExportRecord } from './exportRecord';
import {
  countOutbox,
  deleteOutboxEntries,
  insertOutboxEntry,
  oldestOutboxEntries,
  setOutboxPayload,
  workstationId,
} from './outboxRepository';
import { findWorkstationEvent, insertWorkstationEvent, peopleByPseudonym, upsertRegionLink } from './recordsRepository';
import { sessionUser } from './repository';
import { appendBoardAuditEvent } from './trail';
import { readBoardSettings } from './workstation';

/** What goes up with a queued event besides the event itself. */
export interface OutboxPayload {
  /** A region linked (or unlinked) offline: people by pseudonym, resolved to the board's ids when it goes up. */
  readonly regionLink?: {
    readonly photoHash: string;
    readonly regionKey: string;
    readonly person: string | null;
    readonly previousPerson: string | null;
  };
  /** An export made on a snapshot while the server was away. */
  readonly export?: BoardExportRecord;
}

function detailsObject(details: JsonValue): Record<string, JsonValue> {
  return details !== null && typeof details === 'object' && !Array.isArray(details) ? { ...details } : {};
}

function payloadOf(db: WritableDb, event: AuditEvent): OutboxPayload {
  if (event.action !== 'people.link' && event.action !== 'people.unlink') return {};
  const details = detailsObject(event.details);
  const region = typeof details.regionId === 'number' ? getRegion(db, details.regionId) : null;
  if (!region) return {};
  const pseudonym = (value: JsonValue | undefined): string | null => (typeof value === 'string' ? value : null);
  return {
    regionLink: {
      photoHash: region.photoHash,
      regionKey: regionKey(region),
      person: pseudonym(details.person),
      previousPerson: pseudonym(details.previousPerson),
    },
  };
}

/**
 * The audit observer of board mode: queues the event for the board's trail. Single-laptop mode queues nothing, and
 * neither does an auditor's workstation (the auditor only reads the board; their local events stay local).
 */
export function queueForBoard(db: WritableDb, event: AuditEvent): void {
  const settings = readBoardSettings(db);
  if (!settings || settings.role === 'auditor') return;
  insertOutboxEntry(db, event.seq, new Date().toISOString(), JSON.stringify(payloadOf(db, event)));
}

/** Puts an export's record with its queued event (call in the transaction that logged it). */
export function queueExportRecord(db: WritableDb, localSeq: number, record: Readonly<BoardExportRecord>): void {
  if (!setOutboxPayload(db, localSeq, JSON.stringify({ export: record } satisfies OutboxPayload)))
    throw new AppError('board.outboxMissing', { seq: localSeq });
}

export interface OutboxStatus {
  readonly workstation: string;
  readonly queued: number;
  readonly oldestQueuedAt: string | null;
}

export function outboxStatus(db: WritableDb): OutboxStatus {
  const { count, oldestQueuedAt } = countOutbox(db);
  return { workstation: workstationId(db), queued: count, oldestQueuedAt };
}

export interface OutboxSyncResult {
  /** Events appended to the board's trail now. */
  readonly appended: number;
  /** Events found there already (appended before a crash, or by another process of this workstation). */
  readonly alreadyThere: number;
  readonly remaining: number;
}

export interface SyncOptions {
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Events per transaction on the server. */
  readonly batchSize?: number | undefined;
  /** The server's host name, for the message when it goes away halfway. */
  readonly host?: string | undefined;
}

async function appendOne(
  sql: BoardSql,
  db: WritableDb,
  user: string,
  workstation: string,
  localSeq: number,
  payload: OutboxPayload,
): Promise<'appended' | 'alreadyThere'> {
  const found = getAuditEvent(db, localSeq);
  if (!found) throw new AppError('board.outboxMissing', { seq: localSeq });
  const { event, about } = found;
  const recorded = await findWorkstationEvent(sql, workstation, localSeq);
  if (recorded !== null) {
    if (recorded === event.hash) return 'alreadyThere';
    throw new AppError('board.outboxConflict', { seq: localSeq, workstation });
  }
  // The local erasure's list names the local trail's events: on the board's trail it must not explain missing details
  // of the board's own events with the same numbers, so it goes up under another key.
  const {
    [PERSONAL_COMMITMENT]: _commitment,
    [ERASED_DETAILS_KEY]: localErased,
    ...details
  } = detailsObject(event.details);
  let boardExportId: number | null = null;
  if (payload.export) boardExportId = await insertExportRecord(sql, workstation, payload.export);
  if (payload.regionLink) {
    const link = payload.regionLink;
    const people = await peopleByPseudonym(
      sql,
      [link.person, link.previousPerson].flatMap((p) => p ?? []),
    );
    const person = link.person === null ? null : people.get(link.person);
    const school = (person ?? (link.previousPerson === null ? undefined : people.get(link.previousPerson)))?.schoolId;
    // A person this user may not see (another school's) is no link this workstation can record.
    if (school !== undefined)
      await upsertRegionLink(
        sql,
        { photoHash: link.photoHash, regionKey: link.regionKey, personId: person?.id ?? null },
        school,
      );
  }
  const input: AuditInput = {
    action: event.action,
    subject: event.subject,
    details: {
      ...details,
      ...(localErased === undefined ? {} : { localErasedDetailsOf: localErased }),
      ...(boardExportId === null ? {} : { boardExportId }),
      fromWorkstation: { id: workstation, seq: event.seq, hash: event.hash, at: event.at, actorOs: event.actorOs },
    },
    ...(event.personal !== undefined && event.personal !== null
      ? { personal: { about, details: event.personal } }
      : {}),
  };
  const row = await appendBoardAuditEvent(sql, { os: user, name: event.actorName }, input);
  await insertWorkstationEvent(sql, workstation, localSeq, event.hash, row.seq);
  return 'appended';
}

/**
 * Appends the queued events to the board's trail, oldest first, a batch per transaction; each batch is forgotten
 * locally only once the server has committed it. Stops at the first event that fails (the order is kept).
 */
export async function syncOutbox(
  db: WritableDb,
  sql: BoardSql,
  options: Readonly<SyncOptions> = {},
): Promise<OutboxSyncResult> {
  const batchSize = options.batchSize ?? 100;
  const total = countOutbox(db).count;
  const workstation = workstationId(db);
  let appended = 0;
  let alreadyThere = 0;
  options.onProgress?.(0, total);
  try {
    const user = await sessionUser(sql);
    for (;;) {
      const entries = oldestOutboxEntries(db, batchSize);
      if (entries.length === 0) break;
      const outcomes = await inTransaction(sql, async () => {
        // Held to the commit: another process of this workstation (the app and the CLI) waits, then finds the keys.
        await lockAuditAppends(sql);
        const done: Array<'appended' | 'alreadyThere'> = [];
        for (const entry of entries)
          done.push(
            await appendOne(sql, db, user, workstation, entry.localSeq, JSON.parse(entry.payload) as OutboxPayload),
          );
        return done;
      });
      deleteOutboxEntries(
        db,
        entries.map((entry) => entry.localSeq),
      );
      appended += outcomes.filter((outcome) => outcome === 'appended').length;
      alreadyThere += outcomes.filter((outcome) => outcome === 'alreadyThere').length;
      options.onProgress?.(appended + alreadyThere, total);
    }
  } catch (error) {
    throw boardError(error, options.host ?? '');
  }
  return { appended, alreadyThere, remaining: countOutbox(db).count };
}

/** At the start of a session: the queue goes up first (best effort — what cannot go up now waits for the next time). */
export async function syncOutboxQuietly(db: WritableDb, sql: BoardSql): Promise<void> {
  await syncOutbox(db, sql).catch(() => undefined);
}
