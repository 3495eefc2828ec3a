// Faces in video (issue 15), the scan side of the benchmark: a generated 1080p30 clip of 30 s with 10 real faces
// moving along known paths (test/helpers/movingFaces.ts, faces from ../shared/realworld/faces), indexed and scanned
// as the app does (frames from ffmpeg, the detector in the clip-scan thread, tracks stored), then exported with every
// track masked and read back by the leak check, as publishing does. Printed beside the targets: scan time,
// and scan + export + check, ÷ clip length (target ≤ 2.0), frames where a seen face is not wholly inside a track's
// box (target 0), what the masks cost (their area beside the true faces'), peak memory.
// FOTOWACHT_BENCH_VIDEO_SECONDS shortens the clip; FOTOWACHT_BENCH_VIDEO_SAMPLING="1,2,3,5" scans it once per
// sampling step (slow) to compare them.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { openCore } from '../electron/core/context';
import { scanClipFaces, sha256, VIDEO_SCAN_SETTINGS } from '../electron/core/library';
import { startIndexJob } from '../electron/core/library/indexer';
import { getVideoScan, listVideoTracks } from '../electron/core/library/videoTrackRepository';
import { checkClipLeak, exportClip, trackBoxes, type TrackOptions } from '../electron/core/video';
import type { Box } from '../shared/geometry';
import {
  makeMovingFacesClip,
  MOVING_FACES_SOURCE,
  uncoveredFaceFrames,
  type MovingFacesClip,
} from '../test/helpers/movingFaces';
import { missingShared } from '../test/helpers/sharedData';
import type { Benchmark } from './run';
import { fixed, measure, verdict } from './util';

const TARGET_RATIO = 2.0;
const TARGET_PEAK_MB = 1536;

/**
 * CPU seconds of this process (all its threads) and of its ended children — the ffmpeg that decodes the frames,
 * the encoder, the leak check's decoder (utime, stime, cutime, cstime in /proc/self/stat; Linux). Null elsewhere.
 */
function cpuSeconds(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / 100;
  } catch {
    return null;
  }
}

const cpuText = (cpu: number | null): string => (cpu === null ? 'CPU not measured' : `${fixed(cpu, 1)} s CPU`);

/**
 * What hiding costs the neighbours: the masks' areas ÷ the true areas of the faces in the picture, both summed over the
 * frames, and the masks' area per frame as a share of the picture (overlapping masks counted twice).
 */
function maskCost(clip: MovingFacesClip, boxesOf: (frame: number) => readonly Box[]): { ratio: number; share: number } {
  let masked = 0;
  let faces = 0;
  for (let frame = 0; frame < clip.frameCount; frame++) {
    for (const box of boxesOf(frame)) masked += box.w * box.h;
    for (const face of clip.faces) {
      const truth = face.boxes[frame];
      if (truth && face.visible[frame]! > 0) faces += truth.w * truth.h;
    }
  }
  return { ratio: masked / Math.max(faces, 1e-12), share: masked / clip.frameCount };
}

