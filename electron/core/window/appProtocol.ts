// The app protocol (fotowacht://app/…): serves the built renderer's files and nothing else. No directory
// listing, no '..', no path outside the renderer folder, only the file types a build contains.
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './policy';

const ASSET_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export type AppAssetResolution =
  | { readonly ok: true; readonly file: string; readonly contentType: string }
  | { readonly ok: false; readonly status: 400 | 404 };

export function resolveAppAsset(rendererRoot: string, url: string): AppAssetResolution {
  // The URL parser would quietly resolve '..' and '%2e%2e'; a request that tries either is refused outright.
  if (/\.\.|%2e|%2f|%5c|\\|%00/i.test(url)) return { ok: false, status: 400 };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400 };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { ok: false, status: 400 };
  const relative = parsed.pathname === '/' ? 'index.html' : decodeURIComponent(parsed.pathname).replace(/^\/+/, '');
  const contentType = ASSET_TYPES[path.extname(relative).toLowerCase()];
  if (!contentType) return { ok: false, status: 404 };
  const root = path.resolve(rendererRoot);
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep)) return { ok: false, status: 400 };
  return { ok: true, file, contentType };
}
