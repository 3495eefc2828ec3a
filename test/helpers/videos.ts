// Clips for tests, made by the bundled ffmpeg itself: a test pattern with the metadata a phone writes (title,
// creation time, GPS location, camera, keywords), optionally an audio track, a rotation, an XMP packet, chapters,
// a subtitle stream, a timecode (data) stream, stream tags, or a variable frame rate.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toolPath } from '../../electron/core/video';

export interface ClipOptions {
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  readonly seconds?: number;
  readonly audio?: boolean;
  readonly metadata?: Readonly<Record<string, string>>;
  /** Clockwise degrees written as the video track's rotation (display matrix). */
  readonly rotate?: number;
  /** Video codec: libx264 (default, MP4/MOV/M4V) or mpeg4 (AVI). */
  readonly codec?: 'libx264' | 'mpeg4';
  /** Metadata as Apple's `mdta` keys (com.apple.quicktime.*), the way iPhones write them. */
  readonly appleKeys?: boolean;
  /** An XMP packet appended as a top-level `uuid` box, as Adobe and digiKam write it into MP4 files. */
  readonly xmp?: string;
  /** Chapter titles, one chapter per second from the start (an MP4 chapter track, a data stream in ffprobe). */
  readonly chapters?: readonly string[];
  /** A subtitle stream (mov_text) showing this text for the first second. */
  readonly subtitle?: string;
  /** A timecode track (tmcd data stream) starting at this timecode, e.g. 01:00:00:00. */
  readonly timecode?: string;
  /** Tags of the picture stream (handler_name, language…). */
  readonly videoStreamMetadata?: Readonly<Record<string, string>>;
  /** Variable frame rate: frame timestamps jitter around `fps` (every third frame shown a little longer). */
  readonly variableFrameRate?: boolean;
  /** The pattern slides 7 pixels left every frame, so that no two frames look alike. */
  readonly moving?: boolean;
}

const XMP_UUID = Buffer.from('be7acfcb97a942e89c71999491e3afac', 'hex');

export function ffmpeg(args: readonly string[]): void {
  execFileSync(toolPath('ffmpeg'), ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 60_000,
  });
}

export function makeClip(file: string, options: ClipOptions = {}): string {
  const { width = 320, height = 240, fps = 25, seconds = 2, codec = 'libx264' } = options;
  const pattern = options.moving
    ? `testsrc=size=${width * 2}x${height}:rate=${fps},crop=${width}:${height}:x='mod(n*7,${width})':y=0`
    : `testsrc=size=${width}x${height}:rate=${fps}`;
  const inputs = ['-f', 'lavfi', '-i', pattern];
  if (options.audio) inputs.push('-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100');
  const extras = extraStreams(options, options.audio ? 2 : 1);
  inputs.push(...extras.inputs);
  const codecs =
    codec === 'libx264' ? ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'] : ['-c:v', 'mpeg4'];
  if (options.audio) codecs.push('-c:a', codec === 'libx264' ? 'aac' : 'mp3');
  const metadata = [
    ...Object.entries(options.metadata ?? {}).flatMap(([key, value]) => ['-metadata', `${key}=${value}`]),
    ...Object.entries(options.videoStreamMetadata ?? {}).flatMap(([key, value]) => [
      '-metadata:s:v:0',
      `${key}=${value}`,
    ]),
  ];
  const scratch = options.rotate === undefined ? null : mkdtempSync(path.join(tmpdir(), 'fotowacht-clip-'));
  const target = scratch ? path.join(scratch, `unrotated${path.extname(file)}`) : file;
  const flags = options.appleKeys ? ['-movflags', '+use_metadata_tags'] : [];
  ffmpeg([
    ...inputs,
    '-t',
    String(seconds),
    ...extras.maps,
    ...codecs,
    ...metadata,
    ...flags,
    ...extras.output,
    target,
  ]);
  if (options.rotate !== undefined) {
    // Rotation is written on a stream copy (the 2018 ffmpeg ignores it while encoding).
    const all = extras.maps.length > 0 ? ['-map', '0', '-map_chapters', '0'] : [];
    ffmpeg([
      '-i',
      target,
      ...all,
      '-c',
      'copy',
      '-map_metadata',
      '0',
      `-metadata:s:v:0`,
      `rotate=${options.rotate}`,
      file,
    ]);
    rmSync(scratch!, { recursive: true, force: true });
  }
  if (extras.scratch) rmSync(extras.scratch, { recursive: true, force: true });
  if (options.xmp !== undefined) {
    const packet = Buffer.from(options.xmp, 'utf8');
    const header = Buffer.alloc(8);
    header.writeUInt32BE(8 + XMP_UUID.length + packet.length, 0);
    header.write('uuid', 4, 'latin1');
    appendFileSync(file, Buffer.concat([header, XMP_UUID, packet]));
  }
  return file;
}

/** Inputs, maps and output options for chapters, a subtitle, a timecode and a variable frame rate. */
function extraStreams(
  options: ClipOptions,
  inputCount: number,
): { inputs: string[]; maps: string[]; output: string[]; scratch: string | null } {
  const wanted = options.chapters !== undefined || options.subtitle !== undefined || options.timecode !== undefined;
  const output: string[] = [];
  if (options.variableFrameRate) {
    const fps = options.fps ?? 25;
    output.push('-vf', `setpts='(N+floor(N/3)*0.5)/${fps}/TB'`, '-vsync', 'vfr');
  }
  if (options.timecode !== undefined) output.push('-timecode', options.timecode);
  if (!wanted) return { inputs: [], maps: [], output, scratch: null };
  const scratch = mkdtempSync(path.join(tmpdir(), 'fotowacht-clip-'));
  const inputs: string[] = [];
  const maps = ['-map', '0:v'];
  if (options.audio) maps.push('-map', '1:a');
  let next = inputCount;
  if (options.chapters !== undefined) {
    const chapters = options.chapters
      .map((title, i) => `[CHAPTER]\nTIMEBASE=1/1000\nSTART=${i * 1000}\nEND=${(i + 1) * 1000}\ntitle=${title}\n`)
      .join('');
    writeFileSync(path.join(scratch, 'chapters.txt'), `;FFMETADATA1\n${chapters}`);
    inputs.push('-i', path.join(scratch, 'chapters.txt'));
    maps.push('-map_chapters', String(next));
    next += 1;
  }
  if (options.subtitle !== undefined) {
    writeFileSync(path.join(scratch, 'sub.srt'), `1\n00:00:00,000 --> 00:00:01,000\n${options.subtitle}\n`);
    inputs.push('-i', path.join(scratch, 'sub.srt'));
    maps.push('-map', String(next));
    output.push('-c:s', 'mov_text');
    next += 1;
  }
  return { inputs, maps, output, scratch };
}
