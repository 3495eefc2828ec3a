// Runs a face model over a photo: several scales, overlapping tiles at each, the face sizes the model sees
// well kept per scale, then merged (NMS) and grown from brow-to-chin to the whole head.
import { availableParallelism } from 'node:os';
import {
  growFaceBox,
  isSameFace,
  nonMaxSuppression,
  planScales,
  planTiles,
  type ScoredBox,
  type Tile,
} from '../../../shared/faces';
import { resizeDecoded, type DecodedImage } from './decode';
import { InferencePool } from './inference';
import type { FaceModel } from './models';

export interface DetectOptions {
  /** Smallest face to look for, in image pixels (the longer side of the brow-to-chin box). */
  readonly minFacePx?: number;
  /** Every full scale step down to the whole picture (shared/faces.ts planScales): finer boxes, one tile more. */
  readonly everyStep?: boolean;
  readonly signal?: AbortSignal;
}

export interface DetectedFace extends ScoredBox {
  /** The model's own box (normalised), before growing. */
  readonly modelBox: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
}

export interface Detection {
  /** Grown boxes, normalised 0..1 in display orientation, best score first. */
  readonly faces: DetectedFace[];
  readonly tiles: number;
  readonly scales: number[];
}

/** Inference workers: one per core, at most four (two on the school laptops this is made for). */
export const INFERENCE_WORKERS = Math.max(1, Math.min(4, availableParallelism()));

export class FaceDetector {
  private constructor(
    readonly model: FaceModel,
    private readonly pool: InferencePool,
    private readonly secondPool: InferencePool | null,
  ) {}

  static async load(model: FaceModel, modelPath: string, workers = INFERENCE_WORKERS): Promise<FaceDetector> {
    const pools = [new InferencePool(modelPath, model.input, workers)];
    const second = model.secondLook;
    if (second) pools.push(new InferencePool(second.path(), second.model.input, workers));
    // Every worker runs once, so each has its session before the first photo, and a file that is not a model this
    // runtime can load fails here. All settle before any worker is stopped (one stopped while it loads aborts).
    const warmed = await Promise.allSettled(
      pools.flatMap((pool) =>
        Array.from({ length: pool.parallelism }, () => pool.run(new Uint8Array(pool.inputSize ** 2 * 3))),
      ),
    );
    const failure = warmed.find((result) => result.status === 'rejected');
    if (failure) {
      await Promise.all(pools.map((pool) => pool.release()));
      throw failure.reason;
    }
    return new FaceDetector(model, pools[0]!, pools[1] ?? null);
  }

  async release(): Promise<void> {
    await Promise.all([this.pool.release(), this.secondPool?.release()]);
  }

  /**
   * The scale to decode a photo at: its finest pass (never above 1), so no pixels are held that no pass uses;
   * full size for a model whose second look at small faces needs every pixel.
   */
  decodeScale(photoWidth: number, photoHeight: number): number {
    if (this.model.secondLook) return 1;
    return Math.min(1, this.model.geometry.minFace / defaultMinFacePx(photoWidth, photoHeight));
  }

