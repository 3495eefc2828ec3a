// The decision for clips on a channel and date (issue 15), built like a photo's in decisions.ts: the same consent
// answers and names, the clip's tracks from its face scan, every frame's boxes worked out again with the scan's own
// tracker options (video/tracks.ts trackBoxes: found, interpolated and margin frames).
import { decideClip, type ClipDecision, type ClipTrack } from '../../../shared/clipPolicy';
import { AppError } from '../../../shared/errors';
import { growBox, type Box } from '../../../shared/geometry';
import type { VideoInfo } from '../../../shared/library';
import type { PolicyConsent, RegionIdentity } from '../../../shared/policy';
import type { VideoScan, VideoTrack } from '../../../shared/videoTracks';
import { consentOn } from '../consent';
import type { ReadableDb } from '../db';
import { eventExists, getVideo, getVideoScan, listEventVideos, listVideoTracks } from '../library';
import { identifyRegion } from '../people';
import { DEFAULT_TRACK_OPTIONS, trackBoxes, type TrackBox, type TrackOptions } from '../video';
import { classesOfEvent, type DecisionContext } from './decisions';

export interface ChosenClip {
  readonly video: VideoInfo;
  /** The event it was chosen in (its classes settle ambiguous names); null for clips chosen by hash alone. */
  readonly eventId: number | null;
}

export interface ClipSelection {
  readonly eventId?: number | undefined;
  readonly photoHashes?: readonly string[] | undefined;
  readonly videoHashes?: readonly string[] | undefined;
}

/**
 * The clips an export or a decision takes: the chosen ones when given (each must be known); else, when an event is
 * chosen — whole or its picks (picks are of photos) — every clip of that event; else none (photos chosen one by one).
 */
export function selectClips(db: ReadableDb, selection: ClipSelection): ChosenClip[] {
  const eventId = selection.eventId ?? null;
  if (selection.videoHashes && selection.videoHashes.length > 0) {
    return [...new Set(selection.videoHashes)].map((hash) => {
      const video = getVideo(db, hash);
      if (!video) throw new AppError('publish.clipUnknown', { clip: hash });
      return { video, eventId };
    });
  }
  if (eventId === null || selection.videoHashes) return [];
  if (!eventExists(db, eventId)) throw new AppError('publish.eventUnknown', { event: eventId });
  return listEventVideos(db, eventId).map((video) => ({ video, eventId }));
}

/** A clip's face scan, its tracks and the tracker options its boxes are worked out with (null without a scan). */
export interface ClipFaces {
  readonly scan: VideoScan | null;
  readonly tracks: readonly VideoTrack[];
  readonly options: TrackOptions | null;
}

export function clipFaces(db: ReadableDb, videoHash: string): ClipFaces {
  const scan = getVideoScan(db, videoHash);
  if (!scan) return { scan: null, tracks: [], options: null };
  return {
    scan,
    tracks: listVideoTracks(db, videoHash),
    options: { ...DEFAULT_TRACK_OPTIONS, ...scan.options, frameCount: scan.frameCount },
  };
}

/** Every frame a track may be on screen, with its box: found, interpolated between, and the margins around. */
export function boxesOfTrack(track: VideoTrack, options: TrackOptions): TrackBox[] {
  return trackBoxes({ id: track.id, observations: track.observations }, options);
}

export interface ClipDecided {
  readonly clip: ChosenClip;
  readonly decision: ClipDecision;
  readonly faces: ClipFaces;
}

/** The decision for one clip; `override` is the user's reason for overriding a block. */
export function decideClipOne(
  db: ReadableDb,
  context: DecisionContext,
  clip: ChosenClip,
  override?: string,
): ClipDecided {
  const lookup = (personId: number): PolicyConsent => {
    context.consulted?.add(personId);
    let answer = context.consent.get(personId);
    if (!answer) {
      const found = consentOn(db, personId, context.channel.id, context.date);
      answer = { status: found.status, recordId: found.recordId };
      context.consent.set(personId, answer);
    }
    return answer;
  };
  const classes = clip.eventId !== null ? classesOfEvent(db, context, clip.eventId) : [];
  const faces = clipFaces(db, clip.video.hash);
  const identify = (name: string, personId: number | null): RegionIdentity =>
    identifyRegion(context.directory, { name, classHint: null, personId }, classes, lookup);
  const tracks: ClipTrack[] = faces.tracks.map((track) => ({
    id: track.id,
    state: track.state,
    source: track.source,
    // Only a person's link names a track; open and guest tracks are nobody (hidden).
    identity: track.state === 'linked' ? identify('', track.personId) : { kind: 'unknown' },
    onScreen:
      faces.options && track.state !== 'dismissed'
        ? boxesOfTrack(track, faces.options).filter((box) => box.kind !== 'margin')
        : [],
  }));
  const decision = decideClip(
    {
      tracks,
      named: clip.video.people.map((name) => identify(name, null)),
      scanned: faces.scan !== null,
      frameCount: faces.scan?.frameCount ?? 0,
      channelLabel: context.channelLabel,
      schoolYear: context.schoolYear,
      override: override ? { reason: override, byPrivacyOfficer: context.privacyOfficer } : null,
    },
    context.settings,
  );
  return { clip, decision, faces };
}

/**
 * What to mask in which frame: every hidden track's box in every frame it may be on screen (found, interpolated and
 * margin frames), grown by the policy's mask margin (hair, ears) like a photo's regions. Frames without masks are absent.
 */
export function maskPlan(decided: ClipDecided, maskMargin: number): Map<number, Box[]> {
  const plan = new Map<number, Box[]>();
  const { faces, decision } = decided;
  if (!faces.options) return plan;
  const hidden = new Set(decision.hiddenTracks);
  for (const track of faces.tracks) {
    if (!hidden.has(track.id)) continue;
    for (const { frame, box } of boxesOfTrack(track, faces.options)) {
      const boxes = plan.get(frame) ?? [];
      boxes.push(growBox(box, maskMargin));
      plan.set(frame, boxes);
    }
  }
  return plan;
}
