// A workstation joins a board: `fotowacht connect` checks the connection and the user, keeps the password in the
// operating system's key store (never in a file: without a key store it refuses) and records board mode in the
// local settings, with the address but no password.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { audited, type Actor } from '../audit';
import { osKeyStore, type KeyStore, type WritableDb, type ReadableDb } from '../db';
import { readSetting, writeSetting } from '../settings';
import { boardError, connectBoard, parseBoardUrl, redactedBoardUrl, TLS_MODES, type TlsMode } from './connection';
import { boardSchemaVersion, latestBoardSchemaVersion } from './migrations';
import { currentBoardUser, listSchools } from './repository';

/** The settings key of board mode; absent in single-laptop mode (the default). */
export const BOARD_SETTING = 'board.connection';

const boardSettingsSchema = z.object({
  url: z.string(),
  user: z.string(),
  role: z.string(),
  tls: z.enum(TLS_MODES as [TlsMode, ...TlsMode[]]),
  caFile: z.string().optional(),
  schools: z.array(z.string()),
  connectedAt: z.string(),
});

export type BoardSettings = z.infer<typeof boardSettingsSchema>;

/** Board mode as recorded, or null in single-laptop mode (or when the value is damaged). */
export function readBoardSettings(db: ReadableDb): BoardSettings | null {
  const parsed = boardSettingsSchema.safeParse(readSetting(db, BOARD_SETTING));
  return parsed.success ? parsed.data : null;
}

/** One key-store entry per data folder for the board password. */
export function boardCredentialAccount(dataDir: string): string {
  return `board-${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16)}`;
}

export interface ConnectWorkstationOptions {
  readonly db: WritableDb;
  readonly actor: Actor;
  readonly dataDir: string;
  readonly url: string;
  /** Overrides the URL's password. */
  readonly password?: string | undefined;
  readonly tls?: TlsMode | undefined;
  readonly caFile?: string | undefined;
  /** The key store (default: the operating system's); tests pass their own. */
  readonly keyStore?: KeyStore;
}

export interface ConnectWorkstationResult extends BoardSettings {
  /** Whether the connection that was tested is encrypted, and whether the certificate was checked. */
  readonly encrypted: boolean;
  readonly verified: boolean;
  readonly schemaVersion: number;
  readonly keyStore: string;
}

export async function connectWorkstation(
  options: Readonly<ConnectWorkstationOptions>,
): Promise<ConnectWorkstationResult> {
  const target = parseBoardUrl(options.url);
  const password = options.password ?? target.password;
  if (!password) throw new AppError('board.passwordMissing', {});
  const tls = options.tls ?? target.tls;
  const caFile = options.caFile ?? target.caFile;
  const connection = await connectBoard({ url: options.url, password, tls, caFile });
  let user: { roleName: string; kind: string | null; superuser: boolean };
  let schools: string[];
  let schemaVersion: number;
  try {
    user = await currentBoardUser(connection.client);
    // A superuser passes every policy: a workstation signs in as a person with a role, never as the server's admin.
    if (user.superuser) throw new AppError('board.superuserRefused', { user: user.roleName });
    if (user.kind === null) throw new AppError('board.notABoardUser', { user: user.roleName });
    schemaVersion = await boardSchemaVersion(connection.client);
    if (schemaVersion === 0) throw new AppError('board.notInitialised', {});
    const known = latestBoardSchemaVersion();
    if (schemaVersion > known) throw new AppError('board.newerSchema', { found: schemaVersion, known });
    schools = (await listSchools(connection.client)).map((school) => school.code);
  } catch (error) {
    throw boardError(error, target.host);
  } finally {
    await connection.close();
  }
  const store = options.keyStore ?? osKeyStore();
  const account = boardCredentialAccount(options.dataDir);
  try {
    store.set(account, password);
    if (store.get(account) !== password) throw new Error('the key store did not keep the password');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('board.keyStoreUnavailable', { detail: detail.slice(0, 200) });
  }
  const settings: BoardSettings = {
    url: redactedBoardUrl({ ...target, tls }),
    user: user.roleName,
    role: user.kind,
    tls,
    ...(caFile ? { caFile: path.resolve(caFile) } : {}),
    schools,
    connectedAt: new Date().toISOString(),
  };
  audited(options.db, options.actor, (log) => {
    writeSetting(options.db, BOARD_SETTING, settings);
    log({
      action: 'board.connect',
      subject: 'board',
      details: { url: settings.url, user: settings.user, role: settings.role, tls, encrypted: connection.tls },
    });
  });
  return {
    ...settings,
    encrypted: connection.tls,
    verified: connection.verified,
    schemaVersion,
    keyStore: store.name,
  };
}
