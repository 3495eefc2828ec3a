// The text of an XMP sidecar with the names Fotowacht knows: MWG regions (centre-based, normalised, on the stored
// pixels, AppliedToDimensions set, Type Face) and Iptc4xmpExt:PersonInImage. An existing sidecar is merged as text:
// everything outside those two properties stays byte for byte, its regions of other people stay as written, and a
// region of one of our people (same name, or the same place) is replaced by ours — so writing twice changes nothing.
import { iou, type Box } from '../../../shared/geometry';
import { nameKey } from './regions';
import { list, number, parseXmp, struct, text, textList, type XmpStruct } from './xmp';

export interface SidecarRegion {
  readonly name: string;
  /** Normalised 0..1, top-left based, on the stored pixels (before EXIF orientation), as MWG wants it. */
  readonly box: Box;
}

export interface SidecarContent {
  /** Stored pixel size: AppliedToDimensions. */
  readonly width: number;
  readonly height: number;
  readonly regions: readonly SidecarRegion[];
}

/** An existing sidecar that cannot be merged without losing what is in it: left alone. */
export class SidecarMergeError extends Error {}

const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  mwgRs: 'http://www.metadataworkinggroup.com/schemas/regions/',
  stArea: 'http://ns.adobe.com/xmp/sType/Area#',
  stDim: 'http://ns.adobe.com/xap/1.0/sType/Dimensions#',
  iptcExt: 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/',
};
/** Boxes this close (intersection over union) are the same person's place. */
const SAME_PLACE = 0.5;

function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .split('')
    .filter((char) => !isControl(char.charCodeAt(0)))
    .join('');
}

/** Characters XML 1.0 cannot hold at all (a name is plain text: they are dropped). */
function isControl(code: number): boolean {
  return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
}

/** Six decimals: a tenth of a pixel on a 10,000-pixel side. */
const decimal = (value: number) => String(Math.round(value * 1e6) / 1e6);

function regionItem(region: SidecarRegion, indent: string): string {
  const { x, y, w, h } = region.box;
  return [
    `${indent}<rdf:li>`,
    `${indent} <rdf:Description mwg-rs:Name="${escapeXml(region.name)}" mwg-rs:Type="Face">`,
    `${indent}  <mwg-rs:Area stArea:x="${decimal(x + w / 2)}" stArea:y="${decimal(y + h / 2)}" stArea:w="${decimal(w)}" stArea:h="${decimal(h)}" stArea:unit="normalized"/>`,
    `${indent} </rdf:Description>`,
    `${indent}</rdf:li>`,
  ].join('\n');
}

/** Our mwg-rs:Regions element, with its own namespace declarations so it may stand anywhere in a description. */
function regionsElement(content: SidecarContent, kept: readonly string[], indent: string): string {
  const items = [
    ...kept.map((item) => `${indent}    ${item.trim()}`),
    ...content.regions.map((r) => regionItem(r, `${indent}    `)),
  ];
  return [
    `<mwg-rs:Regions xmlns:mwg-rs="${NS.mwgRs}" xmlns:stArea="${NS.stArea}" xmlns:stDim="${NS.stDim}" xmlns:rdf="${NS.rdf}" rdf:parseType="Resource">`,
    `${indent}  <mwg-rs:AppliedToDimensions stDim:w="${content.width}" stDim:h="${content.height}" stDim:unit="pixel"/>`,
    `${indent}  <mwg-rs:RegionList>`,
    `${indent}   <rdf:Bag>`,
    ...items,
    `${indent}   </rdf:Bag>`,
    `${indent}  </mwg-rs:RegionList>`,
    `${indent}</mwg-rs:Regions>`,
  ].join('\n');
}

function personInImageElement(names: readonly string[], indent: string): string {
  return [
    `<Iptc4xmpExt:PersonInImage xmlns:Iptc4xmpExt="${NS.iptcExt}" xmlns:rdf="${NS.rdf}">`,
    `${indent} <rdf:Bag>`,
    ...names.map((name) => `${indent}  <rdf:li>${escapeXml(name)}</rdf:li>`),
    `${indent} </rdf:Bag>`,
    `${indent}</Iptc4xmpExt:PersonInImage>`,
  ].join('\n');
}

