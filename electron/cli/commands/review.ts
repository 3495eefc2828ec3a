// fotowacht review <event>: the faces of an event that still need a name, with their region numbers, and the face
// tracks of its clips with their track numbers; fotowacht people name <region> <number>: names one of them (for
// scripts and tests; the app's review does it by keyboard). Tracks: reviewTracks.ts.
import type { Command } from 'commander';
import { displayName, localDay } from '../../../shared/consent';
import { AppError } from '../../../shared/errors';
import type { ReviewItem } from '../../../shared/review';
import { requirePersonByKey } from '../../core/consent';
import type { ReadableDb } from '../../core/db';
import { findEvent } from '../../core/library';
import { eventReview, setReviewState } from '../../core/review';
import { action } from '../command';
import type { Translate } from '../main';
import type { Output } from '../output';
import { registerReviewTrackCommands, sayClips, tracksJson } from './reviewTracks';

function eventIdOf(db: ReadableDb, key: string): number {
  const byNumber = /^\d+$/.test(key) ? findEvent(db, Number(key)) : null;
  const event = byNumber ?? findEvent(db, key);
  if (!event) throw new AppError('review.eventUnknown', { event: key });
  return event.id;
}

function statusText(out: Output, item: ReviewItem): string {
  if (item.state === 'guest') return out.t('cli.review.status.guest');
  if (item.state === 'notAPerson') return out.t('cli.review.status.notAPerson');
  if (item.person) return out.t('cli.review.status.named', { name: item.person.name });
  if (item.status === 'ambiguous') return out.t('cli.review.status.ambiguous', { name: item.tagName });
  if (item.status === 'unmatched') return out.t('cli.review.status.unmatched', { name: item.tagName });
  return out.t('cli.review.status.unknown');
}

export function registerReview(program: Command, t: Translate): void {
  const review = program
    .command('review')
    .description(t('cli.review.description'))
    .argument('<event>', t('cli.review.event'))
    .option('--channel <id>', t('cli.review.channel'))
    .option('--date <day>', t('cli.review.date'))
    .option('--all', t('cli.review.all'))
    .option('--whole-event', t('cli.review.wholeEvent'));
  review.action(
    action(review, async ({ out, openCore }) => {
      const options = review.opts<{ channel?: string; date?: string; all?: boolean; wholeEvent?: boolean }>();
      const core = openCore();
      const list = eventReview(core.db, {
        eventId: eventIdOf(core.db, review.args[0]!),
        channelId: options.channel,
        date: options.channel ? (options.date ?? localDay(new Date())) : undefined,
        scope: options.wholeEvent ? 'event' : undefined,
      });
      const photos = list.photos.map((photo) => ({
        ...photo,
        items: photo.items.filter((item) => options.all || item.needsName),
      }));
      out.say(
        out.t('cli.review.header', {
          event: list.eventName,
          open: list.counts.open,
          faces: list.counts.faces,
          photos: list.counts.photos,
        }),
      );
      if (list.scope === 'picks') out.say(out.t('cli.review.scope.picks', { count: list.picks }));
      for (const photo of photos)
        for (const item of photo.items)
          out.say(
            out.t('cli.review.item', {
              region: item.regionId,
              file: photo.fileName,
              status: statusText(out, item),
              offer: item.offer ? out.t('cli.review.offer', { name: item.offer.person.name }) : '',
            }),
          );
      sayClips(out, list.clips, Boolean(options.all));
      if (options.channel) out.say(out.t('cli.review.counts', { ...list.counts }));
      out.result({
        eventId: list.eventId,
        event: list.eventName,
        scope: list.scope,
        counts: list.counts,
        faces: photos.flatMap((photo) =>
          photo.items.map((item) => ({
            regionId: item.regionId,
            photoHash: photo.photoHash,
            file: photo.fileName,
            takenAt: photo.takenAt,
            burst: photo.burst,
            decision: photo.decision,
            box: item.box,
            source: item.source,
            tagName: item.tagName,
            state: item.state,
            status: item.status,
            person: item.person,
            offer: item.offer,
            visibility: item.visibility,
          })),
        ),
        tracks: tracksJson(list.clips, Boolean(options.all)),
        clips: list.clips.map((clip) => ({
          videoHash: clip.videoHash,
          file: clip.fileName,
          takenAt: clip.takenAt,
          frameRate: clip.frameRate,
          durationSeconds: clip.durationSeconds,
          scanned: clip.scanned,
          tracks: clip.tracks.length,
        })),
      });
    }),
  );
  registerReviewTrackCommands(review, t);
}

/** `people name <region> <number>`, registered under the existing `people` command. */
export function registerPeopleName(people: Command, t: Translate): void {
  const name = people
    .command('name')
    .description(t('cli.people.name.description'))
    .argument('<region>', t('cli.people.name.region'))
    .argument('<number>', t('cli.people.name.key'));
  name.action(
    action(name, async ({ out, openCore }) => {
      const [regionArg, key] = name.args as [string, string];
      if (!/^\d{1,15}$/.test(regionArg)) throw new AppError('review.regionIdInvalid', { value: regionArg });
      const core = openCore();
      const person = requirePersonByKey(core.db, key);
      const { region, previous } = setReviewState(core, Number(regionArg), { kind: 'person', personId: person.id });
      out.say(
        out.t('cli.people.name.done', { region: region.id, name: displayName(person), key: person.externalKey ?? '' }),
      );
      out.result({
        regionId: region.id,
        photoHash: region.photoHash,
        personId: person.id,
        key: person.externalKey,
        previous,
      });
    }),
  );
}
