// How hidden people are hidden and when a photo is blocked instead: hide style, margin and the two thresholds.
import { useId, useState, type FormEvent } from 'react';
import type { MessageKey } from '../../../../shared/i18n';
import type { Settings } from '../../../../shared/types';
import { call } from '../../api';
import { DoneMessage } from '../../components/DoneMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useQuery } from '../../components/useQuery';
import { useI18n } from '../../i18n';

/** Shares are stored as 0..1 and shown as whole percentages. */
const toPercent = (share: number) => String(Math.round(share * 1000) / 10);

export function PolicySection() {
  const { t } = useI18n();
  const ids = useId();
  const loaded = useQuery('settings', () => call('getSettings', {}));
  return (
    <section className="settings-section" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('ui.policy.title')}</h2>
      <p className="muted">{t('ui.policy.intro')}</p>
      {/* The form waits for the stored values, so nobody edits (or saves) empty defaults. */}
      {loaded.data === null && !loaded.error && <p>{t('common.loading')}</p>}
      {loaded.data === null ? <ErrorAlert error={loaded.error} /> : <PolicyForm settings={loaded.data} />}
    </section>
  );
}

/** The form's fields as typed: shares as percentages. */
interface PolicyFields {
  readonly hideStyle: Settings['hideStyle'];
  readonly maskMargin: string;
  readonly maxHiddenAreaShare: string;
  readonly maxHiddenPeople: string;
  readonly clipMainSubjectShare: string;
}

const fieldsOf = (settings: Settings): PolicyFields => ({
  hideStyle: settings.hideStyle,
  maskMargin: toPercent(settings.maskMargin),
  maxHiddenAreaShare: toPercent(settings.maxHiddenAreaShare),
  maxHiddenPeople: String(settings.maxHiddenPeople),
  clipMainSubjectShare: toPercent(settings.clipMainSubjectShare),
});

/** The thresholds and the margin, as whole numbers up to 100 (percentages, or a count of people). */
const NUMBER_FIELDS = [
  { name: 'maskMargin', label: 'ui.policy.margin', help: 'ui.policy.margin.help', min: 0 },
  { name: 'maxHiddenAreaShare', label: 'ui.policy.maxShare', help: 'ui.policy.maxShare.help', min: 1 },
  { name: 'maxHiddenPeople', label: 'ui.policy.maxPeople', help: 'ui.policy.maxPeople.help', min: 0 },
  { name: 'clipMainSubjectShare', label: 'ui.policy.clipShare', help: 'ui.policy.clipShare.help', min: 1 },
] as const satisfies ReadonlyArray<{
  name: Exclude<keyof PolicyFields, 'hideStyle'>;
  label: MessageKey;
  help: MessageKey;
  min: number;
}>;

function PolicyForm({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const [fields, setFields] = useState(() => fieldsOf(settings));
  const [saved, setSaved] = useState(false);
  const saving = useAction();
  const edit = (change: Partial<PolicyFields>) => {
    setFields({ ...fields, ...change });
    setSaved(false);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    const answer = await saving.run(() =>
      call('updateSettings', {
        hideStyle: fields.hideStyle,
        maskMargin: Number(fields.maskMargin) / 100,
        maxHiddenAreaShare: Number(fields.maxHiddenAreaShare) / 100,
        maxHiddenPeople: Number(fields.maxHiddenPeople),
        clipMainSubjectShare: Number(fields.clipMainSubjectShare) / 100,
      }),
    );
    if (!answer) return;
    // The values as stored.
    setFields(fieldsOf(answer.value));
    setSaved(true);
  }

  return (
    <>
      <form className="form" onSubmit={save}>
        <fieldset className="field">
          <legend>{t('ui.policy.hideStyle')}</legend>
          {(['mask', 'pixelate'] as const).map((style) => (
            <label key={style} className="check">
              <input
                type="radio"
                name="hideStyle"
                value={style}
                checked={fields.hideStyle === style}
                onChange={() => edit({ hideStyle: style })}
              />
              <span>
                {t(`ui.policy.hideStyle.${style}`)}
                <small className="block muted">{t(`ui.policy.hideStyle.${style}.help`)}</small>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="form-grid aligned">
          {NUMBER_FIELDS.map((field) => (
            <NumberField
              key={field.name}
              {...field}
              value={fields[field.name]}
              onChange={(value) => edit({ [field.name]: value })}
            />
          ))}
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            {t('ui.policy.save')}
          </button>
          <DoneMessage message={saved ? t('settings.saved') : null} inline />
        </div>
      </form>
      <ErrorAlert error={saving.error} />
    </>
  );
}

/** A whole number from `min` to 100. */
function NumberField(props: {
  name: string;
  label: MessageKey;
  help: MessageKey;
  min: number;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={props.label} help={props.help}>
      <input
        type="number"
        name={props.name}
        min={props.min}
        max={100}
        step={1}
        required
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </Field>
  );
}
