// The state of one review session: the list from the app in a fixed order (faces do not jump while you work),
// naming shown at once (optimistically) and confirmed by the app's answer — the touched photos (or clip) with their
// new decision and the change of the counts, applied in place — focus that moves to the next face to name at once,
// and an undo stack (a track's split too: its undo joins the parts and gives the track back its name). A clip's face
// tracks are named the same way as a photo's faces (keys 'r<region>' and 't<track>'). Photos and clips a step did
// not touch stay the same objects, so their rows are not drawn again.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SerializedError } from '../../../../shared/errors';
import type { PersonRef } from '../../../../shared/people';
import {
  applyReviewUpdate,
  type BurstOffer,
  type EventReview,
  type ReviewItem,
  type ReviewPhoto,
  type ReviewState,
  type ReviewStateKind,
} from '../../../../shared/review';
import { reviewGroups, type ReviewClip, type ReviewGroup, type ReviewTrack } from '../../../../shared/reviewClips';
import { call, errorOf } from '../../api';
import type { PublishTarget } from '../../components/TargetPicker';

type Scope = 'picks' | 'event';

interface Override {
  readonly token: number;
  readonly state: ReviewState;
  readonly person: PersonRef | null;
}

/** A face of a photo ('r<region>') or a track of a clip ('t<track>'). */
export type FaceKey = string;
export const regionKey = (regionId: number): FaceKey => `r${regionId}`;
export const trackKey = (trackId: number): FaceKey => `t${trackId}`;
/** The id of the element that shows this face. */
export const faceElementId = (key: FaceKey): string => `${key.startsWith('t') ? 'track' : 'face'}-${key.slice(1)}`;

/** A face or track as the keyboard moves over them. */
export interface ReviewFace {
  readonly key: FaceKey;
  readonly needsName: boolean;
  readonly offer: BurstOffer | null;
  readonly state: ReviewStateKind;
  readonly person: PersonRef | null;
}

interface UndoEntry {
  readonly token: number;
  readonly key: FaceKey;
  readonly previous: ReviewState;
  readonly person: PersonRef | null;
  /** A split: the part it made (the undo joins it to `key`'s track again, in state `previous`). */
  readonly partId?: number;
}

export interface ReviewSession {
  readonly review: EventReview | null;
  /** The photos and clips in the order of the first load, with what was just done shown already. */
  readonly groups: readonly ReviewGroup[];
  /** Every face and track in screen order. */
  readonly faces: readonly ReviewFace[];
  readonly focus: FaceKey | null;
  readonly pending: number;
  readonly error: SerializedError | null;
  readonly scope: Scope | undefined;
  readonly canUndo: boolean;
  /** Counts the splits done: the stills of new tracks are to be fetched. */
  readonly splits: number;
  setScope(scope: Scope): void;
  setFocus(key: FaceKey): void;
  /** Moves focus by `step` faces (any state). */
  move(step: number): void;
  /** Puts the focused face in this state (a person with who it is). */
  act(state: ReviewState, person?: PersonRef | null): void;
  undo(): void;
  /** Splits a track where two people cross: from this frame on it is a new track, shown right after it. */
  split(trackId: number, atFrame: number): void;
}

function stateOf(item: ReviewFace): { state: ReviewState; person: PersonRef | null } {
  if (item.state === 'person' && item.person) {
    return { state: { kind: 'person', personId: item.person.personId }, person: item.person };
  }
  if (item.state === 'notAPerson' || item.state === 'guest') return { state: { kind: item.state }, person: null };
  return { state: { kind: 'open' }, person: null };
}

function withOverride(item: ReviewItem, override: Override | undefined): ReviewItem {
  if (!override) return item;
  const kind = override.state.kind;
  return {
    ...item,
    state: kind,
    person: kind === 'person' ? override.person : kind === 'open' && item.status === 'matched' ? item.person : null,
    needsName: kind === 'open' && item.status !== 'matched',
    offer: kind === 'open' ? item.offer : null,
  };
}

function withTrackOverride(track: ReviewTrack, override: Override | undefined): ReviewTrack {
  if (!override) return track;
  const kind = override.state.kind;
  return { ...track, state: kind, person: kind === 'person' ? override.person : null, needsName: kind === 'open' };
}

interface Shown {
  readonly overrides: ReadonlyArray<Override | undefined>;
  readonly group: ReviewGroup;
}

/** A photo as the screen shows it: its faces in the order of the first load, with what was just done. */
function showPhoto(
  photo: ReviewPhoto,
  regionIds: readonly number[],
  overrides: ReadonlyMap<FaceKey, Override>,
): ReviewPhoto {
  const items = new Map(photo.items.map((item) => [item.regionId, item]));
  const known = new Set(regionIds);
  const ordered = [
    ...regionIds.flatMap((id) => (items.has(id) ? [items.get(id)!] : [])),
    ...photo.items.filter((item) => !known.has(item.regionId)),
  ];
  return { ...photo, items: ordered.map((item) => withOverride(item, overrides.get(regionKey(item.regionId)))) };
}

