// Decoded frames for video export tests, read by ffmpeg directly (not by the code under test): grey (luma) pictures
// as a player shows them, and plain pixel statistics over a rectangle.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { toolPath } from '../../electron/core/video';
import type { Box } from '../../shared/geometry';

export interface GreyFrames {
  readonly width: number;
  readonly height: number;
  readonly frames: readonly Buffer[];
}

/**
 * Every frame of `file` as 8-bit grey at width × height, in display orientation (ffmpeg's own autorotate), frames
 * as stored (no rate conversion) unless `fps` is given.
 */
export function greyFrames(file: string, width: number, height: number, fps?: number): GreyFrames {
  const filters = [...(fps === undefined ? [] : [`fps=fps=${fps}`]), `scale=${width}:${height}`, 'format=gray'];
  const raw = execFileSync(
    toolPath('ffmpeg'),
    ['-nostdin', '-v', 'error', '-i', file, '-map', '0:v:0', '-vf', filters.join(','), '-vsync', 'passthrough'].concat([
      '-f',
      'rawvideo',
      '-pix_fmt',
      'gray',
      'pipe:1',
    ]),
    { maxBuffer: 1 << 30, timeout: 120_000 },
  );
  const size = width * height;
  const frames: Buffer[] = [];
  for (let at = 0; at + size <= raw.length; at += size) frames.push(raw.subarray(at, at + size));
  return { width, height, frames };
}

export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** A normalised box in pixels, shrunk by `inset` on every side (grown when negative). */
export function pixelsOf(box: Box, width: number, height: number, inset: number): Rect {
  return {
    x0: Math.max(0, Math.floor(box.x * width) + inset),
    y0: Math.max(0, Math.floor(box.y * height) + inset),
    x1: Math.min(width, Math.ceil((box.x + box.w) * width) - inset),
    y1: Math.min(height, Math.ceil((box.y + box.h) * height) - inset),
  };
}

export function rectStats(frame: Buffer, width: number, rect: Rect): { mean: number; stddev: number } {
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (let y = rect.y0; y < rect.y1; y += 1) {
    for (let x = rect.x0; x < rect.x1; x += 1) {
      const value = frame[y * width + x]!;
      sum += value;
      squares += value * value;
      count += 1;
    }
  }
  const mean = sum / count;
  return { mean, stddev: Math.sqrt(Math.max(0, squares / count - mean * mean)) };
}

/** Mean absolute difference of two grey frames over the pixels outside every rect in `skip`. */
export function differenceOutside(a: Buffer, b: Buffer, width: number, skip: readonly Rect[]): number {
  let total = 0;
  let count = 0;
  const height = a.length / width;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (skip.some((r) => x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1)) continue;
      total += Math.abs(a[y * width + x]! - b[y * width + x]!);
      count += 1;
    }
  }
  return count === 0 ? 0 : total / count;
}

/** Whether the file's bytes hold `text` as Latin-1/UTF-8 or UTF-16 (either byte order), ignoring case. */
export function fileHoldsText(file: string, text: string): boolean {
  const bytes = readFileSync(file);
  const lower = text.toLowerCase();
  const variants = [bytes.toString('latin1')];
  for (const shift of [0, 1]) {
    const even = Buffer.from(bytes.subarray(shift, bytes.length - ((bytes.length - shift) % 2)));
    variants.push(even.toString('utf16le'), Buffer.from(even).swap16().toString('utf16le'));
  }
  return variants.some((variant) => variant.toLowerCase().includes(lower));
}
