// Face detection, the pure part: boxes, overlap, non-maximum suppression, growing brow-to-chin boxes,
// the plan of scales and tiles over a large photo, and overlap with the regions a file already gives.
// Detection only: nothing here (or anywhere in Fotowacht) describes or compares what a face looks like.

import { boxArea, intersectionArea, iou, type Box } from './geometry';
import type { PhotoRegion } from './people';

export { iou, type Box };

export interface ScoredBox extends Box {
  readonly score: number;
}

export type FaceModelKind = 'blazeface' | 'yunet';

export interface PhotoFaces {
  readonly photoHash: string;
  /** Model id@version that last detected this photo, or null when it was never run. */
  readonly detectedWith: string | null;
  readonly detectedAt: string | null;
  /** Every region of the photo, dismissed ones included (so the UI can show and undo them). */
  readonly regions: readonly PhotoRegion[];
}

export interface FaceDetectorInfo {
  /** The model new detections use: YuNet when a verified file is installed, else BlazeFace. */
  readonly active: { readonly kind: FaceModelKind; readonly id: string };
  readonly yunet: {
    readonly installed: boolean;
    readonly path: string | null;
    /** Where the path came from: the FOTOWACHT_FACE_MODEL variable wins over the setting. */
    readonly from: 'env' | 'setting' | null;
    /** Set when a path is configured but the file is missing or its sha256 does not match. */
    readonly problem: 'missing' | 'hashMismatch' | null;
  };
  /** Photos with no result of the active model yet. */
  readonly pendingPhotos: number;
}

export const area = boxArea;
export const intersection = intersectionArea;

export const centre = (b: Box): { x: number; y: number } => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });

export function containsPoint(b: Box, p: { x: number; y: number }): boolean {
  return p.x >= b.x && p.x <= b.x + b.w && p.y >= b.y && p.y <= b.y + b.h;
}

export interface NmsOptions {
  /** Two boxes over this IoU are one face. */
  readonly iouThreshold?: number;
  /** A box with at least this share of its area inside another is part of that face. */
  readonly containment?: number;
}

/** Whether two boxes are one face for non-maximum suppression: they overlap much, or one lies mostly in the other. */
export function isSameFace(a: Box, b: Box, options: NmsOptions = {}): boolean {
  const inter = intersection(a, b);
  if (inter === 0) return false;
  const containment = options.containment ?? 0.7;
  return iou(a, b) > (options.iouThreshold ?? 0.35) || inter >= containment * area(a) || inter >= containment * area(b);
}

/**
 * Greedy non-maximum suppression across tiles and scales. When a suppressed box encloses the kept one
 * (the same face seen whole at a coarser scale, part of it at a finer), the kept face takes the larger
 * geometry: for hiding, too large is safe, too small is not. A box that encloses two or more kept faces is
 * dropped: it is a group, and taking its geometry would lose the faces in it.
 */
export function nonMaxSuppression<T extends ScoredBox>(boxes: readonly T[], options: NmsOptions = {}): T[] {
  const containment = options.containment ?? 0.7;
  const sorted = [...boxes].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  // Only kept boxes that overlap a candidate can enclose it or be the same face: a grid finds them without
  // comparing every pair (a 24 MP group photo gives thousands of boxes). The result is the pairwise one.
  const grid = new BoxGrid(sorted);
  for (const candidate of sorted) {
    const near = grid.near(candidate);
    // A box around two or more faces already kept is a group, not a face: it neither absorbs them nor stays.
    let enclosed = 0;
    for (const i of near) if (intersection(kept[i]!, candidate) >= containment * area(kept[i]!)) enclosed++;
    if (enclosed >= 2) continue;
    let merged = false;
    for (const i of near) {
      const keep = kept[i]!;
      if (!isSameFace(keep, candidate, options)) continue;
      const inter = intersection(keep, candidate);
      if (inter >= containment * area(keep) && area(candidate) > area(keep)) {
        kept[i] = { ...candidate, score: keep.score };
        grid.add(i, kept[i]!);
      }
      merged = true;
      break;
    }
    if (!merged) {
      kept.push(candidate);
      grid.add(kept.length - 1, candidate);
    }
  }
  return kept;
}