/** A clip as the screen shows it: its tracks in the order of the first load, a part split off right after its origin. */
function showClip(
  clip: ReviewClip,
  trackIds: readonly number[],
  overrides: ReadonlyMap<FaceKey, Override>,
): ReviewClip {
  const tracks = new Map(clip.tracks.map((track) => [track.trackId, track]));
  const known = new Set(trackIds);
  const fresh = clip.tracks.filter((track) => !known.has(track.trackId));
  const placed = new Set<number>();
  const ordered: ReviewTrack[] = [];
  const placeAfter = (id: number) => {
    for (const part of fresh)
      if (part.splitFrom === id && !placed.has(part.trackId)) {
        placed.add(part.trackId);
        ordered.push(part);
        placeAfter(part.trackId);
      }
  };
  for (const id of trackIds) {
    const track = tracks.get(id);
    if (track) ordered.push(track);
    placeAfter(id);
  }
  ordered.push(...fresh.filter((track) => !placed.has(track.trackId)));
  return { ...clip, tracks: ordered.map((track) => withTrackOverride(track, overrides.get(trackKey(track.trackId)))) };
}

function facesOf(group: ReviewGroup): ReviewFace[] {
  if (group.kind === 'photo')
    return group.photo.items.map((item) => ({
      key: regionKey(item.regionId),
      needsName: item.needsName,
      offer: item.offer,
      state: item.state,
      person: item.person,
    }));
  return group.clip.tracks.map((track) => ({
    key: trackKey(track.trackId),
    needsName: track.needsName,
    offer: null,
    state: track.state,
    person: track.person,
  }));
}

const idsOf = (group: ReviewGroup): number[] =>
  group.kind === 'photo'
    ? group.photo.items.map((item) => item.regionId)
    : group.clip.tracks.map((track) => track.trackId);

