// The fotowacht command line: the same core as the app, for administrators and scripts.
import { Command, Option } from 'commander';
import { translate, type MessageKey, type MessageParams } from '../../shared/i18n';
import { appVersion } from '../core/version';
import { registerAudit } from './commands/audit';
import { registerCheckText } from './commands/checkText';
import { registerCredits } from './commands/credits';
import { registerConnect, registerServer } from './commands/board';
import { registerBoard } from './commands/boardWorkstation';
import { registerBoardOffline } from './commands/boardOffline';
import { registerBoardMigrate } from './commands/boardMigrate';
import { registerChannels, registerConsent, registerPrivacyOfficer } from './commands/consent';
import { registerDoctor } from './commands/doctor';
import { registerLibrary } from './commands/library';
import { registerFaces } from './commands/faces';
import { registerPeople } from './commands/people';
import { registerPicks } from './commands/picks';
import { registerSidecars } from './commands/sidecars';
import { registerPublish } from './commands/publish';
import { registerReview } from './commands/review';
import { cliLanguage } from './output';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function buildProgram(language = cliLanguage(process.argv, process.env)): Command {
  const t: Translate = (key, params) => translate(language, key, params);
  const program = new Command('fotowacht')
    .description(t('cli.description'))
    .version(appVersion(), '-V, --version', t('cli.option.version'))
    .helpOption('-h, --help', t('cli.option.help'))
    .helpCommand(false)
    .option('--data-dir <dir>', t('cli.option.dataDir'))
    .option('--json', t('cli.option.json'))
    .addOption(new Option('--lang <language>', t('cli.option.lang')).choices(['nl', 'en']))
    .showHelpAfterError()
    .configureHelp({ showGlobalOptions: true });
  registerDoctor(program, t);
  registerAudit(program, t);
  registerLibrary(program, t);
  registerConsent(program, t);
  registerChannels(program, t);
  registerFaces(program, t);
  registerPublish(program, t);
  registerCheckText(program, t);
  registerCredits(program, t);
  registerPicks(program, t);
  registerSidecars(program, t);
  registerPeople(program, t);
  registerReview(program, t);
  registerPrivacyOfficer(program, t);
  registerServer(program, t);
  registerConnect(program, t);
  registerBoard(program, t);
  registerBoardOffline(program, t);
  registerBoardMigrate(program, t);
  return program;
}

// A reader that goes away (`fotowacht consent show 123 | head`) must not kill a command halfway: ignore EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

await buildProgram().parseAsync(process.argv);
