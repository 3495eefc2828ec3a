// fotowacht index <folder> | events | photos <event>: the photo library from the command line (clips are indexed and
// searched for faces in the same command).
import type { Command } from 'commander';
import { describeError } from '../../../shared/i18n';
import { findEvent, listEventPhotos, listEvents, startIngest } from '../../core/library';
import { action, followJob } from '../command';
import { followClipScan, reportClipScan } from './videoFaces';
import type { Translate } from '../main';

export function registerLibrary(program: Command, t: Translate): void {
  const index = program
    .command('index')
    .description(t('cli.index.description'))
    .argument('<folder>', t('cli.index.folder'))
    .option('--no-faces', t('cli.index.noFaces'));
  index.action(
    action(index, async ({ out, openCore }) => {
      const core = openCore();
      const wantFaces = index.opts<{ faces: boolean }>().faces;
      const jobs = await startIngest(core, index.args[0]!, { faces: wantFaces });
      const finished = await followJob(core, out, jobs.index[0]!);
      if (finished.state !== 'done' || !finished.result) {
        out.result({ ok: false, state: finished.state, error: finished.error });
        out.warn(finished.error ? describeError(out.language, finished.error) : out.t('cli.index.cancelled'));
        process.exitCode = finished.state === 'cancelled' ? 130 : 1;
        if (jobs.faces) core.jobs.cancel(jobs.faces.jobId);
        if (jobs.videoFaces) core.jobs.cancel(jobs.videoFaces.jobId);
        return;
      }
      const summary = finished.result;
      // Then look for faces nobody tagged, in photos and in clips, so that no one slips through (skipped with
      // --no-faces).
      const faces = jobs.faces ? (await followJob(core, out, jobs.faces)).result : null;
      const clipScan = jobs.videoFaces ? await followClipScan(core, out, jobs.videoFaces) : null;
      const clipsFailed = clipScan ? clipScan.state !== 'done' || clipScan.failed > 0 : false;
      out.result({
        ok: summary.errors.length === 0 && !clipsFailed,
        ...summary,
        faces,
        clips: clipScan?.result ?? null,
      });
      const { photos, events, regions, names, indexed, unchanged, moved, removed } = summary;
      out.say(out.t('cli.index.summary', { photos, events, regions, names }));
      if (summary.videos > 0) out.say(out.t('cli.index.videos', { count: summary.videos }));
      out.say(out.t('cli.index.changes', { indexed, unchanged, moved, removed }));
      if (summary.errors.length > 0) {
        out.say(out.t('cli.index.errors', { count: summary.errors.length }));
        for (const error of summary.errors) {
          const text = describeError(out.language, error);
          out.say(`  ${text.includes(error.path) ? text : `${error.path}: ${text}`}`);
        }
      }
      if (summary.warnings.length > 0) {
        out.say(out.t('cli.index.warnings', { count: summary.warnings.length }));
        for (const warning of summary.warnings) out.say(`  ${describeError(out.language, warning)}`);
      }
      if (faces)
        out.say(out.t('cli.faces.detect.done', { photos: faces.photos, faces: faces.faces, model: faces.modelId }));
      if (clipScan) reportClipScan(out, clipScan);
      // A script must see that not everything was indexed or searched (a broken file, a full data disk, a clip
      // that could not be scanned).
      if (summary.errors.length > 0 || clipsFailed) process.exitCode = 1;
    }),
  );

  const events = program.command('events').description(t('cli.events.description'));
  events.action(
    action(events, async ({ out, openCore }) => {
      const list = listEvents(openCore().db);
      out.result(list);
      if (list.length === 0) out.say(out.t('cli.events.empty'));
      for (const event of list) out.say(out.t('cli.events.row', { ...event, folder: event.folderPath }));
    }),
  );

  const photos = program
    .command('photos')
    .description(t('cli.photos.description'))
    .argument('<event>', t('cli.photos.event'));
  photos.action(
    action(photos, async ({ out, openCore }) => {
      const db = openCore().db;
      const key = photos.args[0]!;
      const event = findEvent(db, /^\d+$/.test(key) ? Number(key) : key) ?? findEvent(db, key);
      if (!event) {
        out.warn(out.t('cli.photos.notFound', { event: key }));
        out.result({ ok: false, event: key });
        process.exitCode = 1;
        return;
      }
      const page = listEventPhotos(db, event.id, 0, 100_000);
      out.result({ event, ...page });
      for (const photo of page.photos) {
        const people = photo.regions.map((region) => {
          const name = region.name || out.t('cli.photos.unnamed');
          const box = region.box
            ? ` [${[region.box.x, region.box.y, region.box.w, region.box.h].map((v) => v.toFixed(3)).join(', ')}]`
            : '';
          return `${name}${box}`;
        });
        out.say(
          `${photo.paths[0] ?? photo.hash}  ${people.length > 0 ? people.join('; ') : out.t('cli.photos.noPeople')}`,
        );
      }
    }),
  );
}