export const benchVideo: Benchmark = {
  name: 'video',
  async run() {
    const missing = missingShared(MOVING_FACES_SOURCE);
    if (missing) {
      console.log(`video: ${missing}`);
      return;
    }
    const seconds = Number(process.env.FOTOWACHT_BENCH_VIDEO_SECONDS) || 30;
    const samplings = (process.env.FOTOWACHT_BENCH_VIDEO_SAMPLING ?? String(VIDEO_SCAN_SETTINGS.sampleEvery))
      .split(',')
      .map(Number)
      .filter((n) => n >= 1);
    const root = mkdtempSync(path.join(tmpdir(), 'fotowacht-bench-video-'));
    try {
      const folder = path.join(root, 'Sportdag 2026');
      mkdirSync(folder);
      const made = Date.now();
      const clip = await makeMovingFacesClip(path.join(folder, 'sportdag.mp4'), {
        width: 1920,
        height: 1080,
        fps: 30,
        seconds,
        faces: 10,
        faceWidth: 96,
        seed: 2026,
      });
      console.log(
        `clip: 1920×1080, 30 fps, ${seconds} s (${clip.frameCount} frames), 10 real faces of ${clip.faces
          .map((face) => Math.round(face.widthPx))
          .join('/')} px, made in ${fixed((Date.now() - made) / 1000, 1)} s`,
      );
      const core = openCore({ dataDir: path.join(root, 'data'), osUser: 'bench' });
      try {
        const indexed = await startIndexJob(core, folder);
        if ((await indexed.finished).state !== 'done') throw new Error('indexing the clip failed');
        const hash = sha256(readFileSync(clip.file));
        for (const sampleEvery of samplings) {
          const load = loadavg()[0]!;
          const cpuBefore = cpuSeconds();
          const measured = await measure(() => scanClipFaces(core, hash, { sampleEvery, force: true }));
          const cpuAfter = cpuSeconds();
          const cpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
          const scan = getVideoScan(core.db, hash)!;
          const options = scan.options as unknown as TrackOptions;
          const perFrame = new Map<number, Box[]>();
          for (const track of listVideoTracks(core.db, hash)) {
            for (const { frame, box } of trackBoxes(track, options)) {
              if (!perFrame.has(frame)) perFrame.set(frame, []);
              perFrame.get(frame)!.push(box);
            }
          }
          const boxesOf = (frame: number): Box[] => perFrame.get(frame) ?? [];
          const misses = uncoveredFaceFrames(clip, boxesOf);
          const framesMissed = new Set(misses.map((miss) => miss.frame)).size;
          const ratio = measured.seconds / seconds;
          const chosen = sampleEvery === VIDEO_SCAN_SETTINGS.sampleEvery ? ' (the default)' : '';
          const cost = maskCost(clip, boxesOf);
          console.log(
            `-- every ${sampleEvery}. frame searched${chosen}; load average ${fixed(load, 1)} on this machine`,
          );
          console.log(
            `scan time ÷ clip length: ${fixed(ratio, 2)} (${fixed(measured.seconds, 1)} s wall, ${cpuText(cpu)} ` +
              `of this process and the ffmpeg child, ${measured.value.framesSampled} frames searched, ` +
              `${measured.value.tracks} tracks)`,
          );
          console.log(
            `frames with a seen face not wholly inside a track's box: ${framesMissed} of ${clip.frameCount} ` +
              `(${misses.length} face-frames)   target 0: ${verdict(framesMissed === 0)}`,
          );
          console.log(
            `masks: their area ${fixed(cost.ratio, 1)}× the true faces' area (summed over frames); ` +
              `${fixed(cost.share * 100, 1)}% of the picture per frame on average`,
          );
          console.log(
            `peak memory (RSS of this process; the ffmpeg child not included): ${Math.round(measured.peakRssMb)} MB` +
              `   target ≤ ${TARGET_PEAK_MB} MB: ${verdict(measured.peakRssMb <= TARGET_PEAK_MB)}`,
          );
          console.log(
            `main thread: event-loop delay p99 ${fixed(measured.eventLoopP99Ms, 0)} ms, max ${fixed(measured.eventLoopMaxMs, 0)} ms; ` +
              `busy ${fixed(measured.mainThreadBusy * 100, 1)}% of the time`,
          );
          if (sampleEvery !== VIDEO_SCAN_SETTINGS.sampleEvery) continue;
          // The same clip exported with every track's boxes masked and read back, as publishing does it.
          const masks = Array.from({ length: clip.frameCount }, (_, frame) => ({ frame, boxes: boxesOf(frame) }));
          const output = path.join(root, 'export.mp4');
          const exported = await measure(() => exportClip(clip.file, output, { longSide: 1920, masks }));
          const checked = await measure(() =>
            checkClipLeak(output, { names: ['Daan de Vries'], audio: false, masks, frames: exported.value.frames }),
          );
          const cpuEnd = cpuSeconds();
          const total = measured.seconds + exported.seconds + checked.seconds;
          const totalCpu = cpuBefore === null || cpuEnd === null ? null : cpuEnd - cpuBefore;
          const notFlat = checked.value.filter((finding) => finding.code === 'leak.regionVisible').length;
          console.log(
            `export + leak check of this clip with these masks: ${fixed(exported.seconds, 1)} + ${fixed(checked.seconds, 1)} s wall; ` +
              `masked boxes not flat: ${notFlat} (target 0): ${verdict(notFlat === 0)}; peak memory ` +
              `${Math.round(Math.max(exported.peakRssMb, checked.peakRssMb))} MB`,
          );
          console.log(
            `scan + export + leak check ÷ clip length: ${fixed(total / seconds, 2)} (${fixed(total, 1)} s wall, ` +
              `${cpuText(totalCpu)}; load average ${fixed(loadavg()[0]!, 1)})   target ≤ ${TARGET_RATIO}: ` +
              `${verdict(total / seconds <= TARGET_RATIO)}`,
          );
          if (totalCpu !== null) {
            const idle = totalCpu / 2 / seconds;
            console.log(
              `the same on an idle 2-core machine, estimated from the CPU time (÷ 2 cores): ${fixed(idle, 2)} ` +
                `(≤ ${TARGET_RATIO}): ${verdict(idle <= TARGET_RATIO)} (estimate)`,
            );
          }
        }
      } finally {
        await core.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
};
