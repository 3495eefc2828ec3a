// fotowacht board … : a workstation's own dealings with its board (refreshing the local copy of the registry).
// The board session of every workstation command: the password from the key store, or PGPASSWORD for scripts.
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import {
  inBoardMode,
  openBoardSession,
  refreshBoardSnapshot,
  workstationRegistry,
  type BoardSession,
} from '../../core/board';
import type { SharedRegistry } from '../../core/consent';
import type { CoreContext } from '../../core/context';
import type { KeyStore } from '../../core/db';
import { action } from '../command';
import type { Translate } from '../main';

/** PGPASSWORD stands in for the key store (scripts, tests), as for the server commands. */
function environmentKeyStore(): KeyStore | undefined {
  const password = process.env.PGPASSWORD;
  if (!password) return undefined;
  return {
    name: 'PGPASSWORD',
    get: () => password,
    set: () => {
      throw new Error('PGPASSWORD is read only');
    },
  };
}

/** Runs `work` with this workstation's board session; refuses in single-laptop mode. */
export async function withBoardSession<T>(core: CoreContext, work: (session: BoardSession) => Promise<T>): Promise<T> {
  if (!inBoardMode(core.db)) throw new AppError('board.notConnected', {});
  const keyStore = environmentKeyStore();
  const session = await openBoardSession({
    db: core.db,
    dataDir: core.paths.root,
    ...(keyStore ? { keyStore } : {}),
  });
  if (!session) throw new AppError('board.notConnected', {});
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

/** The board's registry for the consent commands in board mode; null on a single laptop. */
export function sharedRegistryFor(core: CoreContext): SharedRegistry | null {
  if (!inBoardMode(core.db)) return null;
  return workstationRegistry({
    db: core.db,
    dataDir: core.paths.root,
    displayName: () => core.actor().name,
    keyStore: environmentKeyStore(),
  });
}

export function registerBoard(program: Command, t: Translate): void {
  const board = program.command('board').description(t('cli.board.description'));

  const refresh = board
    .command('refresh')
    .description(t('cli.board.refresh.description'))
    .option('--school <code>', t('cli.board.refresh.school'));
  refresh.action(
    action(refresh, async ({ out, openCore }) => {
      const options = refresh.opts<{ school?: string }>();
      const core = openCore();
      const result = await withBoardSession(core, (session) =>
        refreshBoardSnapshot(core.db, session.connection.client, { school: options.school }),
      );
      out.result({ ok: true, ...result });
      const { snapshot, changes } = result;
      out.say(
        out.t('cli.board.refresh.done', {
          school: snapshot.schoolCode,
          people: snapshot.counts.people ?? 0,
          records: snapshot.counts.records ?? 0,
          hash: snapshot.contentHash.slice(0, 12),
          at: snapshot.refreshedAt,
        }),
      );
      out.say(
        out.t('cli.board.refresh.changes', {
          people: changes.people,
          channels: changes.channels,
          records: changes.records,
          imports: changes.imports,
        }),
      );
    }),
  );
}
