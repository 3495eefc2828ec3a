// People in a photo's XMP, from every namespace tools write them in, as boxes in the frame a viewer sees.
// MWG areas are centre-based and apply to the stored pixels, so they are turned by the EXIF orientation.
// Microsoft Photo rectangles and IPTC regions are read as written (tools write them for the image as shown).
import type { Box, FileRegion, PhotoReviewReason, RegionKind, RegionNamespace } from '../../../shared/library';
import { list, number, struct, text, textList, type XmpStruct, type XmpValue } from './xmp';

export interface ImageGeometry {
  /** Stored pixel size (before orientation). */
  readonly width: number;
  readonly height: number;
  /** EXIF orientation 1..8. */
  readonly orientation: number;
}

/** Maps a box in the stored frame to the display frame for an EXIF orientation. */
export function orientBox(box: Box, orientation: number): Box {
  const { x, y, w, h } = box;
  switch (orientation) {
    case 2: // mirrored horizontally
      return { x: 1 - x - w, y, w, h };
    case 3: // rotated 180°
      return { x: 1 - x - w, y: 1 - y - h, w, h };
    case 4: // mirrored vertically
      return { x, y: 1 - y - h, w, h };
    case 5: // transposed
      return { x: y, y: x, w: h, h: w };
    case 6: // rotate 90° clockwise to view
      return { x: 1 - y - h, y: x, w: h, h: w };
    case 7: // transversed
      return { x: 1 - y - h, y: 1 - x - w, w: h, h: w };
    case 8: // rotate 270° clockwise to view
      return { x: y, y: 1 - x - w, w: h, h: w };
    default:
      return box;
  }
}

