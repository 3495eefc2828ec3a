// Decoding any supported photo into a sharp pipeline in display orientation. JPEG, PNG, TIFF, WebP and
// AV1-coded HEIF go straight to sharp; HEVC-coded HEIC (iPhone photos), which sharp's prebuilt libvips cannot
// decode, goes through libheif compiled to WebAssembly (heic-decode) and enters sharp as raw pixels.
import type { Worker } from 'node:worker_threads';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { AppError } from '../../../shared/errors';
import { errorText, startWorker } from '../workers';
import type { HeicReply, HeicRequest, HeicWorkerData } from './heicWorker';

/** Largest image (in pixels) Fotowacht decodes: well above a 100 MP camera, far below a decompression bomb. */
export const MAX_INPUT_PIXELS = 200_000_000;

export type PhotoFormat = 'jpeg' | 'png' | 'tiff' | 'webp' | 'heif';

export interface DecodedPhoto {
  readonly format: PhotoFormat;
  /** Stored pixel size and EXIF orientation (1 when the decoder already applied the container's rotation). */
  readonly width: number;
  readonly height: number;
  readonly orientation: number;
  /** The file ends before its end marker (JPEG without EOI, PNG without IEND): a decode failure means truncation. */
  readonly endMissing: boolean;
  /** A fresh pipeline over the pixels, already turned to the orientation a viewer sees. Call once per output. */
  pipeline(): Sharp;
  /** The decoded pixels in display orientation, once rasterisePhoto has decoded them. */
  readonly raw?: { readonly data: Buffer; readonly width: number; readonly height: number; readonly channels: number };
}

// HEVC HEIC is decoded in a worker thread (heicWorker.ts), started on the first HEIC and kept; it is unref'd
// while idle, so it never keeps the CLI or a test alive.
let heicWorker: Promise<Worker> | null = null;
const heicPending = new Map<number, (reply: HeicReply) => void>();
let heicNextId = 0;

async function startHeicDecoder(): Promise<Worker> {
  const workerData: HeicWorkerData = { maxPixels: MAX_INPUT_PIXELS };
  const worker = await startWorker(
    { importer: import.meta.url, file: './heicWorker.ts', bundled: () => import('./heicWorker?nodeWorker') },
    { workerData },
  );
  worker.on('message', (reply: HeicReply) => {
    heicPending.get(reply.id)?.(reply);
    heicPending.delete(reply.id);
  });
  worker.on('error', (error) => {
    for (const resolve of heicPending.values()) resolve({ id: -1, error: error.message });
    heicPending.clear();
    heicWorker = null;
  });
  // After the listeners: adding a 'message' listener refs the worker again.
  worker.unref();
  return worker;
}

/** Stops the HEIC decoder thread (when the core closes): a process exits with no native work left behind. */
export async function releaseDecoders(): Promise<void> {
  const worker = heicWorker;
  heicWorker = null;
  if (!worker) return;
  await worker.then((w) => w.terminate()).catch(() => undefined);
}

function heicDecoder(): Promise<Worker> {
  heicWorker ??= startHeicDecoder().catch((error: unknown) => {
    heicWorker = null;
    throw error;
  });
  return heicWorker;
}

async function decodeHeicInWorker(buffer: Buffer): Promise<HeicReply> {
  const id = (heicNextId += 1);
  let worker: Worker;
  try {
    worker = await heicDecoder();
  } catch (error) {
    return { id, error: errorText(error) };
  }
  const request: HeicRequest = { id, buffer };
  return new Promise<HeicReply>((resolve) => {
    heicPending.set(id, resolve);
    worker.ref();
    worker.postMessage(request);
  }).finally(() => {
    if (heicPending.size === 0) worker.unref();
  });
}

