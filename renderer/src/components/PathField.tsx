// A path typed or pasted, with "Browse…" for the shell's native dialog (the browser harness has none: the
// error says to type the path).
import { useState } from 'react';
import type { SerializedError } from '../../../shared/errors';
import type { MessageKey } from '../../../shared/i18n';
import type { FilePurpose } from '../../../shared/ipc/ui';
import { call, errorOf } from '../api';
import { useI18n } from '../i18n';
import { ErrorAlert } from './ErrorAlert';

export function PathField({
  label,
  name,
  value,
  onChange,
  onEnter,
  purpose,
  placeholder,
  help,
}: {
  label: MessageKey;
  name: string;
  value: string;
  onChange: (path: string) => void;
  onEnter?: () => void;
  purpose: FilePurpose;
  placeholder?: MessageKey;
  help?: MessageKey;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<SerializedError | null>(null);
  async function browse() {
    setError(null);
    try {
      const chosen = await call('chooseFile', { purpose });
      if (chosen.path) onChange(chosen.path);
    } catch (caught) {
      setError(errorOf(caught));
    }
  }
  return (
    <div className="field grow">
      <label className="field">
        <span>{t(label)}</span>
        <span className="path-row">
          <input
            type="text"
            name={name}
            value={value}
            spellCheck={false}
            placeholder={placeholder ? t(placeholder) : undefined}
            onChange={(event) => {
              onChange(event.target.value);
              setError(null);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && onEnter) {
                event.preventDefault();
                onEnter();
              }
            }}
          />
          <button type="button" onClick={() => void browse()}>
            {t('ui.browse')}
          </button>
        </span>
      </label>
      {help && <small>{t(help)}</small>}
      <ErrorAlert error={error} />
    </div>
  );
}
