// The check on every exported clip: read it back (the bundled ffprobe, the file's own boxes, every decoded frame)
// and report anything beyond what playback needs — metadata, location, names, chapters, extra streams, sound that
// was not chosen — and any masked box that is not flat grey. Findings are returned, never thrown.
import { open } from 'node:fs/promises';
import { normaliseName } from '../../../shared/names';
import { inputOptions, runTool } from './ffmpeg';
import { checkMasks } from './maskCheck';
import type { FrameMasks } from './masks';
import { ALLOWED_BOXES, readMp4Structure, type Mp4Box } from './mp4Boxes';

export type ClipLeakCode =
  | 'leak.unreadable'
  | 'leak.metadata'
  | 'leak.trailingData'
  | 'leak.gps'
  | 'leak.name'
  | 'leak.chapters'
  | 'leak.stream'
  | 'leak.audio'
  | 'leak.rotation'
  | 'leak.frameCount'
  | 'leak.regionVisible';

export interface ClipLeakFinding {
  readonly code: ClipLeakCode;
  readonly params: Readonly<Record<string, string | number | boolean>>;
}

export interface ClipLeakExpectations {
  /** Names (and any other text) that may appear nowhere in the file: every name in the registry. */
  readonly names: readonly string[];
  /** Whether sound was chosen for this export (then exactly one AAC track, else none). */
  readonly audio: boolean;
  /** The export plan's masks: every box of every frame listed is checked on the decoded output. */
  readonly masks: readonly FrameMasks[];
  /** Frames the export wrote (ClipExportResult.frames): a file with another count is a finding. */
  readonly frames?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * The tags playback needs, and the only ones allowed: the container's brand (format) and per stream its language
 * ("und"), its handler's generic name and the empty vendor code the MP4 muxer writes.
 */
export const ALLOWED_FORMAT_TAGS: Readonly<Record<string, RegExp>> = {
  major_brand: /^isom$/,
  minor_version: /^\d+$/,
  compatible_brands: /^[a-z0-9]+$/,
};
export const ALLOWED_STREAM_TAGS: Readonly<Record<string, RegExp>> = {
  language: /^und$/,
  handler_name: /^(VideoHandler|SoundHandler)$/,
  vendor_id: /^\[0\]\[0\]\[0\]\[0\]$/,
};

const LOCATION_KEY = /location|gps|xyz|iso6709/i;
const LOCATION_BOX = /^(©xyz|loci|xyz )$/;
/** A moov larger than this is not one Fotowacht wrote. */
const MAX_METADATA_BYTES = 64 * 1024 * 1024;
const MIN_NAME_LENGTH = 3;

type Tags = Readonly<Record<string, unknown>>;

interface ProbeStream {
  readonly index?: number;
  readonly codec_type?: string;
  readonly codec_name?: string;
  readonly width?: number;
  readonly height?: number;
  readonly tags?: Tags;
  readonly side_data_list?: ReadonlyArray<{ readonly rotation?: number; readonly side_data_type?: string }>;
}

interface ProbeJson {
  readonly streams?: readonly ProbeStream[];
  readonly chapters?: readonly unknown[];
  readonly format?: { readonly tags?: Tags };
}

function tagFindings(where: string, tags: Tags | undefined, allowed: Readonly<Record<string, RegExp>>) {
  const findings: ClipLeakFinding[] = [];
  for (const [key, value] of Object.entries(tags ?? {})) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (LOCATION_KEY.test(key)) findings.push({ code: 'leak.gps', params: { tag: key } });
    else if (!allowed[key]?.test(text)) findings.push({ code: 'leak.metadata', params: { block: `${where} ${key}` } });
  }
  return findings;
}