/** The format by the file's first bytes; null for anything Fotowacht does not read. */
export function sniffFormat(buffer: Buffer): PhotoFormat | null {
  if (buffer.length < 12) return null;
  if (buffer[0] === 0xff && buffer[1] === 0xd8 && buffer[2] === 0xff) return 'jpeg';
  if (buffer.readUInt32BE(0) === 0x89504e47) return 'png';
  const head = buffer.toString('latin1', 0, 4);
  if (head === 'II*\0' || head === 'MM\0*') return 'tiff';
  if (head === 'RIFF' && buffer.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (buffer.toString('latin1', 4, 8) === 'ftyp') {
    const brands = buffer.toString('latin1', 8, Math.min(buffer.length, 64));
    if (/heic|heix|hevc|hevx|heim|heis|mif1|msf1|avif/.test(brands)) return 'heif';
  }
  return null;
}

/** Whether the bytes stop before the format's end marker (trailing padding after it is allowed). */
function endMissing(buffer: Buffer, format: PhotoFormat): boolean {
  const tail = buffer.subarray(Math.max(0, buffer.length - 4096));
  if (format === 'jpeg') return tail.lastIndexOf(Buffer.from([0xff, 0xd9])) < 0;
  if (format === 'png') return tail.lastIndexOf(Buffer.from('IEND', 'latin1')) < 0;
  return false;
}

function checkPixels(width: number, height: number, name: string): void {
  if (!(width > 0 && height > 0)) throw new AppError('library.file.unreadable', { file: name });
  if (width * height > MAX_INPUT_PIXELS) {
    throw new AppError('library.file.tooLarge', { file: name, width, height, limit: MAX_INPUT_PIXELS });
  }
}

/**
 * Opens a photo held in memory. Reads the header only; pixels are decoded when a pipeline runs
 * (for HEVC HEIC, once, here). `name` is used in error messages only.
 */
export async function decodePhoto(buffer: Buffer, name: string): Promise<DecodedPhoto> {
  if (buffer.length === 0) throw new AppError('library.file.empty', { file: name });
  const format = sniffFormat(buffer);
  if (!format) throw new AppError('library.file.unsupported', { file: name });
  let metadata: Metadata | null = null;
  try {
    metadata = await sharp(buffer, { limitInputPixels: false }).metadata();
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : '';
    if (format !== 'heif') throw new AppError('library.file.unreadable', { file: name, detail });
  }
  if (format === 'heif' && (!metadata || metadata.compression !== 'av1')) return decodeHeic(buffer, name);
  if (!metadata?.width || !metadata.height) throw new AppError('library.file.unreadable', { file: name });
  checkPixels(metadata.width, metadata.height, name);
  const orientation =
    metadata.orientation && metadata.orientation >= 1 && metadata.orientation <= 8 ? metadata.orientation : 1;
  return {
    format,
    endMissing: endMissing(buffer, format),
    width: metadata.width,
    height: metadata.height,
    orientation,
    pipeline: () => sharp(buffer, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' }).rotate(),
  };
}

async function decodeHeic(buffer: Buffer, name: string): Promise<DecodedPhoto> {
  const reply = await decodeHeicInWorker(buffer);
  if (reply.tooLarge) checkPixels(reply.width ?? 0, reply.height ?? 0, name);
  if (reply.error || !reply.data || !reply.width || !reply.height) {
    throw new AppError('library.file.unreadable', { file: name, detail: reply.error ?? '' });
  }
  const { width, height, data } = reply;
  const pixels = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  // libheif applies the container's rotation and mirroring, so these pixels are already as a viewer sees them.
  return {
    format: 'heif',
    endMissing: false,
    width,
    height,
    orientation: 1,
    pipeline: () => sharp(pixels, { raw: { width, height, channels: 4 }, limitInputPixels: MAX_INPUT_PIXELS }),
  };
}

export const THUMBNAIL_SIZE = 400;
export const PREVIEW_SIZE = 1280;

export interface RenderedSizes {
  readonly thumbnail: Buffer;
  readonly preview: Buffer;
}

/**
 * Thumbnail (WebP) and preview (JPEG) from one decode: the photo is decoded once, shrunk on load to the
 * preview size, and both files are encoded from those pixels.
 */
export async function renderSizes(photo: DecodedPhoto, name: string): Promise<RenderedSizes> {
  try {
    const { data, info } = await photo
      .pipeline()
      .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
    const [preview, thumbnail] = await Promise.all([
      // Huffman optimisation would triple the encode time for a few percent of size: off.
      sharp(data, raw).jpeg({ quality: 82, optimiseCoding: false }).toBuffer(),
      sharp(data, raw)
        .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 78, effort: 0 })
        .toBuffer(),
    ]);
    return { thumbnail, preview };
  } catch (error) {
    throw pixelError(error, photo, name);
  }
}

/**
 * The photo decoded once, in full, in display orientation (RGB, or RGBA when it has alpha): every later
 * pipeline (thumbnails, face detection) starts from these pixels instead of decoding the file again.
 */
export async function rasterisePhoto(photo: DecodedPhoto, name: string): Promise<DecodedPhoto> {
  try {
    const { data, info } = await photo.pipeline().raw().toBuffer({ resolveWithObject: true });
    const raw = { width: info.width, height: info.height, channels: info.channels };
    return {
      format: photo.format,
      endMissing: photo.endMissing,
      width: info.width,
      height: info.height,
      orientation: 1,
      pipeline: () => sharp(data, { raw, limitInputPixels: MAX_INPUT_PIXELS }),
      raw: { data, ...raw },
    };
  } catch (error) {
    throw pixelError(error, photo, name);
  }
}

/** What went wrong decoding a photo's pixels, as the error the user sees. */
function pixelError(error: unknown, photo: DecodedPhoto, name: string): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : '';
  if (/pixel limit/i.test(message))
    return new AppError('library.file.tooLarge', { file: name, limit: MAX_INPUT_PIXELS });
  if (photo.endMissing || /truncat|premature|unexpected end/i.test(message))
    return new AppError('library.file.truncated', { file: name });
  return new AppError('library.file.unreadable', { file: name, detail: message.split('\n')[0]!.slice(0, 200) });
}
