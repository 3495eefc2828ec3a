// Credits an export may keep by the school's choice (per channel): the photographer (creator), the copyright notice
// and the credit line, read from the source photo and written into the exported JPEG as exactly two blocks that
// Fotowacht builds itself — an EXIF block (Artist, Copyright) and an XMP packet (dc:creator, dc:rights,
// photoshop:Credit). The leak check allows these blocks byte for byte and nothing else.
import exifr from 'exifr';
import type { CreditField } from '../../../shared/types';

export type PhotoCredits = Readonly<Partial<Record<CreditField, string>>>;

/** Longest credit kept: a credit is a name or a line, not a text. */
const MAX_CREDIT_LENGTH = 200;

type Block = Record<string, unknown>;

function textOf(value: unknown): string | null {
  if (typeof value === 'string') {
    // Control characters (line breaks, NULs that end EXIF strings) become spaces.
    const text = value.replace(/\p{Cc}+/gu, ' ').trim();
    return text === '' ? null : text.slice(0, MAX_CREDIT_LENGTH);
  }
  if (Array.isArray(value)) {
    const parts = value.map(textOf).filter((part): part is string => part !== null);
    return parts.length > 0 ? textOf(parts.join('; ')) : null;
  }
  // XMP language alternatives: { lang: 'x-default', value: '…' }.
  if (value !== null && typeof value === 'object' && 'value' in value) return textOf((value as Block).value);
  return null;
}

/** The creator, copyright notice and credit line the source file states (XMP first, then EXIF, then IPTC). */
export async function readSourceCredits(source: Buffer): Promise<PhotoCredits> {
  const parsed = ((await exifr
    .parse(source, { tiff: true, exif: false, gps: false, xmp: true, iptc: true, mergeOutput: false })
    .catch(() => undefined)) ?? {}) as Record<string, Block | undefined>;
  const { dc = {}, photoshop = {}, ifd0 = {}, iptc = {} } = parsed;
  const credits: Partial<Record<CreditField, string>> = {};
  const creator = textOf(dc.creator) ?? textOf(ifd0.Artist) ?? textOf(iptc.Byline);
  const copyright = textOf(dc.rights) ?? textOf(ifd0.Copyright) ?? textOf(iptc.CopyrightNotice);
  const credit = textOf(photoshop.Credit) ?? textOf(iptc.Credit);
  if (creator) credits.creator = creator;
  if (copyright) credits.copyright = copyright;
  if (credit) credits.credit = credit;
  return credits;
}

/** Exactly the chosen fields the source has. */
export function chosenCredits(source: PhotoCredits, fields: readonly CreditField[]): PhotoCredits {
  const kept: Partial<Record<CreditField, string>> = {};
  for (const field of fields) if (source[field]) kept[field] = source[field];
  return kept;
}

function segment(marker: number, payload: Buffer): Buffer {
  if (payload.length + 2 > 0xffff) throw new Error('metadata segment too large');
  const head = Buffer.alloc(4);
  head.writeUInt16BE(marker, 0);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** An EXIF block with IFD0 holding only Artist (0x013b) and Copyright (0x8298), as UTF-8 text. */
function exifSegment(credits: PhotoCredits): Buffer | null {
  const tags: Array<readonly [number, string]> = [];
  if (credits.creator !== undefined) tags.push([0x013b, credits.creator]);
  if (credits.copyright !== undefined) tags.push([0x8298, credits.copyright]);
  if (tags.length === 0) return null;
  const values = tags.map(([, text]) => Buffer.from(`${text}\0`, 'utf8'));
  const ifdSize = 2 + tags.length * 12 + 4;
  const tiff = Buffer.alloc(8 + ifdSize);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(tags.length, 8);
  let valueOffset = 8 + ifdSize;
  const extra: Buffer[] = [];
  tags.forEach(([tag], i) => {
    const entry = 10 + i * 12;
    const value = values[i]!;
    tiff.writeUInt16LE(tag, entry);
    tiff.writeUInt16LE(2, entry + 2); // ASCII
    tiff.writeUInt32LE(value.length, entry + 4);
    if (value.length <= 4) value.copy(tiff, entry + 8);
    else {
      tiff.writeUInt32LE(valueOffset, entry + 8);
      extra.push(value);
      valueOffset += value.length;
    }
  });
  tiff.writeUInt32LE(0, 10 + tags.length * 12); // no next IFD: no thumbnail
  return segment(0xffe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, ...extra]));
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An XMP packet with only dc:creator, dc:rights and photoshop:Credit (IPTC Core's creator, notice, credit line). */
function xmpSegment(credits: PhotoCredits): Buffer | null {
  const properties = [
    credits.creator === undefined
      ? ''
      : `<dc:creator><rdf:Seq><rdf:li>${xml(credits.creator)}</rdf:li></rdf:Seq></dc:creator>`,
    credits.copyright === undefined
      ? ''
      : `<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">${xml(credits.copyright)}</rdf:li></rdf:Alt></dc:rights>`,
    credits.credit === undefined ? '' : `<photoshop:Credit>${xml(credits.credit)}</photoshop:Credit>`,
  ].join('');
  if (properties === '') return null;
  const packet =
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    `xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">${properties}</rdf:Description>` +
    '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
  return segment(
    0xffe1,
    Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), Buffer.from(packet, 'utf8')]),
  );
}

/** The metadata segments (marker and length included) that carry exactly these credits; none for no credits. */
export function creditSegments(credits: PhotoCredits): Buffer[] {
  return [exifSegment(credits), xmpSegment(credits)].filter((part): part is Buffer => part !== null);
}

/** The JPEG with the credit segments after SOI and the JFIF header (which must stay first). */
export function withCredits(jpeg: Buffer, credits: PhotoCredits): Buffer {
  const segments = creditSegments(credits);
  if (segments.length === 0) return jpeg;
  if (jpeg.readUInt16BE(0) !== 0xffd8) throw new Error('not a JPEG');
  let at = 2;
  if (jpeg.readUInt16BE(2) === 0xffe0) at = 4 + jpeg.readUInt16BE(4);
  return Buffer.concat([jpeg.subarray(0, at), ...segments, jpeg.subarray(at)]);
}
