// The library's counts and grid pages (worked out in the decision worker, on its own read-only connection) against
// the decisions themselves: on an event with every kind of status, the counts are the statuses of decidePhotos,
// every page holds the same decisions, and each filter keeps exactly the photos the decisions say.
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { createIpcRouter } from '../../electron/core/ipc/handlers';
import { SAMPLE_PHOTOS, type SamplePhoto } from '../../scripts/sample-school';
import {
  countByStatus,
  hasUntaggedFace,
  namesIn,
  type DecisionFilter,
  type StatusCounts,
} from '../../shared/decisionFilter';
import type { DecisionPageView } from '../../shared/ipc/publish';
import type { Decision } from '../../shared/policy';
import { ok } from '../helpers/ipc';
import { indexedSchool, markFacesChecked } from '../helpers/school';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

// The sample event twice over (its photos drawn again under other names), so that pages of 5 split it.
const photos: SamplePhoto[] = [
  ...SAMPLE_PHOTOS,
  ...SAMPLE_PHOTOS.map((photo) => ({ ...photo, file: photo.file.replace('IMG_', 'IMG_1') })),
];
const target = { channelId: 'social', date: '2026-10-01' };

describe('library counts and grid pages', () => {
  it('equal the per-photo decisions on an event with every kind of status', { timeout: 60_000 }, async () => {
    const school = await indexedSchool(tempDir(), tempDir(), photos);
    cores.push(school.core);
    // Faces checked on all but two photos: those need review.
    const unchecked = new Set([school.hashes.get('IMG_0001.jpg')!, school.hashes.get('IMG_10002.jpg')!]);
    markFacesChecked(
      school.core,
      [...school.hashes.values()].filter((hash) => !unchecked.has(hash)),
    );
    const router = createIpcRouter(school.core, { mediaBaseUrl: 'x' });
    const eventId = school.eventId;

    const decided = await ok<Array<{ photoHash: string; decision: Decision }>>(router, 'decidePhotos', {
      ...target,
      eventId,
    });
    const statuses = new Set(decided.map((item) => item.decision.status));
    expect([...statuses].sort()).toEqual(['blocked', 'hide', 'needs_review', 'publish']);

    const counts = await ok<StatusCounts>(router, 'countDecisions', { ...target, eventId });
    expect(counts).toEqual(countByStatus(decided.map((item) => item.decision)));

    // Every page, in grid order, holds the same decisions.
    const paged: Array<{ photoHash: string; decision: Decision }> = [];
    for (let offset = 0; offset < decided.length; offset += 5) {
      const page = await ok<DecisionPageView>(router, 'decidePhotoPage', { ...target, eventId, offset, limit: 5 });
      expect(page).toMatchObject({ total: decided.length, matching: decided.length, offset });
      paged.push(...page.items);
    }
    expect(paged).toEqual(decided);

    // Each filter keeps what the decisions say, in the same order; and the hashes to publish are those.
    const filters: DecisionFilter[] = [
      { status: 'publish' },
      { status: 'hide' },
      { status: 'blocked' },
      { status: 'needs_review' },
      { person: 'ZOË' },
      { person: 'sem', status: 'hide' },
      { untagged: true },
    ];
    for (const filter of filters) {
      const expected = decided.filter(
        ({ decision }) =>
          (!filter.status || decision.status === filter.status) &&
          (!filter.person || namesIn(decision).includes(filter.person.toLocaleLowerCase())) &&
          (!filter.untagged || hasUntaggedFace(decision)),
      );
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      const page = await ok<DecisionPageView>(router, 'decidePhotoPage', {
        ...target,
        eventId,
        offset: 0,
        limit: 100,
        filter,
      });
      expect(page.matching, JSON.stringify(filter)).toBe(expected.length);
      expect(page.items).toEqual(expected);
      const hashes = await ok<string[]>(router, 'filteredPhotoHashes', { ...target, eventId, filter });
      expect(hashes).toEqual(expected.map((item) => item.photoHash));
    }

    // A change (the two photos checked after all) reaches the counts: they are not kept past a change.
    markFacesChecked(school.core, unchecked);
    const after = await ok<StatusCounts>(router, 'countDecisions', { ...target, eventId });
    expect(after.needs_review).toBe(0);
    expect(after).toEqual(
      countByStatus(
        (await ok<Array<{ decision: Decision }>>(router, 'decidePhotos', { ...target, eventId })).map(
          (item) => item.decision,
        ),
      ),
    );
  });
});
