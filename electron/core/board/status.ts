// What Instellingen shows and does for board mode: the recorded connection, whether the server answers now, the
// local copy's age and the age an export may still rely on it; and disconnecting (back to single-laptop mode).
import type { BoardStatusView } from '../../../shared/ipc/board';
import { AppError } from '../../../shared/errors';
import { audited, type Actor } from '../audit';
import { osKeyStore, type KeyStore, type ReadableDb, type WritableDb } from '../db';
import { deleteSetting } from '../settings';
import { snapshotMaxAgeHours } from './exportGate';
import { openBoardSession } from './session';
import { readBoardSnapshot } from './snapshot';
import { BOARD_SETTING, boardCredentialAccount, readBoardSettings } from './workstation';

export interface BoardStatusOptions {
  readonly db: ReadableDb;
  readonly dataDir: string;
  readonly keyStore?: KeyStore | undefined;
  /** Ask the server now (a connection is opened and closed). */
  readonly probe: boolean;
  readonly now?: Date;
  readonly connectTimeoutMs?: number;
}

export async function boardStatus(options: Readonly<BoardStatusOptions>): Promise<BoardStatusView> {
  const settings = readBoardSettings(options.db);
  const snapshot = readBoardSnapshot(options.db);
  const now = options.now ?? new Date();
  const view: BoardStatusView = {
    connection: settings
      ? {
          url: settings.url,
          user: settings.user,
          role: settings.role,
          tls: settings.tls,
          caFile: settings.caFile ?? null,
          schools: settings.schools,
          connectedAt: settings.connectedAt,
        }
      : null,
    reachable: null,
    encrypted: null,
    verified: null,
    problem: null,
    snapshot:
      settings && snapshot
        ? {
            refreshedAt: snapshot.refreshedAt,
            contentHash: snapshot.contentHash,
            schoolCode: snapshot.schoolCode,
            ageMinutes: Math.max(0, Math.floor((now.getTime() - Date.parse(snapshot.refreshedAt)) / 60_000)),
          }
        : null,
    snapshotMaxAgeHours: snapshotMaxAgeHours(options.db),
  };
  if (!settings || !options.probe) return view;
  try {
    const session = await openBoardSession({
      db: options.db,
      dataDir: options.dataDir,
      ...(options.keyStore ? { keyStore: options.keyStore } : {}),
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
    });
    if (!session) return view;
    await session.close();
    return {
      ...view,
      reachable: true,
      encrypted: session.connection.tls,
      verified: session.connection.verified,
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ...view, reachable: false, problem: { code: error.code, params: error.params } };
  }
}

/**
 * Back to single-laptop mode, logged. The password in the key store is overwritten with nothing; the local copy of
 * the registry stays as it was at its last refresh and becomes this computer's own registry again (changes made to
 * it alone would have to be moved into the board with `fotowacht board migrate` before connecting again).
 */
export function disconnectWorkstation(
  db: WritableDb,
  actor: Actor,
  dataDir: string,
  keyStore: KeyStore = osKeyStore(),
): void {
  const settings = readBoardSettings(db);
  if (!settings) throw new AppError('board.notConnected', {});
  audited(db, actor, (log) => {
    deleteSetting(db, BOARD_SETTING);
    log({ action: 'board.disconnect', subject: 'board', details: { url: settings.url, user: settings.user } });
  });
  try {
    keyStore.set(boardCredentialAccount(dataDir), '');
  } catch {
    // The key store is gone: board mode is off all the same, and the entry can no longer be used without it.
  }
}
