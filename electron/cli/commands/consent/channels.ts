// fotowacht channels …: the channels consent is asked for — list, add, rename, delete (never used), retire.
import type { Command } from 'commander';
import type { MessageKey } from '../../../../shared/i18n';
import { addChannel, deleteChannel, listChannels, renameChannel, retireChannel } from '../../../core/consent';
import { action } from '../../command';
import type { Translate } from '../../main';
import { sharedRegistryFor } from '../boardWorkstation';

export function registerChannels(program: Command, t: Translate): void {
  const channels = program.command('channels').description(t('cli.channels.description'));

  const list = channels.command('list').description(t('cli.channels.list.description'));
  list.action(
    action(list, async ({ out, openCore }) => {
      const all = listChannels(openCore().db);
      out.result(all);
      for (const channel of all) {
        const state =
          (channel.retiredAt ? out.t('consent.channels.retired') : '') +
          (channel.used ? out.t('consent.channels.used') : '');
        out.say(
          out.t('consent.channels.line', { id: channel.id, labelNl: channel.labelNl, labelEn: channel.labelEn, state }),
        );
      }
    }),
  );

  const add = channels
    .command('add')
    .description(t('cli.channels.add.description'))
    .argument('<labelNl>', t('cli.channels.labelNl'))
    .option('--en <label>', t('cli.channels.labelEn'))
    .option('--id <id>', t('cli.channels.add.id'));
  add.action(
    action(add, async ({ out, openCore }) => {
      const [labelNl] = add.args as [string];
      const opts = add.opts<{ en?: string; id?: string }>();
      const core = openCore();
      // In board mode on the board (the school's administrator or the board's privacy officer), then the copy.
      const input = { id: opts.id, labelNl, labelEn: opts.en };
      const shared = sharedRegistryFor(core);
      const channel = shared ? await shared.addChannel(input) : addChannel(core.db, core.actor(), input);
      out.result(channel);
      out.say(out.t('consent.channels.added', { id: channel.id, labelNl: channel.labelNl, labelEn: channel.labelEn }));
    }),
  );

  const rename = channels
    .command('rename')
    .description(t('cli.channels.rename.description'))
    .argument('<id>', 'id')
    .option('--nl <label>', t('cli.channels.labelNl'))
    .option('--en <label>', t('cli.channels.labelEn'));
  rename.action(
    action(rename, async ({ out, openCore }) => {
      const [id] = rename.args as [string];
      const opts = rename.opts<{ nl?: string; en?: string }>();
      const core = openCore();
      const input = { id, labelNl: opts.nl, labelEn: opts.en };
      const shared = sharedRegistryFor(core);
      const channel = shared ? await shared.renameChannel(input) : renameChannel(core.db, core.actor(), input);
      out.result(channel);
      out.say(
        out.t('consent.channels.renamed', { id: channel.id, labelNl: channel.labelNl, labelEn: channel.labelEn }),
      );
    }),
  );

  const remove = channels.command('delete').description(t('cli.channels.delete.description')).argument('<id>', 'id');
  remove.action(
    action(remove, async ({ out, openCore }) => {
      const [id] = remove.args as [string];
      const core = openCore();
      const shared = sharedRegistryFor(core);
      if (shared) await shared.deleteChannel({ id });
      else deleteChannel(core.db, core.actor(), { id });
      out.result({ ok: true, deleted: id });
      out.say(out.t('consent.channels.deleted', { id }));
    }),
  );

  for (const [name, retired, done] of [
    ['retire', true, 'consent.channels.retiredDone'],
    ['reinstate', false, 'consent.channels.reinstated'],
  ] as const) {
    const command = channels
      .command(name)
      .description(t(`cli.channels.${name}.description` as MessageKey))
      .argument('<id>', 'id');
    command.action(
      action(command, async ({ out, openCore }) => {
        const [id] = command.args as [string];
        const core = openCore();
        const shared = sharedRegistryFor(core);
        const channel = shared
          ? await shared.retireChannel({ id, retired })
          : retireChannel(core.db, core.actor(), { id, retired });
        out.result(channel);
        out.say(out.t(done, { id: channel.id }));
      }),
    );
  }
}
