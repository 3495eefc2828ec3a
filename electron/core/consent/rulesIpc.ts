// Binds the consent-rule methods of the IPC contract (shared/ipc/consentRules.ts) to the core.
import type { PrivacyOfficerState } from '../../../shared/ipc/consentRules';
import { actorLabel } from '../audit';
import type { CoreContext } from '../context';
import type { ReadableDb } from '../db';
import { writeGrantedFile, type FileHandles } from '../files';
import type { IpcRouter } from '../ipc';
import { getSettings, grantPrivacyOfficer, privacyOfficers, revokePrivacyOfficer } from '../settings';
import { listChannels } from './channels';
import { renewalLists, turningSixteen } from './lists';
import { setPersonProtected } from './protection';
import { renewalCsv, renewalPdf } from './renewalReport';
import type { SharedRegistryRoute } from './sharedRegistry';

export function registerConsentRulesHandlers(
  router: IpcRouter,
  core: CoreContext,
  files: FileHandles,
  shared: SharedRegistryRoute = () => null,
): void {
  const db = core.db;
  const state = (officers: readonly string[] = privacyOfficers(db)): PrivacyOfficerState => ({
    officers,
    you: core.actor().os,
    youAre: officers.includes(core.actor().os),
  });
  const labels = (read: ReadableDb) => {
    const english = getSettings(read).language === 'en';
    return Object.fromEntries(
      listChannels(read).map((channel) => [channel.id, english ? channel.labelEn : channel.labelNl]),
    );
  };

  router
    .handle('setPersonProtected', async (change) => {
      const board = shared();
      return board ? board.setPersonProtected(change) : setPersonProtected(db, core.actor(), change);
    })
    .handle('getPrivacyOfficers', () => state())
    .handle('grantPrivacyOfficer', (change) => state(grantPrivacyOfficer(db, core.actor(), change)))
    .handle('revokePrivacyOfficer', (change) => state(revokePrivacyOfficer(db, core.actor(), change)))
    .handle('listTurningSixteen', (query) => turningSixteen(db, query))
    .handle('listRenewal', (query) => renewalLists(db, query))
    .handle('saveRenewalReport', async ({ schoolYear, className, format, file: handle }) => {
      const target = files.take(handle, format === 'pdf' ? 'renewalPdf' : 'renewalCsv');
      const lists = renewalLists(db, { schoolYear, className });
      const language = getSettings(db).language;
      const bytes =
        format === 'pdf'
          ? await renewalPdf(lists, { language, channelLabels: labels(db), generatedBy: actorLabel(core.actor()) })
          : renewalCsv(lists, language, labels(db));
      const written = await writeGrantedFile(target, bytes);
      return { path: written, entries: lists.classes.reduce((sum, group) => sum + group.entries.length, 0) };
    });
}
