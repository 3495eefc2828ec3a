// A workstation in board mode opens its session with the board's server from what `fotowacht connect` recorded:
// the address and user from the local settings, the password from the operating system's key store. Every command
// and screen that reads or writes the shared registry starts here; in single-laptop mode there is no session.
import { AppError } from '../../../shared/errors';
import { osKeyStore, type KeyStore, type ReadableDb } from '../db';
import { connectBoard, type BoardConnection } from './connection';
import { boardCredentialAccount, readBoardSettings, type BoardSettings } from './workstation';

export interface BoardSession {
  readonly settings: BoardSettings;
  readonly connection: BoardConnection;
  close(): Promise<void>;
}

export interface OpenBoardSessionOptions {
  readonly db: ReadableDb;
  readonly dataDir: string;
  /** The key store (default: the operating system's); tests pass their own. */
  readonly keyStore?: KeyStore;
  readonly connectTimeoutMs?: number;
}

/** Whether this workstation is in board mode (connect recorded it), without contacting the server. */
export function inBoardMode(db: ReadableDb): boolean {
  return readBoardSettings(db) !== null;
}

/**
 * The session with the board's server, or null in single-laptop mode. Fails with board.unreachable when the server
 * cannot be reached (the caller decides whether a snapshot may stand in), board.notSignedIn when the key store
 * has no password for this data folder (run `fotowacht connect` again), and the other board.* errors of connecting.
 */
export async function openBoardSession(options: Readonly<OpenBoardSessionOptions>): Promise<BoardSession | null> {
  const settings = readBoardSettings(options.db);
  if (!settings) return null;
  const store = options.keyStore ?? osKeyStore();
  let password: string | null;
  try {
    password = store.get(boardCredentialAccount(options.dataDir));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('board.keyStoreUnavailable', { detail: detail.slice(0, 200) });
  }
  if (!password) throw new AppError('board.notSignedIn', {});
  const connection = await connectBoard({
    url: settings.url,
    password,
    tls: settings.tls,
    caFile: settings.caFile,
    ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
  });
  return { settings, connection, close: () => connection.close() };
}
