// The kept decision statuses behind the library's counts (decisionStore.ts, migration 008) against the decisions
// themselves: after every kind of change a decision rests on — indexing, regions linked, unlinked, dismissed and
// drawn, faces checked, consent imported, withdrawn, edited and erased, settings, channels, another day — the kept
// counts equal the statuses decideMany gives on the same database, and only the photos the change touched are
// decided again where the change names them.
import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  commitConsentImport,
  listChannels,
  readConsentList,
  recordManualConsent,
  renameChannel,
  retireChannel,
  withdrawConsent,
} from '../../electron/core/consent';
import type { CoreContext } from '../../electron/core/context';
import { DECISION_INPUT_TABLES } from '../../electron/core/db/migrations/008-decision-statuses';
import { createIpcRouter } from '../../electron/core/ipc/handlers';
import { chosenPhotosOfEvent } from '../../electron/core/library';
import { startIndexJob } from '../../electron/core/library/indexer';
import { addDrawnFace, dismissFaceRegion, linkRegion, regionsOfPhoto } from '../../electron/core/people';
import { erasePerson } from '../../electron/core/privacy';
import { decideMany, decisionContext } from '../../electron/core/publish';
import { decisionService } from '../../electron/core/publish/decisionService';
import { decideMissing, keepDecided, keepSome, keptCounts } from '../../electron/core/publish/decisionStore';
import { updateSettings } from '../../electron/core/settings';
import { SAMPLE_PHOTOS } from '../../scripts/sample-school';
import { proposeMapping } from '../../shared/consentImport';
import { localDay } from '../../shared/consent';
import { countByStatus, DEFAULT_CHANNEL_ID, type StatusCounts } from '../../shared/decisionFilter';
import { indexedSchool, markFacesChecked, type IndexedSchool } from '../helpers/school';
import { ok } from '../helpers/ipc';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const photos = [
  ...SAMPLE_PHOTOS,
  ...SAMPLE_PHOTOS.map((photo) => ({ ...photo, file: photo.file.replace('IMG_', 'IMG_1') })),
];

async function school(): Promise<IndexedSchool> {
  const indexed = await indexedSchool(tempDir(), tempDir(), photos);
  cores.push(indexed.core);
  markFacesChecked(indexed.core);
  return indexed;
}

function personId(core: CoreContext, key: string): number {
  return core.db.prepare('SELECT id FROM people WHERE external_key = ?').pluck().get(key) as number;
}

