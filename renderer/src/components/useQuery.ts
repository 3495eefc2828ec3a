// The one hook for reading from the app: the data, the error, whether an answer for the current question is still
// on its way, and a reload. Only the newest answer reaches the screen (an older one that arrives late is dropped);
// while a new question loads, the previous answer stays on screen so a page can show it dimmed.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SerializedError } from '../../../shared/errors';
import { errorOf } from '../api';

export interface Query<T> {
  /** The newest answer; null until the first one arrives. */
  readonly data: T | null;
  /** Why the newest load failed; null after a load that succeeded. */
  readonly error: SerializedError | null;
  /** True from a change of `key` until its answer (or error) arrives. */
  readonly loading: boolean;
  /** Loads the current question again (after a change the page made). */
  reload(): Promise<void>;
  /** Replaces the answer on screen (a page that appends older rows to it, say). */
  setData(data: T): void;
}

export interface QueryOptions {
  /** Wait this long after the last change of `key` before loading: for a query that follows typing. */
  readonly delayMs?: number;
}

interface Answer<T> {
  readonly data: T | null;
  readonly error: SerializedError | null;
  /** The key this answer was loaded for; null before the first one. */
  readonly key: string | null;
}

/**
 * Runs `load` whenever `key` changes; `key` names the question (the id it asks about, or a serialised filter).
 * `load` may change on every render: the one of the latest render is used.
 */
export function useQuery<T>(key: string, load: () => Promise<T>, options: QueryOptions = {}): Query<T> {
  const delayMs = options.delayMs ?? 0;
  const [answer, setAnswer] = useState<Answer<T>>({ data: null, error: null, key: null });
  const latest = useRef({ load, key });
  // Kept current after each render (effects run in order, so before the load below starts).
  useEffect(() => {
    latest.current = { load, key };
  });
  // Each load takes a ticket; only the holder of the newest ticket may write its answer.
  const tickets = useRef(0);

  const fetchFor = useCallback(async (forKey: string) => {
    const ticket = ++tickets.current;
    try {
      const data = await latest.current.load();
      if (ticket === tickets.current) setAnswer({ data, error: null, key: forKey });
    } catch (caught) {
      if (ticket === tickets.current) setAnswer((shown) => ({ ...shown, error: errorOf(caught), key: forKey }));
    }
  }, []);

  useEffect(() => {
    const counter = tickets;
    if (delayMs <= 0) void fetchFor(key);
    const timer = delayMs > 0 ? window.setTimeout(() => void fetchFor(key), delayMs) : undefined;
    return () => {
      window.clearTimeout(timer);
      // An answer still on its way belongs to a question nobody asks any more.
      counter.current += 1;
    };
  }, [key, delayMs, fetchFor]);

  const reload = useCallback(() => fetchFor(latest.current.key), [fetchFor]);
  const setData = useCallback((data: T) => setAnswer((shown) => ({ ...shown, data })), []);

  return { data: answer.data, error: answer.error, loading: answer.key !== key, reload, setData };
}
