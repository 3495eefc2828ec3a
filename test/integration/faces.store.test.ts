// Face detection in the library: stored regions, cache by content hash and model, overlap with file
// regions, user corrections in the audit trail, the detection job, the model setting and IPC.
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { listAuditEvents, verifyAuditTrail } from '../../electron/core/audit/trail';
import { openCore, type CoreContext } from '../../electron/core/context';
import { blazeFace, yunet } from '../../electron/core/faces/models';
import { activeFaceModel, FACE_MODEL_ENV } from '../../electron/core/faces';
import {
  detectPhotoFaces,
  getFaceDetectorInfo,
  listEffectiveRegions,
  listPhotoRegions,
  setFaceModelPath,
  startFaceDetectionJob,
} from '../../electron/core/library';
import { addDrawnFace, dismissFaceRegion } from '../../electron/core/people';
import { createIpcRouter } from '../../electron/core/ipc/handlers';
import { addFileRegion, addIndexedPhoto } from '../helpers/facesLibrary';
import { readFaceTruth } from '../helpers/facesSynthetic';
import { describeNeeding, REALWORLD_FACES, YUNET_FILE } from '../helpers/sharedData';
import { fileHandle } from '../helpers/handles';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const BBT = path.join(REALWORLD_FACES, 'faceapi__bbt4.jpg');
const ELDERLY = path.join(REALWORLD_FACES, 'dlib__2007_007763.jpg');
const noModelEnv = {} as NodeJS.ProcessEnv;

let core: CoreContext;
beforeEach(() => {
  delete process.env[FACE_MODEL_ENV];
  core = openCore({ dataDir: tempDir(), osUser: 'tester' });
});
afterEach(async () => {
  await core.close();
});

const auditActions = () =>
  listAuditEvents(core.db, { limit: 100 })
    .map((e) => e.action)
    .reverse();

describeNeeding(REALWORLD_FACES)('detecting one photo', () => {
  it('stores each face as a detector region, except one a file region already gives', async () => {
    const hash = await addIndexedPhoto(core.db, BBT);
    const tagged = readFaceTruth().find((t) => t.file === 'faceapi__bbt4.jpg')!.boxes_clear[0]!;
    // An MWG-style head region, a little larger than the brow-to-chin truth box.
    addFileRegion(
      core.db,
      hash,
      { x: tagged.x - 0.01, y: tagged.y - 0.03, w: tagged.w + 0.02, h: tagged.h + 0.05 },
      'Leonard',
    );

    const result = await detectPhotoFaces(core, hash, { env: noModelEnv });
    expect(result).toMatchObject({ cached: false, modelId: blazeFace.id, stored: 5, coveredByRegions: 1 });

    const faces = listPhotoRegions(core.db, hash);
    expect(faces.detectedWith).toBe(blazeFace.id);
    const detected = faces.regions.filter((r) => r.source === 'detector');
    expect(detected).toHaveLength(5);
    for (const region of detected) {
      expect(region).toMatchObject({ kind: 'face', namespace: 'fotowacht-detector', dismissedAt: null });
      expect(region.score).toBeGreaterThan(0.6);
      expect(region.box!.x).toBeGreaterThanOrEqual(0);
      expect(region.box!.x + region.box!.w).toBeLessThanOrEqual(1);
    }
    expect(listEffectiveRegions(core.db, hash)).toHaveLength(6);
  });

  it('leaves out a detected face once the file region for it arrives later (re-index after detection)', async () => {
    const hash = await addIndexedPhoto(core.db, BBT);
    await detectPhotoFaces(core, hash, { env: noModelEnv });
    expect(listEffectiveRegions(core.db, hash)).toHaveLength(6);
    const tagged = readFaceTruth().find((t) => t.file === 'faceapi__bbt4.jpg')!.boxes_clear[3]!;
    const fileRegion = addFileRegion(core.db, hash, tagged, 'Raj');
    const effective = listEffectiveRegions(core.db, hash);
    expect(effective).toHaveLength(6);
    expect(effective.filter((r) => r.source === 'detector')).toHaveLength(5);
    expect(effective.map((r) => r.id)).toContain(fileRegion);
  });

  it('skips a photo this model already did, and re-detects when the model changes', async () => {
    const hash = await addIndexedPhoto(core.db, BBT);
    await detectPhotoFaces(core, hash, { env: noModelEnv });
    const ids = listPhotoRegions(core.db, hash).regions.map((r) => r.id);
    const again = await detectPhotoFaces(core, hash, { env: noModelEnv });
    expect(again).toMatchObject({ cached: true, stored: 6, tiles: 0 });
    expect(listPhotoRegions(core.db, hash).regions.map((r) => r.id)).toEqual(ids);

    // Another model id in the cache column (an older model version) means: detect again.
    core.db.prepare('UPDATE photos SET faces_detected_with = ? WHERE hash = ?').run('blazeface-old', hash);
    const redone = await detectPhotoFaces(core, hash, { env: noModelEnv });
    expect(redone.cached).toBe(false);
    expect(listPhotoRegions(core.db, hash).regions.filter((r) => r.source === 'detector')).toHaveLength(6);
  });

  describeNeeding(YUNET_FILE)('with the YuNet model', () => {
    it('uses YuNet from FOTOWACHT_FACE_MODEL when its sha256 matches', async () => {
      const hash = await addIndexedPhoto(core.db, BBT);
      await detectPhotoFaces(core, hash, { env: noModelEnv });
      const env = { [FACE_MODEL_ENV]: YUNET_FILE } as NodeJS.ProcessEnv;
      expect(activeFaceModel(core.db, env).model.id).toBe(yunet.id);
      const result = await detectPhotoFaces(core, hash, { env });
      expect(result).toMatchObject({ cached: false, modelId: yunet.id, stored: 6 });
      expect(listPhotoRegions(core.db, hash).detectedWith).toBe(yunet.id);
    });
  });
});

