// The XMP reader: XML details photo tools produce (entities, CDATA, comments, inline namespaces, attribute
// shorthand), XMP in PNG, TIFF and WebP, and broken packets that must not fail a photo.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodePhoto } from '../../electron/core/library/decode';
import { readPhotoMetadata } from '../../electron/core/library/metadata';
import { parseXml } from '../../electron/core/library/xml';
import { parseXmp } from '../../electron/core/library/xmp';
import { makeJpeg, mwgRegions, xmpPacket } from '../helpers/photos';

describe('XML reader', () => {
  it('resolves entities, CDATA, comments and namespaces', () => {
    const root = parseXml(
      `<?xml version="1.0"?><!-- c --><a xmlns="urn:a" xmlns:b="urn:b"><b:c b:d='1 &gt; 0'>&#233;t&amp;&#x2019;<![CDATA[<x>]]></b:c><e/></a>`,
    );
    expect(root).toMatchObject({ local: 'a', ns: 'urn:a' });
    const c = root.children[0]!;
    expect(c).toMatchObject({ prefix: 'b', local: 'c', ns: 'urn:b', text: 'ét&’<x>' });
    expect(c.attributes[0]).toMatchObject({ local: 'd', ns: 'urn:b', value: '1 > 0' });
    expect(root.children[1]).toMatchObject({ local: 'e', ns: 'urn:a' });
  });

  it('refuses broken markup', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a>')).toThrow();
  });
});

describe('XMP reader', () => {
  it('keys properties by namespace URI, whatever prefix the file chose', () => {
    const xmp =
      parseXmp(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description xmlns:tmp0="http://www.digikam.org/" xmlns:foo="http://ns.adobe.com/lightroom/1.0/" foo:single="x">
        <tmp0:TagsList><rdf:Seq><rdf:li>People/Iris</rdf:li></rdf:Seq></tmp0:TagsList>
      </rdf:Description></rdf:RDF></x:xmpmeta>`);
    expect(xmp['digiKam:TagsList']).toEqual(['People/Iris']);
    expect(xmp['lr:single']).toBe('x');
  });

  it('a broken packet costs the people in it, not the photo', async () => {
    const jpeg = await makeJpeg({ width: 100, height: 100, xmp: '<x:xmpmeta><rdf:RDF><rdf:Description>' });
    const metadata = await readPhotoMetadata(jpeg, await decodePhoto(jpeg, 'x.jpg'));
    expect(metadata.regions).toEqual([]);
    expect(metadata.width).toBe(100);
  });

  for (const format of ['png', 'tiff', 'webp'] as const) {
    it(`reads XMP regions from ${format.toUpperCase()}`, async () => {
      const xmp = xmpPacket(mwgRegions([{ box: { x: 0.2, y: 0.2, w: 0.4, h: 0.4 }, name: 'Jip' }]));
      const file = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#123' } })
        .withXmp(xmp)
        .toFormat(format)
        .toBuffer();
      const metadata = await readPhotoMetadata(file, await decodePhoto(file, `x.${format}`));
      expect(metadata.regions).toMatchObject([{ name: 'Jip', box: { x: 0.2, y: 0.2, w: 0.4, h: 0.4 } }]);
    });
  }
});
