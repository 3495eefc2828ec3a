// fotowacht consent protect / unprotect: the "never publish" mark on a person (a privacy officer takes it off,
// with a reason); fotowacht privacy-officer: who holds that role on this laptop.
import type { Command } from 'commander';
import { displayName } from '../../../../shared/consent';
import { requirePersonByKey, setPersonProtected } from '../../../core/consent';
import { grantPrivacyOfficer, privacyOfficers, revokePrivacyOfficer } from '../../../core/settings';
import { action } from '../../command';
import { sharedRegistryFor } from '../boardWorkstation';
import type { Translate } from '../../main';

export function registerConsentProtect(consent: Command, t: Translate): void {
  for (const mark of [true, false]) {
    const command = consent
      .command(mark ? 'protect' : 'unprotect')
      .description(t(mark ? 'cli.protect.description' : 'cli.unprotect.description'))
      .argument('<key>', t('cli.consent.show.key'));
    if (mark) command.option('--reason <text>', t('cli.protect.reason'));
    else command.requiredOption('--reason <text>', t('cli.protect.reason'));
    command.action(
      action(command, async ({ out, openCore }) => {
        const core = openCore();
        const shared = sharedRegistryFor(core);
        await shared?.refresh();
        const person = requirePersonByKey(core.db, command.args[0]!);
        const { reason } = command.opts<{ reason?: string }>();
        const change = { personId: person.id, protected: mark, reason };
        const updated = shared
          ? await shared.setPersonProtected(change)
          : setPersonProtected(core.db, core.actor(), change);
        out.result({ ok: true, person: updated });
        out.say(out.t(updated.protected ? 'cli.protect.on' : 'cli.protect.off', { name: displayName(updated) }));
      }),
    );
  }
}

export function registerPrivacyOfficer(program: Command, t: Translate): void {
  const role = program.command('privacy-officer').description(t('cli.role.description'));
  const show = role.command('show').description(t('cli.role.show.description'));
  show.action(
    action(show, async ({ out, openCore }) => {
      const core = openCore();
      const officers = privacyOfficers(core.db);
      out.result({ officers, you: core.actor().os, youAre: officers.includes(core.actor().os) });
      out.say(
        officers.length === 0
          ? out.t('cli.role.nobody')
          : out.t('cli.role.list', { officers: officers.join(', '), you: core.actor().os }),
      );
    }),
  );
  for (const grant of [true, false]) {
    const command = role
      .command(grant ? 'grant' : 'revoke')
      .description(t(grant ? 'cli.role.grant.description' : 'cli.role.revoke.description'))
      .argument('<os-user>', t('cli.role.osUser'))
      .requiredOption('--confirm <os-user>', t('cli.role.confirm'));
    command.action(
      action(command, async ({ out, openCore }) => {
        const core = openCore();
        const change = { osUser: command.args[0]!, confirm: command.opts<{ confirm: string }>().confirm };
        const officers = grant
          ? grantPrivacyOfficer(core.db, core.actor(), change)
          : revokePrivacyOfficer(core.db, core.actor(), change);
        out.result({ ok: true, officers });
        out.say(
          officers.length === 0
            ? out.t('cli.role.nobody')
            : out.t('cli.role.list', { officers: officers.join(', '), you: core.actor().os }),
        );
      }),
    );
  }
}
