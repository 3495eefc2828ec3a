// A photo's metadata: EXIF/IPTC through exifr (date, camera, artist, copyright, GPS presence, keywords) and
// people from the XMP packet (regions.ts), for a file already read into memory.
import exifr from 'exifr';
import type { FileRegion, Photo, PhotoReviewReason } from '../../../shared/library';
import { displaySize, readKeywords, readPeopleRegions, staleRegionsReason, withSidecarRegions } from './regions';
import { parseXmp, readXmp, type XmpStruct } from './xmp';

/** What the file itself says: the stored fields of a Photo, plus the people regions read from it. */
export type PhotoMetadata = Omit<Photo, 'hash' | 'format' | 'paths' | 'regions' | 'keywords'> & {
  readonly keywords: string[];
  readonly regions: FileRegion[];
  /** Why the photo must be reviewed whatever its consent says; empty when its metadata was read as written. */
  readonly reviewReasons: PhotoReviewReason[];
};

type ExifRecord = Record<string, unknown>;

const EXIF_OPTIONS: Parameters<typeof exifr.parse>[1] = {
  tiff: true,
  exif: true,
  gps: true,
  iptc: true,
  xmp: false,
  icc: false,
  jfif: false,
  ihdr: false,
  interop: false,
  ifd1: false,
  makerNote: false,
  userComment: false,
  translateKeys: true,
  translateValues: false,
  reviveValues: false,
  mergeOutput: true,
};

/** EXIF and IPTC; an unreadable block gives nothing rather than failing the photo. */
async function readExif(buffer: Buffer): Promise<ExifRecord> {
  try {
    return ((await exifr.parse(buffer, EXIF_OPTIONS)) as ExifRecord | undefined) ?? {};
  } catch {
    return {};
  }
}

function textOf(value: unknown): string | null {
  if (typeof value === 'string') {
    const trimmed = value.replace(/\0+$/, '').trim();
    return trimmed || null;
  }
  if (Array.isArray(value)) return textOf(value.filter((part) => typeof part === 'string').join('; '));
  return null;
}

/** EXIF "YYYY:MM:DD HH:MM:SS" (+ offset when written) as ISO 8601; local time of the camera when no offset. */
export function exifDate(value: unknown, offset: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  const match =
    typeof value === 'string' ? value.match(/^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/) : null;
  if (!match || match[1] === '0000') return null;
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : '';
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${zone}`;
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/**
 * Reads everything Fotowacht keeps about a photo. `stored` is the pixel size and orientation the decoder
 * found (the EXIF size fields are often stale). `sidecar` is the text of the XMP sidecar beside it, if any: its
 * people come first (sidecars.ts).
 */
export async function readPhotoMetadata(
  buffer: Buffer,
  stored: { readonly width: number; readonly height: number; readonly orientation: number },
  sidecar: string | null = null,
): Promise<PhotoMetadata> {
  const exif = await readExif(buffer);
  let xmp: XmpStruct | null = null;
  const reviewReasons: PhotoReviewReason[] = [];
  try {
    xmp = readXmp(buffer);
  } catch {
    // Malformed or hostile XMP (too deep, too large): the photo still indexes, but the people it may name are
    // unknown, so it goes to review instead of relying on the face detector alone.
    xmp = null;
    reviewReasons.push({ code: 'metadataUnreadable', params: {} });
  }
  let sidecarXmp: XmpStruct | null = null;
  if (sidecar !== null) {
    try {
      sidecarXmp = parseXmp(sidecar);
    } catch {
      // As for the file's own block: who the sidecar names is unknown, so the photo is reviewed.
      if (reviewReasons.length === 0) reviewReasons.push({ code: 'metadataUnreadable', params: {} });
    }
  }
  const geometry = { width: stored.width, height: stored.height, orientation: stored.orientation };
  const embedded = readPeopleRegions(xmp, geometry);
  const fromSidecar = readPeopleRegions(sidecarXmp, geometry);
  const regions = withSidecarRegions(fromSidecar, embedded);
  const stale = staleRegionsReason(sidecarXmp, geometry, fromSidecar) ?? staleRegionsReason(xmp, geometry, embedded);
  if (stale) reviewReasons.push(stale);
  const display = displaySize(geometry);
  const xmpText = (key: string) => {
    const value = xmp?.[key];
    return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : null;
  };
  return {
    width: stored.width,
    height: stored.height,
    orientation: stored.orientation,
    displayWidth: display.width,
    displayHeight: display.height,
    takenAt:
      exifDate(exif.DateTimeOriginal, exif.OffsetTimeOriginal) ??
      exifDate(exif.CreateDate, exif.OffsetTimeDigitized) ??
      exifDate(xmpText('photoshop:DateCreated')?.replace(/T/, ' '), null),
    cameraMake: textOf(exif.Make),
    cameraModel: textOf(exif.Model),
    cameraSerial: textOf(exif.SerialNumber) ?? textOf(exif.BodySerialNumber) ?? textOf(exif.InternalSerialNumber),
    artist: textOf(exif.Artist) ?? textOf(exif.Byline) ?? xmpText('dc:creator'),
    copyright: textOf(exif.Copyright) ?? textOf(exif.CopyrightNotice) ?? xmpText('dc:rights'),
    hasGps: exif.GPSLatitude !== undefined || exif.GPSLongitude !== undefined,
    keywords: [...new Set([...readKeywords(xmp, stringList(exif.Keywords)), ...readKeywords(sidecarXmp, [])])],
    regions,
    reviewReasons,
  };
}
