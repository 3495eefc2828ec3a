// The one place face detection decodes a photo: pixels in display orientation (EXIF rotation applied).
// Kept small so the library's decoder (which also reads HEIC) can take its place.
import sharp from 'sharp';
import { AppError } from '../../../shared/errors';

export interface DecodedImage {
  /** RGB, 3 bytes a pixel, rows top to bottom. */
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}

/** Bound on decoded pixels: above any camera, below what would exhaust memory. */
const MAX_PIXELS = 200_000_000;

export async function decodeForDetection(path: string): Promise<DecodedImage> {
  try {
    const { data, info } = await sharp(path, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .rotate()
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (error) {
    throw new AppError('faces.decodeFailed', { path, detail: error instanceof Error ? error.message : String(error) });
  }
}

/** The image at `scale` (0 < scale ≤ 1), resized on sharp's thread pool. */
export async function resizeDecoded(image: DecodedImage, scale: number): Promise<DecodedImage> {
  if (scale >= 0.999) return image;
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const data = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 3 },
    limitInputPixels: MAX_PIXELS,
  })
    .resize(width, height, { kernel: 'linear', fit: 'fill' })
    .raw()
    .toBuffer();
  return { data, width, height };
}
