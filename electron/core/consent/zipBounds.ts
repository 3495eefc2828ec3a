// Limits for an XLSX (a zip of XML files) before anything is inflated: the zip's central directory says how many
// entries there are and how large each claims to be; a list of a school's pupils is a few megabytes at most. A zip
// bomb (a 4 MB file whose sheet inflates to 3.9 GB) is refused from its directory, and an archive that lies about
// its sizes is caught while inflating, with a byte counter, before the XML reader sees it.
import { Inflate } from 'fflate';
import { AppError } from '../../../shared/errors';

export interface ZipLimits {
  readonly maxEntries: number;
  /** Bytes one entry may inflate to. */
  readonly maxEntryBytes: number;
  /** Bytes all entries together may inflate to. */
  readonly maxTotalBytes: number;
  /** Inflated ÷ compressed size beyond which an entry (larger than 1 MiB inflated) counts as a bomb. */
  readonly maxRatio: number;
}

export const XLSX_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxRatio: 200,
};

const RATIO_FLOOR_BYTES = 1024 * 1024;

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

function tooLarge(file: string, reason: string): AppError {
  return new AppError('consent.file.xlsxTooLarge', { file, reason });
}

/** The entries of a zip's central directory; throws `consent.file.badXlsx` when there is none to read. */
export function zipEntries(bytes: Uint8Array, file: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: in the last 64 KiB + 22 bytes (a comment may follow it).
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 65_557); at -= 1) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new AppError('consent.file.badXlsx', { file, detail: 'no zip directory' });
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) {
      throw new AppError('consent.file.badXlsx', { file, detail: 'broken zip directory' });
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Refuses a zip whose directory claims too many entries, too many bytes or a bomb's compression ratio. */
export function checkZipDirectory(bytes: Uint8Array, file: string, limits: ZipLimits = XLSX_LIMITS): ZipEntry[] {
  const entries = zipEntries(bytes, file);
  if (entries.length > limits.maxEntries) throw tooLarge(file, `${entries.length} entries`);
  let total = 0;
  for (const entry of entries) {
    // 0xFFFFFFFF: a Zip64 size, beyond any list.
    if (entry.size > limits.maxEntryBytes || entry.size === 0xffffffff) throw tooLarge(file, entry.name);
    if (entry.size > RATIO_FLOOR_BYTES && entry.size / Math.max(1, entry.compressedSize) > limits.maxRatio) {
      throw tooLarge(file, entry.name);
    }
    total += entry.size;
  }
  if (total > limits.maxTotalBytes) throw tooLarge(file, 'total');
  return entries;
}

/**
 * Inflates every entry with a counter and stops at the first that gives more bytes than its directory claimed (or
 * than the limit): what the XML reader will inflate after this is known to be bounded.
 */
export function checkInflatedSizes(bytes: Uint8Array, file: string, limits: ZipLimits = XLSX_LIMITS): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const entry of checkZipDirectory(bytes, file, limits)) {
    const at = entry.localOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) {
      throw new AppError('consent.file.badXlsx', { file, detail: 'broken zip entry' });
    }
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, start + entry.compressedSize);
    const cap = Math.min(entry.size, limits.maxEntryBytes);
    if (entry.method === 0) {
      total += data.length;
    } else if (entry.method === 8) {
      let inflated = 0;
      const inflate = new Inflate((chunk) => {
        inflated += chunk.length;
        if (inflated > cap) throw tooLarge(file, entry.name);
      });
      for (let offset = 0; offset < data.length; offset += 64 * 1024) {
        inflate.push(data.subarray(offset, offset + 64 * 1024), offset + 64 * 1024 >= data.length);
      }
      total += inflated;
    }
    if (total > limits.maxTotalBytes) throw tooLarge(file, 'total');
  }
}
