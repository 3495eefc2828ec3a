// Picks in the core and through IPC: pick, unpick, counts on the event, refusal of photos outside the event (nothing
// changes), and one audit event per change, naming photos by content hash only.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../electron/core/audit';
import { createIpcRouter } from '../../electron/core/ipc/handlers';
import {
  listEvents,
  listPicks,
  pickCount,
  pickPhotos,
  setSidecarsEnabled,
  sidecarsEnabled,
  unpickPhotos,
} from '../../electron/core/library';
import { AppError } from '../../shared/errors';
import type { DecisionPageView } from '../../shared/ipc/publish';
import type { LibraryEvent, PickResult } from '../../shared/library';
import type { Decision } from '../../shared/policy';
import { ok } from '../helpers/ipc';
import { indexedSchool, markFacesChecked } from '../helpers/school';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

function pickEvents(core: Awaited<ReturnType<typeof indexedSchool>>['core']) {
  return listAuditEvents(core.db, { limit: 1000 })
    .filter((event) => event.action.startsWith('library.') && event.action !== 'library.folderAdded')
    .reverse();
}

describe('picks', () => {
  it('picks and unpicks photos of an event, counted on the event and logged once per change', async () => {
    const school = await indexedSchool(tempDir(), tempDir());
    const { core, eventId, hashes } = school;
    try {
      const [a, b, c] = [hashes.get('IMG_0001.jpg')!, hashes.get('IMG_0002.jpg')!, hashes.get('IMG_0003.jpg')!];
      expect(pickCount(core.db, eventId)).toBe(0);
      expect(pickPhotos(core.db, core.actor(), eventId, [b, a])).toEqual({ changed: 2, picks: 2 });
      // Picking again changes nothing and logs nothing.
      expect(pickPhotos(core.db, core.actor(), eventId, [a, a])).toEqual({ changed: 0, picks: 2 });
      expect(pickPhotos(core.db, core.actor(), eventId, [c])).toEqual({ changed: 1, picks: 3 });
      expect(listPicks(core.db, eventId)).toEqual([b, a, c]);
      expect(unpickPhotos(core.db, core.actor(), eventId, [a])).toEqual({ changed: 1, picks: 2 });
      expect(listPicks(core.db, eventId)).toEqual([b, c]);
      expect(listEvents(core.db)[0]).toMatchObject({ id: eventId, picks: 2, writeSidecars: false });

      const logged = pickEvents(core);
      expect(logged.map((event) => [event.action, event.subject, event.details])).toEqual([
        ['library.pick', `event:${eventId}`, { photos: 2, hashes: [b, a] }],
        ['library.pick', `event:${eventId}`, { photos: 1, hashes: [c] }],
        ['library.unpick', `event:${eventId}`, { photos: 1, hashes: [a] }],
      ]);
    } finally {
      await core.close();
    }
  });

  it('refuses a photo that is not in the event, or an unknown event, and changes nothing', async () => {
    const { core, eventId, hashes } = await indexedSchool(tempDir(), tempDir());
    try {
      const a = hashes.get('IMG_0001.jpg')!;
      const stranger = 'f'.repeat(64);
      expect(() => pickPhotos(core.db, core.actor(), eventId, [a, stranger])).toThrow(AppError);
      try {
        pickPhotos(core.db, core.actor(), eventId, [a, stranger]);
      } catch (error) {
        expect(error).toMatchObject({ code: 'library.pick.notInEvent', params: { event: eventId, count: 1 } });
      }
      expect(listPicks(core.db, eventId)).toEqual([]);
      expect(() => pickPhotos(core.db, core.actor(), eventId + 1, [a])).toThrow(/library\.event\.notFound|Event/);
      expect(pickEvents(core)).toEqual([]);
    } finally {
      await core.close();
    }
  });

  it('keeps a pick while its photo is in the event and stops counting it when its file leaves', async () => {
    const { core, eventId, hashes } = await indexedSchool(tempDir(), tempDir());
    try {
      const a = hashes.get('IMG_0001.jpg')!;
      pickPhotos(core.db, core.actor(), eventId, [a]);
      core.db.prepare('DELETE FROM photo_files WHERE photo_hash = ?').run(a);
      expect(listPicks(core.db, eventId)).toEqual([]);
      expect(pickCount(core.db, eventId)).toBe(0);
    } finally {
      await core.close();
    }
  });

  it('turns writing sidecars on and off per event, logged when it changes', async () => {
    const { core, eventId } = await indexedSchool(tempDir(), tempDir());
    try {
      expect(sidecarsEnabled(core.db, eventId)).toBe(false);
      setSidecarsEnabled(core.db, core.actor(), eventId, true);
      setSidecarsEnabled(core.db, core.actor(), eventId, true);
      expect(sidecarsEnabled(core.db, eventId)).toBe(true);
      setSidecarsEnabled(core.db, core.actor(), eventId, false);
      expect(pickEvents(core).map((event) => [event.action, event.details])).toEqual([
        ['library.sidecars.set', { enabled: true }],
        ['library.sidecars.set', { enabled: false }],
      ]);
    } finally {
      await core.close();
    }
  });

  it('works through IPC with validated input', async () => {
    const { core, eventId, hashes } = await indexedSchool(tempDir(), tempDir());
    try {
      const router = createIpcRouter(core, { mediaBaseUrl: 'fotowacht-media://' });
      const a = hashes.get('IMG_0001.jpg')!;
      expect(await router.invoke('setPicked', { eventId, hashes: ['../etc'], picked: true })).toMatchObject({
        ok: false,
        error: { code: 'ipc.invalidParams' },
      });
      expect(await router.invoke('setPicked', { eventId, hashes: [], picked: true })).toMatchObject({
        ok: false,
        error: { code: 'ipc.invalidParams' },
      });
      expect(await ok<PickResult>(router, 'setPicked', { eventId, hashes: [a], picked: true })).toEqual({
        changed: 1,
        picks: 1,
      });
      expect(await ok<string[]>(router, 'listPicks', { eventId })).toEqual([a]);
      expect(await router.invoke('setPicked', { eventId, hashes: ['e'.repeat(64)], picked: true })).toMatchObject({
        ok: false,
        error: { code: 'library.pick.notInEvent' },
      });
      expect(await ok(router, 'setEventSidecars', { eventId, enabled: true })).toEqual({ enabled: true });
      const [event] = await ok<LibraryEvent[]>(router, 'listEvents', {});
      expect(event).toMatchObject({ picks: 1, writeSidecars: true });
    } finally {
      await core.close();
    }
  });

  it('filters the grid to the picks alone and together with a status, in grid order', { timeout: 60_000 }, async () => {
    const { core, eventId, hashes } = await indexedSchool(tempDir(), tempDir());
    try {
      markFacesChecked(core);
      const router = createIpcRouter(core, { mediaBaseUrl: 'x' });
      const target = { channelId: 'social', date: '2026-10-01' };
      const decided = await ok<Array<{ photoHash: string; decision: Decision }>>(router, 'decidePhotos', {
        ...target,
        eventId,
      });
      const empty = await ok<DecisionPageView>(router, 'decidePhotoPage', {
        ...target,
        eventId,
        offset: 0,
        limit: 100,
        filter: { picked: true },
      });
      expect(empty).toMatchObject({ total: decided.length, matching: 0, items: [] });

      // Picked in another order than the grid's: the filter keeps the grid's order.
      const chosen = ['IMG_0006.jpg', 'IMG_0002.jpg', 'IMG_0001.jpg'].map((file) => hashes.get(file)!);
      pickPhotos(core.db, core.actor(), eventId, chosen);
      const inGridOrder = decided.filter((item) => chosen.includes(item.photoHash));
      const page = await ok<DecisionPageView>(router, 'decidePhotoPage', {
        ...target,
        eventId,
        offset: 0,
        limit: 100,
        filter: { picked: true },
      });
      expect(page.matching).toBe(3);
      expect(page.items).toEqual(inGridOrder);
      expect(
        await ok<string[]>(router, 'filteredPhotoHashes', { ...target, eventId, filter: { picked: true } }),
      ).toEqual(inGridOrder.map((item) => item.photoHash));

      const blocked = inGridOrder.filter((item) => item.decision.status === 'blocked');
      expect(blocked.length).toBeGreaterThan(0);
      const both = await ok<DecisionPageView>(router, 'decidePhotoPage', {
        ...target,
        eventId,
        offset: 0,
        limit: 100,
        filter: { picked: true, status: 'blocked' },
      });
      expect(both.items).toEqual(blocked);

      // An unpick reaches the next page at once (picks are read fresh, not kept with the decisions).
      unpickPhotos(core.db, core.actor(), eventId, [chosen[0]!]);
      const after = await ok<string[]>(router, 'filteredPhotoHashes', { ...target, eventId, filter: { picked: true } });
      expect(after).toEqual(inGridOrder.map((item) => item.photoHash).filter((hash) => hash !== chosen[0]));
    } finally {
      await core.close();
    }
  });
});
