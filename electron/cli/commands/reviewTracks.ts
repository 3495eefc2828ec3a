// Face tracks of clips on the command line: how `fotowacht review` lists them, `fotowacht review name-track` (a
// person in every frame of the track, or guest, not a person, open again) and `fotowacht review split` (two people
// crossing: the part from the given time or frame on becomes a new track) and `fotowacht review unsplit` (its undo).
import type { Command } from 'commander';
import { displayName } from '../../../shared/consent';
import { AppError } from '../../../shared/errors';
import type { ReviewState } from '../../../shared/review';
import type { ReviewClip, ReviewTrack } from '../../../shared/reviewClips';
import { findPerson, requirePersonByKey } from '../../core/consent';
import type { ReadableDb } from '../../core/db';
import { getVideo } from '../../core/library';
import { requireTrack, setTrackState, splitTrack, unsplitTrack } from '../../core/review';
import { action } from '../command';
import type { Translate } from '../main';
import type { Output } from '../output';

function trackStatus(out: Output, track: Pick<ReviewTrack, 'state' | 'person'>): string {
  if (track.state === 'guest') return out.t('cli.review.status.guest');
  if (track.state === 'notAPerson') return out.t('cli.review.status.notAPerson');
  if (track.state === 'person' && track.person) return out.t('cli.review.status.named', { name: track.person.name });
  return out.t('cli.review.status.unknown');
}

/** The clips' lines of `fotowacht review` (the tracks still to name, or every track with --all). */
export function sayClips(out: Output, clips: readonly ReviewClip[], all: boolean): void {
  for (const clip of clips) {
    if (!clip.scanned) out.say(out.t('cli.review.clipNotScanned', { file: clip.fileName }));
    for (const track of clip.tracks)
      if (all || track.needsName)
        out.say(
          out.t('cli.review.track', {
            track: track.trackId,
            file: clip.fileName,
            from: track.startSeconds.toFixed(2),
            to: track.endSeconds.toFixed(2),
            frames: track.observed,
            status: trackStatus(out, track),
          }),
        );
  }
}

/** The clips' part of `fotowacht review --json`: one entry per track. */
export function tracksJson(clips: readonly ReviewClip[], all: boolean) {
  return clips.flatMap((clip) =>
    clip.tracks
      .filter((track) => all || track.needsName)
      .map((track) => ({
        trackId: track.trackId,
        videoHash: clip.videoHash,
        file: clip.fileName,
        takenAt: clip.takenAt,
        firstFrame: track.firstFrame,
        lastFrame: track.lastFrame,
        startSeconds: track.startSeconds,
        endSeconds: track.endSeconds,
        observed: track.observed,
        state: track.state,
        person: track.person,
        splitFrom: track.splitFrom,
      })),
  );
}

function trackIdOf(value: string): number {
  if (!/^\d{1,15}$/.test(value) || Number(value) === 0) throw new AppError('review.trackIdInvalid', { value });
  return Number(value);
}

/** `--at 2.5s` (seconds into the clip) or `--at 75` (a frame number) → a frame of the track's clip. */
function frameAt(db: ReadableDb, videoHash: string, at: string): number {
  const seconds = /^(\d{1,6}(?:\.\d{1,6})?)s$/.exec(at.trim());
  if (seconds) {
    const frameRate = getVideo(db, videoHash)?.frameRate ?? 0;
    if (!(frameRate > 0)) throw new AppError('review.splitAtInvalid', { value: at });
    // The frame showing at that moment (a hair of rounding tolerated: 2.04 s at 25 fps is frame 51).
    return Math.floor(Number(seconds[1]) * frameRate + 1e-6);
  }
  if (/^\d{1,9}$/.test(at.trim())) return Number(at.trim());
  throw new AppError('review.splitAtInvalid', { value: at });
}

export function registerReviewTrackCommands(review: Command, t: Translate): void {
  const name = review
    .command('name-track')
    .description(t('cli.review.nameTrack.description'))
    .argument('<track>', t('cli.review.nameTrack.track'))
    .argument('[number]', t('cli.review.nameTrack.key'))
    .option('--guest', t('cli.review.nameTrack.guest'))
    .option('--not-a-person', t('cli.review.nameTrack.notAPerson'))
    .option('--open', t('cli.review.nameTrack.open'));
  name.action(
    action(name, async ({ out, openCore }) => {
      const [trackArg, key] = name.args as [string, string | undefined];
      const options = name.opts<{ guest?: boolean; notAPerson?: boolean; open?: boolean }>();
      const trackId = trackIdOf(trackArg);
      const chosen = [key !== undefined, options.guest, options.notAPerson, options.open].filter(Boolean).length;
      if (chosen !== 1) throw new AppError('review.trackStateMissing', {});
      const core = openCore();
      const person = key !== undefined ? requirePersonByKey(core.db, key) : null;
      const state: ReviewState = person
        ? { kind: 'person', personId: person.id }
        : options.guest
          ? { kind: 'guest' }
          : options.notAPerson
            ? { kind: 'notAPerson' }
            : { kind: 'open' };
      const { track, previous } = setTrackState(core, trackId, state);
      const status = trackStatus(out, {
        state: state.kind,
        person: person ? { personId: person.id, name: displayName(person), className: person.className } : null,
      });
      out.say(out.t('cli.review.nameTrack.done', { track: track.id, status }));
      const previousPerson = previous.kind === 'person' ? findPerson(core.db, previous.personId) : null;
      out.result({
        trackId: track.id,
        videoHash: track.videoHash,
        state: state.kind,
        personId: person?.id ?? null,
        key: person?.externalKey ?? null,
        previous: { ...previous, key: previousPerson?.externalKey ?? null },
      });
    }),
  );

  const split = review
    .command('split')
    .description(t('cli.review.split.description'))
    .argument('<track>', t('cli.review.split.track'))
    .requiredOption('--at <seconds|frame>', t('cli.review.split.at'));
  split.action(
    action(split, async ({ out, openCore }) => {
      const trackId = trackIdOf(split.args[0]!);
      const core = openCore();
      const frame = frameAt(core.db, requireTrack(core.db, trackId).videoHash, split.opts<{ at: string }>().at);
      const { track, newTrack, previous } = splitTrack(core, trackId, frame);
      out.say(out.t('cli.review.split.done', { track: track.id, frame, newTrack: newTrack.id }));
      out.result({
        trackId: track.id,
        newTrackId: newTrack.id,
        atFrame: frame,
        previous,
        track: { firstFrame: track.firstFrame, lastFrame: track.lastFrame, state: track.state },
        newTrack: { firstFrame: newTrack.firstFrame, lastFrame: newTrack.lastFrame, state: newTrack.state },
      });
    }),
  );

  const unsplit = review
    .command('unsplit')
    .description(t('cli.review.unsplit.description'))
    .argument('<track>', t('cli.review.unsplit.track'));
  unsplit.action(
    action(unsplit, async ({ out, openCore }) => {
      const partId = trackIdOf(unsplit.args[0]!);
      const { track, removedTrack } = unsplitTrack(openCore(), partId);
      out.say(out.t('cli.review.unsplit.done', { track: track.id, removed: removedTrack }));
      out.result({
        trackId: track.id,
        removedTrackId: removedTrack,
        track: { firstFrame: track.firstFrame, lastFrame: track.lastFrame, state: track.state },
      });
    }),
  );
}
