// The one place face detection turns a photo into pixels: RGB in display orientation (EXIF rotation applied), at
// the scale the detector's finest pass needs.
import sharp, { type Sharp } from 'sharp';
import { AppError } from '../../../shared/errors';

/** A photo already opened (and checked) by its owner: its stored size, EXIF orientation and a pixel pipeline. */
export interface OpenedPhoto {
  readonly width: number;
  readonly height: number;
  readonly orientation: number;
  /** A fresh pipeline over the pixels, already turned to the orientation a viewer sees. */
  pipeline(): Sharp;
  /** The pixels themselves when the owner holds them decoded (display orientation): used as they are, not copied. */
  readonly raw?: RawPixels;
}

export interface RawPixels {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

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

/** Bound on decoded pixels: above any camera (the library's own bound), below what would exhaust memory. */
const MAX_PIXELS = 200_000_000;

/**
 * The pixels of a photo its owner opened (the library decodes every format it reads, HEIC from phones too, and
 * checks the file is still the indexed photo). `label` names the photo in an error.
 */
export async function decodeForDetection(
  photo: OpenedPhoto,
  label: string,
  options: DecodeOptions = {},
): Promise<DecodedImage> {
  try {
    const swapped = photo.orientation >= 5;
    const photoWidth = swapped ? photo.height : photo.width;
    const photoHeight = swapped ? photo.width : photo.height;
    const scale = Math.min(1, options.scaleFor?.(photoWidth, photoHeight) ?? 1);
    const raw = photo.raw;
    if (raw && raw.channels === 3 && scale >= 0.999) {
      return { data: raw.data, width: raw.width, height: raw.height, photoWidth: raw.width, photoHeight: raw.height };
    }
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
    throw new AppError('faces.decodeFailed', {
      path: label,
      detail: error instanceof Error ? error.message : String(error),
    });
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
