// The worker threads as the bundled app starts them: `electron-vite build` makes each worker its own chunk (from
// a `?nodeWorker` import); here that chunk is started by the bundle's own starter in plain Node and does its work.
// (The app itself needs the Electron binary; these workers do not import Electron.)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker, WorkerOptions } from 'node:worker_threads';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InferenceReply, InferenceRequest, InferenceWorkerData } from '../../electron/core/faces/inferenceWorker';
import { blazeFace, blazeFaceModelPath } from '../../electron/core/faces/models';
import { MAX_INPUT_PIXELS } from '../../electron/core/library/decode';
import type { HeicReply, HeicRequest, HeicWorkerData } from '../../electron/core/library/heicWorker';
import type { PixelReply, PixelRequest, PhotoWork } from '../../electron/core/library/pixels';
import type { FrameScan, FrameScanReply, FrameScanRequest } from '../../electron/core/library/videoFrames';
import { openCore } from '../../electron/core/context';
import type { DecisionReply, DecisionRequest, DecisionWorkerData } from '../../electron/core/publish/decisionWorker';
import type { WriteReply, WriteRequest } from '../../electron/core/publish/writePhoto';
import type { PoolMessage, PoolReply } from '../../electron/core/workers';
import { seedLargeEvent } from '../helpers/largeSchool';
import { useTempDirs } from '../helpers/tempDir';
import { makeClip } from '../helpers/videos';

const tempDir = useTempDirs();

// Inside the repository, so that the bundle's external imports (heic-decode, onnxruntime-node) resolve as in out/.
const OUT = path.resolve('test-results/electron-build');
const CHUNKS = path.join(OUT, 'main/chunks');
const HEIC = path.resolve('test/fixtures/hevc-red-left-blue-right.heic');

type Bundled = 'heicWorker' | 'inferenceWorker' | 'decisionWorker' | 'pixelWorker' | 'writeWorker' | 'videoScanWorker';

/** The chunk that starts a worker (electron-vite's wrapper), found by the worker file it points to. */
function starterChunk(worker: Bundled): { file: string; workerFile: string } {
  const pattern = new RegExp(`new Worker\\(new URL\\("\\./(${worker}-[\\w-]+\\.js)", import\\.meta\\.url\\)`);
  for (const name of readdirSync(CHUNKS)) {
    const match = pattern.exec(readFileSync(path.join(CHUNKS, name), 'utf8'));
    if (match) return { file: path.join(CHUNKS, name), workerFile: path.join(CHUNKS, match[1]!) };
  }
  throw new Error(`no chunk in ${CHUNKS} starts ${worker}`);
}

async function startBundled(worker: Bundled, options: WorkerOptions): Promise<Worker> {
  const starter = starterChunk(worker);
  expect(existsSync(starter.workerFile), starter.workerFile).toBe(true);
  // The app loads the starter through a dynamic import of that same chunk: from its main file, or from a chunk the
  // main file imports (code main shares with a worker thread lives in such a chunk).
  const main = readFileSync(path.join(OUT, 'main/index.js'), 'utf8');
  const shared = [...main.matchAll(/from "\.\/chunks\/([\w-]+\.js)"/g)].map((match) =>
    readFileSync(path.join(CHUNKS, match[1]!), 'utf8'),
  );
  const name = path.basename(starter.file);
  expect(
    main.includes(`import("./chunks/${name}")`) || shared.some((code) => code.includes(`import("./${name}")`)),
    `nothing main loads imports ${name}`,
  ).toBe(true);
  const { default: start } = (await import(pathToFileURL(starter.file).href)) as {
    default: (options: WorkerOptions) => Worker;
  };
  return start(options);
}

function ask<Reply>(
  worker: Worker,
  message: HeicRequest | InferenceRequest | DecisionRequest | PoolMessage<PixelRequest> | PoolMessage<WriteRequest>,
  transfer: ArrayBuffer[] = [],
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.postMessage(message, transfer);
  });
}

beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  const cli = path.join(
    path.dirname(createRequire(import.meta.url).resolve('electron-vite/package.json')),
    'bin/electron-vite.js',
  );
  const build = spawnSync(process.execPath, [cli, 'build', '--outDir', OUT, '--logLevel', 'warn'], {
    encoding: 'utf8',
  });
  expect(build.status, build.stderr).toBe(0);
});

