import { describe, expect, it } from 'vitest';
import { effectiveRegions, type PhotoRegion } from '../../shared/people';
import {
  growFaceBox,
  intersection,
  iou,
  nonMaxSuppression,
  overlapsRegion,
  coveredDetections,
  planScales,
  planTiles,
  type ModelGeometry,
} from '../../shared/faces';

const blaze: ModelGeometry = { inputSize: 256, minFace: 14, maxFace: 60 };
const yunetGeometry: ModelGeometry = { inputSize: 640, minFace: 12, maxFace: 300 };

describe('box overlap', () => {
  it('computes intersection and IoU', () => {
    const a = { x: 0, y: 0, w: 10, h: 10 };
    expect(intersection(a, { x: 5, y: 5, w: 10, h: 10 })).toBe(25);
    expect(iou(a, { x: 5, y: 5, w: 10, h: 10 })).toBeCloseTo(25 / 175);
    expect(iou(a, a)).toBe(1);
    expect(iou(a, { x: 10, y: 0, w: 5, h: 5 })).toBe(0);
  });
});

describe('non-maximum suppression', () => {
  it('keeps the best of overlapping boxes and keeps separate faces apart', () => {
    const kept = nonMaxSuppression([
      { x: 0, y: 0, w: 10, h: 10, score: 0.7 },
      { x: 1, y: 1, w: 10, h: 10, score: 0.9 },
      { x: 50, y: 50, w: 10, h: 10, score: 0.8 },
    ]);
    expect(kept).toHaveLength(2);
    expect(kept[0]).toMatchObject({ x: 1, score: 0.9 });
    expect(kept[1]).toMatchObject({ x: 50 });
  });

  it('merges a part-of-face box into the whole face and keeps the larger geometry', () => {
    // A finer scale saw an eye region with a higher score; the coarser scale saw the whole face.
    const kept = nonMaxSuppression([
      { x: 10, y: 10, w: 6, h: 6, score: 0.95 },
      { x: 5, y: 5, w: 20, h: 20, score: 0.8 },
    ]);
    expect(kept).toEqual([{ x: 5, y: 5, w: 20, h: 20, score: 0.95 }]);
  });

  it('drops a weaker box around several faces instead of letting one face take its size', () => {
    const kept = nonMaxSuppression([
      { x: 10, y: 10, w: 10, h: 10, score: 0.9 },
      { x: 30, y: 10, w: 10, h: 10, score: 0.85 },
      { x: 5, y: 5, w: 40, h: 20, score: 0.7 },
    ]);
    expect(kept).toEqual([
      { x: 10, y: 10, w: 10, h: 10, score: 0.9 },
      { x: 30, y: 10, w: 10, h: 10, score: 0.85 },
    ]);
  });

  it('keeps two neighbouring faces that only touch', () => {
    const kept = nonMaxSuppression([
      { x: 0, y: 0, w: 10, h: 10, score: 0.9 },
      { x: 8, y: 0, w: 10, h: 10, score: 0.9 },
    ]);
    expect(kept).toHaveLength(2);
  });
});

describe('growFaceBox', () => {
  it('grows a brow-to-chin box by 25%, mostly upwards, and stays inside the image', () => {
    const grown = growFaceBox({ x: 0.4, y: 0.4, w: 0.2, h: 0.2 });
    expect(grown.w).toBeCloseTo(0.25);
    expect(grown.h).toBeCloseTo(0.25);
    expect(grown.x).toBeCloseTo(0.375);
    expect(0.4 - grown.y).toBeGreaterThan(grown.y + grown.h - 0.6); // more room above than below
    const atEdge = growFaceBox({ x: 0, y: 0, w: 0.1, h: 0.1, score: 0.5 });
    expect(atEdge).toMatchObject({ x: 0, y: 0, score: 0.5 });
    expect(atEdge.w).toBeCloseTo(0.1125);
  });
});

