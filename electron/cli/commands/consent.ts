// fotowacht consent …: import a signed list (preview, errors, all-or-nothing commit), show a person's history,
// withdraw, record by hand, find people; protected pupils, turning 16 and the renewal lists; fotowacht channels …: the channels consent is asked for.
import type { Command } from 'commander';
import type { Translate } from '../main';
import { registerConsentImport } from './consent/import';
import { registerConsentLists } from './consent/lists';
import { registerConsentProtect } from './consent/protect';
import { registerConsentRecords } from './consent/records';

export { registerChannels } from './consent/channels';
export { registerPrivacyOfficer } from './consent/protect';

export function registerConsent(program: Command, t: Translate): void {
  const consent = program.command('consent').description(t('cli.consent.description'));
  registerConsentImport(consent, t);
  registerConsentRecords(consent, t);
  registerConsentProtect(consent, t);
  registerConsentLists(consent, t);
}