  async detect(image: DecodedImage, options: DetectOptions = {}): Promise<Detection> {
    const model = this.model;
    const geometry = model.geometry;
    // Face sizes are given in the photo's pixels; the decoded image may be smaller (decodeScale).
    const decodedScale = image.width / image.photoWidth;
    const minFacePx = (options.minFacePx ?? defaultMinFacePx(image.photoWidth, image.photoHeight)) * decodedScale;
    const passes = planScales(image.width, image.height, geometry, {
      minFacePx,
      maxScale: 2,
      ...(options.everyStep ? { everyStep: true } : {}),
    });
    const size = geometry.inputSize;
    const found: ScoredBox[] = [];
    let tileCount = 0;
    // Every pass's image is made at once on sharp's threads, so the coarser ones are ready while the finest runs.
    const scaledImages = passes.map((pass) => resizeDecoded(image, pass.scale));
    scaledImages.forEach((scaled) => scaled.catch(() => undefined)); // awaited below; no unhandled rejection
    for (const [index, pass] of passes.entries()) {
      options.signal?.throwIfAborted();
      const scaled = await scaledImages[index]!;
      const sx = scaled.width / image.width;
      const sy = scaled.height / image.height;
      const detectTile = async (tile: Tile): Promise<void> => {
        options.signal?.throwIfAborted();
        const left = Math.round(tile.left * sx);
        const top = Math.round(tile.top * sy);
        const outputs = await this.pool.run(copyTile(scaled, left, top, size));
        tileCount++;
        for (const box of model.decode(outputs, model.proposalThreshold)) {
          const face = {
            x: (left + box.x) / sx,
            y: (top + box.y) / sy,
            w: box.w / sx,
            h: box.h / sy,
            score: box.score,
          };
          const longer = Math.max(face.w, face.h);
          if (longer < pass.keepMin || longer > pass.keepMax) continue;
          if (cutByTileEdge(box, left, top, scaled, size)) continue;
          found.push(face);
        }
      };
      const tiles = planTiles(image.width, image.height, pass, geometry);
      await this.inLanes(tiles, detectTile);
    }
    // Sure faces first; a doubtful one (scored between the proposal threshold and the threshold) that is no part
    // of a sure face gets a second look, and only a confirmed one is kept.
    const sure = nonMaxSuppression(found.filter((f) => f.score >= model.threshold));
    const doubtful = nonMaxSuppression(found.filter((f) => f.score < model.threshold)).filter(
      (d) => !sure.some((f) => isSameFace(f, d)),
    );
    const confirmed: ScoredBox[] = [];
    await this.inLanes(doubtful, async (candidate) => {
      options.signal?.throwIfAborted();
      const score = await this.secondLook(image, candidate);
      if (score !== null) confirmed.push({ ...candidate, score });
    });
    const merged = nonMaxSuppression([...sure, ...confirmed]);
    const faces = merged.map((f): DetectedFace => {
      const modelBox = clampNormalised({
        x: f.x / image.width,
        y: f.y / image.height,
        w: f.w / image.width,
        h: f.h / image.height,
      });
      return { ...growFaceBox({ ...modelBox, score: f.score }), modelBox };
    });
    return { faces: faces.filter((f) => f.w > 0 && f.h > 0), tiles: tileCount, scales: passes.map((p) => p.scale) };
  }

  /** Runs `work` over the items, two in flight per worker: every worker busy without piling up tile copies. */
  private async inLanes<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < items.length) await work(items[next++]!);
    };
    await Promise.all(Array.from({ length: this.pool.parallelism * 2 }, lane));
  }

  /**
   * A doubtful face seen again by the second model (centred, at each face size, as is and mirrored): the mean of
   * its first score and the second model's best scores on it, when that reaches the second look's threshold.
   */
  private async secondLook(image: DecodedImage, candidate: ScoredBox): Promise<number | null> {
    const look = this.model.secondLook;
    if (!look || !this.secondPool) return null;
    const size = look.model.geometry.inputSize;
    // Each face size sampled once: the mirrored view is the same pixels flipped (the sampling is symmetric).
    const views = look.faceSizes.flatMap((faceSize) => {
      const side = (Math.max(candidate.w, candidate.h) * size) / faceSize;
      const left = candidate.x + candidate.w / 2 - side / 2;
      const top = candidate.y + candidate.h / 2 - side / 2;
      const tile = sampleSquare(image, left, top, side, size);
      return [
        { side, left, top, mirrored: false, tile },
        { side, left, top, mirrored: true, tile: mirrorTile(tile, size) },
      ];
    });
    const scores = await Promise.all(
      views.map(async ({ side, left, top, mirrored, tile }) => {
        const outputs = await this.secondPool!.run(tile);
        const perPixel = side / size;
        let best = 0;
        for (const box of look.model.decode(outputs, look.model.threshold)) {
          const x = mirrored ? size - box.x - box.w : box.x;
          const seen = { x: left + x * perPixel, y: top + box.y * perPixel, w: box.w * perPixel, h: box.h * perPixel };
          if (isSameFace(seen, candidate)) best = Math.max(best, box.score);
        }
        return best;
      }),
    );
    const mean = (candidate.score + scores.reduce((a, b) => a + b, 0)) / (1 + scores.length);
    return mean >= look.threshold ? mean : null;
  }
}

/** About 20 px on a 24 MP photo, proportionally less on small ones (down to 10 px). */
export function defaultMinFacePx(width: number, height: number): number {
  return Math.max(10, Math.min(20, Math.max(width, height) / 300));
}

/**
 * A face cut by a tile edge that lies inside the photo is seen whole in the neighbouring tile (tiles overlap
 * by the largest face kept), so the cut half is dropped rather than merged.
 */
function cutByTileEdge(box: ScoredBox, left: number, top: number, scaled: DecodedImage, size: number): boolean {
  const margin = 2;
  const touchesLeft = box.x < margin && left > 0;
  const touchesTop = box.y < margin && top > 0;
  const touchesRight = box.x + box.w > size - margin && left + size < scaled.width;
  const touchesBottom = box.y + box.h > size - margin && top + size < scaled.height;
  return touchesLeft || touchesTop || touchesRight || touchesBottom;
}

