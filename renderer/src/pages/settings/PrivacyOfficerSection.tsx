// Who is privacy officer on this computer: only they lift a protected pupil's block (with a reason) or take the
// "never publish" mark off. The first one names themself by typing their user name again; then only an officer names
// or removes others. Every change is logged.
import { useId, useState, type FormEvent } from 'react';
import { call } from '../../api';
import { DoneMessage } from '../../components/DoneMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useQuery } from '../../components/useQuery';
import { useI18n } from '../../i18n';

export function PrivacyOfficerSection() {
  const { t } = useI18n();
  const ids = useId();
  const role = useQuery('privacyOfficers', () => call('getPrivacyOfficers', {}));
  const [osUser, setOsUser] = useState('');
  const [confirm, setConfirm] = useState('');
  const action = useAction();
  const state = role.data;
  const nobody = state !== null && state.officers.length === 0;
  // With nobody named yet, the only possible first officer is the user of this session.
  const who = nobody && state ? state.you : osUser.trim();

  async function change(grant: boolean, user: string, event?: FormEvent) {
    event?.preventDefault();
    const done = await action.run(
      () => call(grant ? 'grantPrivacyOfficer' : 'revokePrivacyOfficer', { osUser: user, confirm }),
      { done: t(grant ? 'ui.officer.granted' : 'ui.officer.revoked', { osUser: user }) },
    );
    if (done) {
      role.setData(done.value);
      setConfirm('');
      setOsUser('');
    }
  }

  return (
    <section className="settings-section" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('ui.officer.title')}</h2>
      <p className="muted">{t('ui.officer.intro')}</p>
      {state && (
        <p role="status">
          {nobody ? t('ui.officer.nobody') : t('ui.officer.list', { officers: state.officers.join(', ') })}{' '}
          {state.youAre ? t('ui.officer.youAre') : ''}
        </p>
      )}
      {state && (nobody || state.youAre) && (
        <form className="form-row" onSubmit={(event) => void change(true, who, event)}>
          {!nobody && (
            <Field label="ui.officer.osUser">
              <input
                name="officerOsUser"
                value={osUser}
                spellCheck={false}
                onChange={(e) => setOsUser(e.target.value)}
              />
            </Field>
          )}
          <Field label="ui.officer.confirm" grow>
            <input
              name="officerConfirm"
              value={confirm}
              spellCheck={false}
              placeholder={who}
              onChange={(e) => setConfirm(e.target.value)}
            />
          </Field>
          <div className="actions">
            <button type="submit" className="primary" disabled={!who || confirm.trim() !== who || action.busy}>
              {nobody ? t('ui.officer.becomeFirst', { osUser: who }) : t('ui.officer.grant')}
            </button>
            {state.youAre && (
              <button
                type="button"
                disabled={!who || confirm.trim() !== who || action.busy}
                onClick={() => void change(false, who)}
              >
                {t('ui.officer.revoke')}
              </button>
            )}
          </div>
        </form>
      )}
      <ErrorAlert error={action.error ?? role.error} />
      <DoneMessage message={action.done} />
    </section>
  );
}
