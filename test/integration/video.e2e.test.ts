// Issue 15's test, end to end through the services the app and the CLI use: a clip of real faces moving along known
// paths (two crossing, one leaving the picture and coming back; test/helpers/movingFaces.ts) with a GPS location, a
// title and comment naming a pupil and a sound track → index (the index job) → face scan (the clip face job) →
// tracks named in the event review (split where the tracker swapped faces at the crossing; pupils with and without
// consent for the channel, a guest) → the export job's decision and export (sound off by default) → EVERY frame of
// the exported file decoded and compared with the truth: each visible pixel of each hidden face's true box is the
// flat mask grey, each consented face as in the source; no metadata, location or sound left; manifest and logbook
// name the clip.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeAuditEvent, listAuditEvents, verifyAuditTrail } from '../../electron/core/audit';
import type { CoreContext } from '../../electron/core/context';
import { getVideoScan, listVideoTracks, releaseDecoders, startVideoFaceJob } from '../../electron/core/library';
import { startExport } from '../../electron/core/publish';
import { reviewSplitTrack, reviewTrack } from '../../electron/core/review';
import { policySettings } from '../../electron/core/settings';
import {
  DEFAULT_TRACK_OPTIONS,
  MASK_YUV,
  maskRect,
  toolPath,
  trackBoxes,
  type PixelRect,
  type TrackOptions,
} from '../../electron/core/video';
import { growBox, type Box } from '../../shared/geometry';
import type { ReviewState } from '../../shared/review';
import { pseudonymOf } from '../../electron/core/consent';
import { lumaFrames } from '../helpers/clipSchool';
import { makeMovingFacesClip, MOVING_FACES_SOURCE, type MovingFacesClip } from '../helpers/movingFaces';
import { indexedSchool, markFacesChecked } from '../helpers/school';
import { describeNeeding } from '../helpers/sharedData';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterAll(async () => {
  for (const core of cores) await core.close();
  await releaseDecoders();
});

const SLOW = 600_000;
const TITLE = "Sportdag met Sem van 't Hof";
const COMMENT = 'Fleur van Dijk en Zoë Bakker bij de estafette';
const GPS = '+52.0907+005.1214/';

/**
 * Who each generated face is (sample school, channel "social"): Zoë (1001) and Daniëlle (1005) have consent; Sem
 * (1002) refused; Fleur (1006) left the form empty (no record); the face that leaves and comes back is a guest.
 */
const CAST: ReadonlyArray<{ readonly key: string | null; readonly consent: boolean }> = [
  { key: '1001', consent: true }, // crossing, in front
  { key: '1002', consent: false }, // crossing, behind
  { key: null, consent: false }, // leaves the picture and comes back: a guest
  { key: '1005', consent: true }, // wanders
  { key: '1006', consent: false }, // wanders
];

/**
 * A hidden face's pixel counts as masked when its luma is within this of the mask grey. x264 at CRF 23 keeps a flat
 * 4:2:0 fill nearly flat away from its edges (maskCheck.ts measured a standard deviation below 1; on this clip the
 * worst of the ~480,000 checked pixels was 2 levels off), and every true face box lies well inside its mask rectangle
 * (the track box padded by 30% and grown by MASK_GROW_PX), so 3 leaves room for rounding and none for a face: a
 * face's own pixels vary by tens of levels.
 */
const MASK_TOLERANCE = 3;

/**
 * A consented face is "untouched" when the mean absolute luma difference between the exported and the source pixels
 * of its visible true box stays below this. x264 CRF 23 gives a PSNR of roughly 38–42 dB on such content (an RMS
 * error of 2–3 levels; the mean absolute error is below the RMS); on this clip the worst face-frame measured 2.9. A
 * mask over the whole face puts the mean difference at the face's own spread around grey 98 (25–51 measured on
 * this clip's faces); a mask over part of a face is caught by the grey share below.
 */
const UNTOUCHED_MEAN_DIFF = 8;
/** And no more than this share of such a face's pixels may be mask grey (a face is never flat grey over a quarter). */
const UNTOUCHED_MAX_GREY_SHARE = 0.25;

