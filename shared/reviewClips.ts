// Clips in the event review (issue 15): each face track of a clip is one row to name, like a face crop of a photo,
// shown with a few crops along the track; the clip (its poster and name) heads its tracks, in time order among the
// event's photos. Naming a track names the person in every frame of it.
import type { Box } from './geometry';
import type { PersonRef } from './people';
import type { ReviewPhoto, ReviewState, ReviewStateKind } from './review';
import type { TrackState } from './videoTracks';

/** How many crops a track shows at most: its first and last observation and evenly between. */
export const TRACK_CROPS = 5;

/** One crop along a track: the frame (a cached still of the clip) and where the face is on it. */
export interface ReviewTrackCrop {
  readonly frame: number;
  readonly seconds: number;
  readonly box: Box;
}

export interface ReviewTrack {
  readonly trackId: number;
  readonly videoHash: string;
  readonly state: ReviewStateKind;
  readonly person: PersonRef | null;
  /** Nobody said yet who this is. */
  readonly needsName: boolean;
  readonly firstFrame: number;
  readonly lastFrame: number;
  /** Frames the face was found in (the tracker covers the frames between). */
  readonly observed: number;
  readonly startSeconds: number;
  readonly endSeconds: number;
  /** The track this one was split off, if any. */
  readonly splitFrom: number | null;
  readonly crops: readonly ReviewTrackCrop[];
}

export interface ReviewClip {
  readonly videoHash: string;
  readonly fileName: string;
  readonly takenAt: string | null;
  /** The size a player shows (boxes are relative to it). */
  readonly width: number;
  readonly height: number;
  readonly frameRate: number;
  readonly durationSeconds: number;
  /** Whether the clip was searched for faces; an unsearched clip has no tracks yet (and stays hidden). */
  readonly scanned: boolean;
  readonly tracks: readonly ReviewTrack[];
}

/** A track's stored state as the review names it. */
export function reviewStateKindOfTrack(state: TrackState): ReviewStateKind {
  if (state === 'linked') return 'person';
  if (state === 'dismissed') return 'notAPerson';
  return state;
}

/** A track's state (with its person) as a review state: setting it again is the undo. */
export function reviewStateOfTrack(track: {
  readonly state: TrackState;
  readonly personId: number | null;
}): ReviewState {
  if (track.state === 'linked' && track.personId !== null) return { kind: 'person', personId: track.personId };
  if (track.state === 'guest') return { kind: 'guest' };
  if (track.state === 'dismissed') return { kind: 'notAPerson' };
  return { kind: 'open' };
}

/** Which observations (indexes, ascending) a track shows as crops: first, last and evenly between, at most `count`. */
export function cropIndexes(observations: number, count = TRACK_CROPS): number[] {
  if (observations <= 0) return [];
  if (observations <= count) return Array.from({ length: observations }, (_, index) => index);
  const picked = new Set<number>();
  for (let step = 0; step < count; step += 1) picked.add(Math.round((step * (observations - 1)) / (count - 1)));
  return [...picked].sort((a, b) => a - b);
}

/** The clips' share of the review's counts: tracks still to name, and tracks that are (maybe) people. */
export function clipCounts(clips: readonly ReviewClip[]): { readonly open: number; readonly faces: number } {
  let open = 0;
  let faces = 0;
  for (const clip of clips)
    for (const track of clip.tracks) {
      if (track.needsName) open += 1;
      if (track.state !== 'notAPerson') faces += 1;
    }
  return { open, faces };
}

export type ReviewGroup =
  | { readonly kind: 'photo'; readonly key: string; readonly photo: ReviewPhoto }
  | { readonly kind: 'clip'; readonly key: string; readonly clip: ReviewClip };

function secondsOf(takenAt: string | null): number {
  if (!takenAt) return Number.POSITIVE_INFINITY;
  // Times without an offset are read all the same way: only their order matters here.
  const ms = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(takenAt) ? takenAt : `${takenAt}Z`);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/**
 * Photos and clips as the review shows them: those with a face or track still to name first, each part in time
 * order (the photos come in that order already; clips are placed among them by their date, undated last).
 */
export function reviewGroups(photos: readonly ReviewPhoto[], clips: readonly ReviewClip[]): ReviewGroup[] {
  const photoOpen = (photo: ReviewPhoto) => photo.items.some((item) => item.needsName);
  const clipOpen = (clip: ReviewClip) => clip.tracks.some((track) => track.needsName);
  const part = (open: boolean): ReviewGroup[] => {
    const groups: ReviewGroup[] = photos
      .filter((photo) => photoOpen(photo) === open)
      .map((photo) => ({ kind: 'photo', key: `photo:${photo.photoHash}`, photo }));
    const sortedClips = clips
      .filter((clip) => clipOpen(clip) === open)
      .sort((a, b) => secondsOf(a.takenAt) - secondsOf(b.takenAt) || a.videoHash.localeCompare(b.videoHash));
    for (const clip of sortedClips) {
      const at = secondsOf(clip.takenAt);
      const index = groups.findIndex((group) => group.kind === 'photo' && secondsOf(group.photo.takenAt) > at);
      const entry: ReviewGroup = { kind: 'clip', key: `clip:${clip.videoHash}`, clip };
      if (index < 0) groups.push(entry);
      else groups.splice(index, 0, entry);
    }
    return groups;
  };
  return [...part(true), ...part(false)];
}