export function useReviewSession(eventId: number, target: PublishTarget): ReviewSession {
  const [scope, setScope] = useState<Scope | undefined>(undefined);
  const [review, setReview] = useState<EventReview | null>(null);
  // The groups ('photo:<hash>', 'clip:<hash>') in the order of the first load, each with its faces' or tracks' ids.
  const [order, setOrder] = useState<ReadonlyArray<readonly [string, readonly number[]]>>([]);
  const [overrides, setOverrides] = useState<ReadonlyMap<FaceKey, Override>>(new Map());
  const [undoStack, setUndoStack] = useState<readonly UndoEntry[]>([]);
  const [focus, setFocus] = useState<FaceKey | null>(null);
  const [pending, setPending] = useState(0);
  const [splits, setSplits] = useState(0);
  const [error, setError] = useState<SerializedError | null>(null);
  const tokens = useRef(0);
  // Which load the review on screen comes from: an answer to a step sent for an earlier one (another scope) is not
  // applied to this one (the new load already shows what the step did).
  const loads = useRef(0);
  const query = useMemo(() => ({ eventId, ...target, ...(scope ? { scope } : {}) }), [eventId, target, scope]);

  useEffect(() => {
    let live = true;
    loads.current += 1;
    call('getEventReview', query).then(
      (loaded) => {
        if (!live) return;
        const groups = reviewGroups(loaded.photos, loaded.clips);
        setReview(loaded);
        setOrder(groups.map((group) => [group.key, idsOf(group)]));
        setOverrides(new Map());
        setUndoStack([]);
        setFocus(groups.flatMap(facesOf).find((face) => face.needsName)?.key ?? null);
      },
      (caught: unknown) => live && setError(errorOf(caught)),
    );
    return () => {
      live = false;
    };
  }, [query]);

  // The screen's group for each photo or clip from the app, kept while the overrides of its faces are the same: a
  // memo (filled while rendering, idempotent), so a step redraws only the photo or clip it touched.
  const [shown] = useState(() => new WeakMap<ReviewPhoto | ReviewClip, Shown>());
  const groups = useMemo(() => {
    if (!review) return [];
    const byKey = new Map<string, ReviewPhoto | ReviewClip>([
      ...review.photos.map((photo) => [`photo:${photo.photoHash}`, photo] as const),
      ...review.clips.map((clip) => [`clip:${clip.videoHash}`, clip] as const),
    ]);
    return order.flatMap(([key, ids]): ReviewGroup[] => {
      const source = byKey.get(key);
      if (!source) return [];
      const own =
        'photoHash' in source
          ? source.items.map((item) => overrides.get(regionKey(item.regionId)))
          : source.tracks.map((track) => overrides.get(trackKey(track.trackId)));
      const cached = shown.get(source);
      if (cached && cached.overrides.length === own.length && cached.overrides.every((o, i) => o === own[i]))
        return [cached.group];
      const group: ReviewGroup =
        'photoHash' in source
          ? { kind: 'photo', key, photo: showPhoto(source, ids, overrides) }
          : { kind: 'clip', key, clip: showClip(source, ids, overrides) };
      shown.set(source, { overrides: own, group });
      return [group];
    });
  }, [review, order, overrides, shown]);
  const faces = useMemo(() => groups.flatMap(facesOf), [groups]);

  const send = useCallback(
    (key: FaceKey, state: ReviewState, person: PersonRef | null, token: number) => {
      setOverrides((current) => new Map(current).set(key, { token, state, person }));
      setPending((count) => count + 1);
      const load = loads.current;
      const id = Number(key.slice(1));
      const step = key.startsWith('t')
        ? call('reviewTrack', { trackId: id, state })
        : call('reviewRegion', { regionId: id, state, review: query });
      step
        .then(
          (answer) => {
            if (load === loads.current) setReview((current) => current && applyReviewUpdate(current, answer.update));
          },
          (caught: unknown) => {
            setError(errorOf(caught));
            setUndoStack((stack) => stack.filter((entry) => entry.token !== token));
          },
        )
        .finally(() => {
          setPending((count) => count - 1);
          setOverrides((current) => {
            if (current.get(key)?.token !== token) return current;
            const next = new Map(current);
            next.delete(key);
            return next;
          });
        });
    },
    [query],
  );

  const act = useCallback(
    (state: ReviewState, person: PersonRef | null = null) => {
      const index = faces.findIndex((face) => face.key === focus);
      const face = faces[index];
      if (!face) return;
      const token = ++tokens.current;
      setError(null);
      setUndoStack((stack) => [...stack, { token, key: face.key, ...undoOf(face) }]);
      send(face.key, state, person, token);
      // On to the next face that still needs a name (after this one, then from the top).
      const rest = [...faces.slice(index + 1), ...faces.slice(0, index)];
      const next = rest.find((candidate) => candidate.needsName);
      setFocus(next ? next.key : face.key);
    },
    [faces, focus, send],
  );

  /** A split's undo: the part joins its track again; refused by the app once either part was named or marked. */
  const unsplit = useCallback((partId: number, restore: ReviewState) => {
    setPending((count) => count + 1);
    const load = loads.current;
    call('unsplitReviewTrack', { trackId: partId, restore })
      .then(
        (answer) => {
          if (load === loads.current) setReview((current) => current && applyReviewUpdate(current, answer.update));
        },
        (caught: unknown) => setError(errorOf(caught)),
      )
      .finally(() => setPending((count) => count - 1));
  }, []);

  const undo = useCallback(() => {
    const last = undoStack.at(-1);
    if (!last) return;
    setUndoStack((stack) => stack.slice(0, -1));
    setError(null);
    if (last.partId !== undefined) unsplit(last.partId, last.previous);
    else send(last.key, last.previous, last.person, ++tokens.current);
    setFocus(last.key);
  }, [undoStack, send, unsplit]);

  const split = useCallback(
    (trackId: number, atFrame: number) => {
      setError(null);
      setPending((count) => count + 1);
      const load = loads.current;
      const before = faces.find((face) => face.key === trackKey(trackId));
      call('splitReviewTrack', { trackId, atFrame })
        .then(
          (answer) => {
            if (load === loads.current) setReview((current) => current && applyReviewUpdate(current, answer.update));
            setSplits((count) => count + 1);
            setFocus(trackKey(trackId));
            const token = ++tokens.current;
            const person = before ? undoOf(before).person : null;
            setUndoStack((stack) => [
              ...stack,
              { token, key: trackKey(trackId), previous: answer.previous, person, partId: answer.newTrackId },
            ]);
          },
          (caught: unknown) => setError(errorOf(caught)),
        )
        .finally(() => setPending((count) => count - 1));
    },
    [faces],
  );

  const move = useCallback(
    (step: number) => {
      if (faces.length === 0) return;
      const index = Math.max(
        0,
        faces.findIndex((face) => face.key === focus),
      );
      setFocus(faces[Math.max(0, Math.min(faces.length - 1, index + step))]!.key);
    },
    [faces, focus],
  );

  return {
    review,
    groups,
    faces,
    focus,
    pending,
    error,
    scope: scope ?? review?.scope,
    canUndo: undoStack.length > 0,
    splits,
    setScope,
    setFocus,
    move,
    act,
    undo,
    split,
  };
}

function undoOf(face: ReviewFace): { previous: ReviewState; person: PersonRef | null } {
  const { state, person } = stateOf(face);
  return { previous: state, person };
}
