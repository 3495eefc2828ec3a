// Existing sidecars beside the photos, as digiKam and Lightroom leave them: merged, never overwritten (their other
// namespaces and properties kept byte for byte, other people's regions kept, ours replaced without duplicates), the
// convention already there followed; a sidecar that is a link out of the folder, or unreadable, is left alone.
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { setSidecarsEnabled, startSidecarJob } from '../../electron/core/library';
import { exiftoolPath, sidecarEvent } from '../helpers/sidecarEvent';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

// digiKam (Exiv2) writes IMG_0001.jpg.xmp: its own tags, a rating, and MWG regions — here Noah Jansen a little off
// from where Fotowacht has him, and a girl Fotowacht does not know.
const DIGIKAM_TAGS = `<digiKam:TagsList>
    <rdf:Seq>
     <rdf:li>People/Noah Jansen</rdf:li>
     <rdf:li>Sport/Hardlopen</rdf:li>
    </rdf:Seq>
   </digiKam:TagsList>`;
const DIGIKAM = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 4.4.0-Exiv2">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:digiKam="http://www.digikam.org/ns/1.0/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/"
    xmlns:stDim="http://ns.adobe.com/xap/1.0/sType/Dimensions#"
    xmlns:stArea="http://ns.adobe.com/xmp/sType/Area#"
   xmp:Rating="4"
   digiKam:ColorLabel="2">
   ${DIGIKAM_TAGS}
   <dc:subject>
    <rdf:Bag>
     <rdf:li>Hardlopen</rdf:li>
    </rdf:Bag>
   </dc:subject>
   <mwg-rs:Regions rdf:parseType="Resource">
    <mwg-rs:AppliedToDimensions stDim:w="600" stDim:h="400" stDim:unit="pixel"/>
    <mwg-rs:RegionList>
     <rdf:Bag>
      <rdf:li>
       <rdf:Description mwg-rs:Name="Noah Jansen" mwg-rs:Type="Face">
        <mwg-rs:Area stArea:x="0.21" stArea:y="0.26" stArea:w="0.19" stArea:h="0.29" stArea:unit="normalized"/>
       </rdf:Description>
      </rdf:li>
      <rdf:li>
       <rdf:Description mwg-rs:Name="Sanne Visser" mwg-rs:Type="Face">
        <mwg-rs:Area stArea:x="0.7" stArea:y="0.3" stArea:w="0.1" stArea:h="0.15" stArea:unit="normalized"/>
       </rdf:Description>
      </rdf:li>
     </rdf:Bag>
    </mwg-rs:RegionList>
   </mwg-rs:Regions>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>
`;

// Lightroom writes IMG_0002.xmp (develop settings as attributes, hierarchical keywords, a person without a box).
const LIGHTROOM_DEVELOP = `crs:Version="15.0" crs:Exposure2012="+0.35" crs:WhiteBalance="As Shot"`;
const LIGHTROOM = `<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 7.0-c000 1.000000, 0000/00/00-00:00:00        ">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
    xmlns:lr="http://ns.adobe.com/lightroom/1.0/"
    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
   ${LIGHTROOM_DEVELOP}>
   <lr:hierarchicalSubject>
    <rdf:Bag>
     <rdf:li>Evenementen|Sportdag</rdf:li>
    </rdf:Bag>
   </lr:hierarchicalSubject>
   <Iptc4xmpExt:PersonInImage>
    <rdf:Bag>
     <rdf:li>Juf Anna</rdf:li>
    </rdf:Bag>
   </Iptc4xmpExt:PersonInImage>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
