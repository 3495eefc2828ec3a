// Clips with moving REAL faces for the video tests and the bench: face crops cut from ../shared/realworld/faces (the
// dlib photos, whose boxes are human annotations) moved along known paths over a smooth background — two crossing
// (one passes in front of the other), one leaving the frame and coming back, the others wandering — encoded by the
// bundled ffmpeg (H.264), optionally with metadata, an audio track or a rotation like makeClip. The true face box
// of every face in every frame is returned, in the orientation a player shows.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Box } from '../../shared/geometry';
import { toolPath } from '../../electron/core/video';
import { readFaceTruth } from './facesSynthetic';
import { REALWORLD_FACES } from './sharedData';
import { ffmpeg } from './videos';

/** The folder the faces come from: tests use `describeNeeding(MOVING_FACES_SOURCE)` to skip without it. */
export const MOVING_FACES_SOURCE = REALWORLD_FACES;

export type FacePath = 'crossing-front' | 'crossing-behind' | 'leaves-and-returns' | 'wanders';

export interface MovingFace {
  readonly id: number;
  readonly source: string;
  readonly path: FacePath;
  /** The true (brow-to-chin) box per frame, normalised, cut to the picture; null while wholly outside it. */
  readonly boxes: ReadonlyArray<Box | null>;
  /** Per frame, the share of the true box that is inside the picture and not under a face crop in front of it. */
  readonly visible: readonly number[];
  /** Per frame, the share of the true box (inside the picture or not) that no face crop in front of it hides. */
  readonly unoccluded: readonly number[];
  /** Face width in the clip's (display) pixels. */
  readonly widthPx: number;
}

export interface MovingFacesClip {
  readonly file: string;
  /** Display size (as a player shows it, after rotation). */
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly frameCount: number;
  readonly faces: readonly MovingFace[];
  /** Per frame, each face's whole crop (normalised): face i is drawn over by the crops of faces 0 … i-1. */
  readonly crops: ReadonlyArray<readonly Box[]>;
}

export interface MovingFacesOptions {
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  readonly seconds?: number;
  /** How many faces (at least 3: the crossing pair and the one that leaves). */
  readonly faces?: number;
  /** Face width in display pixels (default: an eighth of the height). */
  readonly faceWidth?: number;
  readonly audio?: boolean;
  readonly metadata?: Readonly<Record<string, string>>;
  /** The rotate tag written on the video stream (as makeClip); the truth stays in the orientation shown. */
  readonly rotate?: 90 | 180 | 270;
  readonly seed?: number;
}

interface Crop {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  /** The true face box inside the crop, pixels. */
  readonly face: Box;
  readonly source: string;
}

/** Faces whose 60% context holds no other annotated face (a neighbour's half face would be an untracked face). */
async function cleanCrops(): Promise<Array<Omit<Crop, 'data' | 'width' | 'height'> & { cut: Box; file: string }>> {
  const context = 0.6;
  const found: Array<Omit<Crop, 'data' | 'width' | 'height'> & { cut: Box; file: string }> = [];
  for (const truth of readFaceTruth()) {
    if (!truth.file.startsWith('dlib__')) continue;
    const all = [...truth.boxes_clear, ...(truth.boxes_uncertain ?? [])];
    for (const box of truth.boxes_clear) {
      const bw = box.w * truth.width;
      const bh = box.h * truth.height;
      if (bw < 44) continue;
      const left = Math.max(0, Math.round(box.x * truth.width - bw * context));
      const top = Math.max(0, Math.round(box.y * truth.height - bh * context));
      const right = Math.min(truth.width, Math.round((box.x + box.w) * truth.width + bw * context));
      const bottom = Math.min(truth.height, Math.round((box.y + box.h) * truth.height + bh * context));
      const crowded = all.some((other) => {
        if (other === box) return false;
        const x0 = Math.max(left, other.x * truth.width);
        const x1 = Math.min(right, (other.x + other.w) * truth.width);
        const y0 = Math.max(top, other.y * truth.height);
        const y1 = Math.min(bottom, (other.y + other.h) * truth.height);
        return x1 > x0 && y1 > y0;
      });
      if (crowded) continue;
      found.push({
        file: truth.file,
        source: `${truth.file}#${truth.boxes_clear.indexOf(box)}`,
        cut: { x: left, y: top, w: right - left, h: bottom - top },
        face: { x: box.x * truth.width - left, y: box.y * truth.height - top, w: bw, h: bh },
      });
    }
  }
  return found.sort((a, b) => b.face.w - a.face.w || a.source.localeCompare(b.source));
}

