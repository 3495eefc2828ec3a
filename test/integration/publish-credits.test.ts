// Credits kept by the school's choice: the exported files carry exactly the chosen fields (creator, copyright
// notice, credit line) and nothing else — no camera, no location, no people — read back with exifr and, where it is
// installed, exiftool. The leak check allows exactly those blocks and still refuses a credit that names a pupil.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { photosWithoutCredit, startExport } from '../../electron/core/publish';
import { creditSegments, readSourceCredits, withCredits } from '../../electron/core/publish/credits';
import { readJpegStructure } from '../../electron/core/publish/jpegSegments';
import { checkPublishedFile } from '../../electron/core/publish/leakCheck';
import { getSettings, updateSettings } from '../../electron/core/settings';
import type { ExportSummary } from '../../shared/publish';
import type { SampleSchool } from '../../scripts/sample-school';
import { fotowacht } from '../helpers/cli';
import { indexedSchool, markFacesChecked } from '../helpers/school';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const CREDIT_LINE = 'Foto: Juf Anna © Regenboog';

/** Adds a credit line and a place (photoshop:City, dc:subject) to each sample photo's own XMP packet. */
function addCreditLineAndCity(school: SampleSchool, creditOf: (file: string) => string = () => CREDIT_LINE): void {
  const dir = school.eventDir;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    const bytes = readFileSync(file);
    const xmp = readJpegStructure(bytes).segments.find(
      (segment) =>
        segment.marker === 0xe1 && segment.data.toString('latin1').startsWith('http://ns.adobe.com/xap/1.0/'),
    )!;
    const header = 'http://ns.adobe.com/xap/1.0/\0';
    const packet = xmp.data
      .subarray(header.length)
      .toString('utf8')
      .replace(
        'xmlns:digiKam=',
        'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:digiKam=',
      )
      // The outer description closes last (each region has its own inside).
      .replace(
        /<\/rdf:Description>(?![\s\S]*<\/rdf:Description>)/,
        `<photoshop:Credit>${creditOf(name)}</photoshop:Credit><photoshop:City>Utrecht</photoshop:City></rdf:Description>`,
      );
    const payload = Buffer.concat([Buffer.from(header, 'latin1'), Buffer.from(packet, 'utf8')]);
    const length = Buffer.alloc(4);
    length.writeUInt16BE(0xffe1, 0);
    length.writeUInt16BE(payload.length + 2, 2);
    writeFileSync(
      file,
      Buffer.concat([bytes.subarray(0, xmp.offset), length, payload, bytes.subarray(xmp.offset + 4 + xmp.data.length)]),
    );
  }
}

async function school(creditOf?: (file: string) => string) {
  const s = await indexedSchool(tempDir(), tempDir(), undefined, (sample) => addCreditLineAndCity(sample, creditOf));
  markFacesChecked(s.core);
  cores.push(s.core);
  return s;
}

async function exportFor(core: CoreContext, eventId: number, channelId: string) {
  const outDir = path.join(tempDir(), channelId);
  const job = startExport(core, { channelId, date: '2026-10-01', eventId, outDir });
  const end = await job.finished;
  return { end, outDir, summary: end.result as ExportSummary | undefined };
}

/** Every tag exiftool reads, by group, without the file system's and the JPEG's own structure. */
function exiftoolTags(file: string): Record<string, unknown> | null {
  if (spawnSync('exiftool', ['-ver']).status !== 0) return null;
  const [tags] = JSON.parse(execFileSync('exiftool', ['-j', '-G1', '-a', '-u', file], { encoding: 'utf8' })) as Array<
    Record<string, unknown>
  >;
  return Object.fromEntries(
    Object.entries(tags!).filter(([key]) => !/^(SourceFile|ExifTool|System|File|JFIF|Composite):?/.test(key)),
  );
}

