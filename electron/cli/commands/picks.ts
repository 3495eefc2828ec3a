// fotowacht picks <event> | pick <event> <photos…> | unpick <event> <photos…>: picks from the command line.
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { findEvent, listPicks, resolveEventPhotos, setPicked } from '../../core/library';
import type { ReadableDb } from '../../core/db';
import { action } from '../command';
import type { Translate } from '../main';

/** An event by number, name or folder, or an error naming the key. */
export function eventByKey(db: ReadableDb, key: string): { id: number; name: string; folderPath: string } {
  const event = (/^\d+$/.test(key) ? findEvent(db, Number(key)) : null) ?? findEvent(db, key);
  if (!event) throw new AppError('library.event.notFound', { event: key });
  return event;
}

export function registerPicks(program: Command, t: Translate): void {
  const list = program
    .command('picks')
    .description(t('cli.picks.description'))
    .argument('<event>', t('cli.picks.event'));
  list.action(
    action(list, async ({ out, openCore }) => {
      const db = openCore().db;
      const event = eventByKey(db, list.args[0]!);
      const hashes = listPicks(db, event.id);
      out.result({ event, picks: hashes });
      out.say(out.t('cli.picks.count', { picks: hashes.length, event: event.name }));
      for (const hash of hashes) out.say(`  ${hash}`);
    }),
  );

  for (const picked of [true, false]) {
    const command = program
      .command(picked ? 'pick' : 'unpick')
      .description(t(picked ? 'cli.pick.description' : 'cli.unpick.description'))
      .argument('<event>', t('cli.picks.event'))
      .argument('<photos...>', t('cli.picks.photos'));
    command.action(
      action(command, async ({ out, openCore }) => {
        const core = openCore();
        const event = eventByKey(core.db, command.args[0]!);
        const hashes = resolveEventPhotos(core.db, event.id, command.args.slice(1));
        const result = setPicked(core.db, core.actor(), event.id, hashes, picked);
        out.result({ ok: true, event, ...result });
        out.say(out.t(picked ? 'cli.pick.done' : 'cli.unpick.done', { ...result, event: event.name }));
      }),
    );
  }
}
