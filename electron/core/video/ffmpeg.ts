// The ffmpeg and ffprobe Fotowacht runs: the static builds that come inside the @ffmpeg-installer/@ffprobe-installer
// packages (the binary is in the package itself; nothing is downloaded at install). Every run is a child process
// with a time limit, an output cap, file input only and a fixed list of container formats, so a hostile or broken
// file ends in a clear error, never a hang or a read of something other than the file.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { AppError } from '../../../shared/errors';

// Not named `require`: the bundler adds its own `require` to the chunk this module lands in.
const requirePackage = createRequire(import.meta.url);

/** Containers Fotowacht opens: MP4/MOV/M4V (the mov demuxer) and AVI. Never playlists, concat lists or images. */
export const VIDEO_FORMAT_WHITELIST = 'mov,mp4,m4a,3gp,3g2,mj2,avi';

/** Input options for every run: a local file, read as one of the containers above. */
export function inputOptions(file: string): string[] {
  return ['-protocol_whitelist', 'file', '-format_whitelist', VIDEO_FORMAT_WHITELIST, '-i', `file:${file}`];
}

export type VideoTool = 'ffmpeg' | 'ffprobe';

export interface VideoToolInfo {
  readonly tool: VideoTool;
  /** The npm package the binary comes in, and its version. */
  readonly package: string;
  readonly packageVersion: string;
  readonly path: string;
  /** The first line of `-version` ("ffmpeg version N-… Copyright (c) 2000-2018"), or null when it does not run. */
  readonly version: string | null;
}

const PACKAGES: Record<VideoTool, string> = {
  ffmpeg: '@ffmpeg-installer/ffmpeg',
  ffprobe: '@ffprobe-installer/ffprobe',
};

const paths = new Map<VideoTool, string>();

/** The binary's path; inside a packaged app it is read from the unpacked copy beside the archive. */
export function toolPath(tool: VideoTool): string {
  let found = paths.get(tool);
  if (!found) {
    try {
      found = (requirePackage(PACKAGES[tool]) as { path: string }).path.replace(
        /app\.asar([\\/])/,
        'app.asar.unpacked$1',
      );
    } catch {
      throw new AppError('video.tool.missing', { tool });
    }
    paths.set(tool, found);
  }
  return found;
}

export interface RunOptions {
  readonly timeoutMs: number;
  /** stdout beyond this many bytes stops the run (a frame should never be larger). */
  readonly maxOutputBytes: number;
  readonly signal?: AbortSignal | undefined;
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs a tool; rejects with video.tool.timeout, video.tool.tooMuchOutput, or the abort reason. */
export function runTool(tool: VideoTool, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    options.signal?.throwIfAborted();
    const child = spawn(toolPath(tool), [...(tool === 'ffmpeg' ? ['-nostdin'] : []), '-hide_banner', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failure: unknown = null;
    const stop = (reason: unknown) => {
      failure ??= reason;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(new AppError('video.tool.timeout', { tool })), options.timeoutMs);
    const onAbort = () => stop(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.maxOutputBytes) stop(new AppError('video.tool.tooMuchOutput', { tool }));
      else chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 64_000) stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => stop(error));
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (failure) reject(failure instanceof Error ? failure : new AppError('video.tool.failed', { tool }));
      else resolve({ code, stdout: Buffer.concat(chunks), stderr });
    });
  });
}

const infos = new Map<VideoTool, VideoToolInfo>();

/** Which binary runs and its version, for `fotowacht doctor`. */
export async function videoToolInfo(tool: VideoTool): Promise<VideoToolInfo> {
  const known = infos.get(tool);
  if (known) return known;
  const pkg = PACKAGES[tool];
  const packageVersion = (requirePackage(`${pkg}/package.json`) as { version: string }).version;
  let binary = '';
  let version: string | null = null;
  try {
    binary = toolPath(tool);
    const result = await runTool(tool, ['-version'], { timeoutMs: 20_000, maxOutputBytes: 1_000_000 });
    version = result.stdout.toString('utf8').split('\n')[0]?.trim() || null;
  } catch {
    version = null;
  }
  const info: VideoToolInfo = { tool, package: pkg, packageVersion, path: binary, version };
  infos.set(tool, info);
  return info;
}
