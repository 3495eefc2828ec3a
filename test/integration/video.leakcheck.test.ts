// The leak check on exported clips (issue 15, part 6) must fail every kind of leak when handed a bad file made on
// purpose: a plain ffmpeg copy of a phone clip (title, location, chapters, subtitle, timecode, sound, encoder
// text), names hidden in padding as UTF-16 or in an SEI message, an XMP box, trailing bytes, a rotation, frames
// missing, masks missing or not the mask colour, a file cut short. It reports findings and never throws.
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkClipLeak, exportClip, toolPath, type ClipLeakFinding, type FrameMasks } from '../../electron/core/video';
import { useTempDirs } from '../helpers/tempDir';
import { makeClip } from '../helpers/videos';

const tempDir = useTempDirs();
const PUPIL = 'Daan de Vries';
const NAMES = ['Femke van der Meer', PUPIL, 'Jo'];
const BOX = { x: 0.25, y: 0.25, w: 0.4, h: 0.4 };
const MASKS: FrameMasks[] = [0, 1, 2, 10, 11, 12, 13, 49].map((frame) => ({ frame, boxes: [BOX] }));

function ffmpeg(args: readonly string[]): void {
  execFileSync(toolPath('ffmpeg'), ['-nostdin', '-v', 'error', '-y', ...args], { timeout: 60_000 });
}

function codes(findings: readonly ClipLeakFinding[]): string[] {
  return [...new Set(findings.map((finding) => finding.code))].sort();
}

/** A clean export of a 2 s clip with MASKS applied: the starting point the bad files are made from. */
async function cleanExport(dir: string, keepAudio = false): Promise<string> {
  const source = makeClip(path.join(dir, 'source.mp4'), { seconds: 2, audio: true });
  const output = path.join(dir, 'clean.mp4');
  await exportClip(source, output, { longSide: null, masks: MASKS }, { keepAudio });
  return output;
}

/** A top-level MP4 box of `type` around `content`. */
function box(type: string, content: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + content.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, content]);
}

