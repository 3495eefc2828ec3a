// Face detection quality on real photos (../shared/realworld/faces, truth.json) and on synthetic 24 MP
// photos with real face crops pasted at 16–512 px. Prints recall and false boxes; asserts the figures
// reached here (see the README's face-detection section for the targets).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeForDetection } from '../../electron/core/faces/decode';
import { decodeFileForDetection } from '../helpers/faceDecode';
import { FaceDetector } from '../../electron/core/faces/detector';
import { blazeFace, blazeFaceModelPath, yunet, type FaceModel } from '../../electron/core/faces/models';
import { composeSyntheticPhoto, cutFaceCrops, matchFaces, readFaceTruth } from '../helpers/facesSynthetic';
import { describeNeeding, REALWORLD_FACES, YUNET_FILE } from '../helpers/sharedData';

interface ModelCase {
  readonly model: FaceModel;
  readonly file: () => string;
  /** Files of the shared folder the model needs besides the photos (YuNet is not shipped). */
  readonly needs: readonly string[];
  /** What this model reaches here (asserted), next to the issue's target (reported). */
  readonly realworldRecall: number;
  readonly targetRecall: number;
  readonly smallestReliable: number;
  /** False boxes on the four realworld photos, at most (dog faces; a printed face does not count). */
  readonly falseBoxes: number;
}

const cases: ModelCase[] = [
  {
    model: blazeFace,
    file: blazeFaceModelPath,
    needs: [],
    realworldRecall: 1,
    targetRecall: 0.97,
    smallestReliable: 20,
    falseBoxes: 2,
  },
  {
    model: yunet,
    file: () => YUNET_FILE,
    needs: [YUNET_FILE],
    realworldRecall: 1,
    targetRecall: 0.99,
    smallestReliable: 20,
    falseBoxes: 1,
  },
];

const SYNTHETIC_SIZES = [16, 20, 24, 28, 32, 40, 48, 64, 96, 128, 192, 256, 384, 512];

describeNeeding(REALWORLD_FACES)('face detection on real faces', () => {
  let synthetic: {
    file: string;
    faces: Array<{ box: { x: number; y: number; w: number; h: number }; size: number }>;
  };

  let syntheticDir = '';
  afterAll(() => rmSync(syntheticDir, { recursive: true, force: true }));

  beforeAll(async () => {
    const crops = await cutFaceCrops(0.4);
    const sizes = SYNTHETIC_SIZES.flatMap((size) => Array.from({ length: size >= 256 ? 3 : 6 }, () => size));
    const { jpeg, faces } = await composeSyntheticPhoto(crops, sizes);
    syntheticDir = mkdtempSync(path.join(tmpdir(), 'fotowacht-faces-'));
    const file = path.join(syntheticDir, 'synthetic-24mp.jpg');
    writeFileSync(file, jpeg);
    synthetic = { file, faces };
  }, 120_000);

  for (const c of cases) {
    describeNeeding(...c.needs)(`${c.model.kind} face detection`, () => {
      let detector: FaceDetector;
      beforeAll(async () => {
        detector = await FaceDetector.load(c.model, c.file());
      });
      afterAll(async () => {
        await detector?.release();
      });

      it(`finds the real faces of ../shared/realworld/faces (recall ≥ ${c.realworldRecall * 100}%)`, async () => {
        let found = 0;
        let total = 0;
        let falseTotal = 0;
        const lines: string[] = [];
        for (const truth of readFaceTruth()) {
          const image = await decodeFileForDetection(path.join(REALWORLD_FACES, truth.file));
          const { faces } = await detector.detect(image);
          const clear = matchFaces(truth.boxes_clear, faces);
          const uncertainFound = matchFaces(truth.boxes_uncertain ?? [], faces).found.filter(Boolean).length;
          const depictedFound = matchFaces(depictedFaces(truth.depicted_faces_not_real), faces).found.filter(
            Boolean,
          ).length;
          const hits = clear.found.filter(Boolean).length;
          // Boxes on neither a clear, an uncertain nor a printed face count as false boxes.
          const falseBoxes = clear.falseBoxes - uncertainFound - depictedFound;
          falseTotal += falseBoxes;
          found += hits;
          total += truth.boxes_clear.length;
          lines.push(
            `  ${truth.file.padEnd(24)} clear faces ${hits}/${truth.boxes_clear.length}, uncertain found ${uncertainFound}/${truth.boxes_uncertain?.length ?? 0}, printed faces found ${depictedFound}, false boxes ${falseBoxes}`,
          );
        }
        const recall = found / total;
        console.log(
          `[faces] ${c.model.kind} realworld recall ${found}/${total} = ${(recall * 100).toFixed(1)}% (target ${c.targetRecall * 100}%)\n${lines.join('\n')}`,
        );
        expect(recall).toBeGreaterThanOrEqual(c.realworldRecall);
        expect(falseTotal).toBeLessThanOrEqual(c.falseBoxes);
      }, 120_000);

      it(`finds real face crops pasted at 16–512 px into a 6000×4000 photo`, async () => {
        // Decoded as the app does: straight at the finest scale a pass needs.
        const image = await decodeFileForDetection(synthetic.file, { scaleFor: (w, h) => detector.decodeScale(w, h) });
        const started = performance.now();
        const { faces, tiles } = await detector.detect(image);
        const seconds = (performance.now() - started) / 1000;
        const { found } = matchFaces(
          synthetic.faces.map((f) => f.box),
          faces,
        );
        const bySize = new Map<number, { found: number; total: number }>();
        synthetic.faces.forEach((face, i) => {
          const entry = bySize.get(face.size) ?? { found: 0, total: 0 };
          entry.found += found[i] ? 1 : 0;
          entry.total += 1;
          bySize.set(face.size, entry);
        });
        // Reliable: at least 5 of 6 found at this size and at every larger size.
        const sizes = [...bySize.keys()].sort((a, b) => a - b);
        const reliable = (s: number) => bySize.get(s)!.found / bySize.get(s)!.total >= 5 / 6;
        const smallest = sizes.find((_, i) => sizes.slice(i).every(reliable)) ?? null;
        const atLeast20 = synthetic.faces.map((f, i) => ({ f, hit: found[i] })).filter(({ f }) => f.size >= 20);
        const recall20 = atLeast20.filter(({ hit }) => hit).length / atLeast20.length;
        console.log(
          `[faces] ${c.model.kind} synthetic 6000×4000: recall ${(recall20 * 100).toFixed(1)}% of faces ≥ 20 px; ${[...bySize].map(([s, e]) => `${s}px ${e.found}/${e.total}`).join(', ')}; smallest found reliably: ${smallest} px; ${tiles} tiles, ${seconds.toFixed(2)} s detection`,
        );
        expect(smallest).not.toBeNull();
        expect(smallest!).toBeLessThanOrEqual(c.smallestReliable);
      }, 120_000);
    });
  }
});

