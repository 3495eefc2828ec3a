// The check on every written file: read it back and fail it if any metadata block, any registry name, any GPS,
// or any visible detail in a hidden region remains.
import exifr from 'exifr';
import sharp from 'sharp';
import type { HideStyle } from '../../../shared/policy';
import { normaliseName } from '../../../shared/names';
import { creditSegments, type PhotoCredits } from './credits';
import { isPlainJfif, markerName, readJpegStructure } from './jpegSegments';
import { pixelBlockSize, type PixelRect } from './redact';

export type LeakCode =
  'leak.unreadable' | 'leak.metadata' | 'leak.trailingData' | 'leak.gps' | 'leak.name' | 'leak.regionVisible';

export interface LeakFinding {
  readonly code: LeakCode;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface HiddenArea {
  /** The region itself on the output. */
  readonly regionRect: PixelRect;
  /** The area that was burned out (region, margin and resampling reach). */
  readonly maskRect: PixelRect;
}

export interface LeakCheckInput {
  readonly file: Buffer;
  /** Every name in the registry (the check does not know who is on the photo: no name may be in the file). */
  readonly names: readonly string[];
  readonly hidden: readonly HiddenArea[];
  readonly hideStyle: HideStyle;
  /** Credits the school chose to keep: their EXIF and XMP blocks are allowed exactly as built, nothing else. */
  readonly credits?: PhotoCredits | undefined;
}

/** A solid mask is flat but for JPEG ringing near its edges: a few grey levels. */
const MAX_MASK_STDDEV = 6;
/** A pixelated area matches its own block averages but for JPEG noise. */
const MAX_PIXELATION_RESIDUAL = 6;
const MIN_NAME_LENGTH = 3;

function metadataFindings(
  file: Buffer,
  credits: PhotoCredits,
): { findings: LeakFinding[]; headerBytes: Buffer; creditBlocks: number } {
  const findings: LeakFinding[] = [];
  const structure = readJpegStructure(file);
  const nonImage: Buffer[] = [];
  // The chosen credits' blocks, each allowed once, byte for byte (their text is still searched for names below).
  const allowed = creditSegments(credits).map((block) => block.subarray(4));
  let creditBlocks = 0;
  for (const segment of structure.segments) {
    const isApp = segment.marker >= 0xe0 && segment.marker <= 0xef;
    const credit = segment.marker === 0xe1 ? allowed.findIndex((block) => block.equals(segment.data)) : -1;
    if (credit >= 0) {
      allowed.splice(credit, 1);
      creditBlocks += 1;
    } else if ((isApp && !isPlainJfif(segment)) || segment.marker === 0xfe) {
      findings.push({ code: 'leak.metadata', params: { block: markerName(segment.marker) } });
    }
    nonImage.push(segment.data);
  }
  if (structure.trailing.some((byte) => byte !== 0)) {
    findings.push({ code: 'leak.trailingData', params: { bytes: structure.trailing.length } });
  }
  nonImage.push(structure.trailing);
  return { findings, headerBytes: Buffer.concat(nonImage), creditBlocks };
}

// An export checks every file against the same list of registry names: normalise them once per list.
const normalisedLists = new WeakMap<readonly string[], ReadonlyArray<readonly [name: string, needle: string]>>();

function needlesOf(names: readonly string[]): ReadonlyArray<readonly [name: string, needle: string]> {
  let needles = normalisedLists.get(names);
  if (!needles) {
    needles = names
      .map((name) => [name, normaliseName(name)] as const)
      .filter(([, needle]) => needle.length >= MIN_NAME_LENGTH);
    normalisedLists.set(names, needles);
  }
  return needles;
}

/** Searches every byte outside the compressed image data for registry names, in the encodings metadata uses. */
function nameFindings(headerBytes: Buffer, names: readonly string[]): LeakFinding[] {
  if (headerBytes.length === 0) return [];
  const haystack = [headerBytes.toString('latin1'), headerBytes.toString('utf8'), headerBytes.toString('utf16le')]
    .map((text) => normaliseName(text.replace(/\0/g, ' ')))
    .join('\n');
  const found = new Set<string>();
  for (const [name, needle] of needlesOf(names)) {
    if (haystack.includes(needle)) found.add(name);
  }
  return [...found].map((name) => ({ code: 'leak.name' as const, params: { name } }));
}

async function exifFindings(file: Buffer, creditBlocks: number): Promise<LeakFinding[]> {
  const parsed = (await exifr
    .parse(file, { tiff: true, xmp: true, iptc: true, icc: false, jfif: false, gps: true })
    .catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!parsed || Object.keys(parsed).length === 0) return [];
  // Metadata exifr reads is a leak unless it is the allowed credit blocks (checked byte for byte above).
  const findings: LeakFinding[] =
    creditBlocks > 0 ? [] : [{ code: 'leak.metadata', params: { block: 'EXIF/XMP/IPTC' } }];
  if ('latitude' in parsed || 'GPSLatitude' in parsed) findings.push({ code: 'leak.gps', params: {} });
  return findings;
}

async function regionFindings(
  file: Buffer,
  hidden: readonly HiddenArea[],
  hideStyle: HideStyle,
): Promise<LeakFinding[]> {
  const areas = hidden.filter(
    (area) => area.regionRect.x1 > area.regionRect.x0 && area.regionRect.y1 > area.regionRect.y0,
  );
  if (areas.length === 0) return [];
  // Decode only the band of the file that holds the masks: libvips stops reading below it.
  const band = areas.reduce(
    (all, area) => ({
      x0: Math.min(all.x0, area.maskRect.x0, area.regionRect.x0),
      y0: Math.min(all.y0, area.maskRect.y0, area.regionRect.y0),
      x1: Math.max(all.x1, area.maskRect.x1, area.regionRect.x1),
      y1: Math.max(all.y1, area.maskRect.y1, area.regionRect.y1),
    }),
    { x0: Infinity, y0: Infinity, x1: 0, y1: 0 },
  );
  const { data, info } = await sharp(file)
    .extract({ left: band.x0, top: band.y0, width: band.x1 - band.x0, height: band.y1 - band.y0 })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, channels } = info;
  const at = (x: number, y: number, c: number): number => data[((y - band.y0) * width + (x - band.x0)) * channels + c]!;
  const findings: LeakFinding[] = [];
  for (const area of areas) {
    const { regionRect: r, maskRect: m } = area;
    let worst = 0;
    for (let c = 0; c < channels; c += 1) {
      if (hideStyle === 'mask') {
        let sum = 0;
        let squares = 0;
        for (let y = r.y0; y < r.y1; y += 1) {
          for (let x = r.x0; x < r.x1; x += 1) {
            const value = at(x, y, c);
            sum += value;
            squares += value * value;
          }
        }
        const count = (r.x1 - r.x0) * (r.y1 - r.y0);
        const mean = sum / count;
        worst = Math.max(worst, Math.sqrt(Math.max(0, squares / count - mean * mean)));
      } else {
        // Compare each pixel with the mean of its pixelation block (the grid starts at the mask's corner).
        const block = pixelBlockSize(m);
        let residual = 0;
        let count = 0;
        for (let by = m.y0; by < m.y1; by += block) {
          for (let bx = m.x0; bx < m.x1; bx += block) {
            const yEnd = Math.min(by + block, m.y1);
            const xEnd = Math.min(bx + block, m.x1);
            let sum = 0;
            for (let y = by; y < yEnd; y += 1) for (let x = bx; x < xEnd; x += 1) sum += at(x, y, c);
            const mean = sum / ((yEnd - by) * (xEnd - bx));
            for (let y = Math.max(by, r.y0); y < Math.min(yEnd, r.y1); y += 1) {
              for (let x = Math.max(bx, r.x0); x < Math.min(xEnd, r.x1); x += 1) {
                residual += Math.abs(at(x, y, c) - mean);
                count += 1;
              }
            }
          }
        }
        worst = Math.max(worst, count > 0 ? residual / count : 0);
      }
    }
    const limit = hideStyle === 'mask' ? MAX_MASK_STDDEV : MAX_PIXELATION_RESIDUAL;
    if (worst > limit) {
      findings.push({
        code: 'leak.regionVisible',
        params: { region: hidden.indexOf(area) + 1, variation: Math.round(worst * 10) / 10 },
      });
    }
  }
  return findings;
}

export async function checkPublishedFile(input: LeakCheckInput): Promise<LeakFinding[]> {
  let structural: ReturnType<typeof metadataFindings>;
  try {
    structural = metadataFindings(input.file, input.credits ?? {});
  } catch (error) {
    return [{ code: 'leak.unreadable', params: { detail: error instanceof Error ? error.message : String(error) } }];
  }
  const [exif, regions] = await Promise.all([
    exifFindings(input.file, structural.creditBlocks),
    regionFindings(input.file, input.hidden, input.hideStyle),
  ]);
  const findings = [...structural.findings, ...exif, ...nameFindings(structural.headerBytes, input.names), ...regions];
  // One metadata finding per block is enough; exifr's view repeats what the segment walk found.
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.code}:${JSON.stringify(finding.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return !(
      finding.code === 'leak.metadata' &&
      finding.params.block === 'EXIF/XMP/IPTC' &&
      structural.findings.some((f) => f.code === 'leak.metadata')
    );
  });
}
