import type { SerializedError } from '../../../shared/errors';
import { useI18n } from '../i18n';

/** An error from the app, in words from its code. */
export function ErrorAlert({ error }: { error: SerializedError | null }) {
  const { tError } = useI18n();
  if (!error) return null;
  return (
    <p role="alert" className="error alert">
      {tError(error)}
    </p>
  );
}
