// fotowacht board migrate --school <code>: moves this laptop's own registry, exports and trail into the board it was
// connected to (`fotowacht connect` first), as a school administrator of that school or the board's privacy officer.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import {
  inBoardMode,
  migrateLaptop,
  openBoardSession,
  type BoardSession,
  type LaptopMigrationResult,
  type MigrationStep,
} from '../../core/board';
import { action } from '../command';
import type { Translate } from '../main';
import { withBoardSession } from './boardWorkstation';

/** The `board` group of commands (other board commands may have made it already). */
export function boardGroup(program: Command, t: Translate): Command {
  return (
    program.commands.find((command) => command.name() === 'board') ??
    program.command('board').description(t('cli.board.description'))
  );
}

const STEPS: readonly MigrationStep[] = ['verify', 'read', 'board', 'trail', 'renumber'];

export function registerBoardMigrate(program: Command, t: Translate): void {
  const migrate = boardGroup(program, t)
    .command('migrate')
    .description(t('cli.board.migrate.description'))
    .requiredOption('--school <code>', t('cli.board.migrate.school'))
    .option('--dry-run', t('cli.board.migrate.dryRun'))
    .option('--password-stdin', t('cli.board.migrate.passwordStdin'));
  migrate.action(
    action(migrate, async ({ out, openCore }) => {
      const options = migrate.opts<{ school: string; dryRun?: boolean; passwordStdin?: boolean }>();
      const core = openCore();
      if (!inBoardMode(core.db)) throw new AppError('board.migrate.notConnected', {});
      // The password from stdin stands in for the key store when asked; else PGPASSWORD or the key store.
      const password = options.passwordStdin ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : undefined;
      const session =
        password === undefined
          ? null
          : await openBoardSession({
              db: core.db,
              dataDir: core.paths.root,
              keyStore: { name: 'stdin', get: () => password, set: () => undefined },
            });
      const run = (board: BoardSession) =>
        migrateLaptop({
          db: core.db,
          actor: core.actor(),
          sql: board.connection.client,
          settings: board.settings,
          school: options.school,
          dryRun: Boolean(options.dryRun),
          onStep: (step) =>
            out.warn(`[${STEPS.indexOf(step) + 1}/${STEPS.length}] ${t(`cli.board.migrate.step.${step}`)}`),
        });
      let result: LaptopMigrationResult;
      if (session) {
        try {
          result = await run(session);
        } finally {
          await session.close();
        }
      } else result = await withBoardSession(core, run);
      out.result({ ok: true, ...result });
      const c = result.counts;
      if (result.alreadyMigrated) {
        out.say(t('cli.board.migrate.already', { school: result.school, segment: result.segmentId ?? 0 }));
        return;
      }
      if (result.resumed) {
        out.say(
          t(result.dryRun ? 'cli.board.migrate.wouldResume' : 'cli.board.migrate.resumed', {
            school: result.school,
            segment: result.segmentId ?? 0,
          }),
        );
        return;
      }
      out.say(
        t(result.dryRun ? 'cli.board.migrate.wouldMove' : 'cli.board.migrate.moved', {
          school: result.school,
          people: c.people,
          records: c.records,
          reasons: c.reasons,
          imports: c.imports,
          channels: c.channels,
          exports: c.exports,
          items: c.exportItems,
          links: c.regionLinks,
          events: c.events,
        }),
      );
      if (!result.dryRun)
        out.say(t('cli.board.migrate.sealed', { segment: result.segmentId ?? 0, head: result.trail.lastHash }));
    }),
  );
}
