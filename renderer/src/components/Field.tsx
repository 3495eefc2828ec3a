import type { ReactNode } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import { useI18n } from '../i18n';

/** A form control with its label above it and an optional help line below; `grow` takes the free width of a row. */
export function Field({
  label,
  help,
  grow = false,
  children,
}: {
  label: MessageKey;
  help?: MessageKey;
  grow?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <label className={grow ? 'field grow' : 'field'}>
      <span>{t(label)}</span>
      {children}
      {help && <small>{t(help)}</small>}
    </label>
  );
}