/** A crop resized so that its face is `faceWidth` pixels wide. */
async function cropAt(
  found: Omit<Crop, 'data' | 'width' | 'height'> & { cut: Box; file: string },
  faceWidth: number,
): Promise<Crop> {
  const scale = faceWidth / found.face.w;
  const width = Math.max(1, Math.round(found.cut.w * scale));
  const height = Math.max(1, Math.round(found.cut.h * scale));
  const data = await sharp(path.join(REALWORLD_FACES, found.file))
    .rotate()
    .extract({ left: found.cut.x, top: found.cut.y, width: found.cut.w, height: found.cut.h })
    .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    .removeAlpha()
    .raw()
    .toBuffer();
  const sx = width / found.cut.w;
  const sy = height / found.cut.h;
  return {
    data,
    width,
    height,
    source: found.source,
    face: { x: found.face.x * sx, y: found.face.y * sy, w: found.face.w * sx, h: found.face.h * sy },
  };
}

function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where a face's centre is at share `t` (0..1) of the clip, in display pixels. */
type Route = (t: number) => { x: number; y: number };

function routes(count: number, width: number, height: number, cropWidth: number, random: () => number): Route[] {
  const list: Route[] = [
    // The crossing pair: the first passes in front of the second, a little higher.
    (t) => ({ x: width * (0.15 + 0.7 * t), y: height * 0.46 }),
    (t) => ({ x: width * (0.85 - 0.7 * t), y: height * 0.54 }),
    // Out through the right edge at 30% of the clip, back in at 55%, in the picture again from 65%.
    (t) => {
      const outside = width + cropWidth;
      const inside = width * 0.72;
      const x =
        t < 0.3
          ? inside + (outside - inside) * (t / 0.3)
          : t < 0.55
            ? outside
            : t < 0.65
              ? outside - (outside - inside) * ((t - 0.55) / 0.1)
              : inside - width * 0.1 * ((t - 0.65) / 0.35);
      return { x, y: height * 0.2 };
    },
  ];
  while (list.length < count) {
    // Above or below the crossing pair, alternately.
    const band = list.length % 2 === 0 ? 0.16 : 0.84;
    const [cx, cy] = [0.12 + random() * 0.76, band + (random() - 0.5) * 0.04];
    const [ax, ay] = [0.05 + random() * 0.12, 0.02 + random() * 0.04];
    const [fx, fy] = [0.5 + random() * 1.5, 0.5 + random() * 1.5];
    const phase = random() * Math.PI * 2;
    list.push((t) => ({
      x: width * (cx + ax * Math.sin(2 * Math.PI * fx * t + phase)),
      y: height * (cy + ay * Math.cos(2 * Math.PI * fy * t + phase)),
    }));
  }
  return list;
}

const PATHS: readonly FacePath[] = ['crossing-front', 'crossing-behind', 'leaves-and-returns'];

