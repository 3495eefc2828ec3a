// The clips of an event in the review: each with its face tracks as rows to name (state, who, span, and a few crops
// along the track at observed frames — the stills themselves are cached by trackFrames.ts).
import { displayName } from '../../../shared/consent';
import type { PersonRef } from '../../../shared/people';
import { cropIndexes, reviewStateKindOfTrack, type ReviewClip, type ReviewTrack } from '../../../shared/reviewClips';
import type { VideoInfo } from '../../../shared/library';
import type { VideoTrack } from '../../../shared/videoTracks';
import type { ReadableDb } from '../db';
import { getVideo, getVideoScan, listEventVideos, listVideoTracks } from '../library';
import type { PeopleDirectory } from '../people';

/** Seconds into the clip of a frame (frames counted from 0 at the clip's frame rate). */
export function frameSeconds(frame: number, frameRate: number): number {
  return frameRate > 0 ? frame / frameRate : 0;
}

/** The frames a track shows as crops. */
export function cropFramesOf(track: VideoTrack): number[] {
  return cropIndexes(track.observations.length).map((index) => track.observations[index]!.frame);
}

function personRef(directory: PeopleDirectory, personId: number | null): PersonRef | null {
  if (personId === null) return null;
  const person = directory.people.get(personId);
  return person ? { personId, name: displayName(person), className: person.className ?? null } : null;
}

export function reviewTrackOf(directory: PeopleDirectory, video: VideoInfo, track: VideoTrack): ReviewTrack {
  const state = reviewStateKindOfTrack(track.state);
  const seconds = (frame: number) => frameSeconds(frame, video.frameRate);
  return {
    trackId: track.id,
    videoHash: track.videoHash,
    state,
    person: state === 'person' ? personRef(directory, track.personId) : null,
    needsName: state === 'open',
    firstFrame: track.firstFrame,
    lastFrame: track.lastFrame,
    observed: track.observations.length,
    startSeconds: seconds(track.firstFrame),
    endSeconds: seconds(track.lastFrame),
    splitFrom: track.splitFrom,
    crops: cropIndexes(track.observations.length).map((index) => {
      const { frame, box } = track.observations[index]!;
      return { frame, seconds: seconds(frame), box };
    }),
  };
}

export function reviewClipOf(db: ReadableDb, directory: PeopleDirectory, video: VideoInfo): ReviewClip {
  return {
    videoHash: video.hash,
    fileName: video.paths[0]?.split(/[\\/]/).pop() ?? '',
    takenAt: video.takenAt,
    width: video.displayWidth,
    height: video.displayHeight,
    frameRate: video.frameRate,
    durationSeconds: video.durationSeconds,
    scanned: getVideoScan(db, video.hash) !== null,
    tracks: listVideoTracks(db, video.hash).map((track) => reviewTrackOf(directory, video, track)),
  };
}

/** Every clip of the event, oldest first. */
export function reviewClips(db: ReadableDb, eventId: number, directory: PeopleDirectory): ReviewClip[] {
  return listEventVideos(db, eventId).map((video) => reviewClipOf(db, directory, video));
}

/** One clip as the review shows it now (null when it is no longer in the library). */
export function reviewClipNow(db: ReadableDb, directory: PeopleDirectory, videoHash: string): ReviewClip | null {
  const video = getVideo(db, videoHash);
  return video ? reviewClipOf(db, directory, video) : null;
}
