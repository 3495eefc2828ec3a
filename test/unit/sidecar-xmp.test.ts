// The sidecar's name (the convention in the folder first) and its text: names escaped, boxes centre-based with
// six decimals, a merge that is idempotent, and existing text it does not understand refused rather than damaged.
import { describe, expect, it } from 'vitest';
import { sidecarNameFor, storedFrameBox } from '../../electron/core/library';
import { orientBox } from '../../electron/core/library/regions';
import { SidecarMergeError, sidecarXmp } from '../../electron/core/library/sidecarXmp';
import { parseXmp, struct, list, text } from '../../electron/core/library/xmp';

describe('sidecarNameFor', () => {
  it('follows the sidecar already there, then the folder’s style, else IMG_0001.xmp', () => {
    expect(sidecarNameFor('IMG_0001.jpg', ['IMG_0001.jpg'])).toBe('IMG_0001.xmp');
    expect(sidecarNameFor('IMG_0001.jpg', ['IMG_0001.jpg', 'IMG_0001.jpg.xmp'])).toBe('IMG_0001.jpg.xmp');
    expect(sidecarNameFor('IMG_0001.jpg', ['IMG_0001.jpg', 'IMG_0001.XMP'])).toBe('IMG_0001.XMP');
    // digiKam's style elsewhere in the folder is followed for a photo without a sidecar yet.
    expect(sidecarNameFor('IMG_0002.jpg', ['IMG_0001.jpg.xmp', 'IMG_0002.jpg'])).toBe('IMG_0002.jpg.xmp');
    // IMG_0001.heic beside IMG_0001.jpg: one IMG_0001.xmp would be shared, so each gets its own.
    expect(sidecarNameFor('IMG_0001.jpg', ['IMG_0001.jpg', 'IMG_0001.heic'])).toBe('IMG_0001.jpg.xmp');
    expect(sidecarNameFor('IMG_0001.jpg', ['IMG_0001.jpg', 'IMG_0001.heic', 'IMG_0001.xmp'])).toBe('IMG_0001.jpg.xmp');
  });
});

describe('storedFrameBox', () => {
  it('undoes orientBox for every EXIF orientation', () => {
    const box = { x: 0.1, y: 0.2, w: 0.3, h: 0.15 };
    for (let orientation = 1; orientation <= 8; orientation += 1) {
      const back = orientBox(storedFrameBox(box, orientation), orientation);
      for (const edge of ['x', 'y', 'w', 'h'] as const) expect(back[edge]).toBeCloseTo(box[edge], 12);
    }
  });
});

describe('sidecarXmp', () => {
  const content = {
    width: 6000,
    height: 4000,
    regions: [{ name: 'Daan & "Lotte" <de Vries>', box: { x: 0.1, y: 0.2, w: 0.05, h: 0.075 } }],
  };

  it('writes a packet its own reader reads back, names escaped, control characters dropped', () => {
    const written = sidecarXmp(null, {
      ...content,
      regions: [...content.regions, { name: 'Sem\u0007 Hof', box: { x: 0.5, y: 0.5, w: 0.1, h: 0.1 } }],
    });
    const xmp = parseXmp(written);
    const regions = struct(xmp['mwg-rs:Regions'])!;
    expect(struct(regions['mwg-rs:AppliedToDimensions'])).toMatchObject({ 'stDim:w': '6000', 'stDim:h': '4000' });
    const first = struct(list(regions['mwg-rs:RegionList'])[0])!;
    expect(text(first['mwg-rs:Name'])).toBe('Daan & "Lotte" <de Vries>');
    expect(struct(first['mwg-rs:Area'])).toMatchObject({
      'stArea:x': '0.125',
      'stArea:y': '0.2375',
      'stArea:w': '0.05',
    });
    expect(xmp['Iptc4xmpExt:PersonInImage']).toEqual(['Daan & "Lotte" <de Vries>', 'Sem Hof']);
  });

  it('merges into its own output without change', () => {
    const once = sidecarXmp(null, content);
    expect(sidecarXmp(once, content)).toBe(once);
  });

  it('refuses existing text it cannot merge without loss', () => {
    expect(() => sidecarXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF', content)).toThrow();
    const regionsAsStruct = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/">
<mwg-rs:Regions rdf:parseType="Resource"><mwg-rs:RegionList rdf:parseType="Resource"><mwg-rs:Name>X</mwg-rs:Name></mwg-rs:RegionList></mwg-rs:Regions>
</rdf:Description></rdf:RDF></x:xmpmeta>`;
    expect(() => sidecarXmp(regionsAsStruct, content)).toThrow(SidecarMergeError);
  });
});
