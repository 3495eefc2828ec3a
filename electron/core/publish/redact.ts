// Makes the publish-ready pixels of one photo: rotated as a viewer sees it, resized for the channel, in sRGB,
// hidden regions burned in, and encoded without any metadata block. Masking happens after the resize, on the
// final pixels, with each box grown by the resampling kernel's reach, so no output pixel of a hidden region
// carries anything of the original.
import sharp, { type Sharp } from 'sharp';
import type { Box } from '../../../shared/geometry';
import type { HideStyle } from '../../../shared/policy';

/** lanczos3 reads 3 pixels either side (in output pixels when shrinking); one more for rounding. */
export const RESAMPLE_REACH_PX = 4;

/** A pixel rectangle on the output image: x0/y0 inclusive, x1/y1 exclusive. */
export interface PixelRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface HideInstruction {
  /** The region itself (the person). */
  readonly box: Box;
  /** The region plus the margin: what is burned out. */
  readonly maskBox: Box;
}

export interface RenderOptions {
  /** Longest side of the output in pixels; null keeps the full size. */
  readonly longSide: number | null;
  readonly hide: readonly HideInstruction[];
  readonly hideStyle: HideStyle;
  readonly quality?: number;
}

export interface RenderedImage {
  readonly jpeg: Buffer;
  readonly width: number;
  readonly height: number;
  /** Where each hidden region was burned out, in output pixels (in the order of `hide`). */
  readonly maskRects: readonly PixelRect[];
  /** The regions themselves on the output, for the leak check (in the order of `hide`). */
  readonly regionRects: readonly PixelRect[];
}

const MASK_COLOUR = [96, 96, 96] as const;

export function toPixelRect(box: Box, width: number, height: number, growPx = 0): PixelRect {
  return {
    x0: Math.max(0, Math.floor(box.x * width) - growPx),
    y0: Math.max(0, Math.floor(box.y * height) - growPx),
    x1: Math.min(width, Math.ceil((box.x + box.w) * width) + growPx),
    y1: Math.min(height, Math.ceil((box.y + box.h) * height) + growPx),
  };
}

function union(a: PixelRect, b: PixelRect): PixelRect {
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

function fill(pixels: Buffer, width: number, channels: number, rect: PixelRect): void {
  for (let y = rect.y0; y < rect.y1; y += 1) {
    for (let x = rect.x0; x < rect.x1; x += 1) {
      const at = (y * width + x) * channels;
      for (let c = 0; c < channels; c += 1) pixels[at + c] = MASK_COLOUR[c] ?? 255;
    }
  }
}

/** The block size of strong pixelation: about six blocks across the masked area, never smaller than 8 px. */
export function pixelBlockSize(rect: PixelRect): number {
  return Math.max(8, Math.ceil(Math.max(rect.x1 - rect.x0, rect.y1 - rect.y0) / 6));
}

function pixelate(pixels: Buffer, width: number, channels: number, rect: PixelRect): void {
  const block = pixelBlockSize(rect);
  for (let by = rect.y0; by < rect.y1; by += block) {
    for (let bx = rect.x0; bx < rect.x1; bx += block) {
      const yEnd = Math.min(by + block, rect.y1);
      const xEnd = Math.min(bx + block, rect.x1);
      const sums = new Array<number>(channels).fill(0);
      for (let y = by; y < yEnd; y += 1) {
        for (let x = bx; x < xEnd; x += 1) {
          const at = (y * width + x) * channels;
          for (let c = 0; c < channels; c += 1) sums[c]! += pixels[at + c]!;
        }
      }
      const count = (yEnd - by) * (xEnd - bx);
      for (let y = by; y < yEnd; y += 1) {
        for (let x = bx; x < xEnd; x += 1) {
          const at = (y * width + x) * channels;
          for (let c = 0; c < channels; c += 1) pixels[at + c] = Math.round(sums[c]! / count);
        }
      }
    }
  }
}

/**
 * `source` must already give pixels in display orientation (a sharp pipeline with `.rotate()` applied, or
 * raw pixels of a decoded HEIC).
 */
export async function renderPublishImage(source: Sharp, options: RenderOptions): Promise<RenderedImage> {
  let pipeline = source.toColourspace('srgb');
  if (options.longSide !== null) {
    pipeline = pipeline.resize(options.longSide, options.longSide, {
      fit: 'inside',
      withoutEnlargement: true,
      kernel: 'lanczos3',
    });
  }
  const { data, info } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;

  const regionRects = options.hide.map((entry) => toPixelRect(entry.box, width, height));
  const maskRects = options.hide.map((entry) =>
    union(toPixelRect(entry.maskBox, width, height), toPixelRect(entry.box, width, height, RESAMPLE_REACH_PX)),
  );
  // Pixelation averages blocks; if two masks overlap, mask both before any is averaged again: order is irrelevant
  // for solid masks, and pixelating an already pixelated area keeps it blocky.
  for (const rect of maskRects) {
    if (options.hideStyle === 'mask') fill(data, width, channels, rect);
    else pixelate(data, width, channels, rect);
  }

  const jpeg = await sharp(data, { raw: { width, height, channels } })
    .jpeg({ quality: options.quality ?? 85, chromaSubsampling: '4:2:0' })
    .toBuffer();
  return { jpeg, width, height, maskRects, regionRects };
}
