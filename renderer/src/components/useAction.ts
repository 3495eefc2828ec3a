// The one hook for changing something through the app: busy while it runs (with what is happening), the error
// if it failed, and the message to show when it succeeded.
import { useCallback, useState } from 'react';
import type { SerializedError } from '../../../shared/errors';
import type { MessageKey } from '../../../shared/i18n';
import { errorOf } from '../api';

export interface RunOptions<T> {
  /** What is happening, for a Busy bar while it runs. */
  readonly busy?: MessageKey;
  /** The message shown when it succeeded. */
  readonly done?: string | ((value: T) => string);
}

export interface Action {
  /** True while an action runs. */
  readonly busy: boolean;
  /** The running action's label (for `<Busy label={…} />`); null when idle or when it has none. */
  readonly busyLabel: MessageKey | null;
  readonly error: SerializedError | null;
  /** The message of the last action that succeeded; cleared when the next one starts. */
  readonly done: string | null;
  /**
   * Clears the error and the message, runs `work`, and resolves to `{ value }` when it succeeded — or to null when
   * it failed, with its error in `error`.
   */
  run<T>(work: () => Promise<T>, options?: RunOptions<T>): Promise<{ readonly value: T } | null>;
  /** Shows an error the page found itself (a field left empty, say), or clears it with null. */
  setError(error: SerializedError | null): void;
  setDone(message: string | null): void;
}

export function useAction(): Action {
  const [busyLabel, setBusyLabel] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SerializedError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = useCallback(async <T>(work: () => Promise<T>, options: RunOptions<T> = {}) => {
    setBusy(true);
    setBusyLabel(options.busy ?? null);
    setError(null);
    setDone(null);
    try {
      const value = await work();
      if (options.done !== undefined) setDone(typeof options.done === 'string' ? options.done : options.done(value));
      return { value };
    } catch (caught) {
      setError(errorOf(caught));
      return null;
    } finally {
      setBusy(false);
      setBusyLabel(null);
    }
  }, []);

  return { busy, busyLabel, error, done, run, setError, setDone };
}
