// Recall on real group photos in 24 MP frames: the photos of ../shared/realworld/faces pasted at native size and
// smaller anywhere in 6000×4000 frames (tile borders fall where they fall), decoded and searched as the app does.
// Counts the real faces of 20 px and more, and false detections per 100 of them; asserts what each model reaches
// here and prints it beside the issue's target (recall ≥ 99%). The frames' seeds are not the ones the detector's
// settings were tuned on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaceDetector } from '../../electron/core/faces/detector';
import { blazeFace, blazeFaceModelPath, yunet, type FaceModel } from '../../electron/core/faces/models';
import { decodeFileForDetection } from '../helpers/faceDecode';
import {
  COUNTED_FACE_PX,
  composeGroupFrame,
  GROUP_FRAME_SEEDS,
  scoreGroupFrame,
  type GroupFrame,
} from '../helpers/faceGroups';
import { describeNeeding, REALWORLD_FACES, YUNET_FILE } from '../helpers/sharedData';

interface ModelCase {
  readonly model: FaceModel;
  readonly file: () => string;
  /** Shared files the case reads besides the photos. */
  readonly needs: readonly string[];
  /** Reached here (asserted). */
  readonly recall: number;
  readonly falsePer100: number;
}

const cases: ModelCase[] = [
  {
    model: blazeFace,
    file: blazeFaceModelPath,
    needs: [],
    recall: 0.99,
    falsePer100: 2,
  },
  {
    model: yunet,
    file: () => YUNET_FILE,
    needs: [YUNET_FILE],
    recall: 0.995,
    falsePer100: 10,
  },
];

describeNeeding(REALWORLD_FACES)('faces on real group photos', () => {
  let dir = '';
  const frames: Array<{ file: string; frame: GroupFrame }> = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'fotowacht-face-groups-'));
    for (const seed of GROUP_FRAME_SEEDS.test) {
      const frame = await composeGroupFrame({ seed });
      const file = path.join(dir, `groups-${seed}.jpg`);
      writeFileSync(file, frame.jpeg);
      frames.push({ file, frame });
    }
  }, 180_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const c of cases) {
    describeNeeding(...c.needs)(`${c.model.kind} on real group photos in 24 MP frames`, () => {
      it(`finds ≥ ${c.recall * 100}% of the real faces from ${COUNTED_FACE_PX} px up, with few false detections`, async () => {
        const detector = await FaceDetector.load(c.model, c.file());
        try {
          let found = 0;
          let counted = 0;
          let falseDetections = 0;
          const missed: number[] = [];
          const started = performance.now();
          for (const { file, frame } of frames) {
            // As the app does it: decoded at the scale the detector asks for, then searched.
            const image = await decodeFileForDetection(file, { scaleFor: (w, h) => detector.decodeScale(w, h) });
            const { faces } = await detector.detect(image);
            const score = scoreGroupFrame(frame, faces);
            found += score.found;
            counted += score.counted;
            falseDetections += score.falseDetections;
            missed.push(...score.missedWidths);
          }
          const seconds = (performance.now() - started) / 1000 / frames.length;
          const recall = found / counted;
          const falsePer100 = (falseDetections / counted) * 100;
          console.log(
            `[faces] ${c.model.kind} real groups in 24 MP: recall ${found}/${counted} = ${(recall * 100).toFixed(1)}% (target ≥ 99%), ` +
              `${falseDetections} false detections = ${falsePer100.toFixed(2)} per 100 faces, ${seconds.toFixed(2)} s per photo; ` +
              `missed widths ${missed.sort((a, b) => a - b).join(', ') || 'none'}`,
          );
          expect(counted).toBeGreaterThan(800);
          expect(recall).toBeGreaterThanOrEqual(c.recall);
          expect(falsePer100).toBeLessThanOrEqual(c.falsePer100);
        } finally {
          await detector.release();
        }
      }, 300_000);
    });
  }

  describe('group frames', () => {
    it('paste whole photos at native size and smaller, with their truth boxes', () => {
      for (const { frame } of frames) {
        expect(frame.photos).toBeGreaterThan(60);
        for (const face of frame.faces) {
          expect(face.box.x).toBeGreaterThanOrEqual(0);
          expect(face.box.x + face.box.w).toBeLessThanOrEqual(1);
          expect(face.widthPx).toBeLessThanOrEqual(125);
        }
      }
      // Faces across the whole frame, not in one corner.
      const xs = frames.flatMap(({ frame }) => frame.faces.map((f) => f.box.x));
      expect(Math.min(...xs)).toBeLessThan(0.1);
      expect(Math.max(...xs)).toBeGreaterThan(0.9);
    });
  });
});