/** The "approx box x=…,y=…,w=…,h=…" of a printed face named in truth.json. */
function depictedFaces(text: string | undefined): Array<{ x: number; y: number; w: number; h: number }> {
  const match = /x=([\d.]+),y=([\d.]+),w=([\d.]+),h=([\d.]+)/.exec(text ?? '');
  return match ? [{ x: Number(match[1]), y: Number(match[2]), w: Number(match[3]), h: Number(match[4]) }] : [];
}

describe('decoding for detection', () => {
  it('decodes in display orientation, at the scale asked for, and keeps the photo size', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fotowacht-faces-decode-'));
    try {
      const file = path.join(dir, 'rotated-exif-6.jpg');
      const sharp = (await import('sharp')).default;
      await sharp({ create: { width: 600, height: 400, channels: 3, background: '#345' } })
        .jpeg()
        .withMetadata({ orientation: 6 })
        .toFile(file);
      const full = await decodeFileForDetection(file);
      expect(full).toMatchObject({ width: 400, height: 600, photoWidth: 400, photoHeight: 600 });
      const asked: number[][] = [];
      const half = await decodeFileForDetection(file, {
        scaleFor: (w, h) => {
          asked.push([w, h]);
          return 0.5;
        },
      });
      expect(asked).toEqual([[400, 600]]);
      expect(half).toMatchObject({ width: 200, height: 300, photoWidth: 400, photoHeight: 600 });
      expect(half.data.length).toBe(200 * 300 * 3);
      // Pixels that cannot be decoded are a clear error naming the photo.
      const broken = { width: 10, height: 10, orientation: 1, pipeline: () => sharp(Buffer.from('not a photo')) };
      await expect(decodeForDetection(broken, 'kapot.jpg')).rejects.toThrow(/faces\.decodeFailed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('loading a model', () => {
  it('fails clearly, at load time, on a file that is not a model', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fotowacht-faces-model-'));
    try {
      const file = path.join(dir, 'garbage.onnx');
      writeFileSync(file, 'not an onnx model');
      await expect(FaceDetector.load(blazeFace, file, 1)).rejects.toThrow(/faces\.inferenceFailed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
