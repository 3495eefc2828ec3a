// A path typed or pasted, with "Browse…" for the shell's native dialog (the browser harness has none: the
// error says to type the path). The renderer never hands main a path to act on: Browse… answers with a handle,
// and a typed path is sent to main to be checked for its purpose (pathHandle) right before it is used.
import type { MessageKey } from '../../../shared/i18n';
import type { FileChoice, FilePurpose } from '../../../shared/ipc/ui';
import { call } from '../api';
import { useI18n } from '../i18n';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './useAction';

/** What a path field holds: the text shown, and the handle main gave for it when it came from Browse…. */
export interface PathValue {
  readonly text: string;
  readonly chosen: (FileChoice & { readonly purpose: FilePurpose }) | null;
}

export const noPath: PathValue = { text: '', chosen: null };

/** A typed path, not (yet) checked by main. */
export function typedPath(text: string): PathValue {
  return { text, chosen: null };
}

/**
 * The single-use handle for what the field shows: Browse…'s own, while the text is still the chosen path and the
 * purpose the same; else main checks the typed path for the purpose and answers with a handle (or a coded error).
 */
export async function pathHandle(purpose: FilePurpose, value: PathValue): Promise<string> {
  const { chosen } = value;
  if (chosen && chosen.purpose === purpose && chosen.path === value.text) return chosen.handle;
  return (await call('checkPath', { purpose, path: value.text.trim() })).handle;
}

/** After a handle was used: the field keeps its text, and the next use checks it again. */
export function spent(value: PathValue): PathValue {
  return { text: value.text, chosen: null };
}

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
  value: PathValue;
  onChange: (value: PathValue) => void;
  onEnter?: () => void;
  purpose: FilePurpose;
  placeholder?: MessageKey;
  help?: MessageKey;
}) {
  const { t } = useI18n();
  const browsing = useAction();
  async function browse() {
    const answer = await browsing.run(() => call('chooseFile', { purpose }));
    const choice = answer?.value.choice;
    if (choice) onChange({ text: choice.path, chosen: { ...choice, purpose } });
  }
  return (
    <div className="field grow">
      <label className="field">
        <span>{t(label)}</span>
        <span className="path-row">
          <input
            type="text"
            name={name}
            value={value.text}
            spellCheck={false}
            placeholder={placeholder ? t(placeholder) : undefined}
            onChange={(event) => {
              onChange(typedPath(event.target.value));
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