/** The face whose true box holds an observation's centre (-1: none — a false detection). */
function faceAt(clip: MovingFacesClip, frame: number, box: Box): number {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  let best = -1;
  let bestDistance = Infinity;
  for (const face of clip.faces) {
    const truth = face.boxes[frame];
    if (!truth) continue;
    const distance = Math.hypot(truth.x + truth.w / 2 - cx, truth.y + truth.h / 2 - cy);
    if (distance < Math.max(truth.w, truth.h) && distance < bestDistance) {
      best = face.id;
      bestDistance = distance;
    }
  }
  return best;
}

/** The pixel centres of a face's true box that can be seen on a frame (in the picture, under no crop in front). */
function visiblePixels(clip: MovingFacesClip, face: number, frame: number): Array<[number, number]> {
  const truth = clip.faces[face]!.boxes[frame];
  if (!truth) return [];
  const { width, height } = clip;
  const inFront = clip.crops[frame]!.slice(0, face);
  const pixels: Array<[number, number]> = [];
  const [x0, y0] = [truth.x * width, truth.y * height];
  const [x1, y1] = [(truth.x + truth.w) * width, (truth.y + truth.h) * height];
  for (let y = Math.floor(y0); y < Math.ceil(y1); y += 1) {
    if (y + 0.5 < y0 || y + 0.5 >= y1) continue;
    for (let x = Math.floor(x0); x < Math.ceil(x1); x += 1) {
      if (x + 0.5 < x0 || x + 0.5 >= x1) continue;
      const [nx, ny] = [(x + 0.5) / width, (y + 0.5) / height];
      if (inFront.some((b) => nx >= b.x && nx < b.x + b.w && ny >= b.y && ny < b.y + b.h)) continue;
      pixels.push([x, y]);
    }
  }
  return pixels;
}

/** Everything ffprobe says about a file's container, streams and chapters. */
function probe(file: string): {
  format: { tags?: Record<string, string> };
  streams: Array<{ codec_type: string; codec_name: string; width?: number; height?: number; tags?: object }>;
  chapters: unknown[];
} {
  const json = execFileSync(
    toolPath('ffprobe'),
    ['-v', 'error', '-show_format', '-show_streams', '-show_chapters', '-of', 'json', file],
    { encoding: 'utf8' },
  );
  return JSON.parse(json) as ReturnType<typeof probe>;
}