describe('scales and tiles', () => {
  it('plans a 24 MP photo from 20 px faces up to the whole photo', () => {
    const passes = planScales(6000, 4000, blaze, { minFacePx: 20, maxScale: 2 });
    expect(passes[0]!.scale).toBeCloseTo(0.7);
    expect(passes.at(-1)!.scale).toBeCloseTo(256 / 6000);
    expect(passes[0]!.keepMin).toBe(0);
    expect(passes.at(-1)!.keepMax).toBe(Infinity);
    // Neighbouring windows overlap: no face size falls between two passes.
    for (let i = 1; i < passes.length; i++) expect(passes[i]!.keepMin).toBeLessThan(passes[i - 1]!.keepMax);
  });

  it('uses one whole-image pass (and a finer one) for a small photo', () => {
    const passes = planScales(500, 375, blaze, { minFacePx: 10, maxScale: 2 });
    expect(passes.map((p) => p.scale)).toEqual([1.4, 256 / 500]);
    expect(planTiles(500, 375, passes[1]!, blaze)).toHaveLength(1);
  });

  it('makes every full step down to the whole frame when asked (a clip frame), so no face is left tiny to it', () => {
    // A 1080p frame with BlazeFace's 512-px tiles: by default a face just above the 0.7 pass's window (86 px) is
    // left to the whole-frame pass at 0.13, where it is 11–15 model pixels — below the model's smallest face.
    const clipBlaze: ModelGeometry = { inputSize: 512, minFace: 14, maxFace: 60, wholeSize: 256 };
    const plain = planScales(1920, 1080, clipBlaze, { minFacePx: 20, maxScale: 2 });
    expect(plain.map((p) => p.scale)).toEqual([0.7, 256 / 1920]);
    expect(100 * plain[1]!.scale).toBeLessThan(clipBlaze.minFace);
    const stepped = planScales(1920, 1080, clipBlaze, { minFacePx: 20, maxScale: 2, everyStep: true });
    expect(stepped.map((p) => p.scale)).toHaveLength(3);
    expect(stepped[1]!.scale).toBeCloseTo(0.7 / (60 / 14 / 1.25), 10);
    expect(stepped.at(-1)!.scale).toBeCloseTo(256 / 1920, 10);
    // Every kept face is at least the model's smallest size in the pass that keeps it; the windows still meet.
    for (const pass of stepped) expect(Math.max(pass.keepMin, 20) * pass.scale).toBeGreaterThanOrEqual(14 - 1e-9);
    for (let i = 1; i < stepped.length; i++) expect(stepped[i]!.keepMin).toBeLessThan(stepped[i - 1]!.keepMax);
    // A photo's plan is unchanged without the option.
    expect(planScales(6000, 4000, blaze, { minFacePx: 20, maxScale: 2, everyStep: false })).toEqual(
      planScales(6000, 4000, blaze, { minFacePx: 20, maxScale: 2 }),
    );
  });

  it('covers every face of every kept size whole inside some tile of its pass', () => {
    for (const geometry of [blaze, yunetGeometry]) {
      const passes = planScales(6000, 4000, geometry, { minFacePx: 20 });
      passes.forEach((pass, index) => {
        const tiles = planTiles(6000, 4000, pass, geometry);
        const largest = Math.min(pass.keepMax, 3000);
        for (const face of [Math.max(pass.keepMin, 20), largest]) {
          for (let fx = 0; fx + face <= 6000; fx += 997) {
            for (let fy = 0; fy + face <= 4000; fy += 661) {
              const inside = tiles.some(
                (t) => fx >= t.left && fy >= t.top && fx + face <= t.left + t.size && fy + face <= t.top + t.size,
              );
              expect(inside, `pass ${index} face ${face} at ${fx},${fy}`).toBe(true);
            }
          }
        }
        // Tiles stay within the photo unless the photo is smaller than one tile.
        for (const t of tiles) expect(t.left + Math.min(t.size, 6000)).toBeLessThanOrEqual(6000 + 1);
      });
    }
  });
});

