// The real files in ../shared/realworld/photos: every region read must match truth.json (exiftool's reading)
// within 0.002 in the display frame, with the same name; names without a box must be the same set.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { decodePhoto } from '../../electron/core/library/decode';
import { readPhotoMetadata } from '../../electron/core/library/metadata';
import { nameKey } from '../../electron/core/library/regions';
import { describeNeeding, missingShared, REALWORLD_PHOTOS as DIR } from '../helpers/sharedData';

const TRUTH_FILE = path.join(DIR, 'truth.json');

interface TruthBox {
  x: number | null;
  y: number | null;
  w: number | null;
  h: number | null;
}
interface TruthRegion extends TruthBox {
  name: string | null;
  source_namespace: string;
  display?: TruthBox;
  circle?: { cx: number; cy: number; rx: number };
}
interface Truth {
  file: string;
  width: number;
  height: number;
  orientation: number | null;
  display_width: number;
  display_height: number;
  has_gps: boolean;
  regions: TruthRegion[];
  person_names_other: string[];
}

// One test per file that truth.json lists, so it is read while this file loads: only when it is there.
const truth = missingShared(TRUTH_FILE) === undefined ? (JSON.parse(readFileSync(TRUTH_FILE, 'utf8')) as Truth[]) : [];

/** The display-frame box truth.json gives for a region (README: `display`, else x/y/w/h; a circle as its bounds). */
function expectedBox(region: TruthRegion, truthFile: Truth): TruthBox {
  if (region.display) return region.display;
  if (region.circle) {
    const { cx, cy, rx } = region.circle;
    const ry = (rx * truthFile.display_width) / truthFile.display_height;
    return { x: cx - rx, y: cy - ry, w: 2 * rx, h: 2 * ry };
  }
  return region;
}

describeNeeding(TRUTH_FILE)('people regions of real files match exiftool’s truth', () => {
  it('covers every file in the folder', () => {
    expect(truth.length).toBe(14);
  });

  for (const file of truth) {
    it(file.file, async () => {
      const buffer = readFileSync(path.join(DIR, file.file));
      const decoded = await decodePhoto(buffer, file.file);
      const metadata = await readPhotoMetadata(buffer, decoded);
      expect([metadata.width, metadata.height]).toEqual([file.width, file.height]);
      expect([metadata.displayWidth, metadata.displayHeight]).toEqual([file.display_width, file.display_height]);
      expect(metadata.hasGps).toBe(file.has_gps);

      const boxed = metadata.regions.filter((region) => region.box);
      for (const region of file.regions) {
        const expected = expectedBox(region, file);
        const match = boxed.find(
          (candidate) =>
            nameKey(candidate.name) === nameKey(region.name ?? '') &&
            Math.abs(candidate.box!.x - expected.x!) <= 0.002 &&
            Math.abs(candidate.box!.y - expected.y!) <= 0.002 &&
            Math.abs(candidate.box!.w - expected.w!) <= 0.002 &&
            Math.abs(candidate.box!.h - expected.h!) <= 0.002,
        );
        expect(
          match,
          `${region.source_namespace} ${region.name} ${JSON.stringify(expected)} in ${JSON.stringify(boxed)}`,
        ).toBeDefined();
      }
      // No box that truth does not know: each stored box stands for at least one truth region.
      for (const candidate of boxed) {
        const known = file.regions.some((region) => {
          const expected = expectedBox(region, file);
          return Math.abs(candidate.box!.x - expected.x!) <= 0.002 && Math.abs(candidate.box!.y - expected.y!) <= 0.002;
        });
        expect(known, JSON.stringify(candidate)).toBe(true);
      }
      // One region per person and place: truth's regions that coincide (MWG and MP for the same face) count once.
      const distinct: TruthBox[] = [];
      for (const region of file.regions) {
        const box = expectedBox(region, file);
        if (!distinct.some((d) => Math.abs(d.x! - box.x!) <= 0.002 && Math.abs(d.y! - box.y!) <= 0.002))
          distinct.push(box);
      }
      expect(boxed).toHaveLength(distinct.length);
      // Names: every name truth has (in regions or elsewhere) is there once, and no other.
      const truthNames = new Set(
        [...file.regions.map((region) => region.name ?? ''), ...file.person_names_other].filter(Boolean).map(nameKey),
      );
      const ourNames = metadata.regions
        .map((region) => region.name)
        .filter(Boolean)
        .map(nameKey);
      expect(new Set(ourNames)).toEqual(truthNames);
      expect(ourNames.length).toBe(new Set(ourNames).size);
    });
  }
});
