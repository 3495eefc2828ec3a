// The one place face detection decodes a photo: pixels in display orientation (EXIF rotation applied).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import sharp from 'sharp';
import { AppError } from '../../../shared/errors';
import { decodePhoto, MAX_INPUT_PIXELS, type DecodedPhoto } from '../library/decode';

export interface DecodedImage {
  /** RGB, 3 bytes a pixel, rows top to bottom. */
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  /** The photo's own size in display orientation (larger than width × height when decoded smaller). */
  readonly photoWidth: number;
  readonly photoHeight: number;
}

export interface DecodeOptions {
  /** The scale (≤ 1) to decode at, given the photo's display size: less memory when no pass needs more. */
  readonly scaleFor?: (displayWidth: number, displayHeight: number) => number;
}

/** Bound on decoded pixels: above any camera, below what would exhaust memory. */
const MAX_PIXELS = MAX_INPUT_PIXELS;

/** Decodes through the library's decoder, so every format it reads (HEIC from phones too) can be searched for faces. */
export async function decodeForDetection(path: string, options: DecodeOptions = {}): Promise<DecodedImage> {
  let photo: DecodedPhoto;
  try {
    photo = await decodePhoto(await readFile(path), basename(path));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('faces.decodeFailed', { path, detail: error instanceof Error ? error.message : String(error) });
  }
  try {
    const swapped = photo.orientation >= 5;
    const photoWidth = swapped ? photo.height : photo.width;
    const photoHeight = swapped ? photo.width : photo.height;
    const scale = Math.min(1, options.scaleFor?.(photoWidth, photoHeight) ?? 1);
    let pipeline = photo.pipeline();
    const resized = scale < 0.999 && photoWidth > 0 && photoHeight > 0;
    if (resized) {
      pipeline = pipeline.resize(
        Math.max(1, Math.round(photoWidth * scale)),
        Math.max(1, Math.round(photoHeight * scale)),
        {
          fit: 'fill',
          kernel: 'lanczos3',
        },
      );
    }
    const { data, info } = await pipeline
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      data,
      width: info.width,
      height: info.height,
      photoWidth: resized ? photoWidth : info.width,
      photoHeight: resized ? photoHeight : info.height,
    };
  } catch (error) {
    throw new AppError('faces.decodeFailed', { path, detail: error instanceof Error ? error.message : String(error) });
  }
}

/** The image at `scale` (smaller, or larger for small photos), resized on sharp's thread pool. */
export async function resizeDecoded(image: DecodedImage, scale: number): Promise<DecodedImage> {
  if (Math.abs(scale - 1) < 0.001) return image;
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const data = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 3 },
    limitInputPixels: MAX_PIXELS,
  })
    .resize(width, height, { kernel: 'lanczos3', fit: 'fill' })
    .raw()
    .toBuffer();
  return { data, width, height, photoWidth: image.photoWidth, photoHeight: image.photoHeight };
}
