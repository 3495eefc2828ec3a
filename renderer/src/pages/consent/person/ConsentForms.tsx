// The two changes an administrator makes by hand on a person's page — a withdrawal and a manual change — each with
// the reason the history and the audit trail keep (its length rule is the registry's, from shared/consent).
import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import {
  CONSENT_REASON_MAX,
  consentReasonProblem,
  localDay,
  type ConsentRecord,
  type ListConsentStatus,
  type Signer,
} from '../../../../../shared/consent';
import { call } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Field } from '../../../components/Field';
import { useAction } from '../../../components/useAction';
import { useI18n } from '../../../i18n';

interface FormProps<T> {
  personId: number;
  channelIds: readonly string[];
  channelLabel: (id: string) => string;
  onCancel: () => void;
  onSaved: (saved: T) => void;
}

export function WithdrawForm({ personId, channelIds, channelLabel, onCancel, onSaved }: FormProps<ConsentRecord[]>) {
  const { t } = useI18n();
  const today = localDay(new Date());
  const [channelId, setChannelId] = useState<string>('all');
  const [date, setDate] = useState(today);

  return (
    <ReasonForm
      label={t('ui.person.withdraw')}
      title={t('ui.person.withdraw.title')}
      help={t('ui.person.withdraw.help')}
      submitLabel={t('ui.person.withdraw.submit')}
      danger
      onCancel={onCancel}
      save={async (reason) =>
        onSaved(
          // Today: in effect from this moment; an earlier day: from the start of that day.
          await call('withdrawConsent', { personId, channelId, reason, ...(date && date !== today ? { date } : {}) }),
        )
      }
    >
      <ChannelField
        channelIds={channelIds}
        channelLabel={channelLabel}
        value={channelId}
        onChange={setChannelId}
        withAll
      />
      <Field label="ui.person.date">
        <input
          type="date"
          name="date"
          value={date}
          max={today}
          required
          onChange={(event) => setDate(event.target.value)}
        />
      </Field>
    </ReasonForm>
  );
}

export function ManualForm({ personId, channelIds, channelLabel, onCancel, onSaved }: FormProps<ConsentRecord>) {
  const { t } = useI18n();
  const today = localDay(new Date());
  const [chosenChannel, setChannelId] = useState('');
  // The channels may arrive after the form opened: until one is chosen, the first one counts.
  const channelId = chosenChannel || (channelIds[0] ?? '');
  const [status, setStatus] = useState<ListConsentStatus>('granted');
  const [signedBy, setSignedBy] = useState<Signer | ''>('parent');
  const [signedOn, setSignedOn] = useState(today);

  return (
    <ReasonForm
      label={t('ui.person.manual')}
      title={t('ui.person.manual.title')}
      help={t('ui.person.manual.help')}
      submitLabel={t('ui.person.manual.submit')}
      onCancel={onCancel}
      save={async (reason) =>
        onSaved(
          await call('recordManualConsent', {
            personId,
            channelId,
            status,
            reason,
            signedBy: signedBy === '' ? null : signedBy,
            signedOn: signedOn === '' ? null : signedOn,
          }),
        )
      }
    >
      <div className="form-grid">
        <ChannelField channelIds={channelIds} channelLabel={channelLabel} value={channelId} onChange={setChannelId} />
        <Field label="ui.col.status">
          <select name="status" value={status} onChange={(event) => setStatus(event.target.value as ListConsentStatus)}>
            {(['granted', 'refused', 'not_returned'] as const).map((option) => (
              <option key={option} value={option}>
                {t(`consent.status.${option}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="consent.field.signedBy">
          <select name="signedBy" value={signedBy} onChange={(event) => setSignedBy(event.target.value as Signer | '')}>
            <option value="">{t('consent.none')}</option>
            {(['parent', 'guardian', 'self'] as const).map((option) => (
              <option key={option} value={option}>
                {t(`consent.signer.${option}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="consent.field.signedOn">
          <input
            type="date"
            name="signedOn"
            value={signedOn}
            max={today}
            onChange={(event) => setSignedOn(event.target.value)}
          />
        </Field>
      </div>
    </ReasonForm>
  );
}

/** The channel a change is for; `withAll` offers all channels at once first. */
function ChannelField(props: {
  channelIds: readonly string[];
  channelLabel: (id: string) => string;
  value: string;
  onChange: (channelId: string) => void;
  withAll?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Field label="ui.col.channel">
      <select name="channel" value={props.value} onChange={(event) => props.onChange(event.target.value)} autoFocus>
        {props.withAll && <option value="all">{t('ui.person.allChannels')}</option>}
        {props.channelIds.map((id) => (
          <option key={id} value={id}>
            {props.channelLabel(id)}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * A change with a reason: its own fields (children), then the reason, errors and the buttons. Escape closes it,
 * like a dialog; a reason the registry would refuse is refused here before anything is sent.
 */
function ReasonForm(props: {
  label: string;
  title: string;
  help: string;
  submitLabel: string;
  danger?: boolean;
  onCancel: () => void;
  save: (reason: string) => Promise<void>;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const action = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = consentReasonProblem(reason);
    if (problem) return action.setError(problem);
    await action.run(() => props.save(reason));
  }

  function closeOnEscape(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      props.onCancel();
    }
  }

  return (
    <form className="panel form" onSubmit={submit} onKeyDown={closeOnEscape} aria-label={props.label}>
      <h3>{props.title}</h3>
      <p className="muted">{props.help}</p>
      {props.children}
      <Field label="ui.person.reasonLabel" help="ui.person.reasonHelp">
        <textarea
          name="reason"
          value={reason}
          rows={2}
          maxLength={CONSENT_REASON_MAX}
          required
          onChange={(event) => {
            setReason(event.target.value);
            action.setError(null);
          }}
        />
      </Field>
      <ErrorAlert error={action.error} />
      <div className="actions">
        <button type="button" onClick={props.onCancel}>
          {t('ui.cancel')}
        </button>
        <button type="submit" className={props.danger ? 'primary danger' : 'primary'} disabled={action.busy}>
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}
