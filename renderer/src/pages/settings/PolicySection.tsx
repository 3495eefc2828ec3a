// How hidden people are hidden and when a photo is blocked instead: hide style, margin and the two thresholds.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { SerializedError } from '../../../../shared/errors';
import type { Settings } from '../../../../shared/types';
import { call, errorOf } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';

/** Shares are stored as 0..1 and shown as whole percentages. */
const toPercent = (share: number) => String(Math.round(share * 1000) / 10);

export function PolicySection() {
  const { t } = useI18n();
  const ids = useId();
  const [hideStyle, setHideStyle] = useState<Settings['hideStyle']>('mask');
  const [margin, setMargin] = useState('');
  const [maxShare, setMaxShare] = useState('');
  const [maxPeople, setMaxPeople] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [status, setStatus] = useState<'idle' | 'saved'>('idle');
  const [error, setError] = useState<SerializedError | null>(null);

  function show(settings: Settings) {
    setHideStyle(settings.hideStyle);
    setMargin(toPercent(settings.maskMargin));
    setMaxShare(toPercent(settings.maxHiddenAreaShare));
    setMaxPeople(String(settings.maxHiddenPeople));
    setLoaded(true);
  }

  useEffect(() => {
    call('getSettings', {}).then(show, (caught: unknown) => setError(errorOf(caught)));
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      show(
        await call('updateSettings', {
          hideStyle,
          maskMargin: Number(margin) / 100,
          maxHiddenAreaShare: Number(maxShare) / 100,
          maxHiddenPeople: Number(maxPeople),
        }),
      );
      setStatus('saved');
    } catch (caught) {
      setError(errorOf(caught));
    }
  }

  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setStatus('idle');
    };

  return (
    <section className="settings-section" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('ui.policy.title')}</h2>
      <p className="muted">{t('ui.policy.intro')}</p>
      {!loaded && !error && <p>{t('common.loading')}</p>}
      {loaded && (
        <form className="form" onSubmit={save}>
          <fieldset className="field">
            <legend>{t('ui.policy.hideStyle')}</legend>
            {(['mask', 'pixelate'] as const).map((style) => (
              <label key={style} className="check">
                <input
                  type="radio"
                  name="hideStyle"
                  value={style}
                  checked={hideStyle === style}
                  onChange={() => edited(setHideStyle)(style)}
                />
                <span>
                  {t(`ui.policy.hideStyle.${style}`)}
                  <small className="block muted">{t(`ui.policy.hideStyle.${style}.help`)}</small>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="form-grid aligned">
            <label className="field">
              <span>{t('ui.policy.margin')}</span>
              <input
                type="number"
                name="maskMargin"
                min={0}
                max={100}
                step={1}
                required
                value={margin}
                onChange={(event) => edited(setMargin)(event.target.value)}
              />
              <small>{t('ui.policy.margin.help')}</small>
            </label>
            <label className="field">
              <span>{t('ui.policy.maxShare')}</span>
              <input
                type="number"
                name="maxHiddenAreaShare"
                min={1}
                max={100}
                step={1}
                required
                value={maxShare}
                onChange={(event) => edited(setMaxShare)(event.target.value)}
              />
              <small>{t('ui.policy.maxShare.help')}</small>
            </label>
            <label className="field">
              <span>{t('ui.policy.maxPeople')}</span>
              <input
                type="number"
                name="maxHiddenPeople"
                min={0}
                max={100}
                step={1}
                required
                value={maxPeople}
                onChange={(event) => edited(setMaxPeople)(event.target.value)}
              />
              <small>{t('ui.policy.maxPeople.help')}</small>
            </label>
          </div>
          <div className="actions">
            <button type="submit" className="primary">
              {t('ui.policy.save')}
            </button>
            {status === 'saved' && (
              <span role="status" className="ok">
                {t('settings.saved')}
              </span>
            )}
          </div>
        </form>
      )}
      <ErrorAlert error={error} />
    </section>
  );
}
