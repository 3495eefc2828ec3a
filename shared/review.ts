// The event review: every face and region of an event's photos (or of its picks) as one list to name by keyboard,
// the event's roster, bursts (position and size only — never the face itself), and the type-ahead's ranking.
import type { Box } from './geometry';
import { normaliseClassName, normaliseName } from './names';
import type { PersonRef, RegionMatchStatus, RegionSource } from './people';
import type { DecisionStatus } from './policy';
import type { ReviewClip } from './reviewClips';

/** What a person decided about a region in the review; 'open' is "not decided yet". */
export type ReviewState =
  | { readonly kind: 'open' }
  | { readonly kind: 'person'; readonly personId: number }
  | { readonly kind: 'notAPerson' }
  | { readonly kind: 'guest' };

export type ReviewStateKind = ReviewState['kind'];

/** "The same person?": a named box at nearly the same place and size in the previous photo of the burst. */
export interface BurstOffer {
  readonly fromRegionId: number;
  readonly person: PersonRef;
}

export interface ReviewItem {
  readonly regionId: number;
  readonly photoHash: string;
  /** Where to crop; null for a name without a box (a PersonInImage tag). */
  readonly box: Box | null;
  readonly source: RegionSource;
  /** The name the file tagged, if any. */
  readonly tagName: string;
  readonly state: ReviewStateKind;
  /** Who the region is, as the photo screen says it (linked, matched by tag, ambiguous, unmatched, unknown). */
  readonly status: RegionMatchStatus;
  readonly person: PersonRef | null;
  /** Whether a person still has to say who this is (unknown, ambiguous or unmatched, and not decided). */
  readonly needsName: boolean;
  readonly offer: BurstOffer | null;
  /** What the photo's decision does with this region: shown, hidden, or null (no decision asked, or it does not count). */
  readonly visibility: 'visible' | 'hidden' | null;
}

export interface ReviewPhoto {
  readonly photoHash: string;
  readonly fileName: string;
  readonly takenAt: string | null;
  /** The size a viewer sees (boxes are relative to it). */
  readonly width: number;
  readonly height: number;
  /** Photos of one burst share a number (1, 2, …); null for a photo in no burst. */
  readonly burst: number | null;
  /** The decision for the chosen channel and date; null when none was asked for. */
  readonly decision: DecisionStatus | null;
  readonly items: readonly ReviewItem[];
}

export interface ReviewCounts {
  readonly photos: number;
  readonly publish: number;
  readonly hide: number;
  readonly blocked: number;
  readonly needsReview: number;
  /** Faces that still need a name. */
  readonly open: number;
  readonly faces: number;
}

export interface EventReview {
  readonly eventId: number;
  readonly eventName: string;
  /** The picks of the event only, or the whole event. */
  readonly scope: 'picks' | 'event';
  /** How many photos of the event are picked. */
  readonly picks: number;
  /** Photos with a face still to name first, each group in time order. */
  readonly photos: readonly ReviewPhoto[];
  /** The event's clips with their face tracks (shared/reviewClips.ts places them among the photos). */
  readonly clips: readonly ReviewClip[];
  /** Photos and clips together: `open` and `faces` count tracks too. */
  readonly counts: ReviewCounts;
}

/**
 * What one naming step changed, instead of the whole review again: the photos it touched (the region's photo, and
 * the next photo of its burst, whose "the same person?" offers follow from it) as a full review shows them now, and
 * the change of the counts (after minus before, worked out from those photos alone).
 */
export interface ReviewUpdate {
  readonly photos: readonly ReviewPhoto[];
  /** The clip a track step touched, as the full review shows it now. */
  readonly clips?: readonly ReviewClip[];
  readonly countsChange: ReviewCounts;
}

