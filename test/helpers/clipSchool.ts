// The sample school with clips in its event (issue 15), their face scans and tracks put in directly (as the video
// scan and the review would leave them), and the frames of an exported clip read back as raw luma planes.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { CoreContext } from '../../electron/core/context';
import { replaceVideoScan, setVideoTrackState } from '../../electron/core/library/videoTrackRepository';
import { DEFAULT_TRACK_OPTIONS, toolPath } from '../../electron/core/video';
import type { Box } from '../../shared/geometry';
import type { VideoTrackObservation } from '../../shared/videoTracks';
import { indexedSchool, markFacesChecked, type IndexedSchool } from './school';
import { makeClip } from './videos';
import { bag, personInImageWDetails, xmpPacket } from './photos';

export const CLIP_SIZE = { width: 320, height: 240 } as const;
export const CLIP_FPS = 25;
export const CLIP_FRAMES = 50;

/** A track's observations: `box` moved by `step` per frame, found every `every` frames from `from` to `to`. */
export function observations(
  from: number,
  to: number,
  box: Box,
  step: { readonly dx?: number; readonly dy?: number } = {},
  every = 5,
): VideoTrackObservation[] {
  const found: VideoTrackObservation[] = [];
  for (let frame = from; frame <= to; frame += every) {
    const moved = (frame - from) * (step.dx ?? 0);
    found.push({ frame, box: { ...box, x: box.x + moved, y: box.y + (frame - from) * (step.dy ?? 0) }, score: 0.9 });
  }
  return found;
}

/** Puts a clip's scan and tracks in the database; returns the track ids in the given order. */
export function scanClip(
  core: CoreContext,
  videoHash: string,
  tracks: ReadonlyArray<readonly VideoTrackObservation[]>,
) {
  return replaceVideoScan(
    core.db,
    {
      videoHash,
      model: 'test-detector',
      sampleEvery: 5,
      frameCount: CLIP_FRAMES,
      framesSampled: CLIP_FRAMES / 5,
      options: { ...DEFAULT_TRACK_OPTIONS },
      scannedAt: '2026-09-20T10:00:00.000Z',
      scannedBy: 'test',
    },
    tracks,
  );
}

export function linkTrack(core: CoreContext, trackId: number, personId: number): void {
  setVideoTrackState(core.db, trackId, { kind: 'linked', personId });
}

export function markTrack(core: CoreContext, trackId: number, kind: 'guest' | 'dismissed'): void {
  setVideoTrackState(core.db, trackId, { kind, at: '2026-09-20T10:00:00.000Z', by: 'test' });
}

export interface ClipSchool extends IndexedSchool {
  /** Clip hash by file name. */
  readonly clips: ReadonlyMap<string, string>;
  /** Person id by student number. */
  readonly person: (key: string) => number;
}

/**
 * The sample school with clips (2 s, 320×240, 25 fps, with sound and a title naming Sem; `names` in the clip's XMP)
 * in its event, every photo marked as checked for faces.
 */
export async function clipSchool(
  dataDir: string,
  photosDir: string,
  files: ReadonlyArray<{ readonly file: string; readonly names?: readonly string[]; readonly seconds?: number }>,
): Promise<ClipSchool> {
  const school = await indexedSchool(dataDir, photosDir, undefined, (sample) => {
    for (const { file, names = [], seconds = CLIP_FRAMES / CLIP_FPS } of files) {
      makeClip(path.join(sample.eventDir, file), {
        ...CLIP_SIZE,
        fps: CLIP_FPS,
        seconds,
        audio: true,
        // A comment of its own: each file a clip of its own (the same bytes would be one clip).
        metadata: { title: "Sportdag met Sem van 't Hof", comment: `Zoë Bakker wint (${file})` },
        xmp: xmpPacket(personInImageWDetails(names) + bag('dc:subject', ['sportdag'])),
      });
    }
  });
  markFacesChecked(school.core);
  const rows = school.core.db.prepare('SELECT path, video_hash FROM video_files').all() as Array<{
    path: string;
    video_hash: string;
  }>;
  const clips = new Map(rows.map((row) => [path.basename(row.path), row.video_hash]));
  const person = (key: string): number =>
    school.core.db.prepare('SELECT id FROM people WHERE external_key = ?').pluck().get(key) as number;
  return { ...school, clips, person };
}

/** Every frame of a clip as its luma plane (8-bit Y of YUV 4:2:0, no conversion), in order. */
export function lumaFrames(file: string, size: { readonly width: number; readonly height: number }): Buffer[] {
  const raw = execFileSync(
    toolPath('ffmpeg'),
    ['-nostdin', '-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-'],
    { maxBuffer: 512 * 1024 * 1024 },
  );
  const frameBytes = size.width * size.height * 1.5;
  const frames: Buffer[] = [];
  for (let at = 0; at + frameBytes <= raw.length; at += frameBytes) {
    frames.push(raw.subarray(at, at + size.width * size.height));
  }
  return frames;
}

/** The streams of a file as ffprobe lists them (codec type and name). */
export function streamsOf(file: string): Array<{ codec_type: string; codec_name: string }> {
  const json = execFileSync(toolPath('ffprobe'), ['-v', 'error', '-show_streams', '-of', 'json', file], {
    encoding: 'utf8',
  });
  return (JSON.parse(json) as { streams: Array<{ codec_type: string; codec_name: string }> }).streams;
}
