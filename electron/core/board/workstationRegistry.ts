// The shared registry of a workstation in board mode, for the consent screens and commands: each write opens the
// session with the board (password from the key store), refreshes the copy, plans on it and commits to the board
// (registryWrites.ts), then closes the session.
import { AppError } from '../../../shared/errors';
import type { SharedRegistry } from '../consent';
import type { KeyStore, WritableDb } from '../db';
import {
  boardConsentImport,
  boardRecordManualConsent,
  boardSetPersonProtected,
  boardWithdrawConsent,
  type BoardRegistryContext,
} from './registryWrites';
import { boardAddChannel, boardDeleteChannel, boardRenameChannel, boardRetireChannel } from './channelWrites';
import { syncOutboxQuietly } from './outbox';
import { openBoardSession } from './session';
import { refreshBoardSnapshot } from './snapshot';

export interface WorkstationRegistryOptions {
  readonly db: WritableDb;
  readonly dataDir: string;
  /** The display name recorded beside the database user. */
  readonly displayName: () => string;
  /** The key store (default: the operating system's). */
  readonly keyStore?: KeyStore | undefined;
}

export function workstationRegistry(options: Readonly<WorkstationRegistryOptions>): SharedRegistry {
  const withContext = async <T>(work: (context: BoardRegistryContext) => Promise<T>): Promise<T> => {
    const session = await openBoardSession({
      db: options.db,
      dataDir: options.dataDir,
      ...(options.keyStore ? { keyStore: options.keyStore } : {}),
    });
    if (!session) throw new AppError('board.notConnected', {});
    try {
      // Offline work reaches the board's trail before this change's event (board/outbox.ts).
      await syncOutboxQuietly(options.db, session.connection.client);
      return await work({ db: options.db, sql: session.connection.client, displayName: options.displayName() });
    } finally {
      await session.close();
    }
  };
  return {
    refresh: () =>
      withContext(async (context) => {
        await refreshBoardSnapshot(context.db, context.sql);
      }),
    importList: (source, mapping, schoolYear, commit) =>
      withContext((context) => boardConsentImport(context, source, mapping, schoolYear, commit)),
    recordManualConsent: (input) => withContext((context) => boardRecordManualConsent(context, input)),
    withdrawConsent: (input) => withContext((context) => boardWithdrawConsent(context, input)),
    setPersonProtected: (change) => withContext((context) => boardSetPersonProtected(context, change)),
    addChannel: (input) => withContext((context) => boardAddChannel(context, input)),
    renameChannel: (input) => withContext((context) => boardRenameChannel(context, input)),
    retireChannel: (input) => withContext((context) => boardRetireChannel(context, input)),
    deleteChannel: (input) => withContext((context) => boardDeleteChannel(context, input)),
  };
}
