// Test photos with real XMP packets: JPEGs written by sharp, XMP (and extended XMP) inserted as APP1 segments
// exactly as photo tools store them, and builders for every people-region namespace Fotowacht reads.
import { createHash } from 'node:crypto';
import sharp from 'sharp';

export interface StoredBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const NAMESPACES = {
  x: 'adobe:ns:meta/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  'mwg-rs': 'http://www.metadataworkinggroup.com/schemas/regions/',
  stArea: 'http://ns.adobe.com/xmp/sType/Area#',
  stDim: 'http://ns.adobe.com/xap/1.0/sType/Dimensions#',
  MP: 'http://ns.microsoft.com/photo/1.2/',
  MPRI: 'http://ns.microsoft.com/photo/1.2/t/RegionInfo#',
  MPReg: 'http://ns.microsoft.com/photo/1.2/t/Region#',
  Iptc4xmpExt: 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/',
  digiKam: 'http://www.digikam.org/ns/1.0/',
  lr: 'http://ns.adobe.com/lightroom/1.0/',
  dc: 'http://purl.org/dc/elements/1.1/',
  xmpNote: 'http://ns.adobe.com/xmp/note/',
} as const;

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A complete XMP packet around rdf:Description properties. */
export function xmpPacket(properties: string, attributes = ''): string {
  const xmlns = Object.entries(NAMESPACES)
    .filter(([prefix]) => prefix !== 'x' && prefix !== 'rdf')
    .map(([prefix, uri]) => `xmlns:${prefix}="${uri}"`)
    .join(' ');
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="${NAMESPACES.rdf}">
<rdf:Description rdf:about="" ${xmlns} ${attributes}>
${properties}
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`;
}

export interface MwgRegion {
  /** Normalised, top-left based, in the STORED pixels (the helper writes the centre-based area). */
  readonly box: StoredBox;
  readonly name?: string;
  readonly type?: string;
}

export function mwgRegions(regions: readonly MwgRegion[], applied?: { w: number; h: number } | null): string {
  const dims = applied
    ? `<mwg-rs:AppliedToDimensions stDim:w="${applied.w}" stDim:h="${applied.h}" stDim:unit="pixel"/>`
    : '';
  const items = regions
    .map(
      (region) => `<rdf:li rdf:parseType="Resource">
  ${region.name !== undefined ? `<mwg-rs:Name>${escapeXml(region.name)}</mwg-rs:Name>` : ''}
  <mwg-rs:Type>${region.type ?? 'Face'}</mwg-rs:Type>
  <mwg-rs:Area stArea:x="${region.box.x + region.box.w / 2}" stArea:y="${region.box.y + region.box.h / 2}" stArea:w="${region.box.w}" stArea:h="${region.box.h}" stArea:unit="normalized"/>
</rdf:li>`,
    )
    .join('\n');
  return `<mwg-rs:Regions rdf:parseType="Resource">${dims}<mwg-rs:RegionList><rdf:Bag>${items}</rdf:Bag></mwg-rs:RegionList></mwg-rs:Regions>`;
}

export function mpRegions(regions: ReadonlyArray<{ box: StoredBox; name: string }>): string {
  const items = regions
    .map(
      (region) => `<rdf:li><rdf:Description>
  <MPReg:PersonDisplayName>${escapeXml(region.name)}</MPReg:PersonDisplayName>
  <MPReg:Rectangle>${region.box.x}, ${region.box.y}, ${region.box.w}, ${region.box.h}</MPReg:Rectangle>
</rdf:Description></rdf:li>`,
    )
    .join('\n');
  return `<MP:RegionInfo><rdf:Description><MPRI:Regions><rdf:Bag>${items}</rdf:Bag></MPRI:Regions></rdf:Description></MP:RegionInfo>`;
}

export type IptcBoundary =
  | { shape: 'rectangle'; unit: 'relative' | 'pixel'; x: number; y: number; w: number; h: number }
  | { shape: 'circle'; unit: 'relative' | 'pixel'; x: number; y: number; rx: number }
  | { shape: 'polygon'; unit: 'relative' | 'pixel'; vertices: ReadonlyArray<readonly [number, number]> };

export function iptcRegions(
  regions: ReadonlyArray<{ boundary: IptcBoundary; name?: string; persons?: string[] }>,
): string {
  const items = regions
    .map((region) => {
      const b = region.boundary;
      let boundary = `<Iptc4xmpExt:rbShape>${b.shape}</Iptc4xmpExt:rbShape><Iptc4xmpExt:rbUnit>${b.unit}</Iptc4xmpExt:rbUnit>`;
      if (b.shape === 'rectangle') {
        boundary += `<Iptc4xmpExt:rbX>${b.x}</Iptc4xmpExt:rbX><Iptc4xmpExt:rbY>${b.y}</Iptc4xmpExt:rbY><Iptc4xmpExt:rbW>${b.w}</Iptc4xmpExt:rbW><Iptc4xmpExt:rbH>${b.h}</Iptc4xmpExt:rbH>`;
      } else if (b.shape === 'circle') {
        boundary += `<Iptc4xmpExt:rbX>${b.x}</Iptc4xmpExt:rbX><Iptc4xmpExt:rbY>${b.y}</Iptc4xmpExt:rbY><Iptc4xmpExt:rbRx>${b.rx}</Iptc4xmpExt:rbRx>`;
      } else {
        boundary += `<Iptc4xmpExt:rbVertices><rdf:Seq>${b.vertices
          .map(
            ([vx, vy]) =>
              `<rdf:li rdf:parseType="Resource"><Iptc4xmpExt:rbX>${vx}</Iptc4xmpExt:rbX><Iptc4xmpExt:rbY>${vy}</Iptc4xmpExt:rbY></rdf:li>`,
          )
          .join('')}</rdf:Seq></Iptc4xmpExt:rbVertices>`;
      }
      const name = region.name
        ? `<Iptc4xmpExt:Name><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(region.name)}</rdf:li></rdf:Alt></Iptc4xmpExt:Name>`
        : '';
      const persons = region.persons
        ? `<Iptc4xmpExt:PersonInImage><rdf:Bag>${region.persons.map((p) => `<rdf:li>${escapeXml(p)}</rdf:li>`).join('')}</rdf:Bag></Iptc4xmpExt:PersonInImage>`
        : '';
      return `<rdf:li rdf:parseType="Resource">${name}${persons}<Iptc4xmpExt:RegionBoundary rdf:parseType="Resource">${boundary}</Iptc4xmpExt:RegionBoundary></rdf:li>`;
    })
    .join('\n');
  return `<Iptc4xmpExt:ImageRegion><rdf:Bag>${items}</rdf:Bag></Iptc4xmpExt:ImageRegion>`;
}

export function bag(property: string, values: readonly string[]): string {
  return `<${property}><rdf:Bag>${values.map((v) => `<rdf:li>${escapeXml(v)}</rdf:li>`).join('')}</rdf:Bag></${property}>`;
}

export function personInImageWDetails(names: readonly string[]): string {
  return `<Iptc4xmpExt:PersonInImageWDetails><rdf:Bag>${names
    .map(
      (n) =>
        `<rdf:li rdf:parseType="Resource"><Iptc4xmpExt:PersonName><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(n)}</rdf:li></rdf:Alt></Iptc4xmpExt:PersonName></rdf:li>`,
    )
    .join('')}</rdf:Bag></Iptc4xmpExt:PersonInImageWDetails>`;
}

function app1(payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/**
 * Inserts XMP into a JPEG right after SOI. With `extended`, the main packet must carry
 * xmpNote:HasExtendedXMP = the returned GUID (use extendedGuid()), and the extension is split into
 * segments of at most `chunkSize` bytes, as Adobe's XMP spec prescribes.
 */
export function insertXmp(jpeg: Buffer, main: string, extended?: string, chunkSize = 65_000): Buffer {
  const segments = [
    app1(Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), Buffer.from(main, 'utf8')])),
  ];
  if (extended) {
    const data = Buffer.from(extended, 'utf8');
    const guid = extendedGuid(extended);
    for (let offset = 0; offset < data.length; offset += chunkSize) {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(data.length, 0);
      head.writeUInt32BE(offset, 4);
      segments.push(
        app1(
          Buffer.concat([
            Buffer.from('http://ns.adobe.com/xmp/extension/\0', 'latin1'),
            Buffer.from(guid, 'latin1'),
            head,
            data.subarray(offset, offset + chunkSize),
          ]),
        ),
      );
    }
  }
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
}

export function extendedGuid(extended: string): string {
  return createHash('md5').update(extended, 'utf8').digest('hex').toUpperCase();
}

export interface TestJpegOptions {
  readonly width: number;
  readonly height: number;
  readonly orientation?: number;
  /** Red blocks painted on the stored pixels, to check where a box lands after orientation. */
  readonly marks?: readonly StoredBox[];
  readonly xmp?: string;
  readonly extendedXmp?: string;
  /** Makes different files of the same layout differ in content. */
  readonly seed?: number;
}

export async function makeJpeg(options: TestJpegOptions): Promise<Buffer> {
  const { width, height } = options;
  const composites = (options.marks ?? []).map((mark) => ({
    input: {
      create: {
        width: Math.max(1, Math.round(mark.w * width)),
        height: Math.max(1, Math.round(mark.h * height)),
        channels: 3 as const,
        background: '#ff0000',
      },
    },
    left: Math.round(mark.x * width),
    top: Math.round(mark.y * height),
  }));
  const shade = 60 + (((options.seed ?? 0) * 37) % 120);
  let image = sharp({ create: { width, height, channels: 3, background: { r: shade, g: shade, b: 200 } } }).composite(
    composites,
  );
  if (options.orientation && options.orientation !== 1)
    image = image.withMetadata({ orientation: options.orientation });
  const jpeg = await image.jpeg({ quality: 90 }).toBuffer();
  return options.xmp ? insertXmp(jpeg, options.xmp, options.extendedXmp) : jpeg;
}

/** The bounding box of the red pixels of an image as a viewer sees it (EXIF orientation applied), normalised. */
export async function redBoxAsViewed(file: Buffer | string): Promise<StoredBox | null> {
  const { data, info } = await sharp(file).rotate().raw().toBuffer({ resolveWithObject: true });
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < info.height; y += 1) {
    for (let x = 0; x < info.width; x += 1) {
      const i = (y * info.width + x) * info.channels;
      if (data[i]! > 200 && data[i + 1]! < 80 && data[i + 2]! < 80) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
    }
  }
  if (x1 < 0) return null;
  return { x: x0 / info.width, y: y0 / info.height, w: (x1 - x0 + 1) / info.width, h: (y1 - y0 + 1) / info.height };
}

/** A PNG whose header claims a huge size but holds almost no data: a decompression bomb in miniature. */
export async function hugePngHeader(width: number, height: number): Promise<Buffer> {
  const { crc32, deflateSync } = await import('node:zlib');
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
