// The app's media protocol: serves only files Fotowacht generated itself (thumbnails, previews),
// addressed by kind and content hash. Anything else — other folders, '..', absolute paths — is refused.
import path from 'node:path';
import type { DataPaths } from '../dataDir';

export const MEDIA_SCHEME = 'fotowacht-media';

const MEDIA_TYPES = { webp: 'image/webp', jpg: 'image/jpeg', png: 'image/png' } as const;
type MediaExtension = keyof typeof MEDIA_TYPES;

export type MediaResolution =
  | { readonly ok: true; readonly file: string; readonly contentType: string }
  | { readonly ok: false; readonly status: 400 | 404 };

// A video's preview frames sit beside its poster preview as '<hash>-<n>.jpg' (n a single digit from 1), the stills
// the review crops a track's faces from as '<hash>-f<frame>.jpg' (frame a number of at most 7 digits).
const MEDIA_PATH = /^\/?(thumbs|previews)\/([0-9a-f]{64}(?:-[1-9]|-f(?:0|[1-9]\d{0,6}))?)\.(webp|jpg|png)$/;

/** The cache name of a clip's still at this frame (a track's crop in the review). */
export function trackFrameName(videoHash: string, frame: number): string {
  return `${videoHash}-f${frame}`;
}

/**
 * Maps a request path ('thumbs/<sha256>.webp') to a file inside the media folders.
 * Takes the path part only, as the URL parser produced it; no decoding is done, so '%2e%2e' stays literal.
 */
export function resolveMediaPath(paths: DataPaths, requestPath: string): MediaResolution {
  const match = requestPath.match(MEDIA_PATH);
  if (!match) return { ok: false, status: 400 };
  const [, kind, hash, extension] = match as unknown as [string, 'thumbs' | 'previews', string, MediaExtension];
  const folder = kind === 'thumbs' ? paths.thumbnails : paths.previews;
  const file = path.join(folder, hash.slice(0, 2), `${hash}.${extension}`);
  // Belt and braces: the pattern already excludes separators, but never serve outside the folder.
  if (path.relative(folder, file).startsWith('..')) return { ok: false, status: 400 };
  return { ok: true, file, contentType: MEDIA_TYPES[extension] };
}

/** For a full URL (`fotowacht-media://thumbs/<hash>.webp`): host and path together form the request path. */
export function resolveMediaUrl(paths: DataPaths, url: string): MediaResolution {
  // The URL parser would quietly resolve '..' and '%2e%2e'; a request that tries either is refused outright.
  if (/\.\.|%2e|%2f|%5c|\\/i.test(url)) return { ok: false, status: 400 };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400 };
  }
  if (parsed.protocol !== `${MEDIA_SCHEME}:` || parsed.search || parsed.hash || parsed.username || parsed.port) {
    return { ok: false, status: 400 };
  }
  return resolveMediaPath(paths, `${parsed.hostname}${parsed.pathname}`);
}

/** Where a generated file of this kind and hash lives (used by the writers of thumbnails and previews). */
export function mediaFile(
  paths: DataPaths,
  kind: 'thumbs' | 'previews',
  hash: string,
  extension: MediaExtension,
): string {
  const folder = kind === 'thumbs' ? paths.thumbnails : paths.previews;
  return path.join(folder, hash.slice(0, 2), `${hash}.${extension}`);
}