/** A plain 640×480 JPEG (no faces) in a fresh folder, with its content hash. */
async function plainPhoto(): Promise<{ dir: string; file: string; hash: string }> {
  const dir = tempDir();
  const file = path.join(dir, 'plain.jpg');
  const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#7a9' } })
    .jpeg()
    .toBuffer();
  writeFileSync(file, jpeg);
  return { dir, file, hash: createHash('sha256').update(jpeg).digest('hex') };
}

describe('the bundled app’s workers', () => {
  it('read, decode, render and search a photo in the built pixelWorker chunk (its inference threads nested)', async () => {
    const { file, hash } = await plainPhoto();
    const worker = await startBundled('pixelWorker', {});
    try {
      const read = await ask<PoolReply<PixelReply>>(worker, {
        id: 1,
        body: { kind: 'read', token: 1, file, name: 'plain.jpg' },
      });
      expect(read).toEqual({ id: 1, ok: true, value: { hash } });
      const faces = { id: blazeFace.id, path: blazeFaceModelPath() };
      const finish = await ask<PoolReply<PixelReply>>(worker, {
        id: 2,
        body: {
          kind: 'finish',
          token: 1,
          name: 'plain.jpg',
          needs: { metadata: true, sidecar: null, sizes: true, faces },
        },
      });
      expect(finish.ok).toBe(true);
      const work = (finish as { value: PhotoWork }).value;
      expect(work.format).toBe('jpeg');
      expect(work.metadata).toMatchObject({ width: 640, height: 480 });
      expect((await sharp(Buffer.from(work.sizes!.thumbnail)).metadata()).format).toBe('webp');
      const search = await ask<PoolReply<PixelReply>>(worker, {
        id: 5,
        body: { kind: 'search', token: 1, name: 'plain.jpg', faces },
      });
      expect(search).toMatchObject({ id: 5, ok: true, value: { faces: [] } });
      expect((search as { value: { tiles: number } }).value.tiles).toBeGreaterThan(0);
      const missing = await ask<PoolReply<PixelReply>>(worker, {
        id: 3,
        body: { kind: 'read', token: 2, file: `${file}.gone`, name: 'gone.jpg' },
      });
      expect(missing).toMatchObject({ id: 3, ok: false, failure: { kind: 'system', code: 'ENOENT' } });
      expect(await ask<PoolReply<PixelReply>>(worker, { id: 4, body: { kind: 'close' } })).toEqual({
        id: 4,
        ok: true,
        value: null,
      });
    } finally {
      await worker.terminate();
    }
  });

  it('render, write and leak-check an export file in the built writeWorker chunk', async () => {
    const { dir, file, hash } = await plainPhoto();
    const stagingDir = path.join(dir, 'staging');
    mkdirSync(stagingDir);
    const worker = await startBundled('writeWorker', {});
    try {
      const names = await ask<PoolReply<WriteReply>>(worker, {
        id: 1,
        body: { kind: 'names', key: 'e1', names: ['Zoë Bakker'] },
      });
      expect(names).toEqual({ id: 1, ok: true, value: null });
      const settings = { longSide: 320, hideStyle: 'mask' as const, stagingDir, outDir: dir };
      const photo = { photoHash: hash, outputName: 'out.jpg', hide: [] };
      const staged = await ask<PoolReply<WriteReply>>(worker, {
        id: 2,
        body: { kind: 'stage', key: 'e1', files: [file], photo, settings },
      });
      const written = readFileSync(path.join(stagingDir, 'out.jpg'));
      expect(staged).toEqual({
        id: 2,
        ok: true,
        value: { state: 'checked', outputSha256: createHash('sha256').update(written).digest('hex') },
      });
      expect((await sharp(written).metadata()).width).toBe(320);
      const changed = await ask<PoolReply<WriteReply>>(worker, {
        id: 3,
        body: { kind: 'stage', key: 'e1', files: [file], photo: { ...photo, photoHash: '0'.repeat(64) }, settings },
      });
      expect(changed).toMatchObject({ id: 3, ok: false, failure: { kind: 'app', code: 'library.photo.fileMissing' } });
    } finally {
      await worker.terminate();
    }
  });

  it('decode HEIC in the built heicWorker chunk', async () => {
    const workerData: HeicWorkerData = { maxPixels: MAX_INPUT_PIXELS };
    const worker = await startBundled('heicWorker', { workerData });
    try {
      const heic = readFileSync(HEIC);
      const reply = await ask<HeicReply>(worker, { id: 1, buffer: heic });
      expect([reply.id, reply.width, reply.height]).toEqual([1, 96, 64]);
      // Red on the left, blue on the right (RGBA).
      expect([...reply.data!.subarray(0, 3)].map((v) => Math.round(v / 16))).toEqual([16, 0, 0]);
      expect([...reply.data!.subarray(-4, -1)].map((v) => Math.round(v / 16))).toEqual([0, 0, 16]);
      const cut = await ask<HeicReply>(worker, { id: 2, buffer: heic.subarray(0, 600) });
      expect(cut).toEqual({ id: 2, error: 'HEIF image not found' });
    } finally {
      await worker.terminate();
    }
  });

  it('run face inference in the built inferenceWorker chunk', async () => {
    const spec = blazeFace.input;
    const workerData: InferenceWorkerData = { modelPath: blazeFaceModelPath(), spec };
    const worker = await startBundled('inferenceWorker', { workerData });
    try {
      const tile = new Uint8Array(spec.size * spec.size * 3);
      const reply = await ask<InferenceReply>(worker, { id: 7, rgb: tile }, [tile.buffer]);
      expect(reply.error).toBeUndefined();
      expect(reply.id).toBe(7);
      expect(Object.keys(reply.result!).sort()).toEqual([...spec.outputs].sort());
      for (const output of Object.values(reply.result!)) expect(output.data.length).toBeGreaterThan(0);
    } finally {
      await worker.terminate();
    }
  });

  it('count an event’s decisions in the built decisionWorker chunk, on its own read-only connection', async () => {
    const core = openCore({ dataDir: tempDir() });
    seedLargeEvent(core.db, 40);
    const workerData: DecisionWorkerData = { database: core.readOnlyAccess };
    const worker = await startBundled('decisionWorker', { workerData });
    try {
      const query = { channelId: 'social', date: '2026-10-01', eventId: 1 };
      const reply = await ask<DecisionReply>(worker, { id: 3, kind: 'counts', query });
      expect(reply).toEqual({ id: 3, ok: true, value: { publish: 30, hide: 10, blocked: 0, needs_review: 0 } });
      const unknown = await ask<DecisionReply>(worker, { id: 4, kind: 'counts', query: { ...query, eventId: 99 } });
      expect(unknown).toMatchObject({ id: 4, ok: false, error: { code: 'publish.eventUnknown' } });
    } finally {
      await worker.terminate();
      await core.close();
    }
  });

  it('stream a clip from ffmpeg and search its frames in the built videoScanWorker chunk', async () => {
    const clip = makeClip(path.join(tempDir(), 'clip.mp4'), { width: 320, height: 240, fps: 10, seconds: 2 });
    const worker = await startBundled('videoScanWorker', {});
    try {
      const replies: FrameScanReply[] = [];
      const done = new Promise<FrameScan>((resolve, reject) => {
        worker.on('message', (reply: FrameScanReply) => {
          replies.push(reply);
          if (reply.kind === 'done') resolve(reply.result);
          if (reply.kind === 'failed') reject(new Error(JSON.stringify(reply.failure)));
        });
        worker.once('error', reject);
      });
      const request: FrameScanRequest = {
        kind: 'scan',
        id: 3,
        file: clip,
        name: 'clip.mp4',
        display: { width: 320, height: 240 },
        frameRate: 10,
        sampleEvery: 2,
        maxSide: 1920,
        minFaceShare: 1 / 96,
        minFacePx: 10,
        everyScaleStep: true,
        model: { id: blazeFace.id, path: blazeFaceModelPath() },
      };
      worker.postMessage(request);
      const result = await done;
      expect(result).toMatchObject({ frameCount: 20, width: 320, height: 240 });
      expect(result.sampled.map((frame) => frame.frame)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
      expect(replies.filter((reply) => reply.kind === 'progress')).toHaveLength(10);
      const closed = new Promise<void>((resolve) => {
        worker.on('message', (reply: FrameScanReply) => reply.kind === 'closed' && resolve());
      });
      worker.postMessage({ kind: 'close' } satisfies FrameScanRequest);
      await closed;
    } finally {
      await worker.terminate();
    }
  });
});
