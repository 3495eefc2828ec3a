// The state of one review session: the list from the app in a fixed order (faces do not jump while you work),
// naming shown at once (optimistically) and confirmed by the app's answer with the photo's new decision, focus that
// moves to the next face to name, and an undo stack.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SerializedError } from '../../../../shared/errors';
import type { PersonRef } from '../../../../shared/people';
import type { EventReview, ReviewItem, ReviewPhoto, ReviewState } from '../../../../shared/review';
import { call, errorOf } from '../../api';
import type { PublishTarget } from '../../components/TargetPicker';

type Scope = 'picks' | 'event';

interface Override {
  readonly token: number;
  readonly state: ReviewState;
  readonly person: PersonRef | null;
}

interface UndoEntry {
  readonly token: number;
  readonly regionId: number;
  readonly previous: ReviewState;
  readonly person: PersonRef | null;
}

export interface ReviewSession {
  readonly review: EventReview | null;
  /** The photos in the order of the first load, with what was just done shown already. */
  readonly photos: readonly ReviewPhoto[];
  /** Every face in screen order. */
  readonly faces: readonly ReviewItem[];
  readonly focus: number | null;
  readonly pending: number;
  readonly error: SerializedError | null;
  readonly scope: Scope | undefined;
  readonly canUndo: boolean;
  setScope(scope: Scope): void;
  setFocus(regionId: number): void;
  /** Moves focus by `step` faces (any state). */
  move(step: number): void;
  /** Puts the focused face in this state (a person with who it is). */
  act(state: ReviewState, person?: PersonRef | null): void;
  undo(): void;
}

function stateOf(item: ReviewItem): { state: ReviewState; person: PersonRef | null } {
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

export function useReviewSession(eventId: number, target: PublishTarget): ReviewSession {
  const [scope, setScope] = useState<Scope | undefined>(undefined);
  const [review, setReview] = useState<EventReview | null>(null);
  const [order, setOrder] = useState<ReadonlyArray<readonly [string, readonly number[]]>>([]);
  const [overrides, setOverrides] = useState<ReadonlyMap<number, Override>>(new Map());
  const [undoStack, setUndoStack] = useState<readonly UndoEntry[]>([]);
  const [focus, setFocus] = useState<number | null>(null);
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<SerializedError | null>(null);
  const tokens = useRef(0);
  const query = useMemo(() => ({ eventId, ...target, ...(scope ? { scope } : {}) }), [eventId, target, scope]);

  useEffect(() => {
    let live = true;
    call('getEventReview', query).then(
      (loaded) => {
        if (!live) return;
        setReview(loaded);
        setOrder(loaded.photos.map((photo) => [photo.photoHash, photo.items.map((item) => item.regionId)]));
        setOverrides(new Map());
        setUndoStack([]);
        setFocus(loaded.photos.flatMap((photo) => photo.items).find((item) => item.needsName)?.regionId ?? null);
      },
      (caught: unknown) => live && setError(errorOf(caught)),
    );
    return () => {
      live = false;
    };
  }, [query]);

  const photos = useMemo(() => {
    if (!review) return [];
    const byHash = new Map(review.photos.map((photo) => [photo.photoHash, photo]));
    return order.flatMap(([hash, regionIds]) => {
      const photo = byHash.get(hash);
      if (!photo) return [];
      const items = new Map(photo.items.map((item) => [item.regionId, item]));
      const known = new Set(regionIds);
      const ordered = [
        ...regionIds.flatMap((id) => (items.has(id) ? [items.get(id)!] : [])),
        ...photo.items.filter((item) => !known.has(item.regionId)),
      ];
      return [{ ...photo, items: ordered.map((item) => withOverride(item, overrides.get(item.regionId))) }];
    });
  }, [review, order, overrides]);
  const faces = useMemo(() => photos.flatMap((photo) => photo.items), [photos]);

  const send = useCallback(
    (regionId: number, state: ReviewState, person: PersonRef | null, token: number) => {
      setOverrides((current) => new Map(current).set(regionId, { token, state, person }));
      setPending((count) => count + 1);
      call('reviewRegion', { regionId, state, review: query })
        .then(
          (answer) => setReview(answer.review),
          (caught: unknown) => {
            setError(errorOf(caught));
            setUndoStack((stack) => stack.filter((entry) => entry.token !== token));
          },
        )
        .finally(() => {
          setPending((count) => count - 1);
          setOverrides((current) => {
            if (current.get(regionId)?.token !== token) return current;
            const next = new Map(current);
            next.delete(regionId);
            return next;
          });
        });
    },
    [query],
  );

  const act = useCallback(
    (state: ReviewState, person: PersonRef | null = null) => {
      const index = faces.findIndex((item) => item.regionId === focus);
      const item = faces[index];
      if (!item) return;
      const token = ++tokens.current;
      setError(null);
      setUndoStack((stack) => [...stack, { token, regionId: item.regionId, ...undoOf(item) }]);
      send(item.regionId, state, person, token);
      // On to the next face that still needs a name (after this one, then from the top).
      const rest = [...faces.slice(index + 1), ...faces.slice(0, index)];
      const next = rest.find((candidate) => candidate.needsName);
      setFocus(next ? next.regionId : item.regionId);
    },
    [faces, focus, send],
  );

  const undo = useCallback(() => {
    const last = undoStack.at(-1);
    if (!last) return;
    setUndoStack((stack) => stack.slice(0, -1));
    setError(null);
    send(last.regionId, last.previous, last.person, ++tokens.current);
    setFocus(last.regionId);
  }, [undoStack, send]);

  const move = useCallback(
    (step: number) => {
      if (faces.length === 0) return;
      const index = Math.max(
        0,
        faces.findIndex((item) => item.regionId === focus),
      );
      setFocus(faces[Math.max(0, Math.min(faces.length - 1, index + step))]!.regionId);
    },
    [faces, focus],
  );

  return {
    review,
    photos,
    faces,
    focus,
    pending,
    error,
    scope: scope ?? review?.scope,
    canUndo: undoStack.length > 0,
    setScope,
    setFocus,
    move,
    act,
    undo,
  };
}

function undoOf(item: ReviewItem): { previous: ReviewState; person: PersonRef | null } {
  const { state, person } = stateOf(item);
  return { previous: state, person };
}
