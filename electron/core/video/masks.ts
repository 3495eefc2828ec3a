// Solid masks burned into raw YUV 4:2:0 pictures, and where they land in pixels: the export paints them, the leak
// check reads the same places back. Clips are always masked solid: pixelation or blur of a face that moves over
// many frames can be partly undone by combining the frames, a flat fill cannot.
import type { Box } from '../../../shared/geometry';
import type { FrameSize } from './rawFrames';

/** The boxes to mask on one frame (normalised 0..1, display orientation, top-left based). */
export interface FrameMasks {
  readonly frame: number;
  readonly boxes: readonly Box[];
}

/** A pixel rectangle: x0/y0 inclusive, x1/y1 exclusive. */
export interface PixelRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * The mask colour in 8-bit limited-range YUV: the grey of the photo masks (RGB 96, 96, 96 → Y 98), no colour.
 */
export const MASK_YUV = { y: 98, u: 128, v: 128 } as const;

/**
 * Pixels a mask reaches beyond its box on every side: the encoder's 4×4 and 8×8 transforms and the deblocking
 * filter smear an edge over a few pixels, so the box itself stays flat inside a slightly larger fill.
 */
export const MASK_GROW_PX = 4;

/** The box in pixels, grown by `growPx` on every side and widened to even edges (chroma is stored per 2×2). */
export function maskRect(box: Box, size: FrameSize, growPx = MASK_GROW_PX): PixelRect {
  const even = (value: number, limit: number, up: boolean) =>
    Math.max(0, Math.min(limit, up ? Math.ceil(value / 2) * 2 : Math.floor(value / 2) * 2));
  return {
    x0: even(Math.floor(box.x * size.width) - growPx, size.width, false),
    y0: even(Math.floor(box.y * size.height) - growPx, size.height, false),
    x1: even(Math.ceil((box.x + box.w) * size.width) + growPx, size.width, true),
    y1: even(Math.ceil((box.y + box.h) * size.height) + growPx, size.height, true),
  };
}

/** The box itself in pixels, shrunk by `insetPx` on every side: the part the leak check wants flat. */
export function regionRect(box: Box, size: FrameSize, insetPx: number): PixelRect {
  const rect = {
    x0: Math.max(0, Math.floor(box.x * size.width) + insetPx),
    y0: Math.max(0, Math.floor(box.y * size.height) + insetPx),
    x1: Math.min(size.width, Math.ceil((box.x + box.w) * size.width) - insetPx),
    y1: Math.min(size.height, Math.ceil((box.y + box.h) * size.height) - insetPx),
  };
  return rect.x1 > rect.x0 && rect.y1 > rect.y0 ? rect : { x0: 0, y0: 0, x1: 0, y1: 0 };
}

/**
 * The masks of a plan by frame number; boxes of the same frame (several tracks) are kept together. Boxes that are
 * not numbers or have no area are left out.
 */
export function masksByFrame(masks: readonly FrameMasks[]): Map<number, Box[]> {
  const byFrame = new Map<number, Box[]>();
  for (const { frame, boxes } of masks) {
    const usable = boxes.filter((box) => [box.x, box.y, box.w, box.h].every(Number.isFinite) && box.w > 0 && box.h > 0);
    if (!Number.isInteger(frame) || frame < 0 || usable.length === 0) continue;
    const list = byFrame.get(frame) ?? [];
    list.push(...usable);
    byFrame.set(frame, list);
  }
  return byFrame;
}

/** Fills each box's mask rectangle with the mask colour, in place, on a YUV 4:2:0 picture of `size`. */
export function paintMasks(picture: Buffer, size: FrameSize, boxes: readonly Box[]): void {
  const { width, height } = size;
  const chromaWidth = width / 2;
  const uPlane = width * height;
  const vPlane = uPlane + chromaWidth * (height / 2);
  for (const box of boxes) {
    const rect = maskRect(box, size);
    if (rect.x1 <= rect.x0 || rect.y1 <= rect.y0) continue;
    for (let y = rect.y0; y < rect.y1; y += 1) {
      picture.fill(MASK_YUV.y, y * width + rect.x0, y * width + rect.x1);
    }
    for (let y = rect.y0 / 2; y < rect.y1 / 2; y += 1) {
      const row = y * chromaWidth;
      picture.fill(MASK_YUV.u, uPlane + row + rect.x0 / 2, uPlane + row + rect.x1 / 2);
      picture.fill(MASK_YUV.v, vPlane + row + rect.x0 / 2, vPlane + row + rect.x1 / 2);
    }
  }
}