/** The counts of a review's photos. */
export function countsOf(photos: readonly ReviewPhoto[]): ReviewCounts {
  const counts = { photos: photos.length, publish: 0, hide: 0, blocked: 0, needsReview: 0, open: 0, faces: 0 };
  for (const photo of photos) {
    if (photo.decision === 'publish') counts.publish += 1;
    else if (photo.decision === 'hide') counts.hide += 1;
    else if (photo.decision === 'blocked') counts.blocked += 1;
    else if (photo.decision === 'needs_review') counts.needsReview += 1;
    for (const item of photo.items) {
      if (item.needsName) counts.open += 1;
      if (item.state !== 'notAPerson') counts.faces += 1;
    }
  }
  return counts;
}

const COUNT_KEYS = ['photos', 'publish', 'hide', 'blocked', 'needsReview', 'open', 'faces'] as const;

/** a + sign × b, count by count. */
export function addCounts(a: ReviewCounts, b: ReviewCounts, sign: 1 | -1 = 1): ReviewCounts {
  const sum = { ...a };
  for (const key of COUNT_KEYS) sum[key] = a[key] + sign * b[key];
  return sum;
}

/**
 * The review with an update applied: the touched photos replaced where they are (the order stays put; a full
 * review would put a photo with nothing left to name last), every other photo the same object, the counts changed.
 */
export function applyReviewUpdate(review: EventReview, update: ReviewUpdate): EventReview {
  const touched = new Map(update.photos.map((photo) => [photo.photoHash, photo]));
  const touchedClips = new Map((update.clips ?? []).map((clip) => [clip.videoHash, clip]));
  return {
    ...review,
    photos: review.photos.map((photo) => touched.get(photo.photoHash) ?? photo),
    clips: review.clips.map((clip) => touchedClips.get(clip.videoHash) ?? clip),
    counts: addCounts(review.counts, update.countsChange),
  };
}

/** A person the type-ahead may offer. */
export interface ReviewPerson {
  readonly personId: number;
  readonly name: string;
  readonly className: string | null;
  readonly externalKey: string | null;
  /** In one of the classes of the event's roster (ranked first). */
  readonly inRoster: boolean;
}

export interface ReviewPeople {
  readonly roster: readonly string[];
  /** Every class of the registry, to choose the roster from. */
  readonly classes: readonly string[];
  readonly people: readonly ReviewPerson[];
}

// ---------------------------------------------------------------- bursts: geometry only

/** Photos from the same camera (make, model and serial number) taken at most this many seconds after the previous one form a burst. */
export const BURST_GAP_SECONDS = 3;
/** Two boxes are at "nearly the same place" when their centres are at most this share of the boxes' mean width
 * (across) and mean height (down) apart… */
export const BURST_MAX_CENTRE_SHIFT = 0.5;
/** …and their sides differ by at most this factor. */
export const BURST_MAX_SIZE_RATIO = 1.35;

/**
 * Whether two boxes in consecutive photos of a burst are at nearly the same place and size. Positions and sizes
 * only: Fotowacht never compares what a face looks like (AVG art. 9).
 */
export function sameBurstPlace(a: Box, b: Box): boolean {
  const wRatio = Math.max(a.w, b.w) / Math.min(a.w, b.w);
  const hRatio = Math.max(a.h, b.h) / Math.min(a.h, b.h);
  if (!(wRatio <= BURST_MAX_SIZE_RATIO && hRatio <= BURST_MAX_SIZE_RATIO)) return false;
  const dx = Math.abs(a.x + a.w / 2 - (b.x + b.w / 2)) / ((a.w + b.w) / 2);
  const dy = Math.abs(a.y + a.h / 2 - (b.y + b.h / 2)) / ((a.h + b.h) / 2);
  return dx <= BURST_MAX_CENTRE_SHIFT && dy <= BURST_MAX_CENTRE_SHIFT;
}

/** How far apart two boxes' centres are, in box sizes: to pick the nearest of several candidates. */
export function burstDistance(a: Box, b: Box): number {
  const dx = (a.x + a.w / 2 - (b.x + b.w / 2)) / ((a.w + b.w) / 2);
  const dy = (a.y + a.h / 2 - (b.y + b.h / 2)) / ((a.h + b.h) / 2);
  return Math.hypot(dx, dy);
}