describe('choosing the face model', () => {
  it('ignores a model file whose sha256 does not match, and says why', () => {
    const fake = path.join(tempDir(), 'fake.onnx');
    writeFileSync(fake, 'not a model');
    const info = getFaceDetectorInfo(core.db, { [FACE_MODEL_ENV]: fake } as NodeJS.ProcessEnv);
    expect(info.active.kind).toBe('blazeface');
    expect(info.yunet).toMatchObject({ installed: false, from: 'env', problem: 'hashMismatch' });
    expect(() => setFaceModelPath(core, fake)).toThrow(AppError);
    expect(() => setFaceModelPath(core, path.join(tempDir(), 'absent.onnx'))).toThrow(/faces\.model\.missing/);
  });

  describeNeeding(YUNET_FILE)('with the YuNet model', () => {
    it('installs YuNet as a setting, audited, and can go back to BlazeFace', () => {
      const copy = path.join(tempDir(), 'yunet.onnx');
      copyFileSync(YUNET_FILE, copy);
      const info = setFaceModelPath(core, copy);
      expect(info.active.kind).toBe('yunet');
      expect(info.yunet).toMatchObject({ installed: true, from: 'setting', path: copy, problem: null });
      expect(setFaceModelPath(core, null).active.kind).toBe('blazeface');
      expect(auditActions()).toEqual(['faces.model.set', 'faces.model.set']);
    });
  });
});

describeNeeding(REALWORLD_FACES)('user corrections', () => {
  it('dismisses a false detection without deleting it, audited, and keeps it dismissed on re-detection', async () => {
    const hash = await addIndexedPhoto(core.db, BBT);
    await detectPhotoFaces(core, hash, { env: noModelEnv });
    const victim = listPhotoRegions(core.db, hash).regions.find((r) => r.source === 'detector')!;

    const dismissed = dismissFaceRegion(core, victim.id);
    expect(dismissed.dismissedAt).not.toBeNull();
    expect(dismissed.dismissedBy).toBe('tester');
    expect(listEffectiveRegions(core.db, hash).map((r) => r.id)).not.toContain(victim.id);
    expect(listPhotoRegions(core.db, hash).regions.map((r) => r.id)).toContain(victim.id);
    // Dismissing twice changes nothing and logs nothing more.
    dismissFaceRegion(core, victim.id);

    await detectPhotoFaces(core, hash, { env: noModelEnv, force: true });
    const after = listPhotoRegions(core.db, hash).regions.filter((r) => r.source === 'detector');
    expect(after).toHaveLength(6);
    expect(after.filter((r) => r.dismissedAt !== null).map((r) => r.id)).toEqual([victim.id]);

    const events = listAuditEvents(core.db, { limit: 10 }).filter((e) => e.action === 'faces.dismiss');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ subject: `photo:${hash}`, actorOs: 'tester' });
    expect(verifyAuditTrail(core.db).ok).toBe(true);
  });

  it('adds a face the detector missed as a user region, audited; it then counts as given', async () => {
    const hash = await addIndexedPhoto(core.db, BBT);
    const truth = readFaceTruth().find((t) => t.file === 'faceapi__bbt4.jpg')!.boxes_clear[2]!;
    const drawn = addDrawnFace(core, hash, truth);
    expect(drawn).toMatchObject({ source: 'user', kind: 'face', createdBy: 'tester', box: truth });
    expect(auditActions()).toEqual(['faces.draw']);

    const result = await detectPhotoFaces(core, hash, { env: noModelEnv });
    expect(result).toMatchObject({ stored: 5, coveredByRegions: 1 });
    expect(listEffectiveRegions(core.db, hash)).toHaveLength(6);
  });

  it('refuses to dismiss a file region, an unknown region, a tiny box or an unknown photo', async () => {
    const hash = await addIndexedPhoto(core.db, BBT);
    const fileRegion = addFileRegion(core.db, hash, { x: 0.1, y: 0.1, w: 0.1, h: 0.1 }, 'Penny');
    expect(() => dismissFaceRegion(core, fileRegion)).toThrow(/faces\.cannotDismissFileRegion/);
    expect(() => dismissFaceRegion(core, 9999)).toThrow(/faces\.regionNotFound/);
    expect(() => addDrawnFace(core, hash, { x: 0.5, y: 0.5, w: 0.0001, h: 0.1 })).toThrow(/faces\.boxTooSmall/);
    expect(() => addDrawnFace(core, 'f'.repeat(64), { x: 0.5, y: 0.5, w: 0.1, h: 0.1 })).toThrow(
      /faces\.photoNotFound/,
    );
    expect(auditActions()).toEqual([]);
  });
});

