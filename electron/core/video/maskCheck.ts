// The picture half of the leak check on an exported clip: every frame decoded, and on each frame that had masks,
// the pixels inside every masked box (shrunk by a pixel for the codec's edges) must be flat and the mask's grey.
import type { Box } from '../../../shared/geometry';
import { MASK_YUV, masksByFrame, regionRect, type FrameMasks, type PixelRect } from './masks';
import { readFrames, startTool, yuvFrameBytes, type FrameSize } from './rawFrames';
import { inputOptions } from './ffmpeg';

/** Luma standard deviation a solid mask keeps after H.264 at the export's quality (measured: below 1). */
export const MAX_MASK_STDDEV = 3;
/** How far the mean luma or chroma of a masked box may drift from the mask colour. */
export const MAX_MASK_COLOUR_DRIFT = 6;
/** Pixels left out along a box's edges: the encoder may blur the mask's edge a little inward. */
export const CHECK_INSET_PX = 1;

export interface MaskedBoxStats {
  readonly frame: number;
  /** Index of the box among the frame's boxes (in plan order). */
  readonly box: number;
  readonly stddev: number;
  /** Largest distance of the mean Y, U or V from the mask colour. */
  readonly colourDrift: number;
}

export interface MaskCheckResult {
  /** Frames decoded from the file. */
  readonly frames: number;
  /** Boxes that are not flat or not the mask colour. */
  readonly visible: readonly MaskedBoxStats[];
  /** Masked boxes checked (all of them when the file has every frame the plan masks). */
  readonly checked: number;
  /** Exit trouble of the decoder, if any. */
  readonly decodeError: string | null;
}

function planeStats(
  picture: Buffer,
  planeStart: number,
  stride: number,
  rect: PixelRect,
): { mean: number; stddev: number } {
  let sum = 0;
  let squares = 0;
  for (let y = rect.y0; y < rect.y1; y += 1) {
    const row = planeStart + y * stride;
    for (let x = row + rect.x0; x < row + rect.x1; x += 1) {
      const value = picture[x]!;
      sum += value;
      squares += value * value;
    }
  }
  const count = (rect.x1 - rect.x0) * (rect.y1 - rect.y0);
  const mean = sum / count;
  return { mean, stddev: Math.sqrt(Math.max(0, squares / count - mean * mean)) };
}

/** Mean and spread of a box on a YUV 4:2:0 picture: the worst of the three planes. */
export function boxStats(picture: Buffer, size: FrameSize, box: Box): { stddev: number; colourDrift: number } | null {
  const luma = regionRect(box, size, CHECK_INSET_PX);
  if (luma.x1 <= luma.x0) return null;
  const chromaWidth = Math.ceil(size.width / 2);
  const chromaSize = { width: chromaWidth, height: Math.ceil(size.height / 2) };
  const chroma = regionRect(box, chromaSize, CHECK_INSET_PX);
  const y = planeStats(picture, 0, size.width, luma);
  let stddev = y.stddev;
  let colourDrift = Math.abs(y.mean - MASK_YUV.y);
  if (chroma.x1 > chroma.x0) {
    const uStart = size.width * size.height;
    const u = planeStats(picture, uStart, chromaWidth, chroma);
    const v = planeStats(picture, uStart + chromaWidth * chromaSize.height, chromaWidth, chroma);
    stddev = Math.max(stddev, u.stddev, v.stddev);
    colourDrift = Math.max(colourDrift, Math.abs(u.mean - MASK_YUV.u), Math.abs(v.mean - MASK_YUV.v));
  }
  return { stddev, colourDrift };
}

/**
 * Decodes every frame of `file` (as stored: no rotation applied, no frame dropped or repeated) and checks the
 * masked boxes of the frames the plan masks.
 */
export async function checkMasks(
  file: string,
  size: FrameSize,
  masks: readonly FrameMasks[],
  signal?: AbortSignal,
): Promise<MaskCheckResult> {
  const byFrame = masksByFrame(masks);
  const decoder = startTool(
    'ffmpeg',
    [
      '-v',
      'error',
      '-noautorotate',
      ...inputOptions(file),
      '-map',
      '0:v:0',
      '-vsync',
      'passthrough',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'yuv420p',
      'pipe:1',
    ],
    signal,
  );
  decoder.child.stdin.end();
  const visible: MaskedBoxStats[] = [];
  let frames = 0;
  let checked = 0;
  try {
    for await (const picture of readFrames(decoder.child.stdout, yuvFrameBytes(size))) {
      const boxes = byFrame.get(frames) ?? [];
      boxes.forEach((box, index) => {
        const stats = boxStats(picture, size, box);
        if (!stats) return;
        checked += 1;
        if (stats.stddev > MAX_MASK_STDDEV || stats.colourDrift > MAX_MASK_COLOUR_DRIFT) {
          visible.push({
            frame: frames,
            box: index,
            stddev: Math.round(stats.stddev * 10) / 10,
            colourDrift: Math.round(stats.colourDrift * 10) / 10,
          });
        }
      });
      frames += 1;
    }
  } catch (error) {
    decoder.kill();
    await decoder.ended;
    signal?.throwIfAborted();
    return { frames, visible, checked, decodeError: error instanceof Error ? error.message : String(error) };
  }
  const ended = await decoder.ended;
  signal?.throwIfAborted();
  const decodeError = ended.code === 0 ? null : ended.stderr.split('\n')[0]?.slice(0, 300) || `exit ${ended.code}`;
  return { frames, visible, checked, decodeError };
}
