// The picks of the event on screen: loaded once per event (and generation), changed at once on screen when a key or
// click picks a photo, then saved; a failure puts the photo back as it was and shows the error.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SerializedError } from '../../../../shared/errors';
import { call, errorOf } from '../../api';

export interface Picks {
  readonly picked: ReadonlySet<string>;
  /** Grows with every change made here: a grid filtered to the picks asks again. */
  readonly version: number;
  /** Whether a pick changed since the event was opened (the event list's counts are then out of date). */
  readonly changed: boolean;
  readonly error: SerializedError | null;
  toggle(hash: string): void;
}

export function usePicks(eventId: number, generation: number): Picks {
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<SerializedError | null>(null);
  // The picks as last changed, for a key pressed again before the next render.
  const current = useRef(picked);

  useEffect(() => {
    let live = true;
    call('listPicks', { eventId }).then(
      (hashes) => {
        if (!live) return;
        current.current = new Set(hashes);
        setPicked(current.current);
      },
      (caught: unknown) => live && setError(errorOf(caught)),
    );
    return () => {
      live = false;
    };
  }, [eventId, generation]);

  const toggle = useCallback(
    (hash: string) => {
      const pick = !current.current.has(hash);
      const apply = (on: boolean) => {
        const next = new Set(current.current);
        if (on) next.add(hash);
        else next.delete(hash);
        current.current = next;
        setPicked(next);
      };
      apply(pick);
      setError(null);
      call('setPicked', { eventId, hashes: [hash], picked: pick }).then(
        () => setVersion((v) => v + 1),
        (caught: unknown) => {
          apply(!pick);
          setError(errorOf(caught));
        },
      );
    },
    [eventId],
  );

  return { picked, version, changed: version > 0, error, toggle };
}
