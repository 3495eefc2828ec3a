// Taking photos in with faces: the index job searches each new photo for faces from its own decode (the hook that
// ingest wires), the face job behind it counts and logs that search and does what is left, and a change of model
// is searched again by the face job.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { listAuditEvents } from '../../electron/core/audit/trail';
import { openCore, type CoreContext } from '../../electron/core/context';
import { FACE_MODEL_ENV } from '../../electron/core/faces';
import { blazeFace, yunet } from '../../electron/core/faces/models';
import {
  detectPhotoFaces,
  faceSearchOf,
  listPhotoRegions,
  sha256,
  startIngest,
  startReingest,
} from '../../electron/core/library';
import { addIndexedPhoto } from '../helpers/facesLibrary';
import { describeNeeding, REALWORLD_FACES, YUNET_FILE } from '../helpers/sharedData';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const PHOTOS = ['faceapi__bbt4.jpg', 'dlib__2007_007763.jpg'];

let core: CoreContext;
let folder: string;
beforeEach(() => {
  delete process.env[FACE_MODEL_ENV];
  core = openCore({ dataDir: tempDir(), osUser: 'tester' });
  folder = path.join(tempDir(), 'Schoolfoto 2026');
});
afterEach(async () => {
  delete process.env[FACE_MODEL_ENV];
  await core.close();
});

const detectorBoxes = (c: CoreContext, hash: string) =>
  listPhotoRegions(c.db, hash)
    .regions.filter((r) => r.source === 'detector')
    .map((r) => r.box!)
    .sort((a, b) => a.x - b.x);

const faceAudits = () => listAuditEvents(core.db, { limit: 100 }).filter((e) => e.action === 'faces.detect');

describeNeeding(REALWORLD_FACES)('faces while taking photos in', () => {
  it('searches each new photo while indexing it, as detecting it from its file would, and logs the search once', async () => {
    mkdirSync(folder, { recursive: true });
    for (const file of PHOTOS) copyFileSync(path.join(REALWORLD_FACES, file), path.join(folder, file));
    writeFileSync(path.join(folder, 'kapot.jpg'), Buffer.from('not a photo'));
    const hashes = PHOTOS.map((file) => sha256(readFileSync(path.join(folder, file))));

    const jobs = await startIngest(core, folder);
    const index = await jobs.index[0]!.finished;
    expect(index.result).toMatchObject({ indexed: 2 });
    // Searched by the index job already, before the face job has run.
    for (const hash of hashes) expect(faceSearchOf(core.db, hash)?.detectedWith).toBe(blazeFace.id);

    const faces = await jobs.faces!.finished;
    const stored = hashes.reduce((n, hash) => n + detectorBoxes(core, hash).length, 0);
    expect(stored).toBeGreaterThan(8);
    expect(faces.result).toEqual({ modelId: blazeFace.id, photos: 2, faces: stored });
    expect(faceAudits()).toHaveLength(1);
    expect(faceAudits()[0]!.details).toMatchObject({ model: blazeFace.id, photos: 2, faces: stored });

    // The same boxes as detecting the photo from its file (the face job's way).
    const other = openCore({ dataDir: tempDir(), osUser: 'tester' });
    try {
      for (const [i, file] of PHOTOS.entries()) {
        const hash = await addIndexedPhoto(other.db, path.join(folder, file));
        await detectPhotoFaces(other, hash, { env: {} });
        const fromFile = detectorBoxes(other, hash);
        const fromIndex = detectorBoxes(core, hashes[i]!);
        expect(fromIndex).toHaveLength(fromFile.length);
        fromIndex.forEach((box, k) => {
          expect(box.x).toBeCloseTo(fromFile[k]!.x, 2);
          expect(box.w).toBeCloseTo(fromFile[k]!.w, 2);
        });
      }
    } finally {
      await other.close();
    }
  });

  it('stops searching inside indexing once the face search is cancelled, leaving the photos to review', async () => {
    mkdirSync(folder, { recursive: true });
    for (const file of PHOTOS) copyFileSync(path.join(REALWORLD_FACES, file), path.join(folder, file));
    const jobs = await startIngest(core, folder);
    core.jobs.cancel(jobs.faces!.jobId);
    expect((await jobs.index[0]!.finished).result).toMatchObject({ indexed: 2 });
    expect((await jobs.faces!.finished).state).toBe('cancelled');
    for (const file of PHOTOS) {
      expect(faceSearchOf(core.db, sha256(readFileSync(path.join(folder, file))))?.detectedWith).toBeNull();
    }
  });

  it('leaves faces alone without --faces, and the face job then searches what indexing did not', async () => {
    mkdirSync(folder, { recursive: true });
    copyFileSync(path.join(REALWORLD_FACES, PHOTOS[0]!), path.join(folder, PHOTOS[0]!));
    const hash = sha256(readFileSync(path.join(folder, PHOTOS[0]!)));
    const first = await startIngest(core, folder, { faces: false });
    await first.index[0]!.finished;
    expect(first.faces).toBeNull();
    expect(faceSearchOf(core.db, hash)?.detectedWith).toBeNull();

    // Unchanged on the next run: not indexed again, so searched by the face job.
    const again = startReingest(core);
    expect((await again.index[0]!.finished).result).toMatchObject({ indexed: 0, unchanged: 1 });
    expect((await again.faces!.finished).result).toMatchObject({ modelId: blazeFace.id, photos: 1 });
    expect(faceSearchOf(core.db, hash)?.detectedWith).toBe(blazeFace.id);
  });
});

describeNeeding(REALWORLD_FACES, YUNET_FILE)('faces after a change of model', () => {
  it('searches every photo again through the face job', async () => {
    mkdirSync(folder, { recursive: true });
    for (const file of PHOTOS) copyFileSync(path.join(REALWORLD_FACES, file), path.join(folder, file));
    const jobs = await startIngest(core, folder);
    await jobs.faces!.finished;

    process.env[FACE_MODEL_ENV] = YUNET_FILE;
    const again = startReingest(core);
    expect((await again.index[0]!.finished).result).toMatchObject({ indexed: 0, unchanged: 2 });
    expect((await again.faces!.finished).result).toMatchObject({ modelId: yunet.id, photos: 2 });
    expect(faceAudits()).toHaveLength(2);
  });
});