describe('kept decision statuses', () => {
  it(
    'equal the decisions after every kind of change, deciding again only what a change touched',
    { timeout: 90_000 },
    async () => {
      const { core, eventId, hashes, eventDir, consentCsv } = await school();
      const db = core.db;
      let query = { channelId: 'social', date: '2026-10-01', eventId };
      const decided = () =>
        countByStatus(
          decideMany(db, decisionContext(db, query.channelId, query.date), chosenPhotosOfEvent(db, eventId)).map(
            (item) => item.decision,
          ),
        );
      /** The kept counts equal the decisions; returns how many photos were decided to answer. */
      const check = (change: string): number => {
        const kept = keptCounts(db, query);
        expect(kept.counts, change).toEqual(decided());
        expect(kept.kept, change).toBe(true);
        // Asked again at once: everything is kept.
        expect(keptCounts(db, query), change).toMatchObject({ counts: kept.counts, decided: 0 });
        return kept.decided;
      };
      const total = photos.length;
      expect(check('first question')).toBe(total);
      expect(Object.values(decided()).filter((n) => n > 0).length).toBeGreaterThan(1);

      // Faces checked again on one photo: that photo only.
      const first = hashes.get('IMG_0001.jpg')!;
      db.prepare('UPDATE photos SET faces_detected_with = NULL WHERE hash = ?').run(first);
      expect(check('faces unchecked')).toBe(1);
      markFacesChecked(core, [first]);
      expect(check('faces checked')).toBe(1);

      // Regions: dismissed, drawn, linked, unlinked — the photo they are on.
      const unknown = regionsOfPhoto(db, hashes.get('IMG_0005.jpg')!).find((region) => region.name === '')!;
      linkRegion(db, core.actor(), unknown.id, personId(core, '1001'));
      expect(check('region linked')).toBe(1);
      linkRegion(db, core.actor(), unknown.id, null);
      expect(check('region unlinked')).toBe(1);
      addDrawnFace(core, hashes.get('IMG_0006.jpg')!, { x: 0.7, y: 0.1, w: 0.05, h: 0.08 });
      expect(check('face drawn')).toBe(1);
      const drawn = regionsOfPhoto(db, hashes.get('IMG_0006.jpg')!).find((region) => region.source === 'user')!;
      dismissFaceRegion(core, drawn.id);
      expect(check('face dismissed')).toBe(1);

      // Consent: withdrawn, given again, changed by an import: the photos of that person only.
      const zoe = personId(core, '1001');
      withdrawConsent(db, core.actor(), { personId: zoe, channelId: 'social', date: '2026-09-15', reason: 'ouders' });
      const withZoe = photos.filter((photo) => photo.figures.some((figure) => figure.name === 'Zoë Bakker')).length;
      expect(check('consent withdrawn')).toBe(withZoe);
      recordManualConsent(db, core.actor(), {
        personId: zoe,
        channelId: 'social',
        status: 'granted',
        date: '2026-09-20',
        reason: 'formulier opnieuw getekend',
      });
      expect(check('consent given again')).toBe(withZoe);
      // Consent on another channel decides nothing again here.
      withdrawConsent(db, core.actor(), { personId: zoe, channelId: 'website', date: '2026-09-15', reason: 'ouders' });
      expect(check('consent on another channel')).toBe(0);
      const source = await readConsentList(consentCsv);
      const flipped = {
        ...source,
        rows: source.rows.map((row) => row.map((cell, i) => (row[0] === '1002' && i === 6 ? 'ja' : cell))),
      };
      commitConsentImport(db, core.actor(), flipped, proposeMapping(flipped.rows, listChannels(db)), '2026-2027', {
        now: new Date('2026-09-25T08:00:00Z'),
        today: '2026-09-25',
      });
      check('consent imported');

      // The settings and the channel. A kept status is put under the settings of the moment (migration 013): a
      // setting changed decides nothing again, and the counts are still the decisions'.
      updateSettings(db, core.actor(), { maxHiddenPeople: 0 });
      expect(check('settings changed')).toBe(0);
      updateSettings(db, core.actor(), { maxHiddenAreaShare: 0.001 });
      expect(check('area setting changed')).toBe(0);
      updateSettings(db, core.actor(), { maxHiddenAreaShare: 0.1 });
      renameChannel(db, core.actor(), { id: 'social', labelNl: 'Sociale media' });
      check('channel renamed');
      retireChannel(db, core.actor(), { id: 'social' });
      expect(() => keptCounts(db, query)).toThrow(expect.objectContaining({ code: 'publish.channelRetired' }));
      retireChannel(db, core.actor(), { id: 'social', retired: false });
      check('channel back');

      // Another day: its own statuses (the day before the withdrawal, and the next school year).
      query = { ...query, date: '2026-09-10' };
      expect(check('another day')).toBe(total);
      query = { ...query, date: '2027-08-02' };
      expect(check('the next school year')).toBe(total);
      query = { ...query, date: '2026-10-01' };

      // A name on one photo that changes the event's classes: the two Noah Jansens (groep 3 and 6) are told apart
      // by the classes of the others named in the event, so every photo of the set is decided again.
      db.prepare(
        `INSERT INTO people (kind, external_key, roepnaam, achternaam, class_name, created_at, updated_at)
       VALUES ('pupil', '1099', 'Lotte', 'Vos', 'Groep 6', ?, ?)`,
      ).run('2026-09-01T08:00:00Z', '2026-09-01T08:00:00Z');
      expect(check('person added')).toBe(total);
      const noahBefore = keptCounts(db, query).counts;
      const face = regionsOfPhoto(db, hashes.get('IMG_0005.jpg')!).find((region) => region.name === '')!;
      db.prepare("UPDATE regions SET name = 'Lotte Vos' WHERE id = ?").run(face.id);
      expect(check('a name that changes the classes')).toBe(total);
      expect(keptCounts(db, query).counts).not.toEqual(noahBefore);

      // A person erased: the people changed.
      const bram = personId(core, '1007');
      const keptOf = (id: number) =>
        db.prepare('SELECT count(*) FROM decision_status_people WHERE person_id = ?').pluck().get(id) as number;
      expect(keptOf(bram)).toBeGreaterThan(0);
      erasePerson(db, core.actor(), bram, 'van school');
      // Nothing kept names the erased person's number any more.
      expect(keptOf(bram)).toBe(0);
      check('person erased');

      // Indexing: a photo added to the event, then one removed.
      copyFileSync(path.join(eventDir, 'IMG_0004.jpg'), path.join(eventDir, 'IMG_2004.jpg'));
      copyFileSync(path.join(eventDir, 'IMG_0002.jpg'), path.join(eventDir, 'IMG_0002-kopie.jpg'));
      rmSync(path.join(eventDir, 'IMG_0003.jpg'));
      expect((await (await startIndexJob(core, eventDir)).finished).state).toBe('done');
      markFacesChecked(core);
      check('event indexed again');
      expect(keptCounts(db, query).counts).toEqual(decided());
    },
  );

  it(
    'are decided in the worker in the background: after indexing and after a change',
    { timeout: 60_000 },
    async () => {
      const { core, eventId } = await school();
      const router = createIpcRouter(core, { mediaBaseUrl: 'x' });
      const query = { channelId: DEFAULT_CHANNEL_ID, date: localDay(new Date()), eventId };
      const keptFor = () =>
        core.db
          .prepare(
            `SELECT count(*) FROM decision_statuses d JOIN decision_sets s ON s.id = d.set_id
           WHERE s.channel_id = ? AND s.day = ? AND s.event_id = ?`,
          )
          .pluck()
          .get(query.channelId, query.date, query.eventId) as number;
      const decided = () =>
        countByStatus(
          decideMany(
            core.db,
            decisionContext(core.db, query.channelId, query.date),
            chosenPhotosOfEvent(core.db, eventId),
          ).map((item) => item.decision),
        );
      // Nothing asked yet: the worker decides the library's first channel for today on its own.
      await decisionService(core).settled();
      expect(keptFor()).toBe(photos.length);
      expect(await ok<StatusCounts>(router, 'countDecisions', query)).toEqual(decided());

      withdrawConsent(core.db, core.actor(), {
        personId: personId(core, '1001'),
        channelId: query.channelId,
        reason: 'ouders',
      });
      // The statuses that rest on her consent are marked; the worker decides them again.
      const marks = () => core.db.prepare('SELECT count(*) FROM decision_stale_people').pluck().get() as number;
      expect(marks()).toBeGreaterThan(0);
      await decisionService(core).settled();
      expect(marks()).toBe(0);
      expect(keptFor()).toBe(photos.length);
      expect(await ok<StatusCounts>(router, 'countDecisions', query)).toEqual(decided());
    },
  );

  it('are decided again a few at a time in the background until none is void', { timeout: 60_000 }, async () => {
    const { core, eventId } = await school();
    const db = core.db;
    const query = { channelId: 'social', date: '2026-10-01', eventId };
    keptCounts(db, query);
    withdrawConsent(db, core.actor(), {
      personId: personId(core, '1001'),
      channelId: 'social',
      date: '2026-09-15',
      reason: 'ouders',
    });
    // One photo per step: every step makes progress, and the marks go only when the last void status is redone.
    let steps = 1;
    while (!keepSome(db, query, 1)) {
      steps += 1;
      expect(steps).toBeLessThan(photos.length + 2);
    }
    const withZoe = photos.filter((photo) => photo.figures.some((figure) => figure.name === 'Zoë Bakker')).length;
    expect(steps).toBe(withZoe);
    expect(db.prepare('SELECT count(*) FROM decision_stale_people').pluck().get()).toBe(0);
    const kept = keptCounts(db, query);
    expect(kept.decided).toBe(0);
    expect(kept.counts).toEqual(
      countByStatus(
        decideMany(db, decisionContext(db, query.channelId, query.date), chosenPhotosOfEvent(db, eventId)).map(
          (item) => item.decision,
        ),
      ),
    );
  });

  it('has a trigger for every change to every table a decision reads', async () => {
    const { core } = await school();
    const triggers = core.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'decision_input_%'")
      .pluck()
      .all() as string[];
    for (const table of DECISION_INPUT_TABLES) {
      for (const op of ['insert', 'update', 'delete']) expect(triggers).toContain(`decision_input_${table}_${op}`);
    }
  });

  it('keeps nothing decided before a change committed meanwhile', async () => {
    const { core, eventId, hashes } = await school();
    const query = { channelId: 'social', date: '2026-10-01', eventId };
    // Decided on one state of the database; then a change is committed before they are kept: nothing is kept.
    const early = decideMissing(core.db, query);
    expect(early.decided).toHaveLength(photos.length);
    core.db.prepare('UPDATE photos SET faces_detected_with = NULL WHERE hash = ?').run(hashes.get('IMG_0002.jpg')!);
    expect(keepDecided(core.db, early)).toBe(false);
    // Asked again: decided again, on the new state, and kept.
    const counts = keptCounts(core.db, query);
    expect(counts).toMatchObject({ decided: photos.length, kept: true });
    expect(counts.counts.needs_review).toBe(1);
    expect(keptCounts(core.db, query).decided).toBe(0);
  });
});
