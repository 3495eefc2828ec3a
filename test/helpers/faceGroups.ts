// 24 MP test frames made of real group photos: the photos of ../shared/realworld/faces pasted whole at native size
// and smaller, at seeded random places (tile borders fall where they fall), their truth boxes scaled with them.
// Recall is counted on the clear faces of at least COUNTED_FACE_PX; a detection on no real, uncertain or printed
// face is a false detection.
import path from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import type { Box } from '../../shared/faces';
import { matchFaces, readFaceTruth, type FaceTruth } from './facesSynthetic';
import { REALWORLD_FACES } from './sharedData';

/**
 * Seeds of the frames the test and the bench use; the detector's thresholds were chosen on other frames
 * (seeds 1000–1002), so these figures are not the ones it was tuned to.
 */
export const GROUP_FRAME_SEEDS = { test: [7001, 7002, 7003], bench: [8001, 8002, 8003] } as const;

/** Faces narrower than this (in the frame's pixels) are neither counted nor held against the detector. */
export const COUNTED_FACE_PX = 20;

export interface GroupFrameFace {
  /** Brow-to-chin truth box in the frame, normalised. */
  readonly box: Box;
  /** Face width in the frame's pixels. */
  readonly widthPx: number;
  readonly source: string;
}

export interface GroupFrame {
  readonly jpeg: Buffer;
  readonly width: number;
  readonly height: number;
  /** Clear real faces (every size; `counted` says which count for recall). */
  readonly faces: GroupFrameFace[];
  /** Boxes a detection may hit without being false: uncertain faces (tiny, backlit) and printed faces. */
  readonly notFalse: Box[];
  /** How many photos were pasted. */
  readonly photos: number;
}

export interface GroupFrameOptions {
  readonly seed?: number;
  readonly width?: number;
  readonly height?: number;
  /** Scales a photo is pasted at (1 = native size). */
  readonly scales?: readonly number[];
  /** Photos to try to place (those that find no free place are left out). */
  readonly photos?: number;
}

const DEFAULT_SCALES = [1, 0.9, 0.8, 0.7, 0.6, 0.5];

function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The "approx box x=…,y=…,w=…,h=…" of a printed face named in truth.json. */
export function depictedFaces(text: string | undefined): Box[] {
  const match = /x=([\d.]+),y=([\d.]+),w=([\d.]+),h=([\d.]+)/.exec(text ?? '');
  return match ? [{ x: Number(match[1]), y: Number(match[2]), w: Number(match[3]), h: Number(match[4]) }] : [];
}