export interface BurstPhoto {
  readonly takenAt: string | null;
  readonly cameraMake: string | null;
  readonly cameraModel: string | null;
  /** The body's serial number when the camera writes one: two phones of one model are two cameras. */
  readonly cameraSerial?: string | null;
}

function cameraOf(photo: BurstPhoto): string | null {
  if (!photo.cameraMake && !photo.cameraModel) return null;
  return [photo.cameraMake ?? '', photo.cameraModel ?? '', photo.cameraSerial ?? ''].join('\u0000').toLowerCase();
}

function secondsOf(takenAt: string | null): number | null {
  if (!takenAt) return null;
  // Local camera times without an offset: read them all the same way, only their differences matter.
  const ms = Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(takenAt) ? takenAt : `${takenAt}Z`);
  return Number.isNaN(ms) ? null : ms / 1000;
}

/**
 * Burst numbers for photos (in any order): each photo's predecessor is the latest earlier photo of the same camera;
 * it is in the same burst when at most BURST_GAP_SECONDS lie between them. Photos without a date or camera, and
 * photos alone, get null. Returns, per input index, the burst number and the index of the previous photo in it.
 */
export function findBursts(
  photos: readonly BurstPhoto[],
  gapSeconds = BURST_GAP_SECONDS,
): Array<{ readonly burst: number | null; readonly previous: number | null }> {
  const result: Array<{ burst: number | null; previous: number | null }> = photos.map(() => ({
    burst: null,
    previous: null,
  }));
  const byCamera = new Map<string, Array<{ index: number; at: number }>>();
  photos.forEach((photo, index) => {
    const camera = cameraOf(photo);
    const at = secondsOf(photo.takenAt);
    if (camera === null || at === null) return;
    const list = byCamera.get(camera) ?? [];
    list.push({ index, at });
    byCamera.set(camera, list);
  });
  let next = 1;
  for (const list of [...byCamera.values()]) {
    list.sort((a, b) => a.at - b.at || a.index - b.index);
    for (let i = 1; i < list.length; i += 1) {
      const here = list[i]!;
      const before = list[i - 1]!;
      if (here.at - before.at > gapSeconds) continue;
      const earlier = result[before.index]!;
      if (earlier.burst === null) earlier.burst = next++;
      result[here.index] = { burst: earlier.burst, previous: before.index };
    }
  }
  return result;
}

// ---------------------------------------------------------------- the type-ahead

function words(text: string): string[] {
  return normaliseName(text)
    .split(/[\s,.]+/)
    .filter(Boolean);
}

/** How well one person fits typed text: every typed word must start a word of the name, the class or the key. */
export function personScore(person: ReviewPerson, query: string): number {
  const typed = words(query);
  if (typed.length === 0) return 0;
  const nameWords = words(person.name);
  const classWords = person.className ? [normaliseClassName(person.className), ...words(person.className)] : [];
  const key = person.externalKey ? [normaliseName(person.externalKey)] : [];
  let score = 0;
  for (const word of typed) {
    const inName = nameWords.findIndex((candidate) => candidate.startsWith(word));
    if (inName >= 0) {
      // A first name before a surname: "sem" finds Sem before anyone whose surname starts with "sem".
      score += (nameWords[inName] === word ? 4 : 3) - Math.min(inName, 2) * 0.25;
      continue;
    }
    if (classWords.some((candidate) => candidate === word || candidate.startsWith(word))) {
      score += 2;
      continue;
    }
    if (key.some((candidate) => candidate.startsWith(word))) {
      score += 1;
      continue;
    }
    return 0;
  }
  return score + (person.inRoster ? 10 : 0);
}

/** The people that fit typed text, best first (roster first, then score, then name). */
export function rankPeople(people: readonly ReviewPerson[], query: string, limit = 8): ReviewPerson[] {
  const scored: Array<{ person: ReviewPerson; score: number }> = [];
  for (const person of people) {
    const score = personScore(person, query);
    if (score > 0) scored.push({ person, score });
  }
  scored.sort(
    (a, b) => b.score - a.score || a.person.name.localeCompare(b.person.name) || a.person.personId - b.person.personId,
  );
  return scored.slice(0, limit).map((entry) => entry.person);
}
