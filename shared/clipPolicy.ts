// The decision rules of shared/policy.ts for a clip (issue 15): for a clip, a channel and a date, may it be published
// as is, published with tracks masked, or not at all — and why, per person. A track is one face followed through the
// frames; a linked track is its person, an open or guest track nobody (hidden), a dismissed one not a person.
//
// "Main subject" over time: a hidden person counts as large in a frame when their box covers more than the photo
// rule's share of the picture (maxHiddenAreaShare, 10% by default); they are the clip's main subject when they are
// large in at least clipMainSubjectShare of its frames (20% by default). Why 20%: a child running past the camera
// is large for a second or two and a mask over that moment leaves the clip intact; a fifth of the clip (3 s of a
// 15 s post, 6 s of a 30 s one) of a large black box is a clip about that child, which masking ruins and which the
// surroundings still identify — the photo rule's reason to block. "Too many": more hidden people on screen at once
// (in any one frame) than maxHiddenPeople, the photo rule applied to each picture a viewer sees; a class walking past
// a few at a time is masked, not blocked.
import type { Box } from './geometry';
import { boxArea } from './geometry';
import {
  identityKey,
  judge,
  protectedBlocker,
  settleDecision,
  type Decision,
  type DecisionInput,
  type DecisionReason,
  type PolicySettings,
  type RegionIdentity,
  type VisiblePerson,
} from './policy';
import type { TrackState } from './videoTracks';

export interface ClipTrack {
  readonly id: number;
  readonly state: TrackState;
  /** Who it is: linked → the person (with their consent); open and guest → unknown. Ignored when dismissed. */
  readonly identity: RegionIdentity;
  /** Whether a detector found it (an open track is then "an unknown face") or a user drew it. */
  readonly source: 'detector' | 'user';
  /** The frames the face is on screen (found or interpolated — not the safety margins) with its box there. */
  readonly onScreen: ReadonlyArray<{ readonly frame: number; readonly box: Box }>;
}

export interface ClipDecisionInput extends Pick<DecisionInput, 'channelLabel' | 'schoolYear' | 'override'> {
  readonly tracks: readonly ClipTrack[];
  /** People the clip's own metadata names (XMP, no boxes): one who must be hidden but has no track blocks the clip. */
  readonly named: readonly RegionIdentity[];
  /** Whether the clip had a face scan: without one nobody knows who is on it, so it is never published unchecked. */
  readonly scanned: boolean;
  readonly frameCount: number;
}

export interface ClipDecision extends Omit<Decision, 'hidden'> {
  /** The tracks to mask in every frame they may be on screen (margins included). */
  readonly hiddenTracks: readonly number[];
  /** Visible people's regionIds are their track ids. */
  readonly visible: readonly VisiblePerson[];
}

export type ClipPolicySettings = Pick<
  PolicySettings,
  'maxHiddenAreaShare' | 'maxHiddenPeople' | 'clipMainSubjectShare'
>;

interface HiddenPerson {
  readonly name: string;
  /** Frames on screen, and frames where the box is larger than the photo rule's share. */
  readonly frames: Set<number>;
  readonly largeFrames: Set<number>;
}

const percent = (share: number): number => Math.round(share * 100);

export function decideClip(input: ClipDecisionInput, settings: ClipPolicySettings): ClipDecision {
  const tracks = input.tracks.filter((track) => track.state !== 'dismissed');
  const reasons: DecisionReason[] = [];
  const hiddenTracks: number[] = [];
  const visibleByPerson = new Map<number, { consentRecordId: number; regionIds: number[] }>();
  const protectedBlockers = new Map<string, DecisionReason>();
  // One entry per hidden person (a linked person's tracks together: they may leave and come back), per unknown track.
  const hiddenPeople = new Map<string, HiddenPerson>();
  const tracked = new Set<string>();

  for (const track of tracks) {
    const key = identityKey(track.identity);
    if (key) tracked.add(key);
    const blocker = protectedBlocker(track.identity);
    if (blocker) protectedBlockers.set(`${blocker.code}|${key ?? ''}`, blocker);
    const judgement = judge({ id: track.id, source: track.source, identity: track.identity }, input);
    reasons.push(judgement.reason);
    if (judgement.visible && track.identity.kind === 'person') {
      const entry = visibleByPerson.get(track.identity.personId) ?? {
        consentRecordId: track.identity.consent.recordId!,
        regionIds: [],
      };
      entry.regionIds.push(track.id);
      visibleByPerson.set(track.identity.personId, entry);
      continue;
    }
    hiddenTracks.push(track.id);
    const personKey = key ?? `track:${track.id}`;
    const person = hiddenPeople.get(personKey) ?? { name: judgement.name, frames: new Set(), largeFrames: new Set() };
    for (const { frame, box } of track.onScreen) {
      person.frames.add(frame);
      if (boxArea(box) > settings.maxHiddenAreaShare) person.largeFrames.add(frame);
    }
    hiddenPeople.set(personKey, person);
  }

  // Named in the file but followed by no track: if they must be hidden, nobody knows where they are.
  const hard: DecisionReason[] = [];
  const namedSeen = new Set<string>();
  for (const identity of input.named) {
    const key = identityKey(identity);
    if (key === null || tracked.has(key) || namedSeen.has(key)) continue;
    namedSeen.add(key);
    const blocker = protectedBlocker(identity);
    if (blocker) protectedBlockers.set(`${blocker.code}|${key}`, blocker);
    const judgement = judge({ id: null, source: 'file', identity }, input);
    reasons.push(judgement.reason);
    if (!judgement.visible)
      hard.push({ code: 'policy.clip.noTrack', params: { name: judgement.name }, regionId: null });
  }

  const soft: DecisionReason[] = [];
  const frameCount = Math.max(1, input.frameCount);
  for (const person of hiddenPeople.values()) {
    const share = person.largeFrames.size / frameCount;
    if (person.largeFrames.size > 0 && share >= settings.clipMainSubjectShare) {
      soft.push({
        code: person.name ? 'policy.clip.mainSubject' : 'policy.clip.mainSubjectUnknown',
        params: {
          name: person.name,
          share: percent(share),
          max: percent(settings.clipMainSubjectShare),
          area: percent(settings.maxHiddenAreaShare),
        },
        regionId: null,
      });
    }
  }
  const atOnce = mostAtOnce([...hiddenPeople.values()].map((person) => person.frames));
  if (atOnce > settings.maxHiddenPeople) {
    soft.push({
      code: 'policy.clip.tooMany',
      params: { count: atOnce, max: settings.maxHiddenPeople },
      regionId: null,
    });
  }

  const review: DecisionReason[] = input.scanned
    ? []
    : [{ code: 'policy.clip.notScanned', params: {}, regionId: null }];
  const outcome = settleDecision(
    { hard, protectedReasons: [...protectedBlockers.values()], review, soft },
    input.override,
    hiddenTracks.length > 0,
  );
  const visible = [...visibleByPerson.entries()].map(([personId, entry]) => ({ personId, ...entry }));
  return { hiddenTracks, visible, reasons, ...outcome };
}

/** The most people on screen in one frame, given each person's frames. */
function mostAtOnce(people: ReadonlyArray<ReadonlySet<number>>): number {
  const perFrame = new Map<number, number>();
  for (const frames of people) for (const frame of frames) perFrame.set(frame, (perFrame.get(frame) ?? 0) + 1);
  let most = 0;
  for (const count of perFrame.values()) most = Math.max(most, count);
  return most;
}