`;

describe('existing XMP sidecars', () => {
  it(
    'are merged (digiKam and Lightroom style), links out of the folder and unreadable ones left alone',
    { timeout: 120_000 },
    async () => {
      const { core, eventDir, eventId } = await sidecarEvent(tempDir(), tempDir());
      cores.push(core);
      const digiKam = path.join(eventDir, 'IMG_0001.jpg.xmp');
      const lightroom = path.join(eventDir, 'IMG_0002.xmp');
      writeFileSync(digiKam, DIGIKAM);
      writeFileSync(lightroom, LIGHTROOM);
      // IMG_0004.xmp is a link to a file outside the event folder: never followed, never written through.
      const outside = path.join(tempDir(), 'elders');
      mkdirSync(outside);
      const victim = path.join(outside, 'victim.xmp');
      writeFileSync(victim, 'keep me');
      symlinkSync(victim, path.join(eventDir, 'IMG_0004.xmp'));

      setSidecarsEnabled(core.db, core.actor(), eventId, true);
      const done = await startSidecarJob(core, eventId).finished;
      expect(done.state).toBe('done');
      expect(done.result).toMatchObject({ written: 0, merged: 2, skipped: 1, failed: 1 });
      expect(done.errors).toEqual([
        { item: 'IMG_0004.jpg', code: 'library.sidecar.link', params: { file: 'IMG_0004.jpg' } },
      ]);
      expect(readFileSync(victim, 'utf8')).toBe('keep me');
      expect(lstatSync(path.join(eventDir, 'IMG_0004.xmp')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(path.join(eventDir, 'IMG_0004.xmp'))).toBe(victim);

      // digiKam's file: its own properties byte for byte, Sanne kept as written, Noah once, where Fotowacht has him.
      const merged = readFileSync(digiKam, 'utf8');
      expect(merged).toContain(DIGIKAM_TAGS);
      expect(merged).toContain('xmp:Rating="4"');
      expect(merged).toContain('<rdf:li>Hardlopen</rdf:li>');
      expect(merged.match(/mwg-rs:Name="Noah Jansen"/g)).toHaveLength(1);
      expect(merged).not.toContain('stArea:x="0.21"');
      expect(merged).toContain(
        '<mwg-rs:Area stArea:x="0.7" stArea:y="0.3" stArea:w="0.1" stArea:h="0.15" stArea:unit="normalized"/>',
      );
      expect(merged.match(/<mwg-rs:Regions/g)).toHaveLength(1);
      // Lightroom's file: develop settings kept, the person without a box kept beside ours.
      const mergedLr = readFileSync(lightroom, 'utf8');
      expect(mergedLr).toContain(LIGHTROOM_DEVELOP);
      expect(mergedLr).toContain('<rdf:li>Evenementen|Sportdag</rdf:li>');
      expect(mergedLr).toMatch(/<rdf:li>Juf Anna<\/rdf:li>\s*<rdf:li>Zoë Bakker<\/rdf:li>/);
      // The folder's convention: no second sidecar next to either photo.
      expect(() => lstatSync(path.join(eventDir, 'IMG_0001.xmp'))).toThrow();
      expect(() => lstatSync(path.join(eventDir, 'IMG_0002.jpg.xmp'))).toThrow();

      // Merging again changes nothing.
      const again = await startSidecarJob(core, eventId).finished;
      expect(again.result).toMatchObject({ merged: 0, unchanged: 2, failed: 1 });
      expect(readFileSync(digiKam, 'utf8')).toBe(merged);

      const exiftool = exiftoolPath();
      if (!exiftool) {
        console.log(
          'merged sidecars read by exiftool: skipped: needs exiftool (apt-get install libimage-exiftool-perl)',
        );
        return;
      }
      const [dk, lr] = JSON.parse(
        execFileSync(exiftool, ['-j', '-struct', digiKam, lightroom], { encoding: 'utf8' }),
      ) as Array<Record<string, unknown>>;
      expect(dk).toMatchObject({ Rating: 4, ColorLabel: 2, TagsList: ['People/Noah Jansen', 'Sport/Hardlopen'] });
      const regions = (dk!.RegionInfo as { RegionList: Array<{ Name: string }> }).RegionList.map((r) => r.Name);
      expect(regions.sort()).toEqual(['Noah Jansen', 'Sanne Visser']);
      expect(lr).toMatchObject({ Exposure2012: '+0.35', PersonInImage: ['Juf Anna', 'Zoë Bakker'] });
      expect((lr!.RegionInfo as { RegionList: Array<{ Name: string }> }).RegionList.map((r) => r.Name)).toEqual([
        'Zoë Bakker',
      ]);
    },
  );

  it('leaves an unreadable sidecar, or a pipe in its place, as it was and says so', { timeout: 120_000 }, async () => {
    const { core, eventDir, eventId } = await sidecarEvent(tempDir(), tempDir());
    cores.push(core);
    const broken =
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">';
    writeFileSync(path.join(eventDir, 'IMG_0001.xmp'), broken);
    // A named pipe where IMG_0002's sidecar would be: refused without waiting for a writer.
    execFileSync('mkfifo', [path.join(eventDir, 'IMG_0002.xmp')]);
    setSidecarsEnabled(core.db, core.actor(), eventId, true);
    const done = await startSidecarJob(core, eventId).finished;
    expect(done).toMatchObject({ state: 'done', total: 4, done: 1, skipped: 1, failed: 2 });
    expect(done.result).toMatchObject({ written: 1, failed: 2 });
    // Two photos at a time: in either order.
    expect([...done.errors].sort((a, b) => a.item.localeCompare(b.item))).toEqual([
      { item: 'IMG_0001.jpg', code: 'library.sidecar.unreadable', params: { file: 'IMG_0001.jpg' } },
      { item: 'IMG_0002.jpg', code: 'library.sidecar.notRegular', params: { file: 'IMG_0002.jpg' } },
    ]);
    expect(lstatSync(path.join(eventDir, 'IMG_0002.xmp')).isFIFO()).toBe(true);
    expect(readFileSync(path.join(eventDir, 'IMG_0001.xmp'), 'utf8')).toBe(broken);
  });
});