function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = nameKey(name);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function freshPacket(description: string): string {
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Fotowacht">',
    ` <rdf:RDF xmlns:rdf="${NS.rdf}">`,
    description,
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
    '',
  ].join('\n');
}

function description(properties: readonly string[]): string {
  return [
    `  <rdf:Description rdf:about="" xmlns:rdf="${NS.rdf}">`,
    ...properties.map((p) => `   ${p}`),
    '  </rdf:Description>',
  ].join('\n');
}

/** The prefixes a document binds to a namespace URI (compared without a trailing / or #). */
function prefixesOf(source: string, uri: string): string[] {
  const want = uri.replace(/[/#]+$/, '');
  const prefixes = new Set<string>();
  for (const match of source.matchAll(/xmlns:([A-Za-z_][\w.-]*)\s*=\s*(["'])(.*?)\2/g)) {
    if (match[3]!.replace(/[/#]+$/, '') === want) prefixes.add(match[1]!);
  }
  return [...prefixes];
}

const escapeRe = (value: string) => value.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
const TAG_REST = `(?:[^>"']|"[^"]*"|'[^']*')*?`;

interface Span {
  readonly start: number;
  readonly end: number;
}

/** The first element with one of these qualified names (not nested in itself), as a span of the source. */
function elementSpan(source: string, prefixes: readonly string[], local: string): Span | null {
  for (const prefix of prefixes) {
    const name = `${escapeRe(prefix)}:${local}`;
    const open = new RegExp(`<${name}(?=[\\s/>])${TAG_REST}(/?)>`).exec(source);
    if (!open) continue;
    if (open[1] === '/') return { start: open.index, end: open.index + open[0].length };
    const close = source.indexOf(`</${prefix}:${local}>`, open.index);
    if (close < 0) throw new SidecarMergeError(`unclosed ${prefix}:${local}`);
    return { start: open.index, end: close + `</${prefix}:${local}>`.length };
  }
  return null;
}

/** The rdf:li elements directly inside a list element's text, in order (nested lists inside an item skipped). */
function listItems(source: string, rdfPrefixes: readonly string[]): string[] {
  const items: string[] = [];
  const names = rdfPrefixes.map((prefix) => `${escapeRe(prefix)}:li`).join('|');
  const tag = new RegExp(`<(/?)(?:${names})(?=[\\s/>])${TAG_REST}(/?)>`, 'g');
  let depth = 0;
  let start = -1;
  for (const match of source.matchAll(tag)) {
    const closing = match[1] === '/';
    const selfClosing = match[2] === '/';
    if (!closing && depth === 0) start = match.index;
    if (closing) depth -= 1;
    else if (!selfClosing) depth += 1;
    if (depth === 0 && start >= 0) {
      items.push(source.slice(start, match.index + match[0].length));
      start = -1;
    }
  }
  if (depth !== 0) throw new SidecarMergeError('unbalanced rdf:li');
  return items;
}

/** An existing region's place on the stored pixels, normalised; null without a usable area. */
function storedBox(region: XmpStruct, applied: XmpStruct | null): Box | null {
  const area = struct(region['mwg-rs:Area']);
  const cx = number(area?.['stArea:x']);
  const cy = number(area?.['stArea:y']);
  let w = number(area?.['stArea:w']);
  let h = number(area?.['stArea:h']);
  if (cx === null || cy === null || w === null || h === null || !(w > 0 && h > 0)) return null;
  let x = cx;
  let y = cy;
  if (text(area?.['stArea:unit']) === 'pixel') {
    const baseW = number(applied?.['stDim:w']);
    const baseH = number(applied?.['stDim:h']);
    if (!baseW || !baseH) return null;
    [x, y, w, h] = [x / baseW, y / baseH, w / baseW, h / baseH];
  }
  return { x: x - w / 2, y: y - h / 2, w, h };
}

/** Whether an existing region is one of ours: the same person by name, or someone at the same place. */
function isOurs(region: XmpStruct, applied: XmpStruct | null, ours: readonly SidecarRegion[]): boolean {
  const name = nameKey(text(region['mwg-rs:Name']) ?? '');
  if (name && ours.some((r) => nameKey(r.name) === name)) return true;
  const box = storedBox(region, applied);
  return box !== null && ours.some((r) => iou(r.box, box) >= SAME_PLACE);
}

/** The indentation of the line a position is on (to place a replacement at the same depth). */
function indentAt(source: string, position: number): string {
  const lineStart = source.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart, position))![0];
}

/**
 * The sidecar's text: a new packet, or `existing` with our regions and names merged in. Throws SidecarMergeError
 * (or the XML reader's error) when the existing text cannot be merged safely; it is then left as it is.
 */
export function sidecarXmp(existing: string | null, content: SidecarContent): string {
  const ourNames = uniqueNames(content.regions.map((region) => region.name));
  if (existing === null || existing.trim() === '') {
    return freshPacket(description([regionsElement(content, [], '   '), personInImageElement(ourNames, '   ')]));
  }
  const xmp = parseXmp(existing);
  const rdfPrefixes = prefixesOf(existing, NS.rdf);
  const rdfEnd = rdfPrefixes.map((p) => existing.lastIndexOf(`</${p}:RDF>`)).find((at) => at >= 0);
  if (rdfPrefixes.length === 0 || rdfEnd === undefined) throw new SidecarMergeError('no rdf:RDF');

  const replacements: Array<Span & { readonly text: string }> = [];
  const additions: string[] = [];

  const regions = struct(xmp['mwg-rs:Regions']);
  const regionsSpan = elementSpan(existing, prefixesOf(existing, NS.mwgRs), 'Regions');
  if (regions && regionsSpan) {
    const applied = struct(regions['mwg-rs:AppliedToDimensions']);
    const parsed = list(regions['mwg-rs:RegionList']);
    const listSpan = elementSpan(
      existing.slice(regionsSpan.start, regionsSpan.end),
      prefixesOf(existing, NS.mwgRs),
      'RegionList',
    );
    const items = listSpan
      ? listItems(existing.slice(regionsSpan.start + listSpan.start, regionsSpan.start + listSpan.end), rdfPrefixes)
      : [];
    // The items found as text must be the regions the reader found, one for one, or nothing is touched.
    if (items.length !== parsed.length) throw new SidecarMergeError('region list not understood');
    const kept = items.filter((_, i) => {
      const region = struct(parsed[i]);
      return !region || !isOurs(region, applied, content.regions);
    });
    const indent = indentAt(existing, regionsSpan.start);
    replacements.push({ ...regionsSpan, text: regionsElement(content, kept, indent) });
  } else if (regions || regionsSpan) {
    throw new SidecarMergeError('regions not understood');
  } else {
    additions.push(regionsElement(content, [], '   '));
  }

  const people = elementSpan(existing, prefixesOf(existing, NS.iptcExt), 'PersonInImage');
  const names = uniqueNames([...textList(xmp['Iptc4xmpExt:PersonInImage']), ...ourNames]);
  if (people) {
    replacements.push({ ...people, text: personInImageElement(names, indentAt(existing, people.start)) });
  } else if (xmp['Iptc4xmpExt:PersonInImage'] !== undefined) {
    throw new SidecarMergeError('PersonInImage not understood');
  } else {
    additions.push(personInImageElement(names, '   '));
  }

  let merged = existing;
  const edits = [...replacements];
  if (additions.length > 0) edits.push({ start: rdfEnd, end: rdfEnd, text: `${description(additions)}\n ` });
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    merged = merged.slice(0, edit.start) + edit.text + merged.slice(edit.end);
  }
  parseXmp(merged); // what we write must read back
  return merged;
}
