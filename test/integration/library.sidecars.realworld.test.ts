// The real files in ../shared/realworld/photos, their named boxes written to a sidecar by Fotowacht and read again:
// by Fotowacht's reader and, where installed, by exiftool, every box within a pixel of the photo as viewed and with
// the same name — real orientations (a phone's portrait stored landscape) and resized files included.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { storedFrameBox } from '../../electron/core/library';
import { decodePhoto } from '../../electron/core/library/decode';
import { readPhotoMetadata } from '../../electron/core/library/metadata';
import { displaySize, orientBox, readPeopleRegions } from '../../electron/core/library/regions';
import { sidecarXmp } from '../../electron/core/library/sidecarXmp';
import { parseXmp } from '../../electron/core/library/xmp';
import type { Box } from '../../shared/geometry';
import { exiftoolPath } from '../helpers/sidecarEvent';
import { describeNeeding, REALWORLD_PHOTOS as DIR } from '../helpers/sharedData';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

type Named = Array<[string, Box]>;

function expectWithinPixel(actual: Named, expected: Named, size: { width: number; height: number }, label: string) {
  expect(
    actual.map(([name]) => name),
    label,
  ).toEqual(expected.map(([name]) => name));
  actual.forEach(([, box], i) => {
    const want = expected[i]![1];
    expect(Math.abs(box.x - want.x) * size.width, `${label} x`).toBeLessThanOrEqual(1);
    expect(Math.abs(box.w - want.w) * size.width, `${label} w`).toBeLessThanOrEqual(1);
    expect(Math.abs(box.y - want.y) * size.height, `${label} y`).toBeLessThanOrEqual(1);
    expect(Math.abs(box.h - want.h) * size.height, `${label} h`).toBeLessThanOrEqual(1);
  });
}

const sorted = (named: Named) => [...named].sort((a, b) => a[0].localeCompare(b[0]) || a[1].x - b[1].x);

describeNeeding(DIR)('sidecars of the real-world photos', () => {
  it('read back to the same boxes and names by Fotowacht and exiftool', { timeout: 120_000 }, async () => {
    const exiftool = exiftoolPath();
    if (!exiftool) console.log('real-world sidecars by exiftool: skipped: needs exiftool (libimage-exiftool-perl)');
    const out = tempDir();
    let photosWithNames = 0;
    let turned = 0;
    for (const file of readdirSync(DIR).filter((name) => /\.(jpe?g|tiff?)$/i.test(name))) {
      const buffer = readFileSync(path.join(DIR, file));
      const image = await decodePhoto(buffer, file);
      const metadata = await readPhotoMetadata(buffer, image);
      const named: Named = metadata.regions
        .filter((region) => region.box && region.name)
        .map((region) => [region.name, region.box!]);
      if (named.length === 0) continue;
      photosWithNames += 1;
      if (metadata.orientation !== 1) turned += 1;
      const geometry = { width: metadata.width, height: metadata.height, orientation: metadata.orientation };
      const sidecar = sidecarXmp(null, {
        width: metadata.width,
        height: metadata.height,
        regions: named.map(([name, box]) => ({ name, box: storedFrameBox(box, metadata.orientation) })),
      });
      const size = displaySize(geometry);
      const ours = readPeopleRegions(parseXmp(sidecar), geometry).map((r): [string, Box] => [r.name, r.box!]);
      expectWithinPixel(sorted(ours), sorted(named), size, `${file} (Fotowacht)`);

      if (!exiftool) continue;
      const xmpFile = path.join(out, `${file}.xmp`);
      writeFileSync(xmpFile, sidecar);
      const [read] = JSON.parse(execFileSync(exiftool, ['-j', '-struct', xmpFile], { encoding: 'utf8' })) as Array<{
        RegionInfo: {
          AppliedToDimensions: { W: number; H: number };
          RegionList: Array<{ Name: string; Area: { X: number; Y: number; W: number; H: number } }>;
        };
      }>;
      expect(read!.RegionInfo.AppliedToDimensions).toMatchObject({ W: metadata.width, H: metadata.height });
      const byExiftool = read!.RegionInfo.RegionList.map(({ Name, Area }): [string, Box] => [
        String(Name),
        orientBox({ x: Area.X - Area.W / 2, y: Area.Y - Area.H / 2, w: Area.W, h: Area.H }, metadata.orientation),
      ]);
      expectWithinPixel(sorted(byExiftool), sorted(named), size, `${file} (exiftool)`);
    }
    console.log(`real-world sidecars: ${photosWithNames} photos with named boxes, ${turned} of them turned by EXIF`);
    // The folder holds tagged photos, turned ones among them: the test checked something.
    expect(photosWithNames).toBeGreaterThanOrEqual(5);
    expect(turned).toBeGreaterThanOrEqual(1);
  });
});