describeNeeding(REALWORLD_FACES)('the detection job', () => {
  it('detects every pending photo two at a time, reports a broken file, and resumes where it stopped', async () => {
    const broken = path.join(tempDir(), 'broken.jpg');
    writeFileSync(broken, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(500, 7)]));
    const hashes = [
      await addIndexedPhoto(core.db, BBT),
      await addIndexedPhoto(core.db, ELDERLY),
      await addIndexedPhoto(core.db, broken),
    ];
    const seen: number[] = [];
    core.jobs.onProgress((p) => seen.push(p.done + p.failed + p.skipped));

    const first = await startFaceDetectionJob(core).finished;
    expect(first).toMatchObject({ kind: 'faces', state: 'done', total: 3, done: 2, failed: 1 });
    expect(first.errors[0]).toMatchObject({ item: broken, code: 'library.file.unreadable' });
    expect(first.result).toMatchObject({ modelId: blazeFace.id, photos: 2, faces: 13 });
    expect(seen.at(-1)).toBe(3);
    expect(listPhotoRegions(core.db, hashes[1]!).regions).toHaveLength(7);
    expect(auditActions()).toEqual(['faces.detect']);

    // Resumable: only the photo without a result is tried again.
    const second = await startFaceDetectionJob(core).finished;
    expect(second).toMatchObject({ state: 'done', total: 1, failed: 1, done: 0 });
    expect(getFaceDetectorInfo(core.db, noModelEnv).pendingPhotos).toBe(1);
  });

  it('can be cancelled', async () => {
    for (const file of [BBT, ELDERLY]) await addIndexedPhoto(core.db, file);
    const handle = startFaceDetectionJob(core);
    core.jobs.cancel(handle.jobId);
    const finished = await handle.finished;
    expect(finished.state).toBe('cancelled');
  });
});

describeNeeding(REALWORLD_FACES)('faces over IPC', () => {
  it('lists, dismisses, draws, reports the detector and starts a job, with validated input', async () => {
    const router = createIpcRouter(core, { mediaBaseUrl: 'test://' });
    const hash = await addIndexedPhoto(core.db, BBT);
    const started = await router.invoke('startFaceDetection', {});
    expect(started.ok).toBe(true);
    await core.jobs.waitForIdle();

    const listed = await router.invoke('getPhotoPeople', { photoHash: hash });
    if (!listed.ok) throw new Error('getPhotoPeople failed');
    const regions = (listed.value as { regions: Array<{ regionId: number; source: string; score: number | null }> })
      .regions;
    expect(regions.filter((r) => r.source === 'detector')).toHaveLength(6);
    expect(regions.every((r) => r.score !== null && r.score > 0)).toBe(true);

    expect((await router.invoke('dismissFace', { regionId: regions[0]!.regionId })).ok).toBe(true);
    const after = await router.invoke('getPhotoPeople', { photoHash: hash });
    if (!after.ok) throw new Error('getPhotoPeople failed');
    const dismissed = (after.value as { regions: Array<{ regionId: number }> }).regions.find(
      (r) => r.regionId === regions[0]!.regionId,
    );
    expect(dismissed).toMatchObject({ dismissed: true, counted: false });
    const drawn = await router.invoke('addDrawnFace', { photoHash: hash, box: { x: 0.5, y: 0.5, w: 0.1, h: 0.1 } });
    expect(drawn.ok).toBe(true);
    const info = await router.invoke('getFaceDetectorInfo', {});
    expect(info).toMatchObject({ ok: true, value: { pendingPhotos: 0 } });

    expect(
      await router.invoke('addDrawnFace', { photoHash: hash, box: { x: 1.5, y: 0, w: 0.1, h: 0.1 } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ipc.invalidParams' },
    });
    expect(await router.invoke('getPhotoPeople', { photoHash: 'nope' })).toMatchObject({ ok: false });
    expect(await router.invoke('setFaceModelPath', { path: '/nonexistent.onnx' })).toMatchObject({
      ok: false,
      error: { code: 'ipc.invalidParams' },
    });
    expect(await router.invoke('checkPath', { purpose: 'faceModel', path: '/nonexistent.onnx' })).toMatchObject({
      ok: false,
      error: { code: 'files.notFound' },
    });
    // A model file that exists but is not YuNet: checked by its handle, refused by its sha256.
    const fake = path.join(tempDir(), 'yunet.onnx');
    writeFileSync(fake, 'not a model');
    expect(
      await router.invoke('setFaceModelPath', { file: await fileHandle(router, 'faceModel', fake) }),
    ).toMatchObject({ ok: false, error: { code: 'faces.model.hashMismatch' } });
    expect(await router.invoke('setFaceModelPath', { file: null })).toMatchObject({ ok: true });
  });
});