function streamFindings(json: ProbeJson, audioChosen: boolean): ClipLeakFinding[] {
  const findings: ClipLeakFinding[] = [];
  const streams = json.streams ?? [];
  const video = streams.filter((stream) => stream.codec_type === 'video');
  const audio = streams.filter((stream) => stream.codec_type === 'audio');
  if (video.length !== 1 || video[0]?.codec_name !== 'h264') {
    findings.push({
      code: 'leak.stream',
      params: { type: 'video', count: video.length, codec: video.map((s) => s.codec_name ?? '?').join(',') },
    });
  }
  if (audioChosen ? audio.length > 1 || audio.some((s) => s.codec_name !== 'aac') : audio.length > 0) {
    findings.push({
      code: 'leak.audio',
      params: { count: audio.length, codec: audio.map((s) => s.codec_name ?? '?').join(','), chosen: audioChosen },
    });
  }
  for (const stream of streams) {
    if (stream.codec_type !== 'video' && stream.codec_type !== 'audio') {
      findings.push({
        code: 'leak.stream',
        params: { type: stream.codec_type ?? 'unknown', index: stream.index ?? -1, codec: stream.codec_name ?? '?' },
      });
    }
    findings.push(...tagFindings(`stream ${stream.index ?? '?'}`, stream.tags, ALLOWED_STREAM_TAGS));
    for (const side of stream.side_data_list ?? []) {
      if (typeof side.rotation === 'number' && side.rotation % 360 !== 0) {
        findings.push({ code: 'leak.rotation', params: { degrees: side.rotation } });
      }
    }
  }
  const chapters = json.chapters?.length ?? 0;
  if (chapters > 0) findings.push({ code: 'leak.chapters', params: { count: chapters } });
  findings.push(...tagFindings('format', json.format?.tags, ALLOWED_FORMAT_TAGS));
  return findings;
}

/** Findings on the boxes of one top-level box (`bytes`, at `offset` in the file). */
function boxFindings(boxes: readonly Mp4Box[], bytes: Buffer, offset: number): ClipLeakFinding[] {
  const findings: ClipLeakFinding[] = [];
  for (const box of boxes) {
    const content = bytes.subarray(box.contentStart - offset, box.end - offset);
    if (LOCATION_BOX.test(box.type)) findings.push({ code: 'leak.gps', params: { box: box.path } });
    else if (!ALLOWED_BOXES.has(box.path)) findings.push({ code: 'leak.metadata', params: { block: box.path } });
    // Padding must be padding, and the item list empty.
    else if (box.type === 'free' && content.some((byte) => byte !== 0)) {
      findings.push({ code: 'leak.metadata', params: { block: box.path } });
    } else if (box.type === 'ilst' && content.length > 0) {
      findings.push({ code: 'leak.metadata', params: { block: box.path } });
    }
  }
  return findings;
}

/**
 * The findings on the file's boxes, and every byte of it outside the picture and sound data (mdat), read box by
 * box without reading mdat. Throws when the boxes do not fit the file.
 */
async function readStructure(file: string): Promise<{ findings: ClipLeakFinding[]; metadata: Buffer }> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const findings: ClipLeakFinding[] = [];
    const parts: Buffer[] = [];
    const header = Buffer.alloc(16);
    let at = 0;
    let total = 0;
    while (at + 8 <= size) {
      await handle.read(header, 0, 16, at);
      let boxSize = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (boxSize === 1) boxSize = Number(header.readBigUInt64BE(8));
      else if (boxSize === 0) boxSize = size - at;
      if (boxSize < 8 || at + boxSize > size) throw new Error(`box ${type} at ${at} runs past the end of the file`);
      if (type !== 'mdat') {
        total += boxSize;
        if (total > MAX_METADATA_BYTES) throw new Error('more than 64 MB outside the picture data');
        const bytes = Buffer.alloc(boxSize);
        await handle.read(bytes, 0, boxSize, at);
        findings.push(...boxFindings(readMp4Structure(bytes, at).boxes, bytes, at));
        parts.push(bytes);
      }
      at += boxSize;
    }
    if (at < size) findings.push({ code: 'leak.trailingData', params: { bytes: size - at } });
    return { findings, metadata: Buffer.concat(parts) };
  } finally {
    await handle.close();
  }
}

