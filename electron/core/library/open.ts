// Opening a library photo by its content hash, for the steps after indexing (face detection, export): finds a
// file that still holds exactly those bytes and decodes it, HEIC included, turned as a viewer sees it.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ReadableDb } from '../db';
import { decodePhoto, type DecodedPhoto } from './decode';
import { photoFilePaths } from './photoRepository';

export interface LibraryPhoto extends DecodedPhoto {
  /** The file the pixels came from. */
  readonly path: string;
  /** The file's bytes (already verified against the hash), e.g. for reading metadata again. */
  readonly buffer: Buffer;
}

/** Bytes read (and hashed) at a time: hashing a 10 MB photo in one go would hold the event loop for its length. */
const READ_SLICE = 1 << 20;

/** A file's bytes and their SHA-256, hashed slice by slice as they are read. */
async function readHashed(file: string): Promise<{ buffer: Buffer; sha256: string }> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.allocUnsafe(size);
    const hash = createHash('sha256');
    let offset = 0;
    while (offset < size) {
      const { bytesRead } = await handle.read(buffer, offset, Math.min(READ_SLICE, size - offset), offset);
      if (bytesRead === 0) break; // cut short while being read: the hash tells
      hash.update(buffer.subarray(offset, offset + bytesRead));
      offset += bytesRead;
    }
    // The bytes decoded are exactly the bytes hashed.
    return { buffer: buffer.subarray(0, offset), sha256: hash.digest('hex') };
  } finally {
    await handle.close();
  }
}

/** Throws library.photo.fileMissing when no file of the photo is left with the same content. */
export async function openLibraryPhoto(db: ReadableDb, hash: string): Promise<LibraryPhoto> {
  return openPhotoFiles(photoFilePaths(db, hash), hash);
}

/**
 * openLibraryPhoto given the photo's files (photoFilePaths), e.g. in a worker thread without the database: the first
 * file that still holds exactly these bytes, decoded.
 */
export async function openPhotoFiles(files: readonly string[], hash: string): Promise<LibraryPhoto> {
  for (const file of files) {
    let read: { buffer: Buffer; sha256: string };
    try {
      read = await readHashed(file);
    } catch {
      continue;
    }
    if (read.sha256 !== hash) continue; // changed since indexing: not this photo any more
    const buffer = read.buffer;
    const decoded = await decodePhoto(buffer, path.basename(file));
    return { ...decoded, path: file, buffer };
  }
  throw new AppError('library.photo.fileMissing', { hash });
}

export interface PhotoPixels {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: 3;
}

/**
 * The photo's pixels as 8-bit RGB in display orientation, scaled down to fit `maxSize` (never up), e.g. for a
 * face detector. Regions (normalised, display frame) map onto these pixels directly.
 */
export async function readLibraryPhotoPixels(db: ReadableDb, hash: string, maxSize?: number): Promise<PhotoPixels> {
  const photo = await openLibraryPhoto(db, hash);
  let pipeline = photo.pipeline();
  if (maxSize) pipeline = pipeline.resize(maxSize, maxSize, { fit: 'inside', withoutEnlargement: true });
  const { data, info } = await pipeline
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 3 };
}
