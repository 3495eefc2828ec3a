// Faces in clips (issue 15), as both sides see them: a clip's scan and its tracks. A track is one person's face
// followed across frames by position, size and motion only (never by what the face looks like). Boxes are
// normalised 0..1 in the orientation a player shows.
import type { Box } from './geometry';

/** open: nobody said who it is (hidden); linked: a person of the registry; guest: not known (hidden); dismissed: not a person. */
export type TrackState = 'open' | 'linked' | 'guest' | 'dismissed';

export interface VideoTrackObservation {
  readonly frame: number;
  readonly box: Box;
  /** The detector's score; null for a box a user drew. */
  readonly score: number | null;
}

export interface VideoTrack {
  readonly id: number;
  readonly videoHash: string;
  readonly source: 'detector' | 'user';
  readonly firstFrame: number;
  readonly lastFrame: number;
  /** Sorted by frame, one per frame at most. */
  readonly observations: readonly VideoTrackObservation[];
  readonly personId: number | null;
  readonly splitFrom: number | null;
  readonly state: TrackState;
}

export interface VideoScan {
  readonly videoHash: string;
  /** The face model that found the faces (its id and version, like a photo's faces_detected_with). */
  readonly model: string;
  /** Every how many frames the detector ran; frames between are covered by the tracks. */
  readonly sampleEvery: number;
  readonly frameCount: number;
  readonly framesSampled: number;
  /** The tracker's options, so that every frame's boxes can be computed again exactly. */
  readonly options: Readonly<Record<string, number>>;
  readonly scannedAt: string;
  readonly scannedBy: string | null;
}
