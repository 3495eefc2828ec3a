// The "never publish" mark on a person: shown plainly at the top of their page; set by anyone (a reason is
// optional), taken off only by the privacy officer with a reason. Every change is logged.
import { useId, useState, type FormEvent } from 'react';
import type { Person } from '../../../../../shared/consent';
import { call } from '../../../api';
import { Busy } from '../../../components/Busy';
import { DoneMessage } from '../../../components/DoneMessage';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useAction } from '../../../components/useAction';
import { useQuery } from '../../../components/useQuery';
import { useI18n } from '../../../i18n';

export function ProtectedPanel({ person, onChanged }: { person: Person; onChanged: () => Promise<void> }) {
  const { t } = useI18n();
  const ids = useId();
  const role = useQuery('privacyOfficers', () => call('getPrivacyOfficers', {}));
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction();
  const removing = person.protected;
  const mayRemove = role.data?.youAre === true;
  const reasonNeeded = removing && reason.trim().length < 3;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (reasonNeeded) return;
    const done = await action.run(
      () =>
        call('setPersonProtected', {
          personId: person.id,
          protected: !removing,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        }),
      { done: t(removing ? 'ui.protected.removed' : 'ui.protected.marked') },
    );
    if (done) {
      setOpen(false);
      setReason('');
      await onChanged();
    }
  }

  return (
    <div
      className={person.protected ? 'panel protected' : 'protected-off'}
      aria-labelledby={`${ids}-title`}
      role="group"
    >
      {person.protected ? (
        <>
          <h3 id={`${ids}-title`}>
            <span className="badge bad">{t('ui.protected.badge')}</span>
          </h3>
          <p>{t('ui.protected.explain')}</p>
        </>
      ) : (
        <span id={`${ids}-title`} className="visually-hidden">
          {t('ui.protected.badge')}
        </span>
      )}
      {!open && (
        <div className="actions">
          <button type="button" className={removing ? '' : 'danger'} aria-expanded={open} onClick={() => setOpen(true)}>
            {t(removing ? 'ui.protected.remove' : 'ui.protected.mark')}
          </button>
          <DoneMessage message={action.done} inline />
        </div>
      )}
      {open && (
        <form className="form" onSubmit={(event) => void submit(event)}>
          <p className="muted">{t(removing ? 'ui.protected.removeIntro' : 'ui.protected.markIntro')}</p>
          {removing && !mayRemove && <p role="alert">{t('ui.protected.officerOnly')}</p>}
          <label className="field">
            <span>{t(removing ? 'ui.protected.reasonRequired' : 'ui.protected.reasonOptional')}</span>
            <textarea
              name="protectedReason"
              value={reason}
              maxLength={500}
              required={removing}
              onChange={(event) => setReason(event.target.value)}
            />
          </label>
          <div className="actions">
            <button
              type="submit"
              className={removing ? 'primary' : 'primary danger'}
              disabled={action.busy || reasonNeeded || (removing && !mayRemove)}
            >
              {t(removing ? 'ui.protected.removeSubmit' : 'ui.protected.markSubmit')}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {t('ui.cancel')}
            </button>
          </div>
        </form>
      )}
      <Busy label={action.busyLabel} />
      <ErrorAlert error={action.error ?? role.error} />
    </div>
  );
}
