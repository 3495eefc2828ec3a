// Runs a face model over a photo: several scales, overlapping tiles at each, the face sizes the model sees
// well kept per scale, then merged (NMS) and grown from brow-to-chin to the whole head.
import { availableParallelism } from 'node:os';
import {
  growFaceBox,
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
  ) {}

  static async load(model: FaceModel, modelPath: string, workers = INFERENCE_WORKERS): Promise<FaceDetector> {
    const pool = new InferencePool(modelPath, model.input, workers);
    // Fail here, not on the first photo, when the file is not a model this runtime can load.
    try {
      await pool.run(new Uint8Array(model.input.size * model.input.size * 3));
    } catch (error) {
      await pool.release();
      throw error;
    }
    return new FaceDetector(model, pool);
  }

  async release(): Promise<void> {
    await this.pool.release();
  }

  /** The scale to decode a photo at: its finest pass (never above 1), so no pixels are held that no pass uses. */
  decodeScale(photoWidth: number, photoHeight: number): number {
    return Math.min(1, this.model.geometry.minFace / defaultMinFacePx(photoWidth, photoHeight));
  }

  async detect(image: DecodedImage, options: DetectOptions = {}): Promise<Detection> {
    const geometry = this.model.geometry;
    // Face sizes are given in the photo's pixels; the decoded image may be smaller (decodeScale).
    const decodedScale = image.width / image.photoWidth;
    const minFacePx = (options.minFacePx ?? defaultMinFacePx(image.photoWidth, image.photoHeight)) * decodedScale;
    const passes = planScales(image.width, image.height, geometry, { minFacePx, maxScale: 2 });
    const size = geometry.inputSize;
    const found: ScoredBox[] = [];
    let tileCount = 0;
    for (const pass of passes) {
      options.signal?.throwIfAborted();
      const scaled = await resizeDecoded(image, pass.scale);
      const sx = scaled.width / image.width;
      const sy = scaled.height / image.height;
      const detectTile = async (tile: Tile): Promise<void> => {
        options.signal?.throwIfAborted();
        const left = Math.round(tile.left * sx);
        const top = Math.round(tile.top * sy);
        const outputs = await this.pool.run(copyTile(scaled, left, top, size));
        tileCount++;
        for (const box of this.model.decode(outputs)) {
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
      // Two tiles in flight per worker keeps every worker busy without piling up tile copies.
      const tiles = planTiles(image.width, image.height, pass, geometry);
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < tiles.length) await detectTile(tiles[next++]!);
      };
      await Promise.all(Array.from({ length: this.pool.parallelism * 2 }, lane));
    }
    const merged = nonMaxSuppression(found);
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
