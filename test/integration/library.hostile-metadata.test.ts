// Hostile and stale metadata: a photo whose XMP cannot be read, or whose people boxes were written for another
// image, is indexed, reported as a warning and put on "needs review" — never silently published without its people.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore, type CoreContext } from '../../electron/core/context';
import { startIndexJob } from '../../electron/core/library/indexer';
import { chosenPhotosOfEvent, listEvents } from '../../electron/core/library';
import { decideMany, decisionContext } from '../../electron/core/publish';
import { parseXml, XmlLimitError } from '../../electron/core/library/xml';
import { describeError, translate, type MessageKey } from '../../shared/i18n';
import type { IndexSummary } from '../../shared/library';
import { markFacesChecked } from '../helpers/school';
import { makeJpeg, mwgRegions, xmpPacket } from '../helpers/photos';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

/** 9,000 nested elements after a tagged region, in one XMP packet that fits one JPEG APP1 segment. */
function deeplyNestedPacket(levels: number): string {
  const regions = mwgRegions([{ box: { x: 0.1, y: 0.1, w: 0.3, h: 0.3 }, name: 'Zoë Bakker' }]);
  return xmpPacket(`${regions}<dc:nest>${'<a>'.repeat(levels)}${'</a>'.repeat(levels)}</dc:nest>`);
}

async function indexOne(file: string, jpeg: Buffer): Promise<{ core: CoreContext; summary: IndexSummary }> {
  const folder = path.join(tempDir(), 'Sportdag');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, file), jpeg);
  const core = openCore({ dataDir: tempDir(), osUser: 'tester' });
  const finished = await (await startIndexJob(core, folder)).finished;
  expect(finished.state, JSON.stringify(finished.error)).toBe('done');
  markFacesChecked(core);
  return { core, summary: finished.result! };
}

function decisionsOf(core: CoreContext) {
  const event = listEvents(core.db)[0]!;
  return decideMany(core.db, decisionContext(core.db, 'website', '2026-10-01'), chosenPhotosOfEvent(core.db, event.id));
}

describe('a 9,000-level nested XMP packet in one JPEG segment', () => {
  it('is refused by the XML reader without a stack overflow', () => {
    const packet = deeplyNestedPacket(9000);
    expect(Buffer.byteLength(packet)).toBeLessThan(65_533 - 29);
    expect(() => parseXml(packet)).toThrow(XmlLimitError);
  });

  it('is an index warning and puts the photo on needs review, with the reason in words', async () => {
    const jpeg = await makeJpeg({ width: 120, height: 90, xmp: deeplyNestedPacket(9000) });
    const { core, summary } = await indexOne('diep.jpg', jpeg);
    expect(summary.indexed).toBe(1);
    expect(summary.errors).toEqual([]);
    expect(summary.warnings).toEqual([
      { path: 'diep.jpg', code: 'library.review.metadataUnreadable', params: { file: 'diep.jpg' } },
    ]);
    expect(describeError('en', summary.warnings[0]!)).toBe(
      'diep.jpg: its metadata block (XMP) is unreadable, so who is tagged on it is unknown. The photo needs review.',
    );

    const [{ decision }] = decisionsOf(core) as [ReturnType<typeof decisionsOf>[number]];
    expect(decision.status).toBe('needs_review');
    expect(decision.overridable).toBe(false);
    expect(decision.blockers.map((blocker) => blocker.code)).toEqual(['policy.review.metadataUnreadable']);
    expect(translate('nl', decision.blockers[0]!.code as MessageKey, decision.blockers[0]!.params)).toMatch(
      /metadatablok \(XMP\) van deze foto is onleesbaar/,
    );
    core.close();
  });

  it('a packet nested as deep as real tools write is still read in full', async () => {
    const jpeg = await makeJpeg({ width: 120, height: 90, xmp: deeplyNestedPacket(40) });
    const { core, summary } = await indexOne('gewoon.jpg', jpeg);
    expect(summary.warnings).toEqual([]);
    expect(summary.names).toBe(1);
    core.close();
  });
});

describe('stale regions: AppliedToDimensions 4032×3024 landscape on a 100×134 portrait photo', () => {
  const tagged = (applied: { w: number; h: number }, name?: string) =>
    xmpPacket(mwgRegions([{ box: { x: 0.6, y: 0.1, w: 0.3, h: 0.2 }, ...(name ? { name } : {}) }], applied));

  it('sends the photo to review naming whose boxes are misplaced', async () => {
    const jpeg = await makeJpeg({ width: 100, height: 134, xmp: tagged({ w: 4032, h: 3024 }, 'Zoë Bakker') });
    const { core, summary } = await indexOne('oud.jpg', jpeg);
    expect(summary.warnings).toMatchObject([{ path: 'oud.jpg', code: 'library.review.staleRegions' }]);
    const [{ decision }] = decisionsOf(core) as [ReturnType<typeof decisionsOf>[number]];
    expect(decision.status).toBe('needs_review');
    const blocker = decision.blockers[0]!;
    expect(blocker.code).toBe('policy.review.staleRegions');
    expect(translate('en', blocker.code as MessageKey, blocker.params)).toBe(
      'the boxes of Zoë Bakker were written for an image of 4032×3024, but the photo is 100×134: they may be in the wrong place — draw them again',
    );
    core.close();
  });

  it('says "an unknown face" when the misplaced box has no name', async () => {
    const jpeg = await makeJpeg({ width: 100, height: 134, xmp: tagged({ w: 4032, h: 3024 }) });
    const { core } = await indexOne('oud.jpg', jpeg);
    const [{ decision }] = decisionsOf(core) as [ReturnType<typeof decisionsOf>[number]];
    expect(decision.status).toBe('needs_review');
    const blocker = decision.blockers.find((reason) => reason.code.startsWith('policy.review.stale'))!;
    expect(translate('en', blocker.code as MessageKey, blocker.params)).toMatch(/^the boxes of an unknown face /);
    core.close();
  });

  it('a photo resized after tagging (same shape, other size) is not stale', async () => {
    const jpeg = await makeJpeg({ width: 100, height: 134, xmp: tagged({ w: 3024, h: 4032 }, 'Zoë Bakker') });
    const { core, summary } = await indexOne('verkleind.jpg', jpeg);
    expect(summary.warnings).toEqual([]);
    const [{ decision }] = decisionsOf(core) as [ReturnType<typeof decisionsOf>[number]];
    expect(decision.status).not.toBe('needs_review');
    core.close();
  });
});
