// The box structure of an exported MP4, read from its bytes without any library: which boxes it holds (to refuse
// every one playback does not need: udta items, ©xyz, keys, uuid/XMP, chapters…) and the bytes outside the picture
// and sound data (to search for names). Only what Fotowacht's own export writes is allowed.
export interface Mp4Box {
  /** Path of box types from the top, e.g. "moov/trak/mdia/hdlr". */
  readonly path: string;
  readonly type: string;
  readonly start: number;
  readonly end: number;
  /** Where the box's content starts (after its header). */
  readonly contentStart: number;
}

export interface Mp4Structure {
  readonly boxes: readonly Mp4Box[];
  /** Bytes after the last whole top-level box (0 when the boxes cover the file exactly). */
  readonly trailingBytes: number;
}

/** Boxes whose content is more boxes (meta is a full box: 4 bytes of version and flags first). */
const CONTAINERS: Readonly<Record<string, number>> = {
  moov: 0,
  trak: 0,
  edts: 0,
  mdia: 0,
  minf: 0,
  dinf: 0,
  stbl: 0,
  udta: 0,
  meta: 4,
  ilst: 0,
};

/**
 * Every box the export writes, by path. `moov/udta/meta` with an empty `ilst` is what the muxer leaves when all
 * metadata is dropped; an item inside `ilst` (title, ©xyz, encoder…) is refused.
 */
export const ALLOWED_BOXES: ReadonlySet<string> = new Set([
  'ftyp',
  'free',
  'mdat',
  'moov',
  'moov/mvhd',
  'moov/trak',
  'moov/trak/tkhd',
  'moov/trak/edts',
  'moov/trak/edts/elst',
  'moov/trak/mdia',
  'moov/trak/mdia/mdhd',
  'moov/trak/mdia/hdlr',
  'moov/trak/mdia/minf',
  'moov/trak/mdia/minf/vmhd',
  'moov/trak/mdia/minf/smhd',
  'moov/trak/mdia/minf/dinf',
  'moov/trak/mdia/minf/dinf/dref',
  'moov/trak/mdia/minf/stbl',
  'moov/trak/mdia/minf/stbl/stsd',
  'moov/trak/mdia/minf/stbl/stts',
  'moov/trak/mdia/minf/stbl/stss',
  'moov/trak/mdia/minf/stbl/ctts',
  'moov/trak/mdia/minf/stbl/stsc',
  'moov/trak/mdia/minf/stbl/stsz',
  'moov/trak/mdia/minf/stbl/stco',
  'moov/trak/mdia/minf/stbl/co64',
  'moov/trak/mdia/minf/stbl/sgpd',
  'moov/trak/mdia/minf/stbl/sbgp',
  'moov/udta',
  'moov/udta/meta',
  'moov/udta/meta/hdlr',
  'moov/udta/meta/ilst',
]);

function typeAt(file: Buffer, at: number): string {
  return file.toString('latin1', at, at + 4);
}

/**
 * Walks the boxes in `file` (a whole file, or one top-level box read on its own, `offset` being where it starts in
 * the file); throws on a box that runs past its parent (a broken or hostile file).
 */
export function readMp4Structure(file: Buffer, offset = 0): Mp4Structure {
  const boxes: Mp4Box[] = [];
  const walk = (start: number, end: number, parent: string, depth: number): number => {
    let at = start;
    while (at + 8 <= end) {
      let size = file.readUInt32BE(at);
      const type = typeAt(file, at + 4);
      let header = 8;
      if (size === 1) {
        if (at + 16 > end) throw new Error(`box ${type} at ${at} is cut off`);
        size = Number(file.readBigUInt64BE(at + 8));
        header = 16;
      } else if (size === 0) {
        size = end - at;
      }
      if (size < header || at + size > end) throw new Error(`box ${type} at ${at} runs past its parent`);
      const path = parent ? `${parent}/${type}` : type;
      boxes.push({ path, type, start: offset + at, end: offset + at + size, contentStart: offset + at + header });
      const skip = CONTAINERS[type];
      if (skip !== undefined && depth < 16) walk(at + header + skip, at + size, path, depth + 1);
      at += size;
    }
    return at;
  };
  const covered = walk(0, file.length, '', 0);
  return { boxes, trailingBytes: file.length - covered };
}
