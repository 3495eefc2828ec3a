// Clips for tests, made by the bundled ffmpeg itself: a test pattern with the metadata a phone writes (title,
// creation time, GPS location, camera, keywords), optionally an audio track, a rotation, or an XMP packet.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
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
  const inputs = ['-f', 'lavfi', '-i', `testsrc=size=${width}x${height}:rate=${fps}`];
  if (options.audio) inputs.push('-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100');
  const codecs =
    codec === 'libx264' ? ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'] : ['-c:v', 'mpeg4'];
  if (options.audio) codecs.push('-c:a', codec === 'libx264' ? 'aac' : 'mp3');
  const metadata = Object.entries(options.metadata ?? {}).flatMap(([key, value]) => ['-metadata', `${key}=${value}`]);
  const scratch = options.rotate === undefined ? null : mkdtempSync(path.join(tmpdir(), 'fotowacht-clip-'));
  const target = scratch ? path.join(scratch, `unrotated${path.extname(file)}`) : file;
  const flags = options.appleKeys ? ['-movflags', '+use_metadata_tags'] : [];
  ffmpeg([...inputs, '-t', String(seconds), ...codecs, ...metadata, ...flags, target]);
  if (options.rotate !== undefined) {
    // Rotation is written on a stream copy (the 2018 ffmpeg ignores it while encoding).
    ffmpeg(['-i', target, '-c', 'copy', '-map_metadata', '0', `-metadata:s:v:0`, `rotate=${options.rotate}`, file]);
    rmSync(scratch!, { recursive: true, force: true });
  }
  if (options.xmp !== undefined) {
    const packet = Buffer.from(options.xmp, 'utf8');
    const header = Buffer.alloc(8);
    header.writeUInt32BE(8 + XMP_UUID.length + packet.length, 0);
    header.write('uuid', 4, 'latin1');
    appendFileSync(file, Buffer.concat([header, XMP_UUID, packet]));
  }
  return file;
}
