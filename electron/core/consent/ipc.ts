// Binds the consent methods of the IPC contract (shared/ipc/consent.ts) to the core.
import { randomBytes, randomUUID } from 'node:crypto';
import { currentSchoolYear } from '../../../shared/consent';
import { type ConsentMapping } from '../../../shared/consentImport';
import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import type { FileHandles } from '../files';
import type { IpcRouter } from '../ipc';
import { addChannel, deleteChannel, listChannels, renameChannel, retireChannel } from './channels';
import { commitConsentImport, planConsentImport } from './importer';
import { readConsentFileInfo } from './fileInfo';
import { recordManualConsent, withdrawConsent } from './manualChanges';
import { consentOn, listClasses, listPeople, personConsent } from './registry';
import type { SharedRegistryRoute } from './sharedRegistry';
import { readConsentList } from './source';

interface PreviewTicket {
  readonly path: string;
  readonly sheet: string | undefined;
  readonly fileSha256: string;
  readonly schoolYear: string;
  readonly mapping: ConsentMapping;
  readonly fingerprint: string;
  readonly createdAt: number;
}

/** Previews wait this long for their commit; after that the person previews again. */
const PREVIEW_TTL_MS = 60 * 60 * 1000;
const MAX_PREVIEWS = 20;

/**
 * Previews a person has seen, by token. A commit names its token and gets exactly that: the same file bytes
 * (SHA-256), mapping and school year, and a plan with the same fingerprint — else it is refused.
 */
export class PreviewTickets {
  private readonly tickets = new Map<string, PreviewTicket>();

  add(ticket: Omit<PreviewTicket, 'createdAt'>, now = Date.now()): string {
    this.prune(now);
    while (this.tickets.size >= MAX_PREVIEWS) this.tickets.delete(this.tickets.keys().next().value!);
    const token = randomUUID();
    this.tickets.set(token, { ...ticket, createdAt: now });
    return token;
  }

  take(token: string, now = Date.now()): PreviewTicket {
    this.prune(now);
    const ticket = this.tickets.get(token);
    if (!ticket) throw new AppError('consent.import.previewExpired', {});
    this.tickets.delete(token);
    return ticket;
  }

  private prune(now: number): void {
    for (const [token, ticket] of this.tickets) if (now - ticket.createdAt > PREVIEW_TTL_MS) this.tickets.delete(token);
  }
}

const MAX_LISTS = 20;

/**
 * Lists main has read for a consent import, by the name it gave them. The renderer never names a path: it hands
 * in a consentList handle once (checked for type and size by main) and then this name for another sheet or the
 * preview.
 */
export class OpenedLists {
  private readonly lists = new Map<string, string>();

  open(filePath: string): string {
    while (this.lists.size >= MAX_LISTS) this.lists.delete(this.lists.keys().next().value!);
    const list = `list-${randomBytes(16).toString('hex')}`;
    this.lists.set(list, filePath);
    return list;
  }

  path(list: string): string {
    const filePath = this.lists.get(list);
    if (filePath === undefined) throw new AppError('consent.import.listUnknown', {});
    return filePath;
  }
}

export function registerConsentHandlers(
  router: IpcRouter,
  core: CoreContext,
  files: FileHandles,
  shared: SharedRegistryRoute = () => null,
): void {
  const actor = () => core.actor();
  const tickets = new PreviewTickets();
  const lists = new OpenedLists();

  router
    .handle('readConsentFile', async (request) => {
      const list = 'file' in request ? lists.open(files.take(request.file, 'consentList').path) : request.list;
      return { ...(await readConsentFileInfo(core.db, lists.path(list), request.sheet)), list };
    })
    .handle('previewConsentImport', async ({ list, sheet, schoolYear, mapping }) => {
      const file = lists.path(list);
      const source = await readConsentList(file, { sheet });
      const year = schoolYear ?? currentSchoolYear();
      await shared()?.refresh();
      const { preview } = planConsentImport(core.db, source, mapping, year);
      const token = tickets.add({
        path: file,
        sheet,
        fileSha256: source.sha256,
        schoolYear: year,
        mapping,
        fingerprint: preview.fingerprint,
      });
      return { ...preview, token };
    })
    .handle('commitConsentImport', async ({ token, onlyValid, confirmRenames }) => {
      const ticket = tickets.take(token);
      const source = await readConsentList(ticket.path, { sheet: ticket.sheet });
      if (source.sha256 !== ticket.fileSha256) {
        throw new AppError('consent.import.fileChanged', { file: source.fileName });
      }
      const options = { onlyValid, confirmRenames, expectedFingerprint: ticket.fingerprint };
      const board = shared();
      const result = board
        ? await board.importList(source, ticket.mapping, ticket.schoolYear, options)
        : commitConsentImport(core.db, actor(), source, ticket.mapping, ticket.schoolYear, options);
      return { importId: result.importId, recordsWritten: result.recordsWritten, preview: result.preview };
    })
    .handle('listPeople', (query) => listPeople(core.db, query))
    .handle('listClasses', () => listClasses(core.db))
    .handle('getPersonConsent', ({ personId, at }) => personConsent(core.db, personId, at ?? new Date()))
    .handle('getConsentOn', ({ personId, channelId, at }) => consentOn(core.db, personId, channelId, at))
    .handle('recordManualConsent', async (input) => {
      const board = shared();
      return board ? board.recordManualConsent(input) : recordManualConsent(core.db, actor(), input);
    })
    .handle('withdrawConsent', async (input) => {
      const board = shared();
      return board ? board.withdrawConsent(input) : withdrawConsent(core.db, actor(), input);
    })
    .handle('listChannels', ({ includeRetired }) => listChannels(core.db, { includeRetired }))
    // In board mode the channels are the school's on the board: changed there, then this computer's copy fetched.
    .handle('addChannel', async (input) => {
      const board = shared();
      return board ? board.addChannel(input) : addChannel(core.db, actor(), input);
    })
    .handle('renameChannel', async (input) => {
      const board = shared();
      return board ? board.renameChannel(input) : renameChannel(core.db, actor(), input);
    })
    .handle('retireChannel', async (input) => {
      const board = shared();
      return board ? board.retireChannel(input) : retireChannel(core.db, actor(), input);
    })
    .handle('deleteChannel', async (input) => {
      const board = shared();
      if (board) await board.deleteChannel(input);
      else deleteChannel(core.db, actor(), input);
      return { deleted: true as const };
    });
}
