// People regions from generated photos whose XMP the test writes: every namespace, all eight orientations
// (checked against where libvips itself puts a red mark after rotating), extended XMP, missing and mismatched
// AppliedToDimensions, names with accents and tussenvoegsels, duplicates across namespaces.
import { describe, expect, it } from 'vitest';
import { decodePhoto } from '../../electron/core/library/decode';
import { readPhotoMetadata } from '../../electron/core/library/metadata';
import type { FileRegion } from '../../shared/library';
import {
  bag,
  extendedGuid,
  iptcRegions,
  makeJpeg,
  mpRegions,
  mwgRegions,
  personInImageWDetails,
  redBoxAsViewed,
  xmpPacket,
  type StoredBox,
} from '../helpers/photos';

async function read(buffer: Buffer): Promise<{ regions: FileRegion[]; displayWidth: number; displayHeight: number }> {
  const decoded = await decodePhoto(buffer, 'test.jpg');
  return readPhotoMetadata(buffer, decoded);
}

function expectBox(actual: StoredBox | null, expected: StoredBox, tolerance = 0.002): void {
  expect(actual).not.toBeNull();
  for (const key of ['x', 'y', 'w', 'h'] as const) {
    expect(
      Math.abs(actual![key] - expected[key]),
      `${key}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`,
    ).toBeLessThanOrEqual(tolerance);
  }
}

describe('MWG regions turned by EXIF orientation', () => {
  const stored: StoredBox = { x: 0.1, y: 0.2, w: 0.25, h: 0.3 };
  for (const orientation of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`orientation ${orientation}: the box lands where the viewer sees the mark`, async () => {
      const jpeg = await makeJpeg({
        width: 400,
        height: 200,
        orientation,
        marks: [stored],
        xmp: xmpPacket(mwgRegions([{ box: stored, name: 'Daan de Jong' }], { w: 400, h: 200 })),
      });
      const metadata = await read(jpeg);
      const rotated = orientation >= 5;
      expect([metadata.displayWidth, metadata.displayHeight]).toEqual(rotated ? [200, 400] : [400, 200]);
      expect(metadata.regions).toHaveLength(1);
      const region = metadata.regions[0]!;
      expect(region).toMatchObject({ namespace: 'mwg-rs', kind: 'face', name: 'Daan de Jong' });
      const seen = await redBoxAsViewed(jpeg);
      expectBox(region.box, seen!, 0.01);
    });
  }

  it('reads normalised areas whatever AppliedToDimensions says, or when it is missing', async () => {
    const box = { x: 0.5, y: 0.25, w: 0.2, h: 0.4 };
    for (const applied of [null, { w: 4000, h: 2000 }, { w: 200, h: 100 }]) {
      const jpeg = await makeJpeg({
        width: 300,
        height: 150,
        xmp: xmpPacket(mwgRegions([{ box, name: 'Sanne' }], applied)),
      });
      const metadata = await read(jpeg);
      expectBox(metadata.regions[0]!.box, box);
    }
  });

  it('keeps unnamed faces, marks pets, and areas of other types', async () => {
    const jpeg = await makeJpeg({
      width: 300,
      height: 200,
      xmp: xmpPacket(
        mwgRegions([
          { box: { x: 0.1, y: 0.1, w: 0.1, h: 0.1 } },
          { box: { x: 0.5, y: 0.5, w: 0.2, h: 0.2 }, name: 'Bello', type: 'Pet' },
          { box: { x: 0.7, y: 0.1, w: 0.1, h: 0.1 }, type: 'Focus' },
        ]),
      ),
    });
    const regions = (await read(jpeg)).regions;
    expect(regions.map((r) => [r.kind, r.name])).toEqual([
      ['face', ''],
      ['pet', 'Bello'],
      ['other', ''],
    ]);
  });
});

