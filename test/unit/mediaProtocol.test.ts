import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPaths } from '../../electron/core/dataDir';
import { mediaFile, resolveMediaPath, resolveMediaUrl, trackFrameName } from '../../electron/core/media/protocol';

const paths = dataPaths('/data/fotowacht');
const hash = 'ab'.padEnd(64, '0');

describe('media protocol', () => {
  it('serves a thumbnail or preview by content hash from the media folders', () => {
    const thumb = resolveMediaUrl(paths, `fotowacht-media://thumbs/${hash}.webp`);
    expect(thumb).toEqual({
      ok: true,
      file: path.join(paths.thumbnails, 'ab', `${hash}.webp`),
      contentType: 'image/webp',
    });
    expect(thumb.ok && thumb.file).toBe(mediaFile(paths, 'thumbs', hash, 'webp'));
    const preview = resolveMediaPath(paths, `previews/${hash}.jpg`);
    expect(preview.ok && preview.file.startsWith(paths.previews)).toBe(true);
  });

  it("serves a video's preview frames beside its poster, and nothing else with a suffix", () => {
    const frame = resolveMediaUrl(paths, `fotowacht-media://previews/${hash}-2.jpg`);
    expect(frame.ok && frame.file).toBe(mediaFile(paths, 'previews', `${hash}-2`, 'jpg'));
    expect(frame.ok && frame.file).toBe(path.join(paths.previews, 'ab', `${hash}-2.jpg`));
    for (const name of [`${hash}-0`, `${hash}-10`, `${hash}-x`, `${hash}--1`, `-1${hash}`]) {
      expect(resolveMediaPath(paths, `previews/${name}.jpg`)).toEqual({ ok: false, status: 400 });
    }
  });

  it('serves the stills a track is cropped from in the review, and no other frame suffix', () => {
    const still = resolveMediaUrl(paths, `fotowacht-media://previews/${hash}-f120.jpg`);
    expect(still.ok && still.file).toBe(mediaFile(paths, 'previews', trackFrameName(hash, 120), 'jpg'));
    expect(resolveMediaPath(paths, `previews/${hash}-f0.jpg`).ok).toBe(true);
    expect(resolveMediaPath(paths, `previews/${hash}-f9999999.jpg`).ok).toBe(true);
    for (const name of [`${hash}-f`, `${hash}-f01`, `${hash}-f10000000`, `${hash}-f-1`, `${hash}-fx`, `${hash}-F1`]) {
      expect(resolveMediaPath(paths, `previews/${name}.jpg`)).toEqual({ ok: false, status: 400 });
    }
  });

  it.each([
    ['parent folders', `fotowacht-media://thumbs/../../etc/${hash}.webp`],
    ['encoded parent folders', `fotowacht-media://thumbs/%2e%2e/%2e%2e/${hash}.webp`],
    ['an absolute path', 'fotowacht-media:///etc/passwd'],
    ['a host that is not a media kind', `fotowacht-media://database/${hash}.webp`],
    ['a name that is not a hash', 'fotowacht-media://thumbs/fotowacht.sqlite'],
    ['an upper-case or short hash', `fotowacht-media://thumbs/${hash.toUpperCase()}.webp`],
    ['another extension', `fotowacht-media://thumbs/${hash}.sqlite`],
    ['a query string', `fotowacht-media://thumbs/${hash}.webp?x=1`],
    ['another scheme', `file:///data/fotowacht/media/thumbs/ab/${hash}.webp`],
    ['something that is not a URL', 'not a url'],
  ])('refuses %s', (_case, url) => {
    expect(resolveMediaUrl(paths, url)).toEqual({ ok: false, status: 400 });
  });

  it('refuses traversal and absolute paths given as a request path', () => {
    expect(resolveMediaPath(paths, `thumbs/../${hash}.webp`).ok).toBe(false);
    expect(resolveMediaPath(paths, '/etc/passwd').ok).toBe(false);
    expect(resolveMediaPath(paths, `thumbs/ab/${hash}.webp`).ok).toBe(false);
  });
});
