// fotowacht faces <photo>: a photo's regions (detecting first when the current model has not run on it);
// fotowacht faces detect [--all] [--force]: the detection job over the library's photos and then its clips, with
// progress (clips in frames and seconds).
import path from 'node:path';
import type { Command } from 'commander';
import type { PhotoRegion } from '../../../shared/people';
import {
  detectPhotoFaces,
  getFaceDetectorInfo,
  listPhotoRegions,
  resolvePhoto,
  startFaceDetectionJob,
  startVideoFaceJob,
} from '../../core/library';
import { action, followJob } from '../command';
import { followClipScan, reportClipScan } from './videoFaces';
import type { Translate } from '../main';

const fmt = (v: number): string => v.toFixed(4);

export function registerFaces(program: Command, t: Translate): void {
  const faces = program
    .command('faces')
    .description(t('cli.faces.description'))
    .argument('[photo]', t('cli.faces.argument.photo'));
  faces.action(
    action(faces, async ({ out, openCore }) => {
      const photo = faces.args[0];
      if (!photo) {
        faces.help();
        return;
      }
      const core = openCore();
      const asPath = path.resolve(photo);
      const hash = resolvePhoto(core.db, /^[0-9a-fA-F]{64}$/.test(photo) ? photo : asPath);
      const detection = await detectPhotoFaces(core, hash);
      const result = listPhotoRegions(core.db, hash);
      out.result({ ...result, detection });
      if (out.json) return;
      out.say(out.t('cli.faces.model', { model: detection.modelId }));
      if (!detection.cached) {
        out.say(out.t('cli.faces.detectedNow', { stored: detection.stored, covered: detection.coveredByRegions }));
      }
      if (result.regions.length === 0) {
        out.say(out.t('cli.faces.none'));
        return;
      }
      out.say(out.t('cli.faces.header', { count: result.regions.length, photo: hash.slice(0, 12) }));
      for (const region of result.regions) out.say(`  ${describeRegion(region, out.t.bind(out))}`);
    }),
  );

  const detect = faces
    .command('detect')
    .description(t('cli.faces.detect.description'))
    .option('--all', t('cli.faces.detect.all'))
    .option('--force', t('cli.faces.detect.force'));
  detect.action(
    action(detect, async ({ out, openCore }) => {
      const core = openCore();
      const { all, force } = detect.opts<{ all?: boolean; force?: boolean }>();
      const photos = startFaceDetectionJob(core, { all: Boolean(all) });
      const clips = startVideoFaceJob(core, { all: Boolean(all), force: Boolean(force) });
      const finished = await followJob(core, out, photos);
      if (finished.state !== 'done') core.jobs.cancel(clips.jobId);
      const clipScan = await followClipScan(core, out, clips);
      const info = getFaceDetectorInfo(core.db);
      out.result({
        job: { ...finished, result: undefined },
        result: finished.result,
        detector: info,
        clips: clipScan.result,
      });
      const done = finished.result ?? { photos: finished.done, faces: 0, modelId: info.active.id };
      out.say(out.t('cli.faces.detect.done', { photos: done.photos, faces: done.faces, model: done.modelId }));
      for (const error of finished.errors) out.warn(`${error.item}: ${error.code}`);
      const clipsFailed = reportClipScan(out, clipScan);
      if (finished.state !== 'done' || finished.failed > 0 || clipsFailed) process.exitCode = 1;
    }),
  );
}

function describeRegion(region: PhotoRegion, t: Translate): string {
  const box = region.box
    ? `x=${fmt(region.box.x)} y=${fmt(region.box.y)} w=${fmt(region.box.w)} h=${fmt(region.box.h)}`
    : '-';
  const parts = [`#${region.id}`, t(`cli.faces.source.${region.source}`), box];
  if (region.score !== null) parts.push(`score=${region.score.toFixed(2)}`);
  if (region.name) parts.push(region.name);
  if (region.dismissedAt) parts.push(`(${t('cli.faces.dismissed', { by: region.dismissedBy ?? '?' })})`);
  return parts.join('  ');
}
