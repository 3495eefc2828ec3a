// Synthetic test photos for face detection: real face crops (cut from ../shared/realworld/faces using the
// truth boxes; see sharedData.ts) pasted at chosen sizes into a large photo-like background. Written to a temp folder only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import type { Box } from '../../shared/faces';
import { REALWORLD_FACES } from './sharedData';

export interface FaceTruth {
  readonly file: string;
  readonly width: number;
  readonly height: number;
  readonly visible_real_faces_clear: number;
  readonly uncertain_real_faces: number;
  readonly boxes_clear: Box[];
  readonly boxes_uncertain?: Box[];
  readonly depicted_faces_not_real?: string;
}

export function readFaceTruth(): FaceTruth[] {
  return JSON.parse(readFileSync(path.join(REALWORLD_FACES, 'truth.json'), 'utf8')) as FaceTruth[];
}

export interface FaceCrop {
  /** RGB raw of the crop: the face box with `context` of its size around it. */
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  /** Where the truth (brow-to-chin) box lies inside the crop, normalised. */
  readonly face: Box;
  readonly source: string;
}

/** Crops of every clear truth face, with 60% context around the box (hair, neck, background). */
export async function cutFaceCrops(context = 0.6): Promise<FaceCrop[]> {
  const crops: FaceCrop[] = [];
  for (const truth of readFaceTruth()) {
    for (const box of truth.boxes_clear) {
      const bx = box.x * truth.width;
      const by = box.y * truth.height;
      const bw = box.w * truth.width;
      const bh = box.h * truth.height;
      const left = Math.max(0, Math.round(bx - bw * context));
      const top = Math.max(0, Math.round(by - bh * context));
      const right = Math.min(truth.width, Math.round(bx + bw * (1 + context)));
      const bottom = Math.min(truth.height, Math.round(by + bh * (1 + context)));
      const { data, info } = await sharp(path.join(REALWORLD_FACES, truth.file))
        .rotate()
        .extract({ left, top, width: right - left, height: bottom - top })
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      crops.push({
        data,
        width: info.width,
        height: info.height,
        face: { x: (bx - left) / info.width, y: (by - top) / info.height, w: bw / info.width, h: bh / info.height },
        source: truth.file,
      });
    }
  }
  return crops;
}

export interface PastedFace {
  /** Truth box in the synthetic photo, normalised. */
  readonly box: Box;
  /** Face width in pixels. */
  readonly size: number;
}

/**
 * A width×height JPEG with the crops pasted so that each face box is `sizes[i]` pixels wide, on a grid,
 * over a smooth photo-like background (gradients and soft blobs, no faces).
 */
export async function composeSyntheticPhoto(
  crops: readonly FaceCrop[],
  sizes: readonly number[],
  width = 6000,
  height = 4000,
): Promise<{ jpeg: Buffer; faces: PastedFace[] }> {
  // A seeded noise field blown up to photo size: the same background on every run.
  let seed = 20260824;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const field = Buffer.from(Array.from({ length: 60 * 40 * 3 }, () => Math.round(40 + random() * 175)));
  const background = await sharp(field, { raw: { width: 60, height: 40, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .blur(3)
    .raw()
    .toBuffer();
  const composites: OverlayOptions[] = [];
  const faces: PastedFace[] = [];
  // Shelf packing: left to right, rows as tall as their tallest crop.
  let x = 40;
  let y = 40;
  let rowHeight = 0;
  for (let i = 0; i < sizes.length; i++) {
    const size = sizes[i]!;
    const crop = crops[i % crops.length]!;
    const scale = size / (crop.face.w * crop.width);
    const w = Math.max(1, Math.round(crop.width * scale));
    const h = Math.max(1, Math.round(crop.height * scale));
    if (x + w > width - 40) {
      x = 40;
      y += rowHeight + Math.max(40, size);
      rowHeight = 0;
    }
    if (y + h > height - 40) throw new Error(`synthetic photo full at face ${i}`);
    const input = await sharp(crop.data, { raw: { width: crop.width, height: crop.height, channels: 3 } })
      .resize(w, h, { kernel: 'lanczos3' })
      .png()
      .toBuffer();
    composites.push({ input, left: x, top: y });
    faces.push({
      box: {
        x: (x + crop.face.x * w) / width,
        y: (y + crop.face.y * h) / height,
        w: (crop.face.w * w) / width,
        h: (crop.face.h * h) / height,
      },
      size,
    });
    x += w + Math.max(40, Math.round(size * 0.6));
    rowHeight = Math.max(rowHeight, h);
  }
  const jpeg = await sharp(background, { raw: { width, height, channels: 3 } })
    .composite(composites)
    .jpeg({ quality: 90 })
    .toBuffer();
  return { jpeg, faces };
}

/**
 * Matches truth faces to detected boxes one to one: a detection covers a truth face when the face's centre
 * lies inside it and IoU with the (smaller, brow-to-chin) truth box is at least 0.2.
 */
export function matchFaces(
  truth: readonly Box[],
  detected: readonly Box[],
): { found: boolean[]; falseBoxes: number; used: ReadonlySet<number> } {
  const used = new Set<number>();
  const found = truth.map((t) => {
    let best = -1;
    let bestIou = 0;
    detected.forEach((d, j) => {
      if (used.has(j)) return;
      const cx = t.x + t.w / 2;
      const cy = t.y + t.h / 2;
      if (cx < d.x || cx > d.x + d.w || cy < d.y || cy > d.y + d.h) return;
      const inter =
        Math.max(0, Math.min(t.x + t.w, d.x + d.w) - Math.max(t.x, d.x)) *
        Math.max(0, Math.min(t.y + t.h, d.y + d.h) - Math.max(t.y, d.y));
      const value = inter / (t.w * t.h + d.w * d.h - inter);
      if (value >= 0.2 && value > bestIou) {
        best = j;
        bestIou = value;
      }
    });
    if (best >= 0) used.add(best);
    return best >= 0;
  });
  return { found, falseBoxes: detected.length - used.size, used };
}