describeNeeding(MOVING_FACES_SOURCE)('a clip from the camera to the published file', () => {
  it(
    'masks every seen pixel of every hidden face in every exported frame, leaves consented faces, keeps nothing else',
    async () => {
      // 1. A clip of the sports day with a location, a title and comment naming pupils and sound, beside the photos.
      let clip: MovingFacesClip | null = null;
      const school = await indexedSchool(tempDir(), tempDir(), undefined, async (sample) => {
        clip = await makeMovingFacesClip(path.join(sample.eventDir, 'estafette.mp4'), {
          width: 640,
          height: 360,
          fps: 25,
          seconds: 4,
          faces: CAST.length,
          faceWidth: 45,
          seed: 99,
          audio: true,
          metadata: { title: TITLE, comment: COMMENT, location: GPS },
        });
      });
      const { core } = school;
      cores.push(core);
      markFacesChecked(core); // the photos are another test's subject
      const truth = clip as MovingFacesClip | null;
      if (!truth) throw new Error('clip not made');
      const source = probe(truth.file);
      // The source really carries what must not come out.
      expect(source.format.tags).toMatchObject({ title: TITLE, comment: COMMENT });
      expect(JSON.stringify(source.format.tags)).toContain('52.0907');
      expect(source.streams.map((stream) => stream.codec_type).sort()).toEqual(['audio', 'video']);

      // 2. Indexed (by the index job in indexedSchool), then searched for faces by the clip face job.
      const hash = core.db.prepare('SELECT video_hash FROM video_files').pluck().get() as string;
      const scanned = await startVideoFaceJob(core, { hashes: [hash] }).finished;
      expect(scanned.state).toBe('done');
      expect(scanned.failed).toBe(0);
      const scan = getVideoScan(core.db, hash)!;
      expect(scan.frameCount).toBe(truth.frameCount);

      // 3. The review: where a track swapped faces at the crossing, split it there (as a user does under the crop
      // where it goes wrong); then each part named by who it follows, a false detection marked "not a person".
      const person = (key: string): number =>
        core.db.prepare('SELECT id FROM people WHERE external_key = ?').pluck().get(key) as number;
      let splits = 0;
      for (const track of listVideoTracks(core.db, hash)) {
        let current = faceAt(truth, track.observations[0]!.frame, track.observations[0]!.box);
        let trackId = track.id;
        for (const observation of track.observations.slice(1)) {
          const face = faceAt(truth, observation.frame, observation.box);
          if (face === current || face < 0) continue;
          if (current >= 0) {
            trackId = reviewSplitTrack(core, trackId, observation.frame).newTrackId;
            splits += 1;
          }
          current = face;
        }
      }
      // Both crossing faces were followed (at most one swap per crossing); nothing else needed a split.
      expect(splits).toBeLessThanOrEqual(2);
      const named = new Map<number, number>();
      for (const track of listVideoTracks(core.db, hash)) {
        const faces = new Set(track.observations.map((o) => faceAt(truth, o.frame, o.box)).filter((face) => face >= 0));
        expect(faces.size, `track ${track.id} follows one face after the splits`).toBeLessThanOrEqual(1);
        const [face] = [...faces];
        const cast = face === undefined ? null : CAST[face]!;
        const state: ReviewState =
          face === undefined
            ? { kind: 'notAPerson' }
            : cast!.key === null
              ? { kind: 'guest' }
              : { kind: 'person', personId: person(cast!.key) };
        reviewTrack(core, track.id, state);
        if (face !== undefined) named.set(face, (named.get(face) ?? 0) + 1);
      }
      // Every face was found and named (the one that left the picture may come back as a second track).
      expect([...named.keys()].sort()).toEqual(CAST.map((_, i) => i));

      // 4. Decided and exported for social media, sound not chosen.
      const outDir = path.join(tempDir(), 'social');
      const end = await startExport(core, {
        eventId: school.eventId,
        channelId: 'social',
        date: '2026-10-01',
        outDir,
      }).finished;
      expect(end.state).toBe('done');
      const summary = end.result!;
      expect(summary.keepAudio).toBe(false);
      const item = summary.clips.find((c) => c.sourceName === 'estafette.mp4')!;
      const hiddenFaces = CAST.flatMap((cast, i) => (cast.consent ? [] : [i]));
      expect(item).toMatchObject({ decision: 'hide', state: 'done', audioKept: false, frames: truth.frameCount });
      expect(item.hiddenTracks).toBeGreaterThanOrEqual(hiddenFaces.length);
      const output = path.join(outDir, item.outputName!);
      expect(item.outputName).toMatch(/^sportdag-2026_\d{4}\.mp4$/);

      // 5. The container: one H.264 picture stream at the source's size, no sound, no chapters, no names, no place.
      const exported = probe(output);
      expect(exported.streams.map((stream) => `${stream.codec_type}:${stream.codec_name}`)).toEqual(['video:h264']);
      expect(exported.streams[0]).toMatchObject({ width: truth.width, height: truth.height });
      expect(exported.chapters).toEqual([]);
      const tags = JSON.stringify([exported.format.tags ?? {}, ...exported.streams.map((s) => s.tags ?? {})]);
      for (const banned of ['title', 'comment', 'location', 'xyz', 'ISO6709', 'artist', 'description', 'keywords']) {
        expect(tags.toLowerCase()).not.toContain(banned.toLowerCase());
      }
      const bytes = readFileSync(output);
      for (const text of ['Sem', 'Hof', 'Fleur', 'Dijk', 'Zoë', 'Bakker', 'estafette', '52.0907', '+005.1214']) {
        expect(bytes.includes(text), `"${text}" in the exported file`).toBe(false);
      }

      // 6. Every frame decoded and held against the truth.
      const out = lumaFrames(output, truth);
      const original = lumaFrames(truth.file, truth);
      expect(out).toHaveLength(truth.frameCount);
      expect(original).toHaveLength(truth.frameCount);
      const unmasked: string[] = [];
      let hiddenPixels = 0;
      for (let frame = 0; frame < truth.frameCount; frame += 1) {
        for (const face of hiddenFaces) {
          const pixels = visiblePixels(truth, face, frame);
          const open = pixels.filter(
            ([x, y]) => Math.abs(out[frame]![y * truth.width + x]! - MASK_YUV.y) > MASK_TOLERANCE,
          );
          hiddenPixels += pixels.length;
          if (open.length > 0) {
            const share = Math.round((100 * open.length) / pixels.length);
            const unoccluded = Math.round(100 * truth.faces[face]!.unoccluded[frame]!);
            unmasked.push(
              `frame ${frame} face ${face} (${truth.faces[face]!.path}): ${open.length} of ${pixels.length} seen pixels (${share}%) not masked, ${unoccluded}% unoccluded`,
            );
          }
        }
      }
      expect(hiddenPixels).toBeGreaterThan(truth.frameCount * 1000);
      expect(unmasked, unmasked.join('\n')).toEqual([]);

      // A consented face is as in the source wherever no hidden person's mask lies over it: a mask knows no depth
      // (where Sem passes behind Zoë his mask covers her too, which is right), and a hidden track's box is grown
      // for motion and margin. So the pixels inside the mask rectangles of the hidden tracks — the tracks that
      // follow Sem, Fleur and the guest (checked above, after the splits) — worked out as the export plans them
      // (trackBoxes from the stored scan, the mask margin of Settings, maskRect) are left out; everything else of
      // Zoë's and Daniëlle's faces must be as in the source.
      const options = { ...DEFAULT_TRACK_OPTIONS, ...scan.options, frameCount: scan.frameCount } as TrackOptions;
      const margin = policySettings(core.db).maskMargin;
      const hiddenRects = new Map<number, PixelRect[]>();
      for (const track of listVideoTracks(core.db, hash)) {
        if (track.state === 'dismissed') continue;
        if (track.state === 'linked' && CAST.some((c) => c.consent && c.key && person(c.key) === track.personId))
          continue;
        for (const { frame, box } of trackBoxes(track, options)) {
          const rects = hiddenRects.get(frame) ?? [];
          rects.push(maskRect(growBox(box, margin), truth));
          hiddenRects.set(frame, rects);
        }
      }
      const nearHidden = (frame: number, x: number, y: number): boolean =>
        (hiddenRects.get(frame) ?? []).some((r) => x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1);
      const touched: string[] = [];
      let consentedChecked = 0;
      let worstMean = 0;
      for (let frame = 0; frame < truth.frameCount; frame += 1) {
        for (const face of CAST.flatMap((cast, i) => (cast.consent ? [i] : []))) {
          const pixels = visiblePixels(truth, face, frame).filter(([x, y]) => !nearHidden(frame, x, y));
          if (pixels.length < 100) continue;
          consentedChecked += 1;
          let diff = 0;
          let grey = 0;
          for (const [x, y] of pixels) {
            const value = out[frame]![y * truth.width + x]!;
            diff += Math.abs(value - original[frame]![y * truth.width + x]!);
            if (Math.abs(value - MASK_YUV.y) <= MASK_TOLERANCE) grey += 1;
          }
          const mean = diff / pixels.length;
          worstMean = Math.max(worstMean, mean);
          if (mean >= UNTOUCHED_MEAN_DIFF || grey / pixels.length > UNTOUCHED_MAX_GREY_SHARE) {
            touched.push(
              `frame ${frame} face ${face}: mean difference ${mean.toFixed(1)}, grey ${grey}/${pixels.length}`,
            );
          }
        }
      }
      // Both consented faces were checked on most frames (the crossing and the edges leave some out).
      expect(consentedChecked, `worst mean difference ${worstMean.toFixed(2)}`).toBeGreaterThan(truth.frameCount * 1.5);
      expect(touched, touched.join('\n')).toEqual([]);

      // 7. The record: the manifest names the clip (source and output hash, decision, sound removed, who was visible
      // by id); the logbook holds the scan, each naming and split of its tracks and the export, whose manifest hash
      // is this manifest's.
      const manifestText = readFileSync(path.join(outDir, 'manifest.json'));
      const manifest = JSON.parse(manifestText.toString('utf8')) as {
        settings: Record<string, unknown>;
        files: Array<Record<string, unknown>>;
      };
      expect(manifest.settings.keepAudio).toBe(false);
      const entry = manifest.files.find((file) => file.outputName === item.outputName)!;
      expect(entry).toMatchObject({
        kind: 'clip',
        sourceSha256: hash,
        outputSha256: createHash('sha256').update(bytes).digest('hex'),
        decision: 'hide',
        audioKept: false,
      });
      expect((entry.visiblePeople as Array<{ personId: number }>).map((p) => p.personId).sort()).toEqual(
        [person('1001'), person('1005')].sort(),
      );
      expect(readdirSync(outDir).filter((name) => name.endsWith('.mp4'))).toEqual([item.outputName]);
      const subjectOf = (action: string) =>
        listAuditEvents(core.db, { limit: 500, action }).map((event) => event.subject);
      expect(subjectOf('video.faces.scan')).toEqual([`video:${hash}`]);
      expect(new Set(subjectOf('review.track'))).toEqual(new Set([`video:${hash}`]));
      expect(subjectOf('review.trackSplit')).toHaveLength(splits);
      const done = listAuditEvents(core.db, { limit: 5, action: 'export.done' })[0]!;
      expect(done.details).toMatchObject({
        clipsExported: 1,
        audioKept: 0,
        manifestSha256: createHash('sha256').update(manifestText).digest('hex'),
      });
      // The readable report (the privacy officer's, the logbook's) says each step of the clip in a sentence, in Dutch
      // and English, the people by name when the registry is at hand.
      const lookup = {
        personName: (pseudonym: string) => (pseudonym === pseudonymOf(core.db, person('1001')) ? 'Zoë Bakker' : null),
        channelLabel: () => null,
        withdrawnSigner: () => null,
      };
      const said = (action: string, language: 'nl' | 'en') =>
        listAuditEvents(core.db, { limit: 500, action }).map((event) => describeAuditEvent(event, language, lookup));
      expect(said('video.faces.scan', 'nl')).toEqual([
        expect.stringMatching(
          /^Gezichten gezocht in een video met model .+ \(1 op de \d+ beelden doorzocht\): 100 beelden, \d+ sporen\.$/,
        ),
      ]);
      expect(said('video.faces.scan', 'en')[0]).toMatch(
        /^Faces searched in a clip with model .+: 100 frames, \d+ tracks\.$/,
      );
      expect(said('review.track', 'nl')).toContainEqual(
        expect.stringMatching(/^Een persoon in een video \(spoor \d+\) is benoemd als Zoë Bakker\.$/),
      );
      expect(said('review.track', 'en')).toContainEqual(
        expect.stringMatching(/^A person in a clip \(track \d+\) was marked as guest \/ not known\.$/),
      );
      expect(said('export.done', 'en')[0]).toContain(
        `Clips: 1 ready, ${item.hiddenTracks} tracks hidden in every frame they may be on screen; sound removed`,
      );
      expect(said('export.done', 'nl')[0]).toContain(`Clips: 1 klaargezet, ${item.hiddenTracks} sporen onherkenbaar`);
      const trail = JSON.stringify(listAuditEvents(core.db, { limit: 1000 }));
      for (const text of ['estafette', 'Sem', 'Fleur', 'Bakker']) expect(trail).not.toContain(text);
      expect(verifyAuditTrail(core.db).ok).toBe(true);
    },
    SLOW,
  );
});