// Every file of an export is checked against the same list of names: normalise it once per list.
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

/** Names in the bytes, read as Latin-1, UTF-8 and UTF-16 both ways round (QuickTime strings, MP4 udta). */
export function namesIn(bytes: Buffer, names: readonly string[]): string[] {
  if (bytes.length === 0) return [];
  const even = (buffer: Buffer) => Buffer.from(buffer.subarray(0, buffer.length - (buffer.length % 2)));
  const texts = [bytes.toString('latin1'), bytes.toString('utf8')];
  for (const shift of [0, 1]) {
    const aligned = even(bytes.subarray(shift));
    texts.push(aligned.toString('utf16le'), Buffer.from(aligned).swap16().toString('utf16le'));
  }
  const haystack = texts.map((text) => normaliseName(text.replace(/\0/g, ' '))).join('\n');
  return needlesOf(names)
    .filter(([, needle]) => haystack.includes(needle))
    .map(([name]) => name);
}

/** The H.264 stream's SEI messages (text an encoder or a hostile file can carry inside the picture data). */
async function seiBytes(file: string, signal?: AbortSignal): Promise<Buffer> {
  const result = await runTool(
    'ffmpeg',
    [
      '-v',
      'error',
      ...inputOptions(file),
      '-map',
      '0:v:0',
      '-c',
      'copy',
      '-bsf:v',
      'filter_units=pass_types=6',
      '-f',
      'h264',
      'pipe:1',
    ],
    { timeoutMs: 120_000, maxOutputBytes: 16_000_000, signal },
  );
  return result.stdout;
}

/**
 * Checks an exported clip. A file that cannot be read at all gives one leak.unreadable finding; otherwise every
 * kind of leak found is listed (one finding per box, tag, stream or masked box).
 */
export async function checkClipLeak(
  output: string,
  expectations: Readonly<ClipLeakExpectations>,
): Promise<ClipLeakFinding[]> {
  const signal = expectations.signal;
  const findings: ClipLeakFinding[] = [];
  let json: ProbeJson;
  let structure: Awaited<ReturnType<typeof readStructure>>;
  try {
    const probe = await runTool(
      'ffprobe',
      ['-v', 'error', '-of', 'json', '-show_format', '-show_streams', '-show_chapters', ...inputOptions(output)],
      { timeoutMs: 60_000, maxOutputBytes: 16_000_000, signal },
    );
    json = JSON.parse(probe.stdout.toString('utf8') || '{}') as ProbeJson;
    if (probe.code !== 0 || !json.format) throw new Error(probe.stderr.split('\n')[0] || 'ffprobe failed');
    structure = await readStructure(output);
  } catch (error) {
    signal?.throwIfAborted();
    return [{ code: 'leak.unreadable', params: { detail: error instanceof Error ? error.message : String(error) } }];
  }
  findings.push(...streamFindings(json, expectations.audio), ...structure.findings);
  const sei = await seiBytes(output, signal).catch(() => Buffer.alloc(0));
  if (sei.length > 0) findings.push({ code: 'leak.metadata', params: { block: 'H.264 SEI' } });
  for (const name of namesIn(Buffer.concat([structure.metadata, sei]), expectations.names)) {
    findings.push({ code: 'leak.name', params: { name } });
  }

  const video = (json.streams ?? []).find((stream) => stream.codec_type === 'video');
  if (video?.width && video.height) {
    const result = await checkMasks(output, { width: video.width, height: video.height }, expectations.masks, signal);
    if (result.decodeError !== null) findings.push({ code: 'leak.unreadable', params: { detail: result.decodeError } });
    if (expectations.frames !== undefined && result.frames !== expectations.frames) {
      findings.push({ code: 'leak.frameCount', params: { expected: expectations.frames, found: result.frames } });
    }
    for (const box of result.visible) {
      findings.push({
        code: 'leak.regionVisible',
        params: { frame: box.frame, box: box.box + 1, variation: box.stddev, colourDrift: box.colourDrift },
      });
    }
  }
  return findings;
}