/**
 * Kept boxes by grid cell (about twice the mean box size): `near` gives, in keeping order, every kept box that may
 * overlap a box — those sharing a cell with it, and any without area (which count as enclosed by every box).
 */
class BoxGrid {
  private readonly cell: number;
  private readonly cells = new Map<string, number[]>();
  private readonly empty: number[] = [];

  constructor(boxes: readonly Box[]) {
    const mean = boxes.reduce((sum, b) => sum + Math.max(b.w, b.h), 0) / Math.max(1, boxes.length);
    this.cell = mean > 0 && Number.isFinite(mean) ? mean * 2 : 1;
  }

  private span(b: Box): [number, number, number, number] {
    return [
      Math.floor(b.x / this.cell),
      Math.floor((b.x + b.w) / this.cell),
      Math.floor(b.y / this.cell),
      Math.floor((b.y + b.h) / this.cell),
    ];
  }

  add(index: number, b: Box): void {
    if (!(area(b) > 0)) {
      this.empty.push(index);
      return;
    }
    const [x0, x1, y0, y1] = this.span(b);
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const key = `${x},${y}`;
        const list = this.cells.get(key);
        if (!list) this.cells.set(key, [index]);
        else if (list[list.length - 1] !== index) list.push(index);
      }
    }
  }

  near(b: Box): number[] {
    const found = new Set<number>(this.empty);
    if (area(b) > 0) {
      const [x0, x1, y0, y1] = this.span(b);
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) for (const index of this.cells.get(`${x},${y}`) ?? []) found.add(index);
      }
    } else {
      // A box without area overlaps nothing, yet another box may still count it as enclosed: check them all.
      for (const list of this.cells.values()) for (const index of list) found.add(index);
    }
    return [...found].sort((a, b) => a - b);
  }
}

/**
 * Grows a brow-to-chin face box to cover forehead, hair, ears and chin: `grow` more width and height,
 * with the extra height mostly above (the models cut at the brow). Clamped to the image, normalised.
 */
export function growFaceBox<T extends Box>(box: T, grow = 0.25): T {
  const w = box.w * (1 + grow);
  const h = box.h * (1 + grow);
  const x = box.x - (w - box.w) / 2;
  const y = box.y - (h - box.h) * 0.65;
  const left = clamp01(x);
  const top = clamp01(y);
  const right = clamp01(x + w);
  const bottom = clamp01(y + h);
  return { ...box, x: left, y: top, w: right - left, h: bottom - top };
}

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

/** Face sizes (the longer side of the model's box, in model-input pixels) a model finds well at one scale. */
export interface ModelGeometry {
  /** Square model input, pixels. */
  readonly inputSize: number;
  readonly minFace: number;
  readonly maxFace: number;
  /**
   * The input side the coarsest pass fits the whole photo into: the size the model was trained at, when its tiles
   * are larger (a large face seen larger than the model knows is a poor guess). inputSize when absent.
   */
  readonly wholeSize?: number;
}

export interface ScalePass {
  /** Model pixels per image pixel. */
  readonly scale: number;
  /** Face size window kept from this pass, in image pixels (the outer passes keep everything beyond). */
  readonly keepMin: number;
  readonly keepMax: number;
}

export interface Tile {
  readonly scale: number;
  /** The tile's square in image pixels (may run past the image edge; the rest is padding). */
  readonly left: number;
  readonly top: number;
  readonly size: number;
}

export interface TilePlanOptions {
  /** Smallest face to find, image pixels. */
  readonly minFacePx: number;
  /** Never upscale beyond this (model pixels per image pixel). */
  readonly maxScale?: number;
  /** Neighbouring passes' windows overlap by this factor, so no size falls between them. */
  readonly windowOverlap?: number;
  /**
   * Make every full step down to the whole-photo pass (absent: a step that would cover almost the same sizes as the
   * whole-photo pass is left to it). The whole-photo pass then never has to find a face smaller than the model's
   * smallest size, which the default allows for faces just above the finer pass's window (they are found there,
   * but their boxes are coarse).
   */
  readonly everyStep?: boolean;
}