function clampNormalised(b: { x: number; y: number; w: number; h: number }) {
  const x = Math.max(0, b.x);
  const y = Math.max(0, b.y);
  return { x, y, w: Math.min(1, b.x + b.w) - x, h: Math.min(1, b.y + b.h) - y };
}

/** A size² square at (left, top) of the image, as a fresh buffer; outside the image stays black. */
function copyTile(image: DecodedImage, left: number, top: number, size: number): Uint8Array {
  const target = new Uint8Array(size * size * 3);
  const rows = Math.min(size, image.height - top);
  const cols = Math.min(size, image.width - left);
  for (let r = 0; r < rows; r++) {
    const from = ((top + r) * image.width + left) * 3;
    target.set(image.data.subarray(from, from + cols * 3), r * size * 3);
  }
  return target;
}

/** A size² RGB tile flipped left to right, as a fresh buffer. */
export function mirrorTile(tile: Uint8Array, size: number): Uint8Array {
  const mirrored = new Uint8Array(tile.length);
  for (let r = 0; r < size; r++) {
    const row = r * size * 3;
    for (let c = 0; c < size; c++) {
      const from = row + c * 3;
      const to = row + (size - 1 - c) * 3;
      mirrored[to] = tile[from]!;
      mirrored[to + 1] = tile[from + 1]!;
      mirrored[to + 2] = tile[from + 2]!;
    }
  }
  return mirrored;
}

/**
 * A square of the image (side × side pixels at left, top; may run past the edges, which stay black) sampled
 * bilinearly into a size² RGB tile, mirrored left to right when asked.
 */
export function sampleSquare(
  image: DecodedImage,
  left: number,
  top: number,
  side: number,
  size: number,
  mirrored = false,
): Uint8Array {
  const target = new Uint8Array(size * size * 3);
  const step = side / size;
  const { data, width, height } = image;
  // Per column: the two source columns (byte offsets, -1 outside the image) and the weight of the second.
  const x0s = new Int32Array(size);
  const x1s = new Int32Array(size);
  const fxs = new Float32Array(size);
  for (let c = 0; c < size; c++) {
    const x = left + ((mirrored ? size - 1 - c : c) + 0.5) * step - 0.5;
    const x0 = Math.floor(x);
    fxs[c] = x - x0;
    x0s[c] = x0 >= 0 && x0 < width ? x0 * 3 : -1;
    x1s[c] = x0 + 1 >= 0 && x0 + 1 < width ? (x0 + 1) * 3 : -1;
  }
  const rowStride = width * 3;
  for (let r = 0; r < size; r++) {
    const y = top + (r + 0.5) * step - 0.5;
    const y0 = Math.floor(y);
    const fy = y - y0;
    const row0 = y0 >= 0 && y0 < height ? y0 * rowStride : -1;
    const row1 = y0 + 1 >= 0 && y0 + 1 < height ? (y0 + 1) * rowStride : -1;
    if (row0 < 0 && row1 < 0) continue;
    const inside = row0 >= 0 && row1 >= 0;
    for (let c = 0, out = r * size * 3; c < size; c++, out += 3) {
      const a = x0s[c]!;
      const b = x1s[c]!;
      const fx = fxs[c]!;
      if (inside && a >= 0 && b >= 0) {
        // All four neighbours inside the image (most pixels): the same weights and sum, without the edge tests.
        const w00 = (1 - fx) * (1 - fy);
        const w01 = fx * (1 - fy);
        const w10 = (1 - fx) * fy;
        const w11 = fx * fy;
        const p00 = row0 + a;
        const p01 = row0 + b;
        const p10 = row1 + a;
        const p11 = row1 + b;
        for (let k = 0; k < 3; k++) {
          target[out + k] =
            data[p00 + k]! * w00 + data[p01 + k]! * w01 + data[p10 + k]! * w10 + data[p11 + k]! * w11 + 0.5;
        }
        continue;
      }
      const w00 = row0 >= 0 && a >= 0 ? (1 - fx) * (1 - fy) : 0;
      const w01 = row0 >= 0 && b >= 0 ? fx * (1 - fy) : 0;
      const w10 = row1 >= 0 && a >= 0 ? (1 - fx) * fy : 0;
      const w11 = row1 >= 0 && b >= 0 ? fx * fy : 0;
      const p00 = row0 + a;
      const p01 = row0 + b;
      const p10 = row1 + a;
      const p11 = row1 + b;
      for (let k = 0; k < 3; k++) {
        const v =
          (w00 ? data[p00 + k]! * w00 : 0) +
          (w01 ? data[p01 + k]! * w01 : 0) +
          (w10 ? data[p10 + k]! * w10 : 0) +
          (w11 ? data[p11 + k]! * w11 : 0);
        target[out + k] = v + 0.5;
      }
    }
  }
  return target;
}
