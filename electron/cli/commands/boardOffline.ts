// fotowacht board sync and board snapshot-age: the work this workstation did without the server goes up to the
// board's trail in order, and how old a snapshot an export without the server may use.
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import {
  inBoardMode,
  outboxStatus,
  readBoardSnapshot,
  setSnapshotMaxAgeHours,
  snapshotMaxAgeHours,
  syncOutbox,
} from '../../core/board';
import { action } from '../command';
import type { Translate } from '../main';
import { withBoardSession } from './boardWorkstation';

/** Adds the offline commands to `fotowacht board` (made by registerBoard). */
export function registerBoardOffline(program: Command, t: Translate): void {
  const board = program.commands.find((command) => command.name() === 'board');
  if (!board) throw new Error('registerBoard must come first');

  const sync = board.command('sync').description(t('cli.board.sync.description'));
  sync.action(
    action(sync, async ({ out, openCore }) => {
      const core = openCore();
      if (!inBoardMode(core.db)) throw new AppError('board.notConnected', {});
      const startedAt = new Date().toISOString();
      try {
        const result = await withBoardSession(core, (session) =>
          syncOutbox(core.db, session.connection.client, {
            onProgress: (done, total) =>
              out.progress({
                jobId: 'board.sync',
                kind: 'board.sync',
                state: 'running',
                total,
                done,
                failed: 0,
                skipped: 0,
                current: out.t('cli.board.sync.progress'),
                errors: [],
                startedAt,
                finishedAt: null,
                result: null,
                error: null,
              }),
          }),
        );
        out.result({ ok: true, ...result });
        out.say(
          out.t('cli.board.sync.done', {
            appended: result.appended,
            already: result.alreadyThere,
            remaining: result.remaining,
          }),
        );
      } catch (error) {
        // Nothing is lost: the queue stays, and says how much waits.
        const queued = outboxStatus(core.db).queued;
        out.warn(out.t('cli.board.sync.failed', { reason: error instanceof AppError ? error.code : 'error', queued }));
        throw error;
      }
    }),
  );

  const age = board
    .command('snapshot-age')
    .description(t('cli.board.snapshotAge.description'))
    .argument('[hours]', t('cli.board.snapshotAge.hours'));
  age.action(
    action(age, async ({ out, openCore }) => {
      const core = openCore();
      const [text] = age.args;
      if (text !== undefined && !/^\d{1,4}$/.test(text)) throw new AppError('board.snapshotAgeInvalid', {});
      const hours =
        text === undefined ? snapshotMaxAgeHours(core.db) : setSnapshotMaxAgeHours(core.db, core.actor(), Number(text));
      const snapshot = readBoardSnapshot(core.db);
      const ageHours = snapshot ? Math.floor((Date.now() - Date.parse(snapshot.refreshedAt)) / 360_000) / 10 : null;
      out.result({
        ok: true,
        maxAgeHours: hours,
        snapshot: snapshot ? { refreshedAt: snapshot.refreshedAt, hash: snapshot.contentHash, ageHours } : null,
      });
      out.say(out.t('cli.board.snapshotAge.show', { hours }));
      out.say(
        snapshot
          ? out.t('cli.board.snapshotAge.snapshot', {
              refreshedAt: snapshot.refreshedAt,
              age: ageHours,
              hash: snapshot.contentHash.slice(0, 12),
            })
          : out.t('cli.board.snapshotAge.noSnapshot'),
      );
    }),
  );
}
