import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { checkPublishedFile } from '../../electron/core/publish/leakCheck';
import { readJpegStructure, markerName } from '../../electron/core/publish/jpegSegments';
import { renderPublishImage, type PixelRect } from '../../electron/core/publish/redact';

const NAMES = ["Sem van 't Hof", 'Zoë Bakker', 'Daniëlle de Groot'];

const XMP = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/">
<Iptc4xmpExt:PersonInImage><rdf:Bag><rdf:li>Zoë Bakker</rdf:li><rdf:li>Sem van 't Hof</rdf:li></rdf:Bag></Iptc4xmpExt:PersonInImage>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

/** A 3000×2000 photo with structure (gradient, shapes, noise) stored sideways (EXIF orientation 6), names in XMP, GPS. */
async function taggedPhoto(): Promise<Buffer> {
  const shapes = Array.from(
    { length: 40 },
    (_, i) =>
      `<circle cx="${(i * 397) % 3000}" cy="${(i * 211) % 2000}" r="${40 + (i % 7) * 25}" fill="hsl(${i * 37},70%,${30 + (i % 5) * 10}%)"/>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="2000"><defs><linearGradient id="g"><stop offset="0" stop-color="#234"/><stop offset="1" stop-color="#dca"/></linearGradient></defs><rect width="3000" height="2000" fill="url(#g)"/>${shapes}</svg>`;
  const noise = await sharp({
    create: {
      width: 600,
      height: 400,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .resize(3000, 2000, { kernel: 'nearest' })
    .png()
    .toBuffer();
  return sharp(Buffer.from(svg))
    .composite([{ input: noise, blend: 'soft-light' }])
    .removeAlpha()
    .jpeg({ quality: 92 })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Artist: "Sem van 't Hof", Make: 'Canon', Model: 'EOS 90D' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 18/1 0/1' },
    })
    .withXmp(XMP)
    .toBuffer();
}

async function rawPixels(jpeg: Buffer) {
  return sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
}

function meanAbsDiffOutside(
  a: Buffer,
  b: Buffer,
  width: number,
  height: number,
  channels: number,
  masks: readonly PixelRect[],
  keepAway: number,
): number {
  let total = 0;
  let count = 0;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (masks.some((m) => x >= m.x0 - keepAway && x < m.x1 + keepAway && y >= m.y0 - keepAway && y < m.y1 + keepAway))
        continue;
      for (let c = 0; c < channels; c += 1) {
        total += Math.abs(a[(y * width + x) * channels + c]! - b[(y * width + x) * channels + c]!);
        count += 1;
      }
    }
  }
  return total / count;
}

describe('renderPublishImage', () => {
  const hide = [
    { box: { x: 0.3, y: 0.2, w: 0.1, h: 0.08 }, maskBox: { x: 0.28, y: 0.184, w: 0.14, h: 0.112 } },
    { box: { x: 0.7, y: 0.6, w: 0.12, h: 0.1 }, maskBox: { x: 0.676, y: 0.58, w: 0.168, h: 0.14 } },
  ];

  it('rotates, resizes, strips every metadata block and burns the hidden regions flat', async () => {
    const source = await taggedPhoto();
    const rendered = await renderPublishImage(sharp(source).rotate(), { longSide: 1200, hide, hideStyle: 'mask' });
    // Stored 3000×2000 sideways: a viewer sees 2000×3000, so 800×1200 at 1200 px long side.
    expect([rendered.width, rendered.height]).toEqual([800, 1200]);
    const markers = readJpegStructure(rendered.jpeg).segments.map((segment) => markerName(segment.marker));
    expect(markers.filter((name) => name.startsWith('APP') || name === 'COM')).toEqual([]);
    expect(
      await checkPublishedFile({
        file: rendered.jpeg,
        names: NAMES,
        hidden: rendered.maskRects.map((maskRect, i) => ({ maskRect, regionRect: rendered.regionRects[i]! })),
        hideStyle: 'mask',
      }),
    ).toEqual([]);

    const { data, info } = await rawPixels(rendered.jpeg);
    // Inside each region: one flat colour (JPEG keeps it within a grey level or two).
    for (const rect of rendered.regionRects) {
      const values = new Set<number>();
      for (let y = rect.y0; y < rect.y1; y += 1)
        for (let x = rect.x0; x < rect.x1; x += 1) values.add(data[(y * info.width + x) * 3]!);
      expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(4);
    }
    // The mask covers the region plus margin plus the resampling kernel's reach.
    for (const [i, mask] of rendered.maskRects.entries()) {
      const region = rendered.regionRects[i]!;
      expect(mask.x0).toBeLessThanOrEqual(region.x0 - 4);
      expect(mask.y1).toBeGreaterThanOrEqual(region.y1 + 4);
    }
    // Everywhere else the photo is the photo, only resized.
    const bare = await rawPixels(
      await sharp(source)
        .rotate()
        .resize(1200, 1200, { fit: 'inside', kernel: 'lanczos3' })
        .jpeg({ quality: 85 })
        .toBuffer(),
    );
    expect(meanAbsDiffOutside(data, bare.data, info.width, info.height, 3, rendered.maskRects, 16)).toBeLessThan(3);
  });

  it('pixelates strongly when asked, and the leak check accepts only real pixelation', async () => {
    const source = await taggedPhoto();
    const rendered = await renderPublishImage(sharp(source).rotate(), { longSide: 1000, hide, hideStyle: 'pixelate' });
    const hidden = rendered.maskRects.map((maskRect, i) => ({ maskRect, regionRect: rendered.regionRects[i]! }));
    expect(await checkPublishedFile({ file: rendered.jpeg, names: NAMES, hidden, hideStyle: 'pixelate' })).toEqual([]);
    // The same file judged as if it should be a solid mask: the blocks still vary.
    expect(
      (await checkPublishedFile({ file: rendered.jpeg, names: NAMES, hidden, hideStyle: 'mask' })).map((f) => f.code),
    ).toContain('leak.regionVisible');
  });

  it('keeps full size when the channel has no size limit', async () => {
    const source = await taggedPhoto();
    const rendered = await renderPublishImage(sharp(source).rotate(), { longSide: null, hide: [], hideStyle: 'mask' });
    expect([rendered.width, rendered.height]).toEqual([2000, 3000]);
  });
});

