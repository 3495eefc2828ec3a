// The settings screen: display name and language here; channels, hiding and blocking, and the face model in their
// own sections.
import { useState, type FormEvent } from 'react';
import { LANGUAGES, type Language, type Settings } from '../../../../shared/types';
import { call } from '../../api';
import { DoneMessage } from '../../components/DoneMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useQuery } from '../../components/useQuery';
import { useI18n } from '../../i18n';
import { BoardSection } from './BoardSection';
import { ChannelsSection } from './ChannelsSection';
import { CreditsSection } from './CreditsSection';
import { FaceModelSection } from './FaceModelSection';
import { PolicySection } from './PolicySection';
import { PrivacyOfficerSection } from './PrivacyOfficerSection';

export function SettingsPage() {
  const { t } = useI18n();
  const loaded = useQuery('settings', () => Promise.all([call('getSettings', {}), call('getAppInfo', {})]));
  const info = loaded.data?.[1] ?? null;

  return (
    <section className="page">
      <h1>{t('settings.title')}</h1>
      <section className="settings-section" aria-labelledby="settings-general">
        <h2 id="settings-general">{t('ui.settings.general')}</h2>
        {/* The form waits for the stored values, so nobody edits (or saves) empty defaults. */}
        {loaded.data === null && !loaded.error && <p>{t('common.loading')}</p>}
        {loaded.data === null ? (
          <ErrorAlert error={loaded.error} />
        ) : (
          <GeneralForm settings={loaded.data[0]} osUser={loaded.data[1].osUser} />
        )}
      </section>
      <ChannelsSection />
      <PolicySection />
      <CreditsSection />
      <FaceModelSection />
      <PrivacyOfficerSection />
      <BoardSection />
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

function GeneralForm({ settings, osUser }: { settings: Settings; osUser: string }) {
  const { t, setLanguage } = useI18n();
  const [displayName, setDisplayName] = useState(settings.displayName);
  const [chosenLanguage, setChosenLanguage] = useState<Language>(settings.language);
  const [saved, setSaved] = useState(false);
  const saving = useAction();

  async function save(event: FormEvent) {
    event.preventDefault();
    const answer = await saving.run(() => call('updateSettings', { displayName, language: chosenLanguage }));
    if (!answer) return;
    setDisplayName(answer.value.displayName);
    setLanguage(answer.value.language);
    setSaved(true);
  }

  return (
    <>
      <form className="form narrow" onSubmit={save}>
        <Field label="settings.displayName">
          <input
            name="displayName"
            value={displayName}
            maxLength={80}
            onChange={(event) => {
              setDisplayName(event.target.value);
              setSaved(false);
            }}
          />
          <small>{t('settings.displayName.help', { osUser })}</small>
        </Field>
        <Field label="settings.language">
          <select
            name="language"
            value={chosenLanguage}
            onChange={(event) => {
              setChosenLanguage(event.target.value as Language);
              setSaved(false);
            }}
          >
            {LANGUAGES.map((option) => (
              <option key={option} value={option}>
                {t(`settings.language.${option}`)}
              </option>
            ))}
          </select>
        </Field>
        <div className="actions">
          <button type="submit" className="primary">
            {t('settings.save')}
          </button>
          {/* In the language just chosen. */}
          <DoneMessage message={saved ? t('settings.saved') : null} inline />
        </div>
      </form>
      <ErrorAlert error={saving.error} />
    </>
  );
}