describe('credits kept in exported files', () => {
  it('keeps nothing by default, and exactly the chosen fields per channel when set', async () => {
    const { core, eventId, eventDir } = await school();
    const source = readFileSync(path.join(eventDir, 'IMG_0001.jpg'));
    // The sources carry camera, names of people, a place and all three credit fields.
    expect(await readSourceCredits(source)).toEqual({
      creator: 'Juf Anna',
      copyright: 'Basisschool De Regenboog',
      credit: CREDIT_LINE,
    });
    expect(getSettings(core.db).exportCredits).toEqual({});

    const plain = await exportFor(core, eventId, 'website');
    expect(plain.end.state).toBe('done');
    for (const name of readdirSync(plain.outDir).filter((file) => file.endsWith('.jpg'))) {
      const file = readFileSync(path.join(plain.outDir, name));
      expect(await exifr.parse(file, { tiff: true, xmp: true, iptc: true })).toBeUndefined();
    }

    updateSettings(core.db, core.actor(), {
      exportCredits: { social: ['credit', 'creator'], newsletter: ['copyright'] },
    });
    const social = await exportFor(core, eventId, 'social');
    expect(social.end.state).toBe('done');
    const files = readdirSync(social.outDir).filter((file) => file.endsWith('.jpg'));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const file = path.join(social.outDir, name);
      const bytes = readFileSync(file);
      const parsed = (await exifr.parse(bytes, {
        tiff: true,
        xmp: true,
        iptc: true,
        icc: true,
        gps: true,
        exif: true,
        ifd1: true,
        mergeOutput: false,
      })) as Record<string, Record<string, unknown>>;
      expect(parsed).toEqual({
        ifd0: { Artist: 'Juf Anna' },
        dc: { creator: 'Juf Anna' },
        photoshop: { Credit: CREDIT_LINE },
      });
      const tags = exiftoolTags(file);
      if (tags) {
        expect(tags).toEqual({
          'IFD0:Artist': 'Juf Anna',
          'XMP-dc:Creator': 'Juf Anna',
          'XMP-photoshop:Credit': CREDIT_LINE,
        });
      }
      // The pixels are still the export's: the blocks sit between the JFIF header and the image.
      expect((await sharp(bytes).metadata()).format).toBe('jpeg');
    }
    const manifest = JSON.parse(readFileSync(path.join(social.outDir, 'manifest.json'), 'utf8')) as {
      files: Array<{ outputName: string | null; outputSha256: string | null }>;
    };
    for (const entry of manifest.files.filter((f) => f.outputName)) {
      const bytes = readFileSync(path.join(social.outDir, entry.outputName!));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.outputSha256);
    }

    const newsletter = await exportFor(core, eventId, 'newsletter');
    expect(newsletter.end.state).toBe('done');
    const one = readFileSync(
      path.join(
        newsletter.outDir,
        readdirSync(newsletter.outDir).find((file) => file.endsWith('.jpg'))!,
      ),
    );
    expect(await exifr.parse(one, { tiff: true, xmp: true, iptc: true, mergeOutput: false })).toEqual({
      ifd0: { Copyright: 'Basisschool De Regenboog' },
      dc: { rights: { lang: 'x-default', value: 'Basisschool De Regenboog' } },
    });
  }, 240_000);

  it('refuses a credit line that names a pupil: the leak check fails that photo, nothing of it is published', async () => {
    const { core, eventId } = await school((file) =>
      file === 'IMG_0003.jpg' ? 'Foto: Daniëlle de Groot' : CREDIT_LINE,
    );
    updateSettings(core.db, core.actor(), { exportCredits: { social: ['credit'] } });
    const { end, outDir } = await exportFor(core, eventId, 'social');
    expect(end.errors.map((error) => error.code)).toContain('publish.leakCheckFailed');
    const item = core.db
      .prepare(`SELECT state, error_code AS code FROM export_items WHERE output_name IS NULL AND state = 'failed'`)
      .all() as Array<{ state: string; code: string }>;
    expect(item).toEqual([{ state: 'failed', code: 'leak.name' }]);
    const written = readdirSync(outDir).filter((file) => file.endsWith('.jpg'));
    for (const name of written) expect(readFileSync(path.join(outDir, name)).includes('Groot')).toBe(false);
  }, 240_000);
});

/** Takes the EXIF block (camera, Artist, Copyright) out of one sample photo: its origin is unknown. */
function stripExif(file: string): void {
  const bytes = readFileSync(file);
  const exif = readJpegStructure(bytes).segments.find(
    (segment) => segment.marker === 0xe1 && segment.data.subarray(0, 6).toString('latin1') === 'Exif\0\0',
  )!;
  writeFileSync(
    file,
    Buffer.concat([bytes.subarray(0, exif.offset), bytes.subarray(exif.offset + 4 + exif.data.length)]),
  );
}

