// Face detection on 24 MP photos: time to decode a photo alone, next to the detection time per model,
// and the detection job (two photos at a time) with the event loop's delay while it runs.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { openCore } from '../electron/core/context';
import { decodeFileForDetection as decodeForDetection } from '../test/helpers/faceDecode';
import { FaceDetector } from '../electron/core/faces/detector';
import { blazeFace, blazeFaceModelPath, yunet, type FaceModel } from '../electron/core/faces/models';
import { FACE_MODEL_ENV } from '../electron/core/faces';
import { startFaceDetectionJob } from '../electron/core/library';
import { addIndexedPhoto } from '../test/helpers/facesLibrary';
import { composeSyntheticPhoto, cutFaceCrops } from '../test/helpers/facesSynthetic';
import { missingShared, REALWORLD_FACES, YUNET_FILE } from '../test/helpers/sharedData';
import type { Benchmark } from './run';
import { fixed, generatePhotos, measure } from './util';

const PHOTOS = 3;
const TARGET_SECONDS = 1.5;

export const benchFaces: Benchmark = {
  name: 'faces',
  async run() {
    // The synthetic photos are made of real face crops.
    const missing = missingShared(REALWORLD_FACES);
    if (missing !== undefined) return void console.log(`face detection ${missing}`);
    const dir = mkdtempSync(path.join(tmpdir(), 'fotowacht-bench-faces-'));
    const previousEnv = process.env[FACE_MODEL_ENV];
    try {
      const crops = await cutFaceCrops(0.4);
      const files: string[] = [];
      for (let i = 0; i < PHOTOS; i++) {
        // 40 faces of 20–400 px, a school class photo's spread, shifted per photo.
        const sizes = Array.from({ length: 40 }, (_, k) => Math.round(20 * Math.pow(20, ((k + i * 7) % 40) / 39)));
        const { jpeg } = await composeSyntheticPhoto(crops.slice(i), sizes);
        const file = path.join(dir, `class-${i}.jpg`);
        writeFileSync(file, jpeg);
        files.push(file);
      }
      console.log(
        `${PHOTOS} synthetic 6000×4000 JPEGs with 40 real face crops each (20–400 px); load average ${loadavg()
          .map((l) => fixed(l, 2))
          .join(' ')}`,
      );

      const decode = await measure(async () => {
        for (const file of files) await decodeForDetection(file);
      });
      console.log(
        `decode alone, full size (sharp, display orientation, RGB): ${fixed(decode.seconds / PHOTOS, 2)} s per photo`,
      );

      // Smooth synthetic backgrounds decode fast; a noisy 24 MP JPEG is closer to a detailed real photo.
      const [noisy] = await generatePhotos(path.join(dir, 'noisy'), 1);
      const noisyDecode = await measure(() => decodeForDetection(noisy!));
      console.log(
        `decode alone, full size, noisy 24 MP JPEG (detail like a real photo): ${fixed(noisyDecode.seconds, 2)} s`,
      );

      const models: Array<[FaceModel, string]> = [[blazeFace, blazeFaceModelPath()]];
      if (existsSync(YUNET_FILE)) models.push([yunet, YUNET_FILE]);
      else console.log(`YuNet skipped: ${YUNET_FILE} not present`);
      for (const [model, file] of models) {
        const detector = await FaceDetector.load(model, file);
        let tiles = 0;
        let faces = 0;
        let detectSeconds = 0;
        let decodeSeconds = 0;
        for (const photo of files) {
          // As the app does it: decoded straight at the finest scale the model's passes need.
          const decoded = await measure(() =>
            decodeForDetection(photo, { scaleFor: (w, h) => detector.decodeScale(w, h) }),
          );
          decodeSeconds += decoded.seconds;
          const image = decoded.value;
          const one = await measure(() => detector.detect(image));
          detectSeconds += one.seconds;
          tiles += one.value.tiles;
          faces += one.value.faces.length;
        }
        const perPhoto = detectSeconds / PHOTOS;
        const decodeScale = detector.decodeScale(6000, 4000);
        await detector.release();
        console.log(
          `${model.kind.padEnd(9)} detection: ${fixed(perPhoto, 2)} s per photo (+ decode at ${fixed(decodeScale, 2)}× = ${fixed(perPhoto + decodeSeconds / PHOTOS, 2)} s; target ≤ ${TARGET_SECONDS} s: ${perPhoto <= TARGET_SECONDS ? 'met' : 'MISSED'}), ${Math.round(tiles / PHOTOS)} tiles, ${fixed(faces / PHOTOS, 1)} faces per photo`,
        );
      }

      // The job as the app runs it: decode + detect + store, two photos at a time.
      for (const [model, file] of models) {
        if (model.kind === 'yunet') process.env[FACE_MODEL_ENV] = file;
        else delete process.env[FACE_MODEL_ENV];
        const core = openCore({ dataDir: mkdtempSync(path.join(dir, 'data-')) });
        for (const photo of files) await addIndexedPhoto(core.db, photo);
        const job = await measure(() => startFaceDetectionJob(core).finished);
        await core.close();
        console.log(
          `${model.kind.padEnd(9)} job (concurrency 2): ${fixed(job.seconds / PHOTOS, 2)} s per photo wall time, event loop delay p99 ${fixed(job.eventLoopP99Ms)} ms, max ${fixed(job.eventLoopMaxMs)} ms, peak RSS ${fixed(job.peakRssMb, 0)} MB`,
        );
      }
    } finally {
      if (previousEnv === undefined) delete process.env[FACE_MODEL_ENV];
      else process.env[FACE_MODEL_ENV] = previousEnv;
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
