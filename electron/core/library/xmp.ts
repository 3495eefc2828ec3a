// XMP packets out of a photo file (JPEG segments with extended XMP, or a packet anywhere in other formats)
// and RDF turned into plain values. exifr flattens nested rdf structures too far for people regions
// (Microsoft's nested rdf:Description, IPTC ImageRegion), so the packet is read here, namespace-aware.
import { inflateSync } from 'node:zlib';
import { parseXml, type XmlElement } from './xml';

/** A property value: text, a list (rdf:Bag/Seq; rdf:Alt gives its default text), or a structure. */
export type XmpValue = string | XmpValue[] | XmpStruct;
export interface XmpStruct {
  [key: string]: XmpValue;
}

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Namespace URI → the prefix used as key here, whatever prefix the file chose. Compared without a trailing / or #. */
const KNOWN_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['http://www.metadataworkinggroup.com/schemas/regions', 'mwg-rs'],
  ['http://ns.adobe.com/xmp/sType/Area', 'stArea'],
  ['http://ns.adobe.com/xap/1.0/sType/Dimensions', 'stDim'],
  ['http://ns.microsoft.com/photo/1.2', 'MP'],
  ['http://ns.microsoft.com/photo/1.2/t/RegionInfo', 'MPRI'],
  ['http://ns.microsoft.com/photo/1.2/t/Region', 'MPReg'],
  ['http://ns.microsoft.com/photo/1.0', 'MicrosoftPhoto'],
  ['http://iptc.org/std/Iptc4xmpExt/2008-02-29', 'Iptc4xmpExt'],
  ['http://iptc.org/std/Iptc4xmpCore/1.0/xmlns', 'Iptc4xmpCore'],
  ['http://www.digikam.org/ns/1.0', 'digiKam'],
  ['http://www.digikam.org', 'digiKam'],
  ['http://ns.adobe.com/lightroom/1.0', 'lr'],
  ['http://purl.org/dc/elements/1.1', 'dc'],
  ['http://ns.adobe.com/xmp/note', 'xmpNote'],
  ['http://ns.adobe.com/photoshop/1.0', 'photoshop'],
  ['http://ns.adobe.com/xap/1.0', 'xmp'],
  ['http://ns.adobe.com/tiff/1.0', 'tiff'],
  ['http://ns.adobe.com/exif/1.0', 'exif'],
];
const PREFIX_BY_URI = new Map(KNOWN_PREFIXES.map(([uri, prefix]) => [uri, prefix]));

