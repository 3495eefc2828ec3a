// An export in board mode needs current consent. With the server there: the outbox goes up first, the local copy of
// the registry is refreshed, the export decides on it as in single-laptop mode, and its record and event are written
// on the board in one transaction before it counts as done. Without the server: refused, unless the user allows this
// computer's snapshot and it is no older than the set age (default 24 hours) — then the manifest and the audit event
// name the snapshot, and the record goes up with the outbox later.
import { AppError } from '../../../shared/errors';
import { audited, type Actor, type AuditInput } from '../audit';
import type { KeyStore, ReadableDb, WritableDb } from '../db';
import { readSetting, writeSetting } from '../settings';
import { boardError, parseBoardUrl } from './connection';
import { insertExportRecord, type BoardExportRecord, type SnapshotMark } from './exportRecord';
import { syncOutbox, syncOutboxQuietly } from './outbox';
import { workstationId } from './outboxRepository';
import { sessionUser } from './repository';
import { inBoardMode, openBoardSession, type BoardSession } from './session';
import { readBoardSnapshot, refreshBoardSnapshot, type BoardSnapshot } from './snapshot';
import { boardAudited } from './trail';
import { readBoardSettings } from './workstation';

/** The settings key of the snapshot's allowed age, in hours. */
export const SNAPSHOT_AGE_SETTING = 'board.snapshotMaxAgeHours';
export const DEFAULT_SNAPSHOT_MAX_AGE_HOURS = 24;
const MAX_HOURS = 720;

export function snapshotMaxAgeHours(db: ReadableDb): number {
  const value = readSetting(db, SNAPSHOT_AGE_SETTING);
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_HOURS
    ? value
    : DEFAULT_SNAPSHOT_MAX_AGE_HOURS;
}

export function setSnapshotMaxAgeHours(db: WritableDb, actor: Actor, hours: number): number {
  if (!Number.isInteger(hours) || hours < 1 || hours > MAX_HOURS) throw new AppError('board.snapshotAgeInvalid', {});
  const previous = snapshotMaxAgeHours(db);
  if (previous === hours) return hours;
  audited(db, actor, (log) => {
    writeSetting(db, SNAPSHOT_AGE_SETTING, hours);
    log({ action: 'board.snapshotAge', subject: 'settings', details: { hours, previous } });
  });
  return hours;
}

/** How an export in board mode reaches the board. */
export interface ExportBoard {
  /** 'online': recorded on the board when done; 'snapshot': made without the server, recorded when it is back. */
  readonly mode: 'online' | 'snapshot';
  readonly session: BoardSession | null;
  readonly workstation: string;
  readonly schoolCode: string;
  /** The copy of the registry the decisions read. */
  readonly snapshot: SnapshotMark;
  close(): Promise<void>;
}

export interface OpenExportBoardOptions {
  readonly db: WritableDb;
  readonly dataDir: string;
  /** The user allows this computer's snapshot when the server cannot be reached. */
  readonly allowSnapshot: boolean;
  readonly keyStore?: KeyStore | undefined;
  readonly now?: Date | undefined;
}

function mark(snapshot: Readonly<BoardSnapshot>): SnapshotMark {
  return { refreshedAt: snapshot.refreshedAt, hash: snapshot.contentHash, user: snapshot.user };
}

const HOUR = 3_600_000;

/** Null in single-laptop mode; else the way this export reaches the board, or a coded refusal. */
export async function openExportBoard(options: Readonly<OpenExportBoardOptions>): Promise<ExportBoard | null> {
  const { db } = options;
  if (!inBoardMode(db)) return null;
  // The auditor only reads the board: no export to record there, online or later.
  if (readBoardSettings(db)?.role === 'auditor') throw new AppError('board.exportReadOnly', {});
  const workstation = workstationId(db);
  let session: BoardSession | null;
  try {
    session = await openBoardSession({
      db,
      dataDir: options.dataDir,
      ...(options.keyStore ? { keyStore: options.keyStore } : {}),
    });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'board.unreachable') throw error;
    const maxHours = snapshotMaxAgeHours(db);
    if (!options.allowSnapshot)
      throw new AppError('board.exportUnreachable', { host: String(error.params.host ?? ''), maxHours });
    const snapshot = readBoardSnapshot(db);
    if (!snapshot) throw new AppError('board.noSnapshot', {});
    const age = (options.now ?? new Date()).getTime() - Date.parse(snapshot.refreshedAt);
    if (!(age <= maxHours * HOUR))
      throw new AppError('board.snapshotTooOld', { ageHours: Math.floor((age / HOUR) * 10) / 10, maxHours });
    return {
      mode: 'snapshot',
      session: null,
      workstation,
      schoolCode: snapshot.schoolCode,
      snapshot: mark(snapshot),
      close: async () => undefined,
    };
  }
  if (!session) return null;
  try {
    const sql = session.connection.client;
    // Offline work first, so the board's trail keeps this workstation's order; a queue that cannot go up now
    // (it says why in `fotowacht board sync`) does not hold the export back.
    await syncOutboxQuietly(db, sql);
    const { snapshot } = await refreshBoardSnapshot(db, sql);
    const opened = session;
    return {
      mode: 'online',
      session,
      workstation,
      schoolCode: snapshot.schoolCode,
      snapshot: mark(snapshot),
      close: () => opened.close(),
    };
  } catch (error) {
    await session.close();
    throw error;
  }
}

/**
 * Records a finished export on the board: the export, its items, people and region links, and its event on the
 * board's trail, in one transaction. Any failure is board.exportNotRecorded: the caller fails the export.
 */
export async function recordExportOnBoard(
  board: Readonly<ExportBoard>,
  db: WritableDb,
  actorName: string,
  record: Readonly<BoardExportRecord>,
  event: Readonly<AuditInput>,
): Promise<number> {
  const session = board.session;
  if (!session) throw new AppError('board.exportNotRecorded', { code: 'board.unreachable' });
  const sql = session.connection.client;
  const host = parseBoardUrl(session.settings.url).host;
  // The export's own local events (overrides) go up before its record, in their order.
  await syncOutbox(db, sql, { host }).catch(() => undefined);
  try {
    const actor: Actor = { os: await sessionUser(sql), name: actorName };
    return await boardAudited(sql, actor, async (log) => {
      const boardExportId = await insertExportRecord(sql, board.workstation, record);
      log({
        ...event,
        details: {
          ...event.details,
          boardExportId,
          workstation: board.workstation,
          localExportId: record.localExportId,
          snapshot: { refreshedAt: board.snapshot.refreshedAt, hash: board.snapshot.hash },
        },
      });
      return boardExportId;
    });
  } catch (error) {
    throw new AppError('board.exportNotRecorded', { code: boardError(error, host).code });
  }
}
