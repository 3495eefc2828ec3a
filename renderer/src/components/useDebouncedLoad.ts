// A query that follows what the user types: it runs a moment after the last change, and only the newest answer
// reaches the screen (an older one that arrives late is dropped).
import { useEffect, useRef } from 'react';
import type { SerializedError } from '../../../shared/errors';
import { errorOf } from '../api';

export interface DebouncedLoadHandlers<T> {
  readonly value: (value: T) => void;
  readonly error: (error: SerializedError) => void;
}

/** Runs `load` `delayMs` after `key` last changed; `key` names the query (a serialised filter, say). */
export function useDebouncedLoad<T>(
  key: string,
  delayMs: number,
  load: () => Promise<T>,
  handlers: DebouncedLoadHandlers<T>,
): void {
  const latest = useRef({ load, handlers });
  // Kept current after each render (effects run in order, so before the timer below is set).
  useEffect(() => {
    latest.current = { load, handlers };
  });
  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(() => {
      latest.current.load().then(
        (value) => live && latest.current.handlers.value(value),
        (caught: unknown) => live && latest.current.handlers.error(errorOf(caught)),
      );
    }, delayMs);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [key, delayMs]);
}
