// A path typed or pasted, with "Browse…" for the shell's native dialog (the browser harness has none: the
// error says to type the path).
import type { MessageKey } from '../../../shared/i18n';
import type { FilePurpose } from '../../../shared/ipc/ui';
import { call } from '../api';
import { useI18n } from '../i18n';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './useAction';

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
  const browsing = useAction();
  async function browse() {
    const chosen = await browsing.run(() => call('chooseFile', { purpose }));
    if (chosen?.value.path) onChange(chosen.value.path);
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
              browsing.setError(null);
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
      <ErrorAlert error={browsing.error} />
    </div>
  );
}