/** Display size for a stored size and orientation. */
export function displaySize(geometry: ImageGeometry): { width: number; height: number } {
  return geometry.orientation >= 5 && geometry.orientation <= 8
    ? { width: geometry.height, height: geometry.width }
    : { width: geometry.width, height: geometry.height };
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** Clips a box to the image; null when nothing of it is left. */
function clip(box: Box): Box | null {
  const x0 = Math.max(0, box.x);
  const y0 = Math.max(0, box.y);
  const x1 = Math.min(1, box.x + box.w);
  const y1 = Math.min(1, box.y + box.h);
  if (!(x1 > x0 && y1 > y0)) return null;
  return { x: round(x0), y: round(y0), w: round(x1 - x0), h: round(y1 - y0) };
}

function plain(value: XmpValue | undefined): unknown {
  return value;
}

/** MWG regions (mwg-rs:Regions): centre-based areas on the stored pixels. */
function mwgRegions(xmp: XmpStruct, geometry: ImageGeometry): FileRegion[] {
  const regions = struct(xmp['mwg-rs:Regions']);
  if (!regions) return [];
  const applied = struct(regions['mwg-rs:AppliedToDimensions']);
  const appliedW = number(applied?.['stDim:w']);
  const appliedH = number(applied?.['stDim:h']);
  const out: FileRegion[] = [];
  for (const item of list(regions['mwg-rs:RegionList'])) {
    const region = struct(item);
    if (!region) continue;
    const area = struct(region['mwg-rs:Area']);
    const name = text(region['mwg-rs:Name'])?.trim() ?? '';
    const type = text(region['mwg-rs:Type'])?.trim() ?? '';
    const kind: RegionKind = /^pet$/i.test(type) ? 'pet' : type === '' || /^face$/i.test(type) ? 'face' : 'other';
    const cx = number(area?.['stArea:x']);
    const cy = number(area?.['stArea:y']);
    let w = number(area?.['stArea:w']);
    let h = number(area?.['stArea:h']);
    const unit = text(area?.['stArea:unit']) ?? null;
    const raw = {
      area: plain(region['mwg-rs:Area']),
      type: type || null,
      rotation: text(region['mwg-rs:Rotation']),
      description: text(region['mwg-rs:Description']),
      appliedToDimensions: appliedW && appliedH ? { w: appliedW, h: appliedH } : null,
    };
    let box: Box | null = null;
    if (cx !== null && cy !== null && w !== null && h !== null && w > 0 && h > 0) {
      let x = cx;
      let y = cy;
      // Pixel areas (not what MWG prescribes, but written) are relative to AppliedToDimensions, else the stored size.
      if (unit === 'pixel') {
        const baseW = appliedW ?? geometry.width;
        const baseH = appliedH ?? geometry.height;
        x /= baseW;
        w /= baseW;
        y /= baseH;
        h /= baseH;
      }
      // Normalised areas stay valid when the image was resized after tagging, so a stale
      // AppliedToDimensions changes nothing here.
      const stored = clip({ x: x - w / 2, y: y - h / 2, w, h });
      box = stored ? orientBox(stored, geometry.orientation) : null;
    }
    if (!box && !name) continue;
    out.push({ namespace: 'mwg-rs', kind, box: box ? clip(box) : null, name, raw });
  }
  return out;
}

/** Microsoft Photo regions (MP:RegionInfo): "left, top, width, height", normalised, as the image is shown. */
function microsoftRegions(xmp: XmpStruct): FileRegion[] {
  const info = struct(xmp['MP:RegionInfo']);
  if (!info) return [];
  const out: FileRegion[] = [];
  for (const item of list(info['MPRI:Regions'])) {
    const region = struct(item);
    if (!region) continue;
    const rectangle = text(region['MPReg:Rectangle']);
    const name = text(region['MPReg:PersonDisplayName'])?.trim() ?? '';
    const parts =
      rectangle
        ?.split(/[\s,]+/)
        .filter(Boolean)
        .map(Number) ?? [];
    const box =
      parts.length === 4 && parts.every(Number.isFinite) && parts[2]! > 0 && parts[3]! > 0
        ? clip({ x: parts[0]!, y: parts[1]!, w: parts[2]!, h: parts[3]! })
        : null;
    if (!box && !name) continue;
    out.push({
      namespace: 'MP',
      kind: 'face',
      box,
      name,
      raw: {
        rectangle,
        emailDigest: text(region['MPReg:PersonEmailDigest']),
        liveIdCid: text(region['MPReg:PersonLiveIdCID']),
      },
    });
  }
  return out;
}

/** IPTC Extension ImageRegion: rectangle, circle or polygon, relative or in pixels of the image as shown. */
function iptcRegions(xmp: XmpStruct, geometry: ImageGeometry): FileRegion[] {
  const { width, height } = displaySize(geometry);
  const out: FileRegion[] = [];
  for (const item of list(xmp['Iptc4xmpExt:ImageRegion'])) {
    const region = struct(item);
    if (!region) continue;
    const boundary = struct(region['Iptc4xmpExt:RegionBoundary']);
    const shape = text(boundary?.['Iptc4xmpExt:rbShape'])?.trim().toLowerCase() ?? 'rectangle';
    const pixel = text(boundary?.['Iptc4xmpExt:rbUnit'])?.trim().toLowerCase() === 'pixel';
    const sx = pixel ? 1 / width : 1;
    const sy = pixel ? 1 / height : 1;
    const persons = textList(region['Iptc4xmpExt:PersonInImage']);
    const regionName = text(region['Iptc4xmpExt:Name'])?.trim() ?? '';
    const name = regionName || persons[0] || '';
    const roles = JSON.stringify([plain(region['Iptc4xmpExt:rCtype']), plain(region['Iptc4xmpExt:rRole'])]);
    const kind: RegionKind =
      persons.length > 0 || /imageregiontype\/(human|face)/.test(roles)
        ? 'face'
        : /imageregiontype\/animal/.test(roles)
          ? 'pet'
          : 'other';
    const x = number(boundary?.['Iptc4xmpExt:rbX']);
    const y = number(boundary?.['Iptc4xmpExt:rbY']);
    let box: Box | null = null;
    if (shape === 'rectangle') {
      const w = number(boundary?.['Iptc4xmpExt:rbW']);
      const h = number(boundary?.['Iptc4xmpExt:rbH']);
      if (x !== null && y !== null && w !== null && h !== null && w > 0 && h > 0) {
        box = clip({ x: x * sx, y: y * sy, w: w * sx, h: h * sy });
      }
    } else if (shape === 'circle') {
      // The radius is relative to the image width (or in pixels); its height share follows the aspect ratio.
      const r = number(boundary?.['Iptc4xmpExt:rbRx']);
      if (x !== null && y !== null && r !== null && r > 0) {
        const rx = pixel ? r / width : r;
        const ry = pixel ? r / height : (r * width) / height;
        box = clip({ x: x * sx - rx, y: y * sy - ry, w: 2 * rx, h: 2 * ry });
      }
    } else if (shape === 'polygon') {
      const vertices = list(boundary?.['Iptc4xmpExt:rbVertices'])
        .map((vertex) => struct(vertex))
        .map((vertex) => [number(vertex?.['Iptc4xmpExt:rbX']), number(vertex?.['Iptc4xmpExt:rbY'])] as const)
        .filter((pair): pair is readonly [number, number] => pair[0] !== null && pair[1] !== null);
      if (vertices.length >= 3) {
        const xs = vertices.map(([vx]) => vx * sx);
        const ys = vertices.map(([, vy]) => vy * sy);
        const x0 = Math.min(...xs);
        const y0 = Math.min(...ys);
        box = clip({ x: x0, y: y0, w: Math.max(...xs) - x0, h: Math.max(...ys) - y0 });
      }
    }
    if (!box && !name) continue;
    out.push({
      namespace: 'Iptc4xmpExt:ImageRegion',
      kind,
      box,
      name,
      raw: {
        id: text(region['Iptc4xmpExt:rId']),
        name: regionName || null,
        persons,
        boundary: plain(region['Iptc4xmpExt:RegionBoundary']),
      },
    });
  }
  return out;
}

/** Names without a box: IPTC PersonInImage(WDetails), digiKam People/ and Lightroom People| tags. */
function namedPeople(xmp: XmpStruct): FileRegion[] {
  const out: FileRegion[] = [];
  const add = (namespace: RegionNamespace, name: string, raw: Record<string, unknown>) => {
    const trimmed = name.trim();
    if (trimmed) out.push({ namespace, kind: 'face', box: null, name: trimmed, raw });
  };
  for (const name of textList(xmp['Iptc4xmpExt:PersonInImage'])) add('Iptc4xmpExt:PersonInImage', name, { name });
  for (const item of list(xmp['Iptc4xmpExt:PersonInImageWDetails'])) {
    const details = struct(item);
    const name = text(details?.['Iptc4xmpExt:PersonName']);
    if (details && name) {
      add('Iptc4xmpExt:PersonInImageWDetails', name, {
        name,
        id: textList(details['Iptc4xmpExt:PersonId']),
        description: text(details['Iptc4xmpExt:PersonDescription']),
      });
    }
  }
  const tagged = (namespace: RegionNamespace, values: string[], separator: string) => {
    for (const tag of values) {
      const parts = tag.split(separator).map((part) => part.trim());
      if (parts.length >= 2 && /^people$/i.test(parts[0]!) && parts[parts.length - 1]) {
        add(namespace, parts[parts.length - 1]!, { tag });
      }
    }
  };
  tagged('digiKam:TagsList', textList(xmp['digiKam:TagsList']), '/');
  tagged('lr:hierarchicalSubject', textList(xmp['lr:hierarchicalSubject']), '|');
  tagged('MicrosoftPhoto:LastKeywordXMP', textList(xmp['MicrosoftPhoto:LastKeywordXMP']), '/');
  return out;
}

/** A name compared without case, accents or extra spaces. */
export function nameKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const intersection = w * h;
  return intersection / (a.w * a.h + b.w * b.h - intersection);
}

