// Walks the marker segments of a JPEG file: what a leak check needs to see every metadata block and every byte
// outside the entropy-coded image data.

export interface JpegSegment {
  /** The marker byte after 0xFF (0xE1 = APP1, 0xFE = COM, 0xDA = SOS…). */
  readonly marker: number;
  readonly offset: number;
  /** Payload, without marker and length bytes. */
  readonly data: Buffer;
}

export interface JpegStructure {
  readonly segments: readonly JpegSegment[];
  /** Bytes after the end-of-image marker (where some tools hide previews). */
  readonly trailing: Buffer;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;

function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);
}

/** Throws when the bytes are not a well-formed JPEG. */
export function readJpegStructure(bytes: Buffer): JpegStructure {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) throw new Error('not a JPEG file');
  const segments: JpegSegment[] = [];
  let pos = 2;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) throw new Error(`expected a marker at byte ${pos}`);
    let marker = bytes[pos + 1]!;
    while (marker === 0xff) {
      pos += 1;
      marker = bytes[pos + 1]!;
    }
    if (marker === EOI) return { segments, trailing: bytes.subarray(pos + 2) };
    if (isStandalone(marker)) {
      pos += 2;
      continue;
    }
    const length = bytes.readUInt16BE(pos + 2);
    segments.push({ marker, offset: pos, data: bytes.subarray(pos + 4, pos + 2 + length) });
    pos += 2 + length;
    if (marker === SOS) {
      // Entropy-coded data runs to the next marker that is not a stuffed 0x00 or a restart marker.
      for (;;) {
        pos = bytes.indexOf(0xff, pos);
        if (pos < 0 || pos >= bytes.length - 1) throw new Error('JPEG ends without an end-of-image marker');
        const next = bytes[pos + 1]!;
        if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) break;
        pos += 2;
      }
    }
  }
  throw new Error('JPEG ends without an end-of-image marker');
}

export function markerName(marker: number): string {
  if (marker >= 0xe0 && marker <= 0xef) return `APP${marker - 0xe0}`;
  if (marker === 0xfe) return 'COM';
  return `0x${marker.toString(16).toUpperCase()}`;
}

/** An APP0 segment that is the plain JFIF header (no thumbnail), which carries nothing about anyone. */
export function isPlainJfif(segment: JpegSegment): boolean {
  return (
    segment.marker === 0xe0 &&
    segment.data.subarray(0, 5).toString('latin1') === 'JFIF\0' &&
    segment.data.length >= 14 &&
    segment.data[12] === 0 &&
    segment.data[13] === 0
  );
}
