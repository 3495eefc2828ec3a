// fotowacht sidecars enable|disable|write <event>: writing an event's names back to XMP sidecars beside its photos.
import type { Command } from 'commander';
import { describeError } from '../../../shared/i18n';
import { setSidecarsEnabled, startSidecarJob } from '../../core/library';
import { action, followJob } from '../command';
import type { Translate } from '../main';
import { eventByKey } from './picks';

export function registerSidecars(program: Command, t: Translate): void {
  const group = program.command('sidecars').description(t('cli.sidecars.description'));

  for (const enabled of [true, false]) {
    const command = group
      .command(enabled ? 'enable' : 'disable')
      .description(t(enabled ? 'cli.sidecars.enable.description' : 'cli.sidecars.disable.description'))
      .argument('<event>', t('cli.picks.event'));
    command.action(
      action(command, async ({ out, openCore }) => {
        const core = openCore();
        const event = eventByKey(core.db, command.args[0]!);
        setSidecarsEnabled(core.db, core.actor(), event.id, enabled);
        out.result({ ok: true, event, enabled });
        out.say(out.t(enabled ? 'cli.sidecars.enabled' : 'cli.sidecars.disabled', { event: event.name }));
      }),
    );
  }

  const write = group
    .command('write')
    .description(t('cli.sidecars.write.description'))
    .argument('<event>', t('cli.picks.event'));
  write.action(
    action(write, async ({ out, openCore }) => {
      const core = openCore();
      const event = eventByKey(core.db, write.args[0]!);
      const finished = await followJob(core, out, startSidecarJob(core, event.id));
      const summary = finished.result;
      if (finished.state !== 'done' || !summary) {
        out.result({ ok: false, state: finished.state, error: finished.error });
        if (finished.error) out.fail(finished.error);
        else out.warn(out.t('error.job.cancelled'));
        process.exitCode = finished.state === 'cancelled' ? 130 : 1;
        return;
      }
      out.result({ ok: summary.failed === 0, ...summary, errors: finished.errors });
      for (const error of finished.errors) out.say(`  ${describeError(out.language, error)}`);
      out.say(out.t('cli.sidecars.summary', { ...summary }));
      if (summary.failed > 0) process.exitCode = 1;
    }),
  );
}