interface Placed {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

const overlaps = (a: Placed, b: Placed, gap: number): boolean =>
  a.left < b.left + b.width + gap &&
  b.left < a.left + a.width + gap &&
  a.top < b.top + b.height + gap &&
  b.top < a.top + a.height + gap;

/**
 * One frame: up to `photos` real photos (every file of truth.json in turn, dogs and printed faces included),
 * each at a random scale from `scales`, at a random free place, on a smooth background.
 */
export async function composeGroupFrame(options: GroupFrameOptions = {}): Promise<GroupFrame> {
  const width = options.width ?? 6000;
  const height = options.height ?? 4000;
  const scales = options.scales ?? DEFAULT_SCALES;
  const random = seeded(options.seed ?? 20261124);
  const truths = readFaceTruth();
  const placed: Placed[] = [];
  const composites: OverlayOptions[] = [];
  const faces: GroupFrameFace[] = [];
  const notFalse: Box[] = [];
  const wanted = options.photos ?? 90;
  for (let i = 0; i < wanted; i++) {
    const truth = truths[i % truths.length]!;
    const scale = scales[Math.floor(random() * scales.length)]!;
    const w = Math.round(truth.width * scale);
    const h = Math.round(truth.height * scale);
    let spot: Placed | null = null;
    for (let attempt = 0; attempt < 200 && !spot; attempt++) {
      const candidate = {
        left: Math.floor(random() * (width - w)),
        top: Math.floor(random() * (height - h)),
        width: w,
        height: h,
      };
      if (!placed.some((p) => overlaps(p, candidate, 8))) spot = candidate;
    }
    if (!spot) continue;
    placed.push(spot);
    composites.push({ input: await photoAt(truth, w, h), left: spot.left, top: spot.top });
    const toFrame = (b: Box): Box => ({
      x: (spot.left + b.x * w) / width,
      y: (spot.top + b.y * h) / height,
      w: (b.w * w) / width,
      h: (b.h * h) / height,
    });
    for (const box of truth.boxes_clear) {
      faces.push({ box: toFrame(box), widthPx: box.w * w, source: truth.file });
    }
    for (const box of [...(truth.boxes_uncertain ?? []), ...depictedFaces(truth.depicted_faces_not_real)]) {
      notFalse.push(toFrame(box));
    }
  }
  const jpeg = await sharp(await background(width, height, random), { raw: { width, height, channels: 3 } })
    .composite(composites)
    .jpeg({ quality: 90 })
    .toBuffer();
  return { jpeg, width, height, faces, notFalse, photos: placed.length };
}

const photoCache = new Map<string, Buffer>();

async function photoAt(truth: FaceTruth, w: number, h: number): Promise<Buffer> {
  const key = `${truth.file}@${w}x${h}`;
  let png = photoCache.get(key);
  if (!png) {
    png = await sharp(path.join(REALWORLD_FACES, truth.file))
      .rotate()
      .resize(w, h, { fit: 'fill', kernel: 'lanczos3' })
      .removeAlpha()
      .png({ compressionLevel: 1 })
      .toBuffer();
    photoCache.set(key, png);
  }
  return png;
}

/** A seeded smooth field of colours: no faces, some structure. */
async function background(width: number, height: number, random: () => number): Promise<Buffer> {
  const field = Buffer.from(Array.from({ length: 60 * 40 * 3 }, () => Math.round(40 + random() * 175)));
  return sharp(field, { raw: { width: 60, height: 40, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .blur(3)
    .raw()
    .toBuffer();
}

export interface GroupScore {
  /** Counted faces (≥ COUNTED_FACE_PX) found, and how many there were. */
  readonly found: number;
  readonly counted: number;
  /** Detections on no clear, uncertain or printed face. */
  readonly falseDetections: number;
  /** Widths (px) of the counted faces missed. */
  readonly missedWidths: number[];
  readonly missed: GroupFrameFace[];
}

/** Scores detections (normalised boxes) against a frame's truth. */
export function scoreGroupFrame(frame: GroupFrame, detected: readonly Box[]): GroupScore {
  const clear = matchFaces(
    frame.faces.map((f) => f.box),
    detected,
  );
  // A detection paired with no clear face is false unless it lies on an uncertain or a printed face.
  const falseDetections = detected.filter(
    (d, j) => !clear.used.has(j) && !frame.notFalse.some((box) => sameFace(box, d)),
  ).length;
  let found = 0;
  let counted = 0;
  const missed: GroupFrameFace[] = [];
  frame.faces.forEach((face, i) => {
    if (face.widthPx < COUNTED_FACE_PX) return;
    counted++;
    if (clear.found[i]) found++;
    else missed.push(face);
  });
  return { found, counted, falseDetections, missedWidths: missed.map((f) => Math.round(f.widthPx)), missed };
}

/** The matching rule of matchFaces for one pair: the face's centre inside the detection, IoU ≥ 0.2. */
function sameFace(truth: Box, d: Box): boolean {
  const cx = truth.x + truth.w / 2;
  const cy = truth.y + truth.h / 2;
  if (cx < d.x || cx > d.x + d.w || cy < d.y || cy > d.y + d.h) return false;
  const inter =
    Math.max(0, Math.min(truth.x + truth.w, d.x + d.w) - Math.max(truth.x, d.x)) *
    Math.max(0, Math.min(truth.y + truth.h, d.y + d.h) - Math.max(truth.y, d.y));
  return inter / (truth.w * truth.h + d.w * d.h - inter) >= 0.2;
}
