import { useEffect, useState, type FormEvent } from 'react';
import type { SerializedError } from '../../../shared/errors';
import { LANGUAGES, type AppInfo, type Language } from '../../../shared/types';
import { call, errorOf } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n';
import { ChannelsSection } from './settings/ChannelsSection';
import { FaceModelSection } from './settings/FaceModelSection';
import { PolicySection } from './settings/PolicySection';

export function SettingsPage() {
  const { t, language, setLanguage } = useI18n();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [displayName, setDisplayName] = useState('');
  const [chosenLanguage, setChosenLanguage] = useState<Language>(language);
  const [status, setStatus] = useState<'idle' | 'saved'>('idle');
  const [error, setError] = useState<SerializedError | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([call('getSettings', {}), call('getAppInfo', {})]).then(
      ([settings, appInfo]) => {
        if (!live) return;
        setDisplayName(settings.displayName);
        setChosenLanguage(settings.language);
        setInfo(appInfo);
      },
      (caught: unknown) => live && setError(errorOf(caught)),
    );
    return () => {
      live = false;
    };
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const saved = await call('updateSettings', { displayName, language: chosenLanguage });
      setDisplayName(saved.displayName);
      setLanguage(saved.language);
      setStatus('saved');
    } catch (caught) {
      setError(errorOf(caught));
    }
  }

  return (
    <section className="page">
      <h1>{t('settings.title')}</h1>
      <section className="settings-section" aria-labelledby="settings-general">
        <h2 id="settings-general">{t('ui.settings.general')}</h2>
        {/* The form waits for the stored values, so nobody edits (or saves) empty defaults. */}
        {info === null && !error && <p>{t('common.loading')}</p>}
        {info !== null && (
          <form className="form narrow" onSubmit={save}>
            <label className="field">
              <span>{t('settings.displayName')}</span>
              <input
                name="displayName"
                value={displayName}
                maxLength={80}
                onChange={(event) => {
                  setDisplayName(event.target.value);
                  setStatus('idle');
                }}
              />
              <small>{t('settings.displayName.help', { osUser: info?.osUser ?? '' })}</small>
            </label>
            <label className="field">
              <span>{t('settings.language')}</span>
              <select
                name="language"
                value={chosenLanguage}
                onChange={(event) => {
                  setChosenLanguage(event.target.value as Language);
                  setStatus('idle');
                }}
              >
                {LANGUAGES.map((option) => (
                  <option key={option} value={option}>
                    {t(`settings.language.${option}`)}
                  </option>
                ))}
              </select>
            </label>
            <div className="actions">
              <button type="submit" className="primary">
                {t('settings.save')}
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
      <ChannelsSection />
      <PolicySection />
      <FaceModelSection />
      {info && (
        <dl className="facts">
          <dt>{t('settings.dataDir')}</dt>
          <dd>
            <code>{info.dataDir}</code>
          </dd>
        </dl>
      )}
    </section>
  );
}
