// The library's IPC methods through the real router: validated input, add a folder, list, page, get, re-index.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/context';
import { createIpcRouter } from '../../electron/core/ipc/handlers';
import type { LibraryEvent, LibraryRoot, Photo, PhotoPage } from '../../shared/library';
import { makeJpeg, mpRegions, xmpPacket } from '../helpers/photos';
import { fileHandle } from '../helpers/handles';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

describe('library IPC', () => {
  it('adds a folder as a job and serves events, photos and regions', async () => {
    const root = tempDir();
    mkdirSync(path.join(root, 'Musical'));
    writeFileSync(path.join(root, 'Musical', 'leeg.jpg'), Buffer.alloc(0));
    for (let i = 0; i < 3; i += 1) {
      writeFileSync(
        path.join(root, 'Musical', `m${i}.jpg`),
        await makeJpeg({
          width: 200,
          height: 100,
          seed: i,
          xmp: xmpPacket(mpRegions([{ box: { x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, name: `Kind ${i}` }])),
        }),
      );
    }
    const core = openCore({ dataDir: tempDir(), osUser: 'tester' });
    try {
      const router = createIpcRouter(core, { mediaBaseUrl: 'fotowacht-media://' });
      const invoke = async <T>(method: string, params: unknown): Promise<T> => {
        const response = await router.invoke(method, params);
        if (!response.ok) throw new Error(JSON.stringify(response.error));
        return response.value as T;
      };
      expect(await router.invoke('addLibraryFolder', { folder: '' })).toMatchObject({
        ok: false,
        error: { code: 'ipc.invalidParams' },
      });
      // A path is never a handle; a path that is no folder gets no handle.
      expect(await router.invoke('addLibraryFolder', { folder: root })).toMatchObject({
        ok: false,
        error: { code: 'ipc.invalidParams' },
      });
      expect(await router.invoke('checkPath', { purpose: 'eventFolder', path: path.join(root, 'nope') })).toMatchObject(
        {
          ok: false,
          error: { code: 'files.notFound' },
        },
      );

      const { jobId } = await invoke<{ jobId: string }>('addLibraryFolder', {
        folder: await fileHandle(router, 'eventFolder', root),
      });
      expect(jobId).toMatch(/[0-9a-f-]{36}/);
      await core.jobs.waitForIdle();
      expect(core.jobs.get(jobId)).toMatchObject({ state: 'done', done: 3, failed: 1 });
      expect(await invoke('listIndexErrors', {})).toEqual([
        {
          path: path.join(root, 'Musical', 'leeg.jpg'),
          code: 'library.file.empty',
          params: { file: path.join('Musical', 'leeg.jpg') },
        },
      ]);

      const roots = await invoke<LibraryRoot[]>('listLibraryRoots', {});
      expect(roots).toMatchObject([{ path: root, events: 1, photos: 3, errors: 1 }]);
      const events = await invoke<LibraryEvent[]>('listEvents', { rootId: roots[0]!.id });
      expect(events).toMatchObject([{ name: 'Musical', photos: 3, regions: 3, names: 3 }]);

      const page = await invoke<PhotoPage>('listEventPhotos', { eventId: events[0]!.id, offset: 1, limit: 1 });
      expect(page.total).toBe(3);
      expect(page.photos).toHaveLength(1);
      expect(page.photos[0]!.regions[0]).toMatchObject({
        name: 'Kind 1',
        namespace: 'MP',
        box: { x: 0.1, y: 0.1, w: 0.2, h: 0.2 },
      });

      const photo = await invoke<Photo>('getPhoto', { hash: page.photos[0]!.hash });
      expect(photo.paths).toEqual([path.join(root, 'Musical', 'm1.jpg')]);
      expect(await router.invoke('getPhoto', { hash: '0'.repeat(64) })).toMatchObject({
        ok: false,
        error: { code: 'library.photo.notFound' },
      });

      const { jobIds } = await invoke<{ jobIds: string[] }>('reindexLibrary', {});
      expect(jobIds).toHaveLength(1);
      await core.jobs.waitForIdle();
      expect(core.jobs.get(jobIds[0]!)).toMatchObject({ state: 'done', skipped: 3, done: 0, failed: 1 });

      // Adding the folder is in the audit trail.
      const audit = core.db.prepare("SELECT action, subject FROM audit_events WHERE action LIKE 'library.%'").all();
      expect(audit).toEqual([{ action: 'library.folderAdded', subject: root }]);
    } finally {
      await core.close();
    }
  });
});
