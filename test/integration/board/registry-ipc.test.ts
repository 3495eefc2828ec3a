// The consent screens' methods in board mode, through the real IPC router: the preview is made on a freshly fetched
// copy, the commit, a manual change, a withdrawal and the never-publish mark go to the board, and so does the channel
// editor (the channels are the school's on the board).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../../shared/errors';
import type {
  ConsentFileInfo,
  ConsentImportCommitResult,
  ConsentImportPreviewResult,
} from '../../../shared/ipc/consent';
import type { FileChoice } from '../../../shared/ipc/ui';
import type { ConsentRecord, Person } from '../../../shared/consent';
import { connectWorkstation, type BoardConnection } from '../../../electron/core/board';
import { findPersonByKey } from '../../../electron/core/consent';
import { openCore, type CoreContext } from '../../../electron/core/context';
import { createIpcRouter } from '../../../electron/core/ipc/handlers';
import { createBoardDatabase, seedBoard, type TestBoard } from '../../helpers/board';
import { toCsv } from '../../helpers/consentLists';
import { postgresMissing, useTestCluster } from '../../helpers/postgres';
import { FIRST_LIST } from '../../helpers/registryScenario';
import { useTempDirs } from '../../helpers/tempDir';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { memoryKeyStore } from '../../helpers/keyStore';

const missing = postgresMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== null)('consent IPC in board mode', () => {
  const cluster = useTestCluster();
  const tempDir = useTempDirs();
  let board: TestBoard;
  const cores: CoreContext[] = [];
  const open: BoardConnection[] = [];

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_registry_ipc');
    await seedBoard(board);
  });
  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
    await Promise.all(cores.map((core) => core.close()));
  });

  it('previews on the copy and writes import, changes and marks to the board', async () => {
    const core = openCore({ dataDir: tempDir(), osUser: 'administratie' });
    cores.push(core);
    const keyStore = memoryKeyStore();
    await connectWorkstation({
      db: core.db,
      actor: core.actor(),
      dataDir: core.paths.root,
      url: board.urlFor('admin.a'),
      keyStore,
    });
    const router = createIpcRouter(core, { mediaBaseUrl: 'fotowacht-media://', keyStore });
    const call = async <T>(method: string, params: unknown): Promise<T> => {
      const response = (await router.invoke(method, params)) as ApiResponse<T>;
      if (!response.ok) throw Object.assign(new Error(response.error.code), response.error);
      return response.value;
    };

    const file = path.join(tempDir(), 'lijst.csv');
    writeFileSync(file, toCsv(FIRST_LIST.rows));
    const choice = await call<FileChoice>('checkPath', { purpose: 'consentList', path: file });
    const info = await call<ConsentFileInfo & { list: string }>('readConsentFile', { file: choice.handle });
    const preview = await call<ConsentImportPreviewResult>('previewConsentImport', {
      list: info.list,
      schoolYear: '2026-2027',
      mapping: info.proposedMapping,
    });
    expect(preview.counts).toMatchObject({ newPeople: 3, newConsents: 15 });
    const committed = await call<ConsentImportCommitResult>('commitConsentImport', { token: preview.token });
    expect(committed.recordsWritten).toBe(15);

    const sem = findPersonByKey(core.db, '1003')!;
    const granted = await call<ConsentRecord>('recordManualConsent', {
      personId: sem.id,
      channelId: 'social',
      status: 'granted',
      signedBy: 'parent',
      signedOn: '2026-10-02',
      date: '2026-10-02',
      reason: 'Formulier later ingeleverd',
    });
    expect(granted).toMatchObject({ status: 'granted', version: 2, actor: 'admin.a' });
    const withdrawn = await call<ConsentRecord[]>('withdrawConsent', {
      personId: sem.id,
      channelId: 'social',
      reason: 'Mail van vader',
    });
    expect(withdrawn).toMatchObject([{ status: 'withdrawn', version: 3 }]);
    const marked = await call<Person>('setPersonProtected', { personId: sem.id, protected: true });
    expect(marked.protected).toBe(true);
    // Channels are the school's on the board: its administrator adds one there, and the copy has it.
    expect(await call('addChannel', { labelNl: 'Jaarboek' })).toMatchObject({ id: 'jaarboek', labelNl: 'Jaarboek' });

    const privacy = await board.connect('privacy');
    open.push(privacy);
    const onBoard = await privacy.client.query(
      `SELECT r.version, r.status, r.source, cr.reason FROM consent_records r
         LEFT JOIN consent_reasons cr ON cr.record_id = r.id
        WHERE r.person_id = $1 AND r.channel_id = 'social' ORDER BY r.version`,
      [sem.id],
    );
    expect(onBoard.rows).toEqual([
      { version: 1, status: 'not_returned', source: 'import', reason: null },
      { version: 2, status: 'granted', source: 'manual', reason: 'Formulier later ingeleverd' },
      { version: 3, status: 'withdrawn', source: 'withdrawal', reason: 'Mail van vader' },
    ]);
    const protectedOnBoard = await privacy.client.query('SELECT protected FROM people WHERE id = $1', [sem.id]);
    expect(protectedOnBoard.rows[0].protected).toBe(true);
  });
});