function keyOf(ns: string, prefix: string, local: string): string {
  const known = PREFIX_BY_URI.get(ns.replace(/[/#]+$/, ''));
  return `${known ?? prefix}:${local}`;
}

const XMP_HEADER = 'http://ns.adobe.com/xap/1.0/\0';
const EXTENDED_HEADER = 'http://ns.adobe.com/xmp/extension/\0';

export interface XmpPackets {
  readonly main: string | null;
  /** Extended XMP chunks joined per GUID (JPEG only). */
  readonly extended: ReadonlyMap<string, string>;
}

/** Finds the XMP packet(s) in a file's bytes without copying the image data. */
export function extractXmpPackets(buffer: Buffer): XmpPackets {
  if (buffer.length > 3 && buffer[0] === 0xff && buffer[1] === 0xd8) return jpegPackets(buffer);
  if (buffer.length > 8 && buffer.readUInt32BE(0) === 0x89504e47) {
    return { main: pngPacket(buffer) ?? scanForPacket(buffer), extended: new Map() };
  }
  return { main: scanForPacket(buffer), extended: new Map() };
}

function jpegPackets(buffer: Buffer): XmpPackets {
  let main: string | null = null;
  const parts = new Map<string, { length: number; chunks: Array<{ offset: number; data: Buffer }> }>();
  let position = 2;
  while (position + 4 <= buffer.length) {
    if (buffer[position] !== 0xff) break;
    const marker = buffer[position + 1]!;
    if (marker === 0xff) {
      position += 1;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      position += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // start of scan: no metadata after this
    const length = buffer.readUInt16BE(position + 2);
    const start = position + 4;
    const end = Math.min(buffer.length, position + 2 + length);
    if (marker === 0xe1) {
      if (buffer.toString('latin1', start, start + XMP_HEADER.length) === XMP_HEADER && main === null) {
        main = buffer.toString('utf8', start + XMP_HEADER.length, end);
      } else if (buffer.toString('latin1', start, start + EXTENDED_HEADER.length) === EXTENDED_HEADER) {
        const at = start + EXTENDED_HEADER.length;
        if (at + 40 <= end) {
          const guid = buffer.toString('latin1', at, at + 32);
          const fullLength = buffer.readUInt32BE(at + 32);
          const offset = buffer.readUInt32BE(at + 36);
          const entry = parts.get(guid) ?? { length: fullLength, chunks: [] };
          entry.chunks.push({ offset, data: buffer.subarray(at + 40, end) });
          parts.set(guid, entry);
        }
      }
    }
    position = position + 2 + length;
  }
  const extended = new Map<string, string>();
  for (const [guid, entry] of parts) {
    const whole = Buffer.alloc(entry.length);
    for (const chunk of entry.chunks) chunk.data.copy(whole, chunk.offset);
    extended.set(guid, whole.toString('utf8'));
  }
  // A JPEG keeps XMP only in APP1 segments; scanning the compressed data would only cost time.
  return { main, extended };
}

const PNG_XMP_KEYWORD = 'XML:com.adobe.xmp';

/** The XMP of a PNG: an iTXt (or zTXt) chunk with keyword XML:com.adobe.xmp, possibly compressed. */
function pngPacket(buffer: Buffer): string | null {
  let position = 8;
  while (position + 8 <= buffer.length) {
    const length = buffer.readUInt32BE(position);
    const type = buffer.toString('latin1', position + 4, position + 8);
    const start = position + 8;
    const end = Math.min(buffer.length, start + length);
    if (type === 'IDAT' || type === 'IEND') break;
    if (
      (type === 'iTXt' || type === 'zTXt') &&
      buffer.toString('latin1', start, start + PNG_XMP_KEYWORD.length + 1) === `${PNG_XMP_KEYWORD}\0`
    ) {
      try {
        let at = start + PNG_XMP_KEYWORD.length + 1;
        if (type === 'zTXt') return inflateSync(buffer.subarray(at + 1, end)).toString('utf8');
        const compressed = buffer[at] === 1;
        at += 2;
        at = buffer.indexOf(0, at) + 1; // language tag
        at = buffer.indexOf(0, at) + 1; // translated keyword
        const data = buffer.subarray(at, end);
        return (compressed ? inflateSync(data) : data).toString('utf8');
      } catch {
        return null;
      }
    }
    position = end + 4;
  }
  return null;
}

/** A packet anywhere in the bytes (PNG iTXt, TIFF tag 700, WebP 'XMP ' chunk, HEIF mime item). */
function scanForPacket(buffer: Buffer): string | null {
  const start = buffer.indexOf('<x:xmpmeta', 0, 'latin1');
  if (start >= 0) {
    const end = buffer.indexOf('</x:xmpmeta>', start, 'latin1');
    if (end > start) return buffer.toString('utf8', start, end + '</x:xmpmeta>'.length);
  }
  const rdfStart = buffer.indexOf('<rdf:RDF', 0, 'latin1');
  if (rdfStart >= 0) {
    const end = buffer.indexOf('</rdf:RDF>', rdfStart, 'latin1');
    if (end > rdfStart) return buffer.toString('utf8', rdfStart, end + '</rdf:RDF>'.length);
  }
  return null;
}

/** All properties of a packet's rdf:Description elements, merged into one structure. */
export function parseXmp(packet: string): XmpStruct {
  const text = packet.replace(/^\uFEFF/, '').replace(/\0+$/, '');
  const root = parseXml(text.slice(Math.max(0, text.search(/<(x:xmpmeta|rdf:RDF)/))));
  const rdf = findRdf(root);
  const result: XmpStruct = {};
  if (!rdf) return result;
  for (const description of rdf.children) {
    if (description.ns === RDF && description.local === 'Description') mergeInto(result, structOf(description));
  }
  return result;
}

/** Reads the main packet and, when it points to extended XMP, merges that in (extended fills what main lacks). */
export function readXmp(buffer: Buffer): XmpStruct | null {
  const packets = extractXmpPackets(buffer);
  if (!packets.main) return null;
  const main = parseXmp(packets.main);
  const guid = text(main['xmpNote:HasExtendedXMP']);
  const extendedPackets =
    guid && packets.extended.has(guid) ? [packets.extended.get(guid)!] : [...packets.extended.values()];
  for (const extended of extendedPackets) {
    try {
      mergeInto(main, parseXmp(extended));
    } catch {
      // A broken extension loses only what it held; the main packet still counts.
    }
  }
  return main;
}

function findRdf(element: XmlElement): XmlElement | null {
  if (element.ns === RDF && element.local === 'RDF') return element;
  for (const child of element.children) {
    const found = findRdf(child);
    if (found) return found;
  }
  return null;
}

function mergeInto(target: XmpStruct, source: XmpStruct): void {
  for (const [key, value] of Object.entries(source)) if (!(key in target)) target[key] = value;
}

function isRdf(element: XmlElement, local: string): boolean {
  return element.ns === RDF && element.local === local;
}

/** The properties of a node element (rdf:Description or a parseType=Resource property): attributes and children. */
function structOf(element: XmlElement): XmpStruct {
  const struct: XmpStruct = {};
  for (const attribute of element.attributes) {
    if (attribute.ns === RDF || attribute.ns === XML_NS || attribute.ns === '') continue;
    struct[keyOf(attribute.ns, attribute.prefix, attribute.local)] ??= attribute.value;
  }
  for (const child of element.children) {
    const key = keyOf(child.ns, child.prefix, child.local);
    if (!(key in struct)) struct[key] = valueOf(child);
  }
  return struct;
}

/** The value of a property element. */
function valueOf(element: XmlElement): XmpValue {
  const resource = element.attributes.find((attribute) => attribute.ns === RDF && attribute.local === 'resource');
  if (resource) return resource.value;
  const parseType = element.attributes.find((attribute) => attribute.ns === RDF && attribute.local === 'parseType');
  if (parseType?.value === 'Resource') return structOf(element);
  const container = element.children.find((child) => isRdf(child, 'Bag') || isRdf(child, 'Seq') || isRdf(child, 'Alt'));
  if (container) {
    const items = container.children.filter((child) => isRdf(child, 'li'));
    if (container.local === 'Alt') {
      const preferred =
        items.find((item) =>
          item.attributes.some((a) => a.ns === XML_NS && a.local === 'lang' && a.value === 'x-default'),
        ) ?? items[0];
      return preferred ? valueOf(preferred) : '';
    }
    return items.map(valueOf);
  }
  const description = element.children.find((child) => isRdf(child, 'Description'));
  if (description) return structOf(description);
  const qualified = element.attributes.some((a) => a.ns !== RDF && a.ns !== XML_NS && a.ns !== '');
  if (qualified || element.children.length > 0) return structOf(element);
  return element.text.trim();
}

/** Helpers for reading values whatever shape a writer chose. */
export function text(value: XmpValue | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length > 0 ? text(value[0]) : null;
  return null;
}

export function list(value: XmpValue | undefined): XmpValue[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' && value.trim() === '') return [];
  return [value];
}

export function textList(value: XmpValue | undefined): string[] {
  return list(value)
    .map((item) => text(item))
    .filter((item): item is string => item !== null && item.trim() !== '')
    .map((item) => item.trim());
}

export function struct(value: XmpValue | undefined): XmpStruct | null {
  return value !== undefined && typeof value === 'object' && !Array.isArray(value) ? value : null;
}

export function number(value: XmpValue | undefined): number | null {
  const raw = text(value);
  if (raw === null || raw.trim() === '') return null;
  const parsed = Number(raw.trim());
  return Number.isFinite(parsed) ? parsed : null;
}