/** Boxes this close (intersection over union) with compatible names are the same person, once. */
const SAME_PLACE = 0.5;

/**
 * Collapses what several namespaces say about one person: boxes at the same place with the same name (or one
 * unnamed) become one region, keeping the first by namespace order and the other's name when it had none; a name
 * without a box is dropped when a region already carries it.
 */
export function collapseRegions(regions: readonly FileRegion[]): FileRegion[] {
  const boxed: FileRegion[] = [];
  for (const region of regions) {
    if (!region.box) continue;
    const index = boxed.findIndex(
      (kept) =>
        kept.namespace !== region.namespace &&
        overlap(kept.box!, region.box!) >= SAME_PLACE &&
        (!kept.name || !region.name || nameKey(kept.name) === nameKey(region.name)),
    );
    if (index < 0) {
      boxed.push(region);
      continue;
    }
    const kept = boxed[index]!;
    const also = [
      ...((kept.raw.also as unknown[] | undefined) ?? []),
      { namespace: region.namespace, name: region.name, box: region.box, raw: region.raw },
    ];
    boxed[index] = { ...kept, name: kept.name || region.name, raw: { ...kept.raw, also } };
  }
  const seen = new Set(boxed.filter((region) => region.name).map((region) => nameKey(region.name)));
  const named: FileRegion[] = [];
  for (const region of regions) {
    if (region.box) continue;
    const key = nameKey(region.name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    named.push(region);
  }
  return [...boxed, ...named];
}

/** Every person region and name in a photo's XMP, in the display frame, duplicates collapsed. */
export function readPeopleRegions(xmp: XmpStruct | null, geometry: ImageGeometry): FileRegion[] {
  if (!xmp) return [];
  return collapseRegions([
    ...mwgRegions(xmp, geometry),
    ...iptcRegions(xmp, geometry),
    ...microsoftRegions(xmp),
    ...namedPeople(xmp),
  ]);
}

/**
 * A sidecar's people and the file's own together: the sidecar is the later word (Fotowacht, digiKam and Lightroom
 * write there when the original is left alone), so a box of the file at the same place as one of the sidecar's is
 * the same person, kept once as the sidecar says; a name without a box is dropped when the sidecar has it.
 */
export function withSidecarRegions(sidecar: readonly FileRegion[], embedded: readonly FileRegion[]): FileRegion[] {
  if (sidecar.length === 0) return [...embedded];
  const names = new Set(sidecar.map((region) => nameKey(region.name)).filter(Boolean));
  const kept = embedded.filter((region) =>
    region.box
      ? !sidecar.some((other) => other.box && overlap(other.box, region.box!) >= SAME_PLACE)
      : !names.has(nameKey(region.name)),
  );
  return [...sidecar.map((region) => ({ ...region, raw: { ...region.raw, sidecar: true } })), ...kept];
}

/** How far the shape MWG regions were written for may differ from the pixels and still be the same image resized. */
const ASPECT_TOLERANCE = 0.02;

/**
 * MWG regions written for an image of another shape (AppliedToDimensions landscape on portrait pixels, or another
 * crop): their boxes would mask the wrong place, so the photo goes to review, naming whose boxes they are. A resize
 * keeps the aspect ratio up to rounding of a pixel; anything beyond that is another image.
 */
export function staleRegionsReason(
  xmp: XmpStruct | null,
  geometry: ImageGeometry,
  regions: readonly FileRegion[],
): PhotoReviewReason | null {
  const applied = struct(struct(xmp?.['mwg-rs:Regions'])?.['mwg-rs:AppliedToDimensions']);
  const appliedW = number(applied?.['stDim:w']);
  const appliedH = number(applied?.['stDim:h']);
  if (!appliedW || !appliedH || appliedW <= 0 || appliedH <= 0 || geometry.width <= 0 || geometry.height <= 0) {
    return null;
  }
  // Stated and actual shapes compared in the stored frame, where MWG says AppliedToDimensions applies.
  const pixels = geometry.width / geometry.height;
  const stated = appliedW / appliedH;
  // One pixel of rounding on the smaller side of the photo, plus a little for writers that round the stated size.
  const tolerance = ASPECT_TOLERANCE + 1 / Math.min(geometry.width, geometry.height);
  // Landscape regions on portrait pixels (or the reverse) differ far beyond this; a near-square photo stays within.
  if (Math.abs(stated / pixels - 1) <= tolerance) return null;
  const boxed = regions.filter((region) => region.namespace === 'mwg-rs' && region.box);
  if (boxed.length === 0) return null;
  const names = [...new Set(boxed.map((region) => region.name).filter((name) => name !== ''))];
  return {
    code: 'staleRegions',
    params: {
      /** Whose boxes are misplaced, '' when none has a name. */
      names: names.join(', '),
      statedWidth: appliedW,
      statedHeight: appliedH,
      width: geometry.width,
      height: geometry.height,
    },
  };
}

/** Keywords: flat ones (dc:subject) and hierarchical tag paths, each once. */
export function readKeywords(xmp: XmpStruct | null, iptcKeywords: readonly string[]): string[] {
  const all = [
    ...(xmp ? textList(xmp['dc:subject']) : []),
    ...iptcKeywords,
    ...(xmp ? textList(xmp['lr:hierarchicalSubject']) : []),
    ...(xmp ? textList(xmp['digiKam:TagsList']) : []),
  ];
  return [...new Set(all.map((keyword) => keyword.trim()).filter(Boolean))];
}