/**
 * The scales for one photo: the finest makes the smallest wanted face `minFace` model pixels; each coarser
 * pass covers the next window of sizes; the coarsest fits the whole photo into one model input.
 */
export function planScales(width: number, height: number, model: ModelGeometry, options: TilePlanOptions): ScalePass[] {
  const windowOverlap = options.windowOverlap ?? 1.25;
  const ratio = model.maxFace / model.minFace / windowOverlap;
  const whole = (model.wholeSize ?? model.inputSize) / Math.max(width, height);
  const scales: number[] = [];
  let scale = Math.min(options.maxScale ?? 1, model.minFace / options.minFacePx);
  // Finer passes until one input holds the whole photo; a pass that would cover almost the same sizes
  // as the whole-photo pass is left to it.
  while (scale > whole * (options.everyStep ? windowOverlap : Math.sqrt(ratio))) {
    scales.push(scale);
    scale /= ratio;
  }
  scales.push(whole);
  return scales.map((s, i) => ({
    scale: s,
    // From the previous pass's largest kept size (less the window overlap): no size falls in between,
    // also when the whole-photo pass comes sooner than a full step.
    keepMin: i === 0 ? 0 : model.maxFace / scales[i - 1]! / windowOverlap,
    keepMax: i === scales.length - 1 ? Infinity : model.maxFace / s,
  }));
}

/**
 * The tiles of one pass: model-input squares over the photo, overlapping by the largest face kept from
 * this pass, so each such face lies whole inside at least one tile.
 */
export function planTiles(width: number, height: number, pass: ScalePass, model: ModelGeometry): Tile[] {
  const size = model.inputSize / pass.scale;
  if (size >= width && size >= height) return [{ scale: pass.scale, left: 0, top: 0, size }];
  const overlap = Math.min(size / 2, (model.maxFace * 1.15) / pass.scale);
  const starts = (length: number): number[] => {
    if (size >= length) return [0];
    const count = Math.ceil((length - overlap) / (size - overlap));
    const step = (length - size) / (count - 1);
    return Array.from({ length: count }, (_, i) => Math.round(i * step));
  };
  const tiles: Tile[] = [];
  for (const top of starts(height)) {
    for (const left of starts(width)) tiles.push({ scale: pass.scale, left, top, size });
  }
  return tiles;
}

/**
 * Whether a detected face is already given by a region (from the file, or drawn by a user): IoU at least
 * 0.3, or the centre of one inside the other while their areas differ by no more than 6× (a region the
 * size of the whole group must not swallow the faces in it; those faces still need a name).
 */
export function overlapsRegion(face: Box, region: Box): boolean {
  if (iou(face, region) >= 0.3) return true;
  const ratio =
    area(face) > 0 && area(region) > 0
      ? Math.max(area(face), area(region)) / Math.min(area(face), area(region))
      : Infinity;
  if (ratio > 6) return false;
  return containsPoint(region, centre(face)) || containsPoint(face, centre(region));
}

/** The share of `inner` that lies inside `outer`. */
export function containedShare(inner: Box, outer: Box): number {
  return area(inner) > 0 ? intersection(inner, outer) / area(inner) : 0;
}

/**
 * Which detected faces a given region (file or drawn) already accounts for. Besides `overlapsRegion`, a
 * detection lying mostly inside a larger given box counts as that box's person when it is the only separate
 * detection in it: a face box holds one face, so a small hit on it (an eye, a mouth, part of a drawn face) is
 * that face; a box holding several separate faces, or larger than a face can be, accounts for none of them.
 */
export function coveredDetections(detections: readonly Box[], given: readonly Box[]): boolean[] {
  // Only face-sized boxes (at most a tenth of the photo): a box around a whole group never stands for one face.
  const inside = (face: Box, box: Box) =>
    area(box) <= 0.1 && containedShare(face, box) >= 0.6 && area(face) <= area(box);
  return detections.map((face) => {
    if (given.some((box) => overlapsRegion(face, box))) return true;
    return given.some((box) => {
      if (!inside(face, box)) return false;
      const separate = detections.filter((other) => other !== face && inside(other, box) && iou(other, face) < 0.3);
      return separate.length === 0;
    });
  });
}
