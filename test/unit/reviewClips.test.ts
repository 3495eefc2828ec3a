// The review's pure rules for clips: which observations a track shows as crops, where clips go among the photos,
// how a track's stored state reads as a review state, and an update that touches a clip.
import { describe, expect, it } from 'vitest';
import { applyReviewUpdate, type EventReview, type ReviewPhoto } from '../../shared/review';
import {
  clipCounts,
  cropIndexes,
  reviewGroups,
  reviewStateKindOfTrack,
  reviewStateOfTrack,
  type ReviewClip,
  type ReviewTrack,
} from '../../shared/reviewClips';

const photo = (hash: string, takenAt: string | null, open: boolean): ReviewPhoto => ({
  photoHash: hash,
  fileName: `${hash}.jpg`,
  takenAt,
  width: 300,
  height: 200,
  burst: null,
  decision: null,
  items: [
    {
      regionId: hash.length,
      photoHash: hash,
      box: { x: 0.1, y: 0.1, w: 0.1, h: 0.1 },
      source: 'detector',
      tagName: '',
      state: open ? 'open' : 'guest',
      status: 'unknown',
      person: null,
      needsName: open,
      offer: null,
      visibility: null,
    },
  ],
});

const track = (trackId: number, state: ReviewTrack['state']): ReviewTrack => ({
  trackId,
  videoHash: 'v',
  state,
  person: null,
  needsName: state === 'open',
  firstFrame: 0,
  lastFrame: 10,
  observed: 3,
  startSeconds: 0,
  endSeconds: 0.4,
  splitFrom: null,
  crops: [],
});

const clip = (hash: string, takenAt: string | null, tracks: ReviewTrack[]): ReviewClip => ({
  videoHash: hash,
  fileName: `${hash}.mp4`,
  takenAt,
  width: 640,
  height: 360,
  frameRate: 25,
  durationSeconds: 2,
  scanned: true,
  tracks,
});

describe('crops along a track', () => {
  it('takes every observation up to five, else the first, the last and evenly between', () => {
    expect(cropIndexes(0)).toEqual([]);
    expect(cropIndexes(1)).toEqual([0]);
    expect(cropIndexes(3)).toEqual([0, 1, 2]);
    expect(cropIndexes(5)).toEqual([0, 1, 2, 3, 4]);
    expect(cropIndexes(6)).toEqual([0, 1, 3, 4, 5]);
    expect(cropIndexes(101)).toEqual([0, 25, 50, 75, 100]);
    expect(cropIndexes(2, 3)).toEqual([0, 1]);
  });
});

describe('clips among the photos', () => {
  it('puts clips with a track to name among the photos to name, by time; an undated clip last in its part', () => {
    const photos = [
      photo('a', '2026-06-12T09:00:00', true),
      photo('b', '2026-06-12T11:00:00', true),
      photo('c', '2026-06-12T08:00:00', false),
    ];
    const clips = [
      clip('undated', null, [track(1, 'open')]),
      clip('ten', '2026-06-12T10:00:00Z', [track(2, 'open')]),
      clip('done', '2026-06-12T07:00:00Z', [track(3, 'person')]),
      clip('early', '2026-06-12T08:30:00+00:00', [track(4, 'open')]),
    ];
    expect(reviewGroups(photos, clips).map((group) => group.key)).toEqual([
      'clip:early',
      'photo:a',
      'clip:ten',
      'photo:b',
      'clip:undated',
      'clip:done',
      'photo:c',
    ]);
    expect(clipCounts(clips)).toEqual({ open: 3, faces: 4 });
    expect(clipCounts([clip('x', null, [track(5, 'notAPerson'), track(6, 'guest')])])).toEqual({ open: 0, faces: 1 });
  });
});

describe('a track’s state in the review', () => {
  it('reads linked as a person, dismissed as not a person', () => {
    expect(reviewStateKindOfTrack('linked')).toBe('person');
    expect(reviewStateKindOfTrack('dismissed')).toBe('notAPerson');
    expect(reviewStateKindOfTrack('guest')).toBe('guest');
    expect(reviewStateKindOfTrack('open')).toBe('open');
    expect(reviewStateOfTrack({ state: 'linked', personId: 7 })).toEqual({ kind: 'person', personId: 7 });
    expect(reviewStateOfTrack({ state: 'dismissed', personId: null })).toEqual({ kind: 'notAPerson' });
  });

  it('applies an update that touches a clip in place, every other photo and clip the same object', () => {
    const photos = [photo('a', null, true)];
    const clips = [clip('one', null, [track(1, 'open')]), clip('two', null, [track(2, 'open')])];
    const counts = { photos: 1, publish: 0, hide: 0, blocked: 0, needsReview: 0, open: 3, faces: 3 };
    const review: EventReview = { eventId: 1, eventName: 'E', scope: 'event', picks: 0, photos, clips, counts };
    const changed = clip('two', null, [track(2, 'person')]);
    const after = applyReviewUpdate(review, {
      photos: [],
      clips: [changed],
      countsChange: { photos: 0, publish: 0, hide: 0, blocked: 0, needsReview: 0, open: -1, faces: 0 },
    });
    expect(after.clips[0]).toBe(clips[0]);
    expect(after.clips[1]).toBe(changed);
    expect(after.photos[0]).toBe(photos[0]);
    expect(after.counts.open).toBe(2);
  });
});
