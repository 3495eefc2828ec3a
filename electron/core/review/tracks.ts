// Naming a clip's face track in the review: a person (in every frame of the track), "guest / not known" (stays
// hidden), "not a person", or open again — one state at a time, logged with people by pseudonym only, answering
// with the state before (the undo) and the clip as the review shows it now. And splitting a track where two people
// crossed: the part from the chosen frame on becomes a new track; neither part keeps a name (see splitTrack). A split
// is undone by joining the parts again (unsplitTrack), refused once either part was named or marked since.
import { AppError } from '../../../shared/errors';
import { clipCounts, reviewStateOfTrack, type ReviewClip } from '../../../shared/reviewClips';
import { addCounts, type ReviewCounts, type ReviewState, type ReviewUpdate } from '../../../shared/review';
import type { VideoTrack } from '../../../shared/videoTracks';
import { actorLabel, audited, type Actor } from '../audit';
import { findPerson, personErasedAt, pseudonymOf } from '../consent';
import type { ReadableDb, WritableDb } from '../db';
import {
  deleteVideoTrack,
  getVideoTrack,
  insertVideoTrack,
  setVideoTrackObservations,
  setVideoTrackState,
  tracksSplitFrom,
} from '../library';
import { currentPeopleDirectory } from '../people';
import { reviewClipNow } from './clips';

interface Acting {
  readonly db: WritableDb;
  actor(): Actor;
}

export function requireTrack(db: ReadableDb, trackId: number): VideoTrack {
  const track = getVideoTrack(db, trackId);
  if (!track) throw new AppError('review.trackUnknown', { track: trackId });
  return track;
}

const storedKind = { open: 'open', person: 'linked', guest: 'guest', notAPerson: 'dismissed' } as const;

function sameState(a: ReviewState, b: ReviewState): boolean {
  return a.kind === b.kind && (a.kind !== 'person' || (b.kind === 'person' && a.personId === b.personId));
}

/** The state a track is given: the stored form of a review state, with who and when for guest and dismissed. */
function storedState(state: ReviewState, actor: Actor) {
  return state.kind === 'person'
    ? ({ kind: 'linked', personId: state.personId } as const)
    : state.kind === 'open'
      ? ({ kind: 'open' } as const)
      : { kind: storedKind[state.kind], at: new Date().toISOString(), by: actorLabel(actor) };
}

export interface TrackChange {
  readonly track: VideoTrack;
  /** The state before: setting it again is the undo. */
  readonly previous: ReviewState;
}

/**
 * Puts a track in exactly this state (whatever it was is replaced), logged as `review.track` with where it came
 * from and where it went; a person by pseudonym, never by number or name. Setting the state it has changes nothing.
 */
export function setTrackState(core: Acting, trackId: number, state: ReviewState): TrackChange {
  const db = core.db;
  const actor = core.actor();
  return audited(db, actor, (log): TrackChange => {
    const track = requireTrack(db, trackId);
    const previous = reviewStateOfTrack(track);
    if (state.kind === 'person') {
      if (findPerson(db, state.personId) === null)
        throw new AppError('people.personUnknown', { person: state.personId });
      // An erased person is a shell kept for the proof: nobody is named as them again.
      if (state.personId !== track.personId && personErasedAt(db, state.personId))
        throw new AppError('review.personErased', { person: state.personId });
    }
    if (sameState(previous, state)) return { track, previous };
    setVideoTrackState(db, trackId, storedState(state, actor));
    log({
      action: 'review.track',
      subject: `video:${track.videoHash}`,
      details: {
        track: trackId,
        from: storedKind[previous.kind],
        to: storedKind[state.kind],
        person: state.kind === 'person' ? pseudonymOf(db, state.personId) : null,
        previousPerson: previous.kind === 'person' ? pseudonymOf(db, previous.personId) : null,
        frames: track.lastFrame - track.firstFrame + 1,
      },
    });
    return { track: requireTrack(db, trackId), previous };
  });
}

export interface TrackSplit {
  readonly track: VideoTrack;
  readonly newTrack: VideoTrack;
  readonly previous: ReviewState;
}

/**
 * Splits a track where two people crossed and the tracker followed the wrong face on: the observations before
 * `atFrame` stay, those from it on become a new track (split_from the old one). Neither part keeps the name or mark
 * the track had: it was given to the track as a whole, and after a swap nobody can tell which part it was meant for;
 * both parts are open (hidden) until someone names them — when in doubt, hide. Logged as `review.trackSplit`.
 */
export function splitTrack(core: Acting, trackId: number, atFrame: number): TrackSplit {
  const db = core.db;
  const actor = core.actor();
  if (!Number.isInteger(atFrame) || atFrame < 0) throw new AppError('review.splitFrameInvalid', { value: atFrame });
  return audited(db, actor, (log): TrackSplit => {
    const track = requireTrack(db, trackId);
    const before = track.observations.filter((observation) => observation.frame < atFrame);
    const after = track.observations.filter((observation) => observation.frame >= atFrame);
    if (before.length === 0 || after.length === 0) {
      throw new AppError('review.splitOutside', {
        track: trackId,
        frame: atFrame,
        first: track.observations[1]?.frame ?? track.firstFrame,
        last: track.lastFrame,
      });
    }
    const previous = reviewStateOfTrack(track);
    setVideoTrackObservations(db, trackId, before);
    if (previous.kind !== 'open') setVideoTrackState(db, trackId, { kind: 'open' });
    const newId = insertVideoTrack(db, {
      videoHash: track.videoHash,
      source: track.source,
      observations: after,
      splitFrom: trackId,
      createdAt: new Date().toISOString(),
      createdBy: actorLabel(actor),
    });
    log({
      action: 'review.trackSplit',
      subject: `video:${track.videoHash}`,
      details: {
        track: trackId,
        newTrack: newId,
        atFrame,
        from: storedKind[previous.kind],
        previousPerson: previous.kind === 'person' ? pseudonymOf(db, previous.personId) : null,
      },
    });
    return { track: requireTrack(db, trackId), newTrack: requireTrack(db, newId), previous };
  });
}

