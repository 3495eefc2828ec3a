// fotowacht credits [show] | credits set <channel> [fields…] | credits warn on|off: which credit fields (creator,
// copyright notice, credit line) stay in a channel's exported files — the same school setting as in Instellingen.
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { creditFieldsFor } from '../../../shared/settings';
import { CREDIT_FIELDS, type CreditField } from '../../../shared/types';
import { getChannel, listChannels } from '../../core/consent';
import { getSettings, updateSettings } from '../../core/settings';
import { action } from '../command';
import type { Translate } from '../main';

function creditField(value: string): CreditField {
  const field = CREDIT_FIELDS.find((candidate) => candidate === value.toLowerCase());
  if (!field) throw new AppError('cli.credits.badField', { field: value, fields: CREDIT_FIELDS.join(', ') });
  return field;
}

export function registerCredits(program: Command, t: Translate): void {
  const credits = program.command('credits').description(t('cli.credits.description'));

  const show = credits.command('show', { isDefault: true }).description(t('cli.credits.show'));
  show.action(
    action(show, async ({ out, openCore }) => {
      const db = openCore().db;
      const settings = getSettings(db);
      const channels = listChannels(db).map((channel) => ({
        channel: channel.id,
        fields: creditFieldsFor(settings, channel.id),
      }));
      out.result({ channels, warnWithoutCredit: settings.flagMissingCredit });
      for (const { channel, fields } of channels)
        out.say(`${channel}: ${fields.length > 0 ? fields.join(', ') : out.t('cli.credits.none')}`);
      out.say(out.t(settings.flagMissingCredit ? 'cli.credits.warnOn' : 'cli.credits.warnOff'));
    }),
  );

  const set = credits
    .command('set')
    .description(t('cli.credits.set'))
    .argument('<channel>', t('cli.credits.channel'))
    .argument('[fields...]', t('cli.credits.fields', { fields: CREDIT_FIELDS.join(', ') }));
  set.action(
    action(set, async ({ out, openCore }) => {
      const core = openCore();
      const channel = getChannel(core.db, set.args[0]!);
      const chosen = set.args.slice(1).map(creditField);
      const fields = CREDIT_FIELDS.filter((field) => chosen.includes(field));
      const before = getSettings(core.db).exportCredits;
      const updated = updateSettings(core.db, core.actor(), {
        exportCredits: { ...before, [channel.id]: fields },
      });
      const kept = creditFieldsFor(updated, channel.id);
      out.result({ ok: true, channel: channel.id, fields: kept });
      out.say(`${channel.id}: ${kept.length > 0 ? kept.join(', ') : out.t('cli.credits.none')}`);
    }),
  );

  const warn = credits.command('warn').description(t('cli.credits.warn')).argument('<on|off>', t('cli.credits.onOff'));
  warn.action(
    action(warn, async ({ out, openCore }) => {
      const value = warn.args[0]!.toLowerCase();
      if (value !== 'on' && value !== 'off') throw new AppError('cli.credits.badOnOff', { value: warn.args[0]! });
      const core = openCore();
      const updated = updateSettings(core.db, core.actor(), { flagMissingCredit: value === 'on' });
      out.result({ ok: true, warnWithoutCredit: updated.flagMissingCredit });
      out.say(out.t(updated.flagMissingCredit ? 'cli.credits.warnOn' : 'cli.credits.warnOff'));
    }),
  );
}