describe('other namespaces', () => {
  it('Microsoft Photo regions are read as written (top-left, as shown)', async () => {
    const box = { x: 0.403125, y: 0.330598, w: 0.192188, h: 0.288394 };
    const jpeg = await makeJpeg({
      width: 320,
      height: 240,
      orientation: 6,
      xmp: xmpPacket(mpRegions([{ box, name: 'Zoë van den Bosch' }])),
    });
    const [region] = (await read(jpeg)).regions;
    expect(region).toMatchObject({ namespace: 'MP', name: 'Zoë van den Bosch' });
    expectBox(region!.box, box);
  });

  it('IPTC ImageRegion rectangle, circle and polygon, relative and in pixels', async () => {
    const jpeg = await makeJpeg({
      width: 400,
      height: 200,
      xmp: xmpPacket(
        iptcRegions([
          {
            name: 'Rect',
            persons: ['Jan ’t Hooft'],
            boundary: { shape: 'rectangle', unit: 'relative', x: 0.1, y: 0.2, w: 0.2, h: 0.3 },
          },
          { name: 'RectPx', boundary: { shape: 'rectangle', unit: 'pixel', x: 200, y: 100, w: 40, h: 50 } },
          {
            name: 'Circle',
            persons: ['Eva'],
            boundary: { shape: 'circle', unit: 'relative', x: 0.5, y: 0.5, rx: 0.05 },
          },
          { name: 'CirclePx', persons: ['Eva'], boundary: { shape: 'circle', unit: 'pixel', x: 300, y: 50, rx: 20 } },
          {
            name: 'Poly',
            persons: ['Piet'],
            boundary: {
              shape: 'polygon',
              unit: 'relative',
              vertices: [
                [0.6, 0.7],
                [0.7, 0.6],
                [0.8, 0.9],
              ],
            },
          },
          {
            name: 'PolyPx',
            boundary: {
              shape: 'polygon',
              unit: 'pixel',
              vertices: [
                [0, 0],
                [40, 20],
                [20, 40],
              ],
            },
          },
        ]),
      ),
    });
    const regions = (await read(jpeg)).regions;
    const byName = new Map(regions.map((r) => [r.name, r]));
    expectBox(byName.get('Rect')!.box, { x: 0.1, y: 0.2, w: 0.2, h: 0.3 });
    expect(byName.get('Rect')!.kind).toBe('face');
    expect(byName.get('Rect')!.raw.persons).toEqual(['Jan ’t Hooft']);
    expectBox(byName.get('RectPx')!.box, { x: 0.5, y: 0.5, w: 0.1, h: 0.25 });
    expect(byName.get('RectPx')!.kind).toBe('other');
    // A circle's radius is relative to the width: 0.05 × 400 px = 20 px, which is 0.1 of the height.
    expectBox(byName.get('Circle')!.box, { x: 0.45, y: 0.4, w: 0.1, h: 0.2 });
    expectBox(byName.get('CirclePx')!.box, { x: 0.7, y: 0.15, w: 0.1, h: 0.2 });
    expectBox(byName.get('Poly')!.box, { x: 0.6, y: 0.6, w: 0.2, h: 0.3 });
    expectBox(byName.get('PolyPx')!.box, { x: 0, y: 0, w: 0.1, h: 0.2 });
  });

  it('names without a box: PersonInImage, PersonInImageWDetails, digiKam People/ and Lightroom People|', async () => {
    const jpeg = await makeJpeg({
      width: 200,
      height: 100,
      xmp: xmpPacket(
        [
          bag('Iptc4xmpExt:PersonInImage', ['Anna-Sophie van der Berg']),
          personInImageWDetails(['Noël ter Horst']),
          bag('digiKam:TagsList', ['People/Groep 7/Fleur de Wit', 'Places/Utrecht', 'People']),
          bag('lr:hierarchicalSubject', ['People|Mees van ’t Veer', 'Events|Sportdag']),
        ].join('\n'),
      ),
    });
    const regions = (await read(jpeg)).regions;
    expect(regions.every((r) => r.box === null)).toBe(true);
    expect(regions.map((r) => [r.namespace, r.name])).toEqual([
      ['Iptc4xmpExt:PersonInImage', 'Anna-Sophie van der Berg'],
      ['Iptc4xmpExt:PersonInImageWDetails', 'Noël ter Horst'],
      ['digiKam:TagsList', 'Fleur de Wit'],
      ['lr:hierarchicalSubject', 'Mees van ’t Veer'],
    ]);
  });

  it('collapses one person described by several namespaces at the same place', async () => {
    const box = { x: 0.3, y: 0.2, w: 0.1, h: 0.2 };
    const jpeg = await makeJpeg({
      width: 300,
      height: 200,
      xmp: xmpPacket(
        [
          mwgRegions([
            { box, name: 'Lotte van Dijk' },
            { box: { x: 0.7, y: 0.2, w: 0.1, h: 0.2 }, name: 'Bram' },
          ]),
          mpRegions([
            { box: { ...box, x: 0.3005 }, name: 'Lotte van Dijk' },
            { box: { x: 0.05, y: 0.6, w: 0.1, h: 0.2 }, name: 'Bram' },
          ]),
          iptcRegions([{ boundary: { shape: 'rectangle', unit: 'relative', ...box } }]),
          bag('digiKam:TagsList', ['People/Lotte van Dijk', 'People/Bram', 'People/Lieke']),
          bag('lr:hierarchicalSubject', ['People|LOTTE VAN DIJK']),
        ].join('\n'),
      ),
    });
    const regions = (await read(jpeg)).regions;
    // Lotte once (MWG kept, MP and the unnamed IPTC box folded in); Bram twice: two different places.
    expect(regions.map((r) => [r.namespace, r.name, r.box !== null])).toEqual([
      ['mwg-rs', 'Lotte van Dijk', true],
      ['mwg-rs', 'Bram', true],
      ['MP', 'Bram', true],
      ['digiKam:TagsList', 'Lieke', false],
    ]);
    expect((regions[0]!.raw.also as unknown[]).length).toBe(2);
  });
});

describe('extended XMP', () => {
  it('reads regions that only the extension holds, spread over several JPEG segments', async () => {
    const box = { x: 0.2, y: 0.3, w: 0.2, h: 0.2 };
    const filler = `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${'Sportdag groep 8. '.repeat(9000)}</rdf:li></rdf:Alt></dc:description>`;
    const extended = xmpPacket(`${filler}\n${mwgRegions([{ box, name: 'Jeroen ter Beek' }], { w: 300, h: 200 })}`);
    expect(Buffer.byteLength(extended)).toBeGreaterThan(2 * 65_000);
    const main = xmpPacket(bag('dc:subject', ['Sportdag']), `xmpNote:HasExtendedXMP="${extendedGuid(extended)}"`);
    const jpeg = await makeJpeg({ width: 300, height: 200, orientation: 3, xmp: main, extendedXmp: extended });
    const regions = (await read(jpeg)).regions;
    expect(regions).toHaveLength(1);
    expect(regions[0]!.name).toBe('Jeroen ter Beek');
    expectBox(regions[0]!.box, { x: 0.6, y: 0.5, w: 0.2, h: 0.2 });
  });
});
