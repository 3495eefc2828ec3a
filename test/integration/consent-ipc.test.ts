// The consent IPC methods through the real router: read → preview (token) → commit, validation of inputs,
// and the guarantee that what is committed is what was previewed.
import { appendFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../shared/errors';
import type { ConsentFileInfo, ConsentImportCommitResult, ConsentImportPreviewResult } from '../../shared/ipc/consent';
import type { FileChoice } from '../../shared/ipc/ui';
import type { Channel, PersonConsent, PersonListItem } from '../../shared/consent';
import { openCore, type CoreContext } from '../../electron/core/context';
import { createIpcRouter } from '../../electron/core/ipc/handlers';
import { writeWindows1252Csv } from '../helpers/consentLists';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];

afterEach(async () => {
  for (const opened of cores.splice(0)) await opened.close();
});

function setup() {
  const core = openCore({ dataDir: tempDir(), osUser: 'administratie' });
  cores.push(core);
  const router = createIpcRouter(core, { mediaBaseUrl: 'fotowacht-media://' });
  const call = async <T>(method: string, params: unknown): Promise<T> => {
    const response = (await router.invoke(method, params)) as ApiResponse<T>;
    if (!response.ok) throw Object.assign(new Error(response.error.code), response.error);
    return response.value;
  };
  /** What the window does: main checks the path for a consent list, then the list is read by its handle. */
  const readList = async (file: string): Promise<ConsentFileInfo & { list: string }> => {
    const choice = await call<FileChoice>('checkPath', { purpose: 'consentList', path: file });
    return call<ConsentFileInfo & { list: string }>('readConsentFile', { file: choice.handle });
  };
  return { core, router, call, readList };
}

describe('consent IPC', () => {
  it('reads a file, previews with the confirmed mapping, commits by token — once', async () => {
    const { call, readList } = setup();
    const file = writeWindows1252Csv(tempDir());
    const info = await readList(file);
    expect(info).toMatchObject({
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ';',
      headers: expect.arrayContaining(['Leerlingnummer']),
    });
    expect(info.sampleRows).toHaveLength(9);
    expect(info.proposedMapping.headerRow).toBe(4);

    const preview = await call<ConsentImportPreviewResult>('previewConsentImport', {
      list: info.list,
      schoolYear: '2026-2027',
      mapping: info.proposedMapping,
    });
    expect(preview.counts.newPeople).toBe(5);
    expect(preview.token).toMatch(/^[0-9a-f-]{36}$/);

    const committed = await call<ConsentImportCommitResult>('commitConsentImport', { token: preview.token });
    expect(committed).toMatchObject({ importId: 1, recordsWritten: 25 });
    await expect(call('commitConsentImport', { token: preview.token })).rejects.toMatchObject({
      code: 'consent.import.previewExpired',
    });

    const people = await call<PersonListItem[]>('listPeople', { search: 'zoe' });
    expect(people).toHaveLength(1);
    const person = await call<PersonConsent>('getPersonConsent', { personId: people[0]!.id });
    expect(person.person.roepnaam).toBe('Zoë');
    expect(person.history).toHaveLength(5);
    expect(await call<string[]>('listClasses', {})).toEqual(['5B', '6A']);

    await call('withdrawConsent', {
      personId: people[0]!.id,
      channelId: 'website',
      reason: 'Ingetrokken via de ouderapp',
    });
    expect(
      await call('getConsentOn', { personId: people[0]!.id, channelId: 'website', at: new Date().toISOString() }),
    ).toMatchObject({
      consented: false,
      status: 'withdrawn',
    });
  });

  it('refuses a commit when the file changed after the preview', async () => {
    const { call, core, readList } = setup();
    const file = writeWindows1252Csv(tempDir());
    const info = await readList(file);
    const preview = await call<ConsentImportPreviewResult>('previewConsentImport', {
      list: info.list,
      schoolYear: '2026-2027',
      mapping: info.proposedMapping,
    });
    appendFileSync(file, '1099;Extra;Extra;;Leerling;6A;01-01-2013;ja;ja;ja;ja;ja\r\n');
    await expect(call('commitConsentImport', { token: preview.token })).rejects.toMatchObject({
      code: 'consent.import.fileChanged',
    });
    expect(core.db.prepare('SELECT count(*) FROM people').pluck().get()).toBe(0);
  });

  it('refuses a commit with errors unless only valid rows are asked for', async () => {
    const { call, readList } = setup();
    const file = writeWindows1252Csv(tempDir());
    appendFileSync(file, '1001;Dubbel;Dubbel;;Leerling;6A;01-01-2013;ja;ja;ja;ja;ja\r\n');
    const info = await readList(file);
    const first = await call<ConsentImportPreviewResult>('previewConsentImport', {
      list: info.list,
      schoolYear: '2026-2027',
      mapping: info.proposedMapping,
    });
    expect(first.errors.map((e) => e.code)).toEqual(['consent.row.duplicateKey', 'consent.row.duplicateKey']);
    await expect(call('commitConsentImport', { token: first.token })).rejects.toMatchObject({
      code: 'consent.import.hasErrors',
    });
    const second = await call<ConsentImportPreviewResult>('previewConsentImport', {
      list: info.list,
      schoolYear: '2026-2027',
      mapping: info.proposedMapping,
    });
    expect(
      (await call<ConsentImportCommitResult>('commitConsentImport', { token: second.token, onlyValid: true }))
        .recordsWritten,
    ).toBe(20);
  });

  it('validates inputs and manages channels', async () => {
    const { call } = setup();
    // Main reads only files that can be consent lists, and never a path the renderer names.
    await expect(call('checkPath', { purpose: 'consentList', path: '/etc/passwd' })).rejects.toMatchObject({
      code: 'files.read.badType',
      params: { path: '/etc/passwd' },
    });
    await expect(call('readConsentFile', { path: '/etc/passwd' })).rejects.toMatchObject({
      code: 'ipc.invalidParams',
    });
    await expect(
      call('previewConsentImport', {
        path: 'x.csv',
        mapping: { headerRow: 0, personKind: 'pupil', fields: {}, channels: {} },
      }),
    ).rejects.toMatchObject({
      code: 'ipc.invalidParams',
    });
    await expect(call('withdrawConsent', { personId: 1, channelId: 'website', reason: '' })).rejects.toMatchObject({
      code: 'ipc.invalidParams',
    });
    await expect(call('addChannel', { id: 'Jaar Boek', labelNl: 'Jaarboek' })).rejects.toMatchObject({
      code: 'ipc.invalidParams',
    });
    const added = await call<Channel>('addChannel', { labelNl: 'Schoolkrant', labelEn: 'School paper' });
    expect(added.id).toBe('schoolkrant');
    await call('renameChannel', { id: 'schoolkrant', labelEn: 'School newspaper' });
    await call('retireChannel', { id: 'schoolkrant' });
    const channels = await call<Channel[]>('listChannels', {});
    expect(channels.find((c) => c.id === 'schoolkrant')).toMatchObject({
      labelEn: 'School newspaper',
      retiredAt: expect.any(String),
    });
    expect((await call<Channel[]>('listChannels', { includeRetired: false })).map((c) => c.id)).not.toContain(
      'schoolkrant',
    );
  });
});