describe('the leak check on exported clips', () => {
  it('passes a clean export, with and without the chosen sound', async () => {
    const dir = tempDir();
    const clean = await cleanExport(dir);
    expect(await checkClipLeak(clean, { names: NAMES, audio: false, masks: MASKS, frames: 50 })).toEqual([]);
    const withSound = await cleanExport(tempDir(), true);
    expect(await checkClipLeak(withSound, { names: NAMES, audio: true, masks: MASKS, frames: 50 })).toEqual([]);
    // Sound that was not chosen is a leak.
    expect(codes(await checkClipLeak(withSound, { names: NAMES, audio: false, masks: MASKS }))).toEqual(['leak.audio']);
  });

  it('fails a plain ffmpeg copy of a phone clip on every kind of leak it carries', async () => {
    const dir = tempDir();
    const phone = makeClip(path.join(dir, 'IMG_0100.mp4'), {
      seconds: 2,
      audio: true,
      metadata: {
        title: `Sportdag met ${PUPIL}`,
        location: '+52.3702+004.8952/',
        creation_time: '2026-06-12T10:15:00Z',
      },
      chapters: ['Begin', 'Einde'],
      subtitle: 'ondertitel',
      timecode: '01:00:00:00',
      videoStreamMetadata: { handler_name: '../../etc/passwd' },
    });
    const copy = path.join(dir, 'copy.mp4');
    // Everything but the timecode track, which the MP4 muxer writes anew from -timecode.
    ffmpeg(['-i', phone, '-map', '0:v', '-map', '0:a', '-map', '0:s', '-c', 'copy', '-timecode', '01:00:00:00', copy]);
    const findings = await checkClipLeak(copy, { names: NAMES, audio: false, masks: [], frames: 50 });
    expect(codes(findings)).toEqual([
      'leak.audio',
      'leak.chapters',
      'leak.gps',
      'leak.metadata',
      'leak.name',
      'leak.stream',
    ]);
    const blocks = findings.filter((f) => f.code === 'leak.metadata').map((f) => String(f.params.block));
    expect(blocks).toEqual(
      expect.arrayContaining([
        'format title',
        'format encoder',
        'moov/udta/chpl',
        'stream 0 handler_name',
        'H.264 SEI',
        'moov/udta/meta/ilst/©nam',
      ]),
    );
    expect(findings).toContainEqual({ code: 'leak.name', params: { name: PUPIL } });
    expect(findings).toContainEqual({ code: 'leak.gps', params: { box: 'moov/udta/loci' } });
    expect(findings).toContainEqual({ code: 'leak.gps', params: { tag: 'location' } });
    // The QuickTime muxer writes the location as ©xyz.
    const mov = path.join(dir, 'copy.mov');
    ffmpeg(['-i', phone, '-map', '0:v', '-c', 'copy', mov]);
    expect(await checkClipLeak(mov, { names: NAMES, audio: false, masks: [] })).toContainEqual({
      code: 'leak.gps',
      params: { box: 'moov/udta/©xyz' },
    });
    const streams = findings.filter((f) => f.code === 'leak.stream').map((f) => f.params.type);
    expect(streams.sort()).toEqual(['data', 'data', 'subtitle']);
  });

  it('finds names hidden in padding as UTF-16 either way round, an XMP box and bytes after the last box', async () => {
    for (const encoding of ['utf16le', 'utf16be', 'latin1'] as const) {
      const dir = tempDir();
      const file = await cleanExport(dir);
      const text = Buffer.from(`\u0000Femke VAN DER MEER\u0000`, encoding === 'utf16be' ? 'utf16le' : encoding);
      appendFileSync(file, box('free', encoding === 'utf16be' ? text.swap16() : text));
      const findings = await checkClipLeak(file, { names: NAMES, audio: false, masks: MASKS });
      expect(findings, encoding).toEqual([
        { code: 'leak.metadata', params: { block: 'free' } },
        { code: 'leak.name', params: { name: 'Femke van der Meer' } },
      ]);
    }
    const dir = tempDir();
    const file = await cleanExport(dir);
    appendFileSync(file, box('uuid', Buffer.from(`<dc:creator>${PUPIL}</dc:creator>`)));
    appendFileSync(file, Buffer.from([1, 2, 3]));
    expect(await checkClipLeak(file, { names: NAMES, audio: false, masks: MASKS })).toEqual([
      { code: 'leak.metadata', params: { block: 'uuid' } },
      { code: 'leak.trailingData', params: { bytes: 3 } },
      { code: 'leak.name', params: { name: PUPIL } },
    ]);
  });

  it('finds text in the picture data (an SEI message) and a rotation a player would apply', async () => {
    const dir = tempDir();
    const clean = await cleanExport(dir);
    const sei = path.join(dir, 'sei.mp4');
    ffmpeg([
      '-i',
      clean,
      '-c',
      'copy',
      '-map_metadata',
      '-1',
      '-fflags',
      '+bitexact',
      '-bsf:v',
      `h264_metadata=sei_user_data=086f3693-b7b3-4f2c-9653-21492feee5b8+${PUPIL}`,
      sei,
    ]);
    expect(await checkClipLeak(sei, { names: NAMES, audio: false, masks: MASKS, frames: 50 })).toEqual([
      { code: 'leak.metadata', params: { block: 'H.264 SEI' } },
      { code: 'leak.name', params: { name: PUPIL } },
    ]);
    const turned = path.join(dir, 'turned.mp4');
    ffmpeg([
      '-i',
      clean,
      '-c',
      'copy',
      '-map_metadata',
      '-1',
      '-fflags',
      '+bitexact',
      '-metadata:s:v:0',
      'rotate=90',
      turned,
    ]);
    expect(codes(await checkClipLeak(turned, { names: NAMES, audio: false, masks: MASKS, frames: 50 }))).toEqual([
      'leak.rotation',
    ]);
  });

  it('finds every masked frame that is not masked, a mask of the wrong colour, and missing frames', async () => {
    const dir = tempDir();
    const source = makeClip(path.join(dir, 'source.mp4'), { seconds: 2 });
    const unmasked = path.join(dir, 'unmasked.mp4');
    await exportClip(source, unmasked, { longSide: null, masks: [] });
    const findings = await checkClipLeak(unmasked, { names: NAMES, audio: false, masks: MASKS, frames: 50 });
    expect(findings.map((f) => [f.code, f.params.frame, f.params.box])).toEqual(
      MASKS.map((m) => ['leak.regionVisible', m.frame, 1]),
    );

    // Flat, but white instead of the mask's grey (drawn over a clean export, on every frame).
    const clean = path.join(dir, 'clean.mp4');
    await exportClip(source, clean, { longSide: null, masks: MASKS });
    const white = path.join(dir, 'white.mp4');
    const [x, y, w, h] = [BOX.x * 320 - 4, BOX.y * 240 - 4, BOX.w * 320 + 8, BOX.h * 240 + 8];
    ffmpeg([
      '-i',
      clean,
      '-vf',
      `drawbox=x=${x}:y=${y}:w=${w}:h=${h}:color=white:t=fill`,
      '-map_metadata',
      '-1',
      white,
    ]);
    const whiteFindings = await checkClipLeak(white, { names: NAMES, audio: false, masks: MASKS, frames: 50 });
    expect(whiteFindings.filter((f) => f.code === 'leak.regionVisible')).toHaveLength(MASKS.length);
    expect(whiteFindings.every((f) => f.code !== 'leak.regionVisible' || Number(f.params.colourDrift) > 50)).toBe(true);

    // Frames dropped after the export: the masks would no longer line up with the people.
    const short = path.join(dir, 'short.mp4');
    ffmpeg(['-i', clean, '-c', 'copy', '-map_metadata', '-1', '-fflags', '+bitexact', '-frames:v', '40', short]);
    const shortFindings = await checkClipLeak(short, { names: NAMES, audio: false, masks: MASKS, frames: 50 });
    expect(codes(shortFindings)).toEqual(['leak.frameCount']);
    expect(shortFindings[0]!.params.found).toBeLessThan(50);
  });

  it('reports a file it cannot read instead of throwing', async () => {
    const dir = tempDir();
    const clean = await cleanExport(dir);
    const cut = path.join(dir, 'cut.mp4');
    writeFileSync(cut, readFileSync(clean).subarray(0, 2000));
    const text = path.join(dir, 'text.mp4');
    writeFileSync(text, 'geen video');
    for (const file of [cut, text, path.join(dir, 'missing.mp4')]) {
      const findings = await checkClipLeak(file, { names: NAMES, audio: false, masks: MASKS, frames: 50 });
      expect(codes(findings), file).toContain('leak.unreadable');
    }
  });
});