/** Makes the clip; rejects when the shared faces are absent (guard the test with describeNeeding). */
export async function makeMovingFacesClip(file: string, options: MovingFacesOptions = {}): Promise<MovingFacesClip> {
  const width = options.width ?? 640;
  const height = options.height ?? 360;
  const fps = options.fps ?? 25;
  const frameCount = Math.round((options.seconds ?? 4) * fps);
  const count = Math.max(3, options.faces ?? 4);
  const faceWidth = options.faceWidth ?? Math.round(height / 8);
  const random = seeded(options.seed ?? 1507);
  const candidates = await cleanCrops();
  if (candidates.length === 0) throw new Error(`no usable faces in ${REALWORLD_FACES}`);
  const crops: Crop[] = [];
  for (let i = 0; i < count; i++) {
    // Sizes vary a little (±15%) so that the faces are not all alike.
    crops.push(await cropAt(candidates[i % candidates.length]!, Math.round(faceWidth * (0.85 + random() * 0.3))));
  }
  const paths = routes(count, width, height, Math.max(...crops.map((c) => c.width)), random);
  const background = await backgroundOf(width, height, random);
  // Drawn from the last face to the first: face 0 is in front of everything.
  const placements = Array.from({ length: frameCount }, (_, frame) =>
    crops.map((crop, i) => {
      const centre = paths[i]!(frameCount > 1 ? frame / (frameCount - 1) : 0);
      return { left: Math.round(centre.x - crop.width / 2), top: Math.round(centre.y - crop.height / 2) };
    }),
  );

  const scratch = mkdtempSync(path.join(tmpdir(), 'fotowacht-moving-'));
  try {
    const encoded = options.rotate ? path.join(scratch, `stored${path.extname(file)}`) : file;
    await encode(encoded, { width, height, fps, frameCount, options }, (frame) => {
      const pixels = Buffer.from(background);
      for (let i = crops.length - 1; i >= 0; i--) blit(pixels, width, height, crops[i]!, placements[frame]![i]!);
      return pixels;
    });
    if (options.rotate) {
      ffmpeg(['-i', encoded, '-c', 'copy', '-map_metadata', '0', '-metadata:s:v:0', `rotate=${options.rotate}`, file]);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const faces = crops.map((crop, i): MovingFace => {
    const boxes: Array<Box | null> = [];
    const visible: number[] = [];
    const unoccluded: number[] = [];
    for (let frame = 0; frame < frameCount; frame++) {
      const at = placements[frame]![i]!;
      const face = { x: at.left + crop.face.x, y: at.top + crop.face.y, w: crop.face.w, h: crop.face.h };
      const inFrame = cut(face, width, height);
      boxes.push(
        inFrame ? { x: inFrame.x / width, y: inFrame.y / height, w: inFrame.w / width, h: inFrame.h / height } : null,
      );
      const inFront = crops.slice(0, i).map((other, j) => ({
        x: placements[frame]![j]!.left,
        y: placements[frame]![j]!.top,
        w: other.width,
        h: other.height,
      }));
      visible.push(visibleShare(face, inFrame, inFront));
      unoccluded.push(visibleShare(face, face, inFront));
    }
    return {
      id: i,
      source: crop.source,
      path: PATHS[i] ?? 'wanders',
      boxes,
      visible,
      unoccluded,
      widthPx: crop.face.w,
    };
  });
  const cropBoxes = placements.map((frame) =>
    frame.map((at, i) => ({
      x: at.left / width,
      y: at.top / height,
      w: crops[i]!.width / width,
      h: crops[i]!.height / height,
    })),
  );
  return { file, width, height, fps, frameCount, faces, crops: cropBoxes };
}

function cut(box: Box, width: number, height: number): Box | null {
  const x0 = Math.max(0, box.x);
  const y0 = Math.max(0, box.y);
  const x1 = Math.min(width, box.x + box.w);
  const y1 = Math.min(height, box.y + box.h);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null;
}

/** Share of `face` inside the picture and under none of `inFront`, sampled on a 16×16 grid. */
function visibleShare(face: Box, inFrame: Box | null, inFront: readonly Box[]): number {
  if (!inFrame) return 0;
  let seen = 0;
  for (let r = 0; r < 16; r++) {
    for (let c = 0; c < 16; c++) {
      const x = face.x + ((c + 0.5) / 16) * face.w;
      const y = face.y + ((r + 0.5) / 16) * face.h;
      const inside = x >= inFrame.x && x < inFrame.x + inFrame.w && y >= inFrame.y && y < inFrame.y + inFrame.h;
      if (inside && !inFront.some((b) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h)) seen++;
    }
  }
  return seen / 256;
}

function blit(target: Buffer, width: number, height: number, crop: Crop, at: { left: number; top: number }): void {
  const x0 = Math.max(0, at.left);
  const x1 = Math.min(width, at.left + crop.width);
  if (x1 <= x0) return;
  for (let row = Math.max(0, at.top); row < Math.min(height, at.top + crop.height); row++) {
    const from = ((row - at.top) * crop.width + (x0 - at.left)) * 3;
    crop.data.copy(target, (row * width + x0) * 3, from, from + (x1 - x0) * 3);
  }
}

async function backgroundOf(width: number, height: number, random: () => number): Promise<Buffer> {
  const field = Buffer.from(Array.from({ length: 32 * 18 * 3 }, () => Math.round(50 + random() * 160)));
  return sharp(field, { raw: { width: 32, height: 18, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .blur(6)
    .raw()
    .toBuffer();
}

/**
 * How the display frames are stored so that ffmpeg's autorotate (frames.ts, the scan, the export) shows them again as
 * made: measured on the bundled ffmpeg, a stream tagged rotate=90 is shown turned anticlockwise.
 */
const TRANSPOSE: Record<90 | 180 | 270, string> = { 90: 'transpose=1', 180: 'hflip,vflip', 270: 'transpose=2' };

/** Raw RGB frames piped into the bundled ffmpeg, encoded as H.264 (and AAC when asked) with the metadata given. */
function encode(
  file: string,
  clip: { width: number; height: number; fps: number; frameCount: number; options: MovingFacesOptions },
  frameAt: (frame: number) => Buffer,
): Promise<void> {
  const { width, height, fps, frameCount, options } = clip;
  const args = ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y'];
  args.push('-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-r', String(fps), '-i', 'pipe:0');
  if (options.audio) {
    args.push('-f', 'lavfi', '-t', String(frameCount / fps), '-i', 'sine=frequency=440:sample_rate=44100');
  }
  if (options.rotate) args.push('-vf', TRANSPOSE[options.rotate]);
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p');
  if (options.audio) args.push('-c:a', 'aac');
  for (const [key, value] of Object.entries(options.metadata ?? {})) args.push('-metadata', `${key}=${value}`);
  args.push(file);
  return new Promise((resolve, reject) => {
    const child = spawn(toolPath('ffmpeg'), args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`ffmpeg failed (${code}): ${stderr.slice(0, 2000)}`)),
    );
    child.stdin.on('error', () => undefined); // a failed ffmpeg is reported by 'close'
    let frame = 0;
    const writeMore = (): void => {
      while (frame < frameCount) {
        const ok = child.stdin.write(frameAt(frame++));
        if (!ok) {
          child.stdin.once('drain', writeMore);
          return;
        }
      }
      child.stdin.end();
    };
    writeMore();
  });
}

/**
 * Which face-frames count: a face with any part in the picture (a face half out of the frame counts) of which at
 * least `minUnoccluded` is not hidden behind another face crop. A face mostly behind another person is found by no
 * detector; the track must still bridge it, which the default (half) asks for.
 */
export const DEFAULT_MIN_UNOCCLUDED = 0.5;

/**
 * Face-frames not wholly covered by the boxes of their frame: every pixel of a true box that can be seen (inside the
 * picture, not under a face crop in front of it) on a frame where the face counts (above) must lie inside one of
 * that frame's boxes. `boxesOf(frame)` gives normalised boxes (the union of every track's box there). `uncovered` is
 * the share of the face's seen pixels left uncovered.
 */
export function uncoveredFaceFrames(
  clip: MovingFacesClip,
  boxesOf: (frame: number) => readonly Box[],
  minUnoccluded = DEFAULT_MIN_UNOCCLUDED,
): Array<{ face: number; frame: number; uncovered: number }> {
  const misses: Array<{ face: number; frame: number; uncovered: number }> = [];
  for (let frame = 0; frame < clip.frameCount; frame++) {
    const boxes = boxesOf(frame).map((b) => ({
      x0: b.x * clip.width,
      y0: b.y * clip.height,
      x1: (b.x + b.w) * clip.width,
      y1: (b.y + b.h) * clip.height,
    }));
    for (const face of clip.faces) {
      const truth = face.boxes[frame];
      if (!truth || face.visible[frame]! <= 0 || face.unoccluded[frame]! < minUnoccluded) continue;
      const inFront = clip.crops[frame]!.slice(0, face.id).map((b) => ({
        x0: b.x * clip.width,
        y0: b.y * clip.height,
        x1: (b.x + b.w) * clip.width,
        y1: (b.y + b.h) * clip.height,
      }));
      let uncovered = 0;
      let total = 0;
      const left = truth.x * clip.width;
      const top = truth.y * clip.height;
      for (let y = Math.floor(top) + 0.5; y < top + truth.h * clip.height; y += 1) {
        if (y < top) continue;
        for (let x = Math.floor(left) + 0.5; x < left + truth.w * clip.width; x += 1) {
          if (x < left || inFront.some((b) => x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1)) continue;
          total++;
          if (!boxes.some((b) => x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1)) uncovered++;
        }
      }
      if (uncovered > 0) misses.push({ face: face.id, frame, uncovered: uncovered / Math.max(1, total) });
    }
  }
  return misses;
}