describe('checkPublishedFile catches leaks', () => {
  it('finds metadata, names and GPS left in a file', async () => {
    const findings = await checkPublishedFile({
      file: await taggedPhoto(),
      names: NAMES,
      hidden: [],
      hideStyle: 'mask',
    });
    const codes = findings.map((finding) => `${finding.code}:${finding.params.block ?? finding.params.name ?? ''}`);
    expect(codes).toEqual(
      expect.arrayContaining(['leak.metadata:APP1', "leak.name:Sem van 't Hof", 'leak.name:Zoë Bakker', 'leak.gps:']),
    );
    expect(codes).not.toContain('leak.name:Daniëlle de Groot');
  });

  it('finds a comment, an embedded ICC profile and data after the end of the image', async () => {
    const clean = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#369' } })
      .jpeg()
      .toBuffer();
    const comment = Buffer.from('Zoe Bakker 2026');
    const withComment = Buffer.concat([
      clean.subarray(0, 2),
      Buffer.from([0xff, 0xfe, 0x00, comment.length + 2]),
      comment,
      clean.subarray(2),
    ]);
    const commentFindings = await checkPublishedFile({
      file: withComment,
      names: NAMES,
      hidden: [],
      hideStyle: 'mask',
    });
    expect(commentFindings.map((f) => f.code)).toEqual(expect.arrayContaining(['leak.metadata', 'leak.name']));

    const icc = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#369' } })
      .withIccProfile('p3')
      .jpeg()
      .toBuffer();
    expect(await checkPublishedFile({ file: icc, names: [], hidden: [], hideStyle: 'mask' })).toContainEqual({
      code: 'leak.metadata',
      params: { block: 'APP2' },
    });

    const trailing = Buffer.concat([clean, Buffer.from('hidden preview bytes')]);
    expect(
      (await checkPublishedFile({ file: trailing, names: [], hidden: [], hideStyle: 'mask' })).map((f) => f.code),
    ).toContain('leak.trailingData');
  });

  it('finds a hidden region that still shows the photo', async () => {
    const source = await taggedPhoto();
    const unmasked = await renderPublishImage(sharp(source).rotate(), { longSide: 800, hide: [], hideStyle: 'mask' });
    const rect = { x0: 100, y0: 100, x1: 160, y1: 180 };
    const findings = await checkPublishedFile({
      file: unmasked.jpeg,
      names: [],
      hidden: [{ regionRect: rect, maskRect: rect }],
      hideStyle: 'mask',
    });
    expect(findings).toEqual([{ code: 'leak.regionVisible', params: { region: 1, variation: expect.any(Number) } }]);
  });

  it('reports a file that is not a JPEG', async () => {
    expect(
      await checkPublishedFile({ file: Buffer.from('not a jpeg'), names: [], hidden: [], hideStyle: 'mask' }),
    ).toEqual([{ code: 'leak.unreadable', params: { detail: 'not a JPEG file' } }]);
  });
});