describe('photos without a known photographer or copyright', () => {
  it('are listed before an export when the school asks for it, in the app and the CLI', async () => {
    const dataDir = tempDir();
    const s = await indexedSchool(dataDir, tempDir(), undefined, (sample) =>
      stripExif(path.join(sample.eventDir, 'IMG_0002.jpg')),
    );
    markFacesChecked(s.core);
    expect(photosWithoutCredit(s.core.db, { eventId: s.eventId })).toEqual({ enabled: false, photos: [] });
    updateSettings(s.core.db, s.core.actor(), { flagMissingCredit: true });
    expect(photosWithoutCredit(s.core.db, { eventId: s.eventId })).toEqual({
      enabled: true,
      photos: [{ photoHash: s.hashes.get('IMG_0002.jpg'), name: 'IMG_0002.jpg' }],
    });
    await s.core.close();

    const out = path.join(tempDir(), 'social');
    const run = fotowacht(
      ['export', '--event', 'Sportdag 2026', '--channel', 'social', '--date', '2026-10-01', '--out', out],
      { dataDir, lang: 'nl' },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Zonder bekende fotograaf of copyright: 1 foto’s (IMG_0002.jpg).');
  }, 240_000);
});

describe('the leak check with credits allowed', () => {
  const names = ['Zoë Bakker', "Sem van 't Hof"];
  const plainJpeg = () =>
    sharp({ create: { width: 64, height: 48, channels: 3, background: '#777' } })
      .jpeg()
      .toBuffer();

  it('allows exactly the chosen blocks and refuses a name inside them', async () => {
    const jpeg = await plainJpeg();
    const credits = { creator: 'Juf Anna', copyright: '© Basisschool De Regenboog' };
    const ok = withCredits(jpeg, credits);
    expect(await checkPublishedFile({ file: ok, names, hidden: [], hideStyle: 'mask', credits })).toEqual([]);
    // Without the choice the same file leaks.
    expect((await checkPublishedFile({ file: ok, names, hidden: [], hideStyle: 'mask' })).map((f) => f.code)).toContain(
      'leak.metadata',
    );

    const named = { creator: 'Zoë Bakker' };
    const findings = await checkPublishedFile({
      file: withCredits(jpeg, named),
      names,
      hidden: [],
      hideStyle: 'mask',
      credits: named,
    });
    expect(findings).toEqual([{ code: 'leak.name', params: { name: 'Zoë Bakker' } }]);
  });

  it('refuses a field that was not chosen, a changed value, and a block added beside the credits', async () => {
    const jpeg = await plainJpeg();
    const chosen = { creator: 'Juf Anna' };
    const codes = async (file: Buffer) =>
      (await checkPublishedFile({ file, names, hidden: [], hideStyle: 'mask', credits: chosen })).map((f) => f.code);
    // Copyright was not chosen: its block differs from the allowed one.
    expect(await codes(withCredits(jpeg, { creator: 'Juf Anna', copyright: '© School' }))).toContain('leak.metadata');
    expect(await codes(withCredits(jpeg, { creator: 'Juf Anneke' }))).toContain('leak.metadata');
    // The allowed blocks, plus a second copy of the XMP block (a place could hide in any extra block).
    const [exifBlock, xmpBlock] = creditSegments(chosen);
    const doubled = Buffer.concat([jpeg.subarray(0, 2), exifBlock!, xmpBlock!, xmpBlock!, jpeg.subarray(2)]);
    expect(await codes(doubled)).toContain('leak.metadata');
    // An EXIF block with GPS written by sharp instead of the allowed one: refused as metadata and as a location.
    const withGps = await sharp(jpeg)
      .withExif({
        IFD0: { Artist: 'Juf Anna' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '5/1 7/1 0/1' },
      })
      .jpeg()
      .toBuffer();
    expect(await codes(withGps)).toEqual(expect.arrayContaining(['leak.metadata', 'leak.gps']));
    // The same block after the allowed ones: refused (exifr reads only the first EXIF block; the segment walk sees all).
    expect(await codes(withCredits(withGps, chosen))).toContain('leak.metadata');
  });
});
