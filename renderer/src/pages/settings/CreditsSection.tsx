// Which credits of the photographer stay in exported files, per channel (none by default), and whether to warn
// before an export about photos without a known photographer or copyright.
import { useId, useState, type FormEvent } from 'react';
import { CREDIT_FIELDS, type CreditField, type Settings } from '../../../../shared/types';
import { call } from '../../api';
import { DoneMessage } from '../../components/DoneMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { useChannels } from '../../components/useChannels';
import { useQuery } from '../../components/useQuery';
import { useI18n } from '../../i18n';

export function CreditsSection() {
  const { t } = useI18n();
  const ids = useId();
  const loaded = useQuery('settings', () => call('getSettings', {}));
  return (
    <section className="settings-section" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('ui.credits.title')}</h2>
      <p className="muted">{t('ui.credits.intro')}</p>
      {loaded.data === null && !loaded.error && <p>{t('common.loading')}</p>}
      {loaded.data === null ? <ErrorAlert error={loaded.error} /> : <CreditsForm settings={loaded.data} />}
    </section>
  );
}

function CreditsForm({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const { channels, label } = useChannels();
  const [credits, setCredits] = useState(settings.exportCredits);
  const [flag, setFlag] = useState(settings.flagMissingCredit);
  const [saved, setSaved] = useState(false);
  const saving = useAction();

  const toggle = (channelId: string, field: CreditField, on: boolean) => {
    const current = credits[channelId] ?? [];
    const next = on ? [...current, field] : current.filter((f) => f !== field);
    setCredits({ ...credits, [channelId]: CREDIT_FIELDS.filter((f) => next.includes(f)) });
    setSaved(false);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    // Channels without a choice are left out: nothing kept is the default.
    const exportCredits = Object.fromEntries(
      Object.entries(credits).flatMap(([channelId, fields]) => (fields.length > 0 ? [[channelId, [...fields]]] : [])),
    );
    const answer = await saving.run(() => call('updateSettings', { exportCredits, flagMissingCredit: flag }));
    if (!answer) return;
    setCredits(answer.value.exportCredits);
    setFlag(answer.value.flagMissingCredit);
    setSaved(true);
  }

  return (
    <form className="form" onSubmit={save}>
      <table className="table compact credits">
        <thead>
          <tr>
            <th scope="col">{t('ui.credits.channel')}</th>
            {CREDIT_FIELDS.map((field) => (
              <th key={field} scope="col">
                {t(`ui.credits.field.${field}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {channels
            .filter((channel) => channel.retiredAt === null)
            .map((channel) => (
              <tr key={channel.id}>
                <th scope="row">{label(channel.id)}</th>
                {CREDIT_FIELDS.map((field) => (
                  <td key={field}>
                    <input
                      type="checkbox"
                      aria-label={t('ui.credits.keep', {
                        field: t(`ui.credits.field.${field}`),
                        channel: label(channel.id),
                      })}
                      checked={(credits[channel.id] ?? []).includes(field)}
                      onChange={(event) => toggle(channel.id, field, event.target.checked)}
                    />
                  </td>
                ))}
              </tr>
            ))}
        </tbody>
      </table>
      <label className="check">
        <input
          type="checkbox"
          checked={flag}
          onChange={(event) => {
            setFlag(event.target.checked);
            setSaved(false);
          }}
        />{' '}
        {t('ui.credits.flagMissing')}
      </label>
      <div className="actions">
        <button type="submit" className="primary">
          {t('ui.credits.save')}
        </button>
        <DoneMessage message={saved ? t('ui.credits.saved') : null} inline />
      </div>
      <ErrorAlert error={saving.error} />
    </form>
  );
}