export interface TrackUnsplit {
  /** The track as it is again: both parts' observations, in the state given back (open unless one was given). */
  readonly track: VideoTrack;
  /** The part the split made, now gone. */
  readonly removedTrack: number;
}

/**
 * Undoes a split: `partId` is the track a split made (split_from set); its observations go back to the track it was
 * split from and it is removed. Refused when either part was named or marked since the split (that work would be
 * thrown away — open it again first) or when the part was split again. `restore` is the state the track had before
 * the split (the review's undo passes what the split answered); without it the joined track is open. Logged as
 * `review.trackUnsplit`, a person by pseudonym.
 */
export function unsplitTrack(core: Acting, partId: number, restore: ReviewState = { kind: 'open' }): TrackUnsplit {
  const db = core.db;
  const actor = core.actor();
  return audited(db, actor, (log): TrackUnsplit => {
    const part = requireTrack(db, partId);
    if (part.splitFrom === null) throw new AppError('review.unsplitNotSplit', { track: partId });
    const track = requireTrack(db, part.splitFrom);
    for (const each of [track, part]) {
      if (each.state !== 'open') throw new AppError('review.unsplitNamed', { track: each.id, part: partId });
    }
    const later = tracksSplitFrom(db, partId);
    if (later.length > 0) throw new AppError('review.unsplitSplitAgain', { track: partId, newTrack: later[0]! });
    if (restore.kind === 'person') {
      if (findPerson(db, restore.personId) === null)
        throw new AppError('people.personUnknown', { person: restore.personId });
      if (personErasedAt(db, restore.personId)) throw new AppError('review.personErased', { person: restore.personId });
    }
    const joined = [...track.observations, ...part.observations].sort((a, b) => a.frame - b.frame);
    setVideoTrackObservations(db, track.id, joined);
    deleteVideoTrack(db, partId);
    if (restore.kind !== 'open') setVideoTrackState(db, track.id, storedState(restore, actor));
    log({
      action: 'review.trackUnsplit',
      subject: `video:${track.videoHash}`,
      details: {
        track: track.id,
        removedTrack: partId,
        atFrame: part.firstFrame,
        to: storedKind[restore.kind],
        person: restore.kind === 'person' ? pseudonymOf(db, restore.personId) : null,
      },
    });
    return { track: requireTrack(db, track.id), removedTrack: partId };
  });
}

function countsOfClip(clip: ReviewClip | null): ReviewCounts {
  const { open, faces } = clipCounts(clip ? [clip] : []);
  return { photos: 0, publish: 0, hide: 0, blocked: 0, needsReview: 0, open, faces };
}

/** A step on a track and what the review shows differently: the track's clip, and the change of the counts. */
function withClipUpdate<T>(db: WritableDb, videoHash: string, step: () => T): { result: T; update: ReviewUpdate } {
  const directory = currentPeopleDirectory(db);
  const before = reviewClipNow(db, directory, videoHash);
  const result = step();
  const after = reviewClipNow(db, directory, videoHash);
  return {
    result,
    update: {
      photos: [],
      clips: after ? [after] : [],
      countsChange: addCounts(countsOfClip(after), countsOfClip(before), -1),
    },
  };
}

/** The review's naming step on a track: the state before (for undo) and the clip as the review shows it now. */
export function reviewTrack(
  core: Acting,
  trackId: number,
  state: ReviewState,
): { readonly previous: ReviewState; readonly update: ReviewUpdate } {
  const db = core.db;
  return db
    .transaction(() => {
      const { videoHash } = requireTrack(db, trackId);
      const { result, update } = withClipUpdate(db, videoHash, () => setTrackState(core, trackId, state));
      return { previous: result.previous, update };
    })
    .immediate();
}

/** The review's split: both parts' ids and the clip as the review shows it now. */
export function reviewSplitTrack(
  core: Acting,
  trackId: number,
  atFrame: number,
): {
  readonly trackId: number;
  readonly newTrackId: number;
  /** The state the track had before (what the split's undo gives back). */
  readonly previous: ReviewState;
  readonly update: ReviewUpdate;
} {
  const db = core.db;
  return db
    .transaction(() => {
      const { videoHash } = requireTrack(db, trackId);
      const { result, update } = withClipUpdate(db, videoHash, () => splitTrack(core, trackId, atFrame));
      return { trackId, newTrackId: result.newTrack.id, previous: result.previous, update };
    })
    .immediate();
}

/** The review's undo of a split: the joined track and the clip as the review shows it now. */
export function reviewUnsplitTrack(
  core: Acting,
  partId: number,
  restore?: ReviewState,
): { readonly trackId: number; readonly update: ReviewUpdate } {
  const db = core.db;
  return db
    .transaction(() => {
      const { videoHash } = requireTrack(db, partId);
      const { result, update } = withClipUpdate(db, videoHash, () => unsplitTrack(core, partId, restore));
      return { trackId: result.track.id, update };
    })
    .immediate();
}
