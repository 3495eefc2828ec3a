// What a video file says about itself, read with the bundled ffprobe: container, duration, frame rate, size,
// rotation, creation date, camera, GPS presence, title/comment/keywords and whether it carries sound.
import { AppError } from '../../../shared/errors';
import type { VideoInfo } from '../../../shared/library';
import { inputOptions, runTool } from './ffmpeg';

/** What the container says of a clip: the library's VideoInfo without what the library adds (hash, names, frames, paths). */
export type VideoProbe = Omit<VideoInfo, 'hash' | 'people' | 'previewFrames' | 'paths'>;

type Tags = Readonly<Record<string, unknown>>;

interface ProbeStream {
  readonly codec_type?: string;
  readonly codec_name?: string;
  readonly width?: number;
  readonly height?: number;
  readonly avg_frame_rate?: string;
  readonly r_frame_rate?: string;
  readonly duration?: string;
  readonly tags?: Tags;
  readonly side_data_list?: ReadonlyArray<{ readonly rotation?: number }>;
  readonly disposition?: { readonly attached_pic?: number };
}

export interface ProbeJson {
  readonly streams?: readonly ProbeStream[];
  readonly format?: { readonly format_name?: string; readonly duration?: string; readonly tags?: Tags };
}

/** Tag lookup without regard to case ("Title" in AVI, "title" in MP4), the first non-empty of the keys. */
function tag(tags: readonly (Tags | undefined)[], ...keys: string[]): string | null {
  for (const key of keys) {
    for (const set of tags) {
      for (const [name, value] of Object.entries(set ?? {})) {
        if (name.toLowerCase() !== key) continue;
        const text = typeof value === 'string' ? value.replace(/\0+$/, '').trim() : '';
        if (text) return text;
      }
    }
  }
  return null;
}

function fraction(value: string | undefined): number {
  const match = value?.match(/^(\d+)(?:\/(\d+))?$/);
  if (!match) return 0;
  const denominator = match[2] === undefined ? 1 : Number(match[2]);
  return denominator > 0 ? Number(match[1]) / denominator : 0;
}

function seconds(value: string | undefined): number {
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? number : 0;
}

/** A date tag as ISO 8601; Apple's creationdate keeps the camera's local offset. */
function isoDate(value: string | null): string | null {
  if (!value) return null;
  const match = value.match(/^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?/);
  if (!match || match[1] === '0000' || match[1] === '1904' || match[1] === '1970') return null;
  const zone = match[8] === undefined ? '' : match[8] === 'Z' ? 'Z' : match[8].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${zone}`;
}

/** Rotation as a player applies it: the display matrix (counter-clockwise in ffprobe) or the older rotate tag. */
function rotationOf(stream: ProbeStream): number {
  const matrix = stream.side_data_list?.find((side) => typeof side.rotation === 'number')?.rotation;
  const clockwise = matrix !== undefined ? -matrix : Number(tag([stream.tags], 'rotate') ?? 0);
  const normalised = (((Math.round(clockwise / 90) * 90) % 360) + 360) % 360;
  return Number.isFinite(normalised) ? normalised : 0;
}

const GPS_KEYS = /(^|[.:-])(location|gps|xyz)|iso6709/i;

/** Reads ffprobe's JSON into what Fotowacht keeps; a file without a picture stream is not a video. */
export function videoProbeOf(json: ProbeJson, file: string): VideoProbe {
  const streams = json.streams ?? [];
  const video = streams.find((stream) => stream.codec_type === 'video' && !stream.disposition?.attached_pic);
  if (!video || !video.width || !video.height) throw new AppError('video.noPicture', { file });
  const format = json.format ?? {};
  const all = [format.tags, video.tags, ...streams.map((stream) => stream.tags)];
  const rotation = rotationOf(video);
  const sideways = rotation === 90 || rotation === 270;
  const keywords = tag([format.tags], 'com.apple.quicktime.keywords', 'keywords');
  const hasGps = all.some((tags) =>
    Object.entries(tags ?? {}).some(([key, value]) => GPS_KEYS.test(key) && typeof value === 'string' && value.trim()),
  );
  return {
    container: format.format_name ?? 'unknown',
    videoCodec: video.codec_name ?? 'unknown',
    durationSeconds: seconds(format.duration) || seconds(video.duration),
    frameRate: Math.round((fraction(video.avg_frame_rate) || fraction(video.r_frame_rate)) * 1000) / 1000,
    width: video.width,
    height: video.height,
    rotation,
    displayWidth: sideways ? video.height : video.width,
    displayHeight: sideways ? video.width : video.height,
    takenAt: isoDate(tag(all, 'com.apple.quicktime.creationdate', 'creation_time', 'date')),
    cameraMake: tag(all, 'com.apple.quicktime.make', 'make', 'com.android.manufacturer'),
    cameraModel: tag(all, 'com.apple.quicktime.model', 'model', 'com.android.model'),
    hasGps,
    hasAudio: streams.some((stream) => stream.codec_type === 'audio'),
    title: tag([format.tags], 'com.apple.quicktime.title', 'title'),
    comment: tag(
      [format.tags],
      'com.apple.quicktime.comment',
      'comment',
      'description',
      'com.apple.quicktime.description',
    ),
    keywords: keywords
      ? [
          ...new Set(
            keywords
              .split(/[,;]/)
              .map((word) => word.trim())
              .filter(Boolean),
          ),
        ]
      : [],
    otherStreams: streams.filter((stream) => stream.codec_type !== 'video' && stream.codec_type !== 'audio').length,
  };
}

/** Probes a file; a file ffprobe cannot open as one of the allowed containers is video.unreadable. */
export async function probeVideo(file: string, name: string, signal?: AbortSignal): Promise<VideoProbe> {
  const result = await runTool(
    'ffprobe',
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', ...inputOptions(file)],
    { timeoutMs: 30_000, maxOutputBytes: 4_000_000, signal },
  ).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'video.tool.timeout')
      throw new AppError('video.timeout', { file: name });
    throw error;
  });
  let json: ProbeJson;
  try {
    json = JSON.parse(result.stdout.toString('utf8')) as ProbeJson;
  } catch {
    json = {};
  }
  if (result.code !== 0 || !json.format) throw new AppError('video.unreadable', { file: name });
  return videoProbeOf(json, name);
}
