// The library grid's photos, a page at a time: the decisions of the pages in view are asked for (main decides only
// those photos), the rest of the event is a count. A new filter, target or generation starts again from page 0.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DecisionFilter } from '../../../../shared/decisionFilter';
import type { SerializedError } from '../../../../shared/errors';
import type { ApiResult } from '../../../../shared/ipc';
import { call, errorOf } from '../../api';
import type { PublishTarget } from '../../components/TargetPicker';

export type PhotoItem = ApiResult<'decidePhotoPage'>['items'][number];

const PAGE_SIZE = 200;

interface Loaded {
  readonly key: string;
  readonly total: number | null;
  readonly matching: number | null;
  readonly pages: ReadonlyMap<number, readonly PhotoItem[]>;
  readonly error: SerializedError | null;
}

export interface PhotoPages {
  /** Photos in the event; null until the first page of this question (target, filter) arrives. */
  readonly total: number | null;
  /** Photos the filter keeps; null until the first page arrives. */
  readonly matching: number | null;
  readonly error: SerializedError | null;
  /** The photo at a position, if its page is loaded. */
  itemAt(index: number): PhotoItem | undefined;
  /** Asks for the pages that hold these positions (the grid's rows in view). */
  want(first: number, last: number): void;
  /** The photo hash at a position, loading its page if needed. */
  hashAt(index: number): Promise<string | undefined>;
}

export function usePhotoPages(
  target: PublishTarget,
  eventId: number,
  filter: DecisionFilter,
  /** A change of this asks again (a new index run; a pick while the grid shows the picks only). */
  generation: number | string,
): PhotoPages {
  const key = JSON.stringify([target, eventId, filter, generation]);
  const [loaded, setLoaded] = useState<Loaded>({ key, total: null, matching: null, pages: new Map(), error: null });
  // The pages asked for, of one question: a new key starts a new map (the grid may ask before this hook's effect).
  const requested = useRef({ key, pages: new Map<number, Promise<readonly PhotoItem[]>>() });

  const load = useCallback(
    (page: number): Promise<readonly PhotoItem[]> => {
      if (requested.current.key !== key) requested.current = { key, pages: new Map() };
      const asked = requested.current.pages.get(page);
      if (asked) return asked;
      const promise = call('decidePhotoPage', {
        ...target,
        eventId,
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
        filter,
      }).then(
        (answer) => {
          if (requested.current.key === key) {
            // The first answer to a new question replaces the previous question's pages.
            setLoaded((previous) => ({
              key,
              total: answer.total,
              matching: answer.matching,
              pages: new Map(previous.key === key ? previous.pages : []).set(page, answer.items),
              error: null,
            }));
          }
          return answer.items;
        },
        (caught: unknown) => {
          if (requested.current.key === key) {
            requested.current.pages.delete(page);
            setLoaded((previous) =>
              previous.key === key
                ? { ...previous, error: errorOf(caught) }
                : { key, total: null, matching: null, pages: new Map(), error: errorOf(caught) },
            );
          }
          return [];
        },
      );
      requested.current.pages.set(page, promise);
      return promise;
    },
    // key names target, eventId and filter together
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );

  useEffect(() => {
    void load(0);
  }, [load]);

  const want = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page += 1) void load(page);
    },
    [load],
  );
  const hashAt = useCallback(
    async (index: number) =>
      index < 0 ? undefined : (await load(Math.floor(index / PAGE_SIZE)))[index % PAGE_SIZE]?.photoHash,
    [load],
  );
  // Only answers to this question: while a new filter's first page is on its way, nothing stale is shown.
  const current = loaded.key === key ? loaded : null;
  return {
    total: current?.total ?? null,
    matching: current?.matching ?? null,
    error: current?.error ?? null,
    itemAt: (index) => current?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    want,
    hashAt,
  };
}
