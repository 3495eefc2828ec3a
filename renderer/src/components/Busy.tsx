import type { MessageKey } from '../../../shared/i18n';
import { useI18n } from '../i18n';

/** A running action: an indeterminate progress bar with what is happening. */
export function Busy({ label }: { label: MessageKey | null }) {
  const { t } = useI18n();
  if (!label) return null;
  return (
    <div role="status" className="busy">
      <progress aria-label={t(label)} />
      <span>{t(label)}</span>
    </div>
  );
}