describe('overlap with regions the file gives', () => {
  const face = { x: 0.4, y: 0.4, w: 0.1, h: 0.12 };
  it('counts a region on the same face (IoU or centre inside at a similar size)', () => {
    expect(overlapsRegion(face, { x: 0.41, y: 0.41, w: 0.1, h: 0.12 })).toBe(true);
    // An MWG head region larger than the detected face, centred a bit lower: centre inside.
    expect(overlapsRegion(face, { x: 0.38, y: 0.36, w: 0.16, h: 0.22 })).toBe(true);
    // A tight tag box (eyes to mouth) inside the face.
    expect(overlapsRegion(face, { x: 0.42, y: 0.43, w: 0.06, h: 0.07 })).toBe(true);
  });

  it('does not count a neighbour, nor a region so large it holds a whole group', () => {
    expect(overlapsRegion(face, { x: 0.52, y: 0.4, w: 0.1, h: 0.12 })).toBe(false);
    expect(overlapsRegion(face, { x: 0, y: 0, w: 1, h: 1 })).toBe(false);
    expect(overlapsRegion(face, { x: 0.2, y: 0.2, w: 0.5, h: 0.5 })).toBe(false);
  });
});

describe('detections a given box accounts for', () => {
  const tagged = { x: 0.3, y: 0.2, w: 0.07, h: 0.1 };
  it('counts a small hit inside a face box (an eye, part of a drawn face) as that face', () => {
    expect(coveredDetections([{ x: 0.3, y: 0.21, w: 0.011, h: 0.016 }], [tagged])).toEqual([true]);
  });

  it('counts none of several separate faces inside one box: that is a group box', () => {
    const a = { x: 0.305, y: 0.21, w: 0.02, h: 0.03 };
    const b = { x: 0.34, y: 0.21, w: 0.02, h: 0.03 };
    expect(coveredDetections([a, b], [tagged])).toEqual([false, false]);
  });

  it('never lets a box larger than a face account for a face inside it', () => {
    expect(coveredDetections([{ x: 0.4, y: 0.4, w: 0.02, h: 0.03 }], [{ x: 0.2, y: 0.2, w: 0.5, h: 0.5 }])).toEqual([
      false,
    ]);
  });

  it('leaves a face beside the box alone', () => {
    expect(coveredDetections([{ x: 0.5, y: 0.21, w: 0.05, h: 0.07 }], [tagged])).toEqual([false]);
  });
});

describe('effective regions', () => {
  it('drops dismissed regions and keeps every source', () => {
    const base = {
      photoHash: 'a'.repeat(64),
      namespace: 'n',
      kind: 'face',
      box: { x: 0, y: 0, w: 0.1, h: 0.1 },
      name: '',
      classHint: null,
      personId: null,
      score: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: null,
      dismissedBy: null,
      guestAt: null,
      guestBy: null,
    } as const;
    const regions: PhotoRegion[] = [
      { ...base, id: 1, source: 'file', dismissedAt: null },
      { ...base, id: 2, source: 'detector', dismissedAt: '2026-01-02T00:00:00.000Z' },
      { ...base, id: 3, source: 'detector', dismissedAt: null, box: { x: 0.6, y: 0.6, w: 0.1, h: 0.1 } },
      { ...base, id: 4, source: 'user', dismissedAt: null },
    ];
    expect(effectiveRegions(regions).map((r) => r.id)).toEqual([1, 3, 4]);
  });

  it('drops a detected face that a file or drawn region covers, whichever came first', () => {
    const base = {
      photoHash: 'a'.repeat(64),
      namespace: 'n',
      kind: 'face',
      name: '',
      classHint: null,
      personId: null,
      score: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: null,
      dismissedAt: null,
      dismissedBy: null,
      guestAt: null,
      guestBy: null,
    } as const;
    const regions: PhotoRegion[] = [
      { ...base, id: 1, source: 'detector', box: { x: 0.1, y: 0.1, w: 0.1, h: 0.12 } },
      { ...base, id: 2, source: 'detector', box: { x: 0.5, y: 0.5, w: 0.1, h: 0.12 } },
      { ...base, id: 3, source: 'file', box: { x: 0.09, y: 0.08, w: 0.12, h: 0.15 }, name: 'Sanne' },
      { ...base, id: 4, source: 'file', box: null, name: 'Daan' },
      { ...base, id: 5, source: 'detector', box: { x: 0.8, y: 0.1, w: 0.1, h: 0.12 } },
      { ...base, id: 6, source: 'user', box: { x: 0.79, y: 0.1, w: 0.11, h: 0.12 } },
    ];
    expect(effectiveRegions(regions).map((r) => r.id)).toEqual([2, 3, 4, 6]);
  });
});
