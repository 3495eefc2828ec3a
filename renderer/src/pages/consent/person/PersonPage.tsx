// One person: consent per channel for the current school year, the full history, the two changes an administrator
// makes by hand (ConsentForms), the "never publish" mark (ProtectedPanel), and where the person's picture has been published (Publications).
import { useEffect, useId, useRef, useState } from 'react';
import { displayName } from '../../../../../shared/consent';
import type { MessageKey } from '../../../../../shared/i18n';
import { call } from '../../../api';
import { DoneMessage } from '../../../components/DoneMessage';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useChannels } from '../../../components/useChannels';
import { useQuery } from '../../../components/useQuery';
import { useI18n } from '../../../i18n';
import { ManualForm, WithdrawForm } from './ConsentForms';
import { ConsentHistory, CurrentConsent } from './ConsentTables';
import { EraseForm } from './EraseForm';
import { ProtectedPanel } from './ProtectedPanel';
import { TakedownSection, WherePublished } from './Publications';

type Panel = 'none' | 'withdraw' | 'manual' | 'erase';

export function PersonPage({
  personId,
  onBack,
  backLabel = 'ui.person.back',
}: {
  personId: number;
  onBack: () => void;
  /** Where "back" goes: the registry, or the list the person was opened from. */
  backLabel?: MessageKey;
}) {
  const { t, formatMoment } = useI18n();
  const ids = useId();
  const { channels, label: channelLabel } = useChannels();
  const consent = useQuery(String(personId), () => call('getPersonConsent', { personId }));
  const [panel, setPanel] = useState<Panel>('none');
  const [done, setDone] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const manualButton = useRef<HTMLButtonElement>(null);
  const eraseButton = useRef<HTMLButtonElement>(null);
  /** Closing a form (Escape, Cancel) puts the focus back on the button that opened it. */
  const closePanel = () => {
    const openers = { withdraw: withdrawButton, manual: manualButton, erase: eraseButton, none: null };
    const opener = openers[panel]?.current ?? null;
    setPanel('none');
    opener?.focus();
  };
  useEffect(() => {
    headingRef.current?.focus();
  }, [personId]);

  const data = consent.data;
  if (!data) {
    return (
      <section className="page">
        <button type="button" className="back" onClick={onBack}>
          {t(backLabel)}
        </button>
        {consent.error ? <ErrorAlert error={consent.error} /> : <p>{t('common.loading')}</p>}
      </section>
    );
  }

  const { person } = data;
  const withdrawn = data.channels.filter((channel) => channel.status === 'withdrawn');
  const channelsOfYear = data.channels.filter((channel) => channel.status !== 'none');
  const activeChannels = channels.filter((channel) => !channel.retiredAt);

  async function saved(message: string) {
    setPanel('none');
    setDone(message);
    await consent.reload();
  }

  return (
    <section className="person" aria-labelledby={`${ids}-name`}>
      <button type="button" className="back" onClick={onBack}>
        {t(backLabel)}
      </button>
      <h2 id={`${ids}-name`} ref={headingRef} tabIndex={-1}>
        {displayName(person)}
      </h2>
      <p className="muted">
        {[
          `${t(`consent.kind.${person.kind}`)} ${person.externalKey ?? ''}`.trim(),
          person.className ? t('ui.person.class', { className: person.className }) : null,
          person.birthDate ? t('ui.person.born', { date: formatMoment(person.birthDate) }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>

      <ProtectedPanel person={person} onChanged={() => consent.reload()} />

      <CurrentConsent data={data} />

      <div className="actions">
        <button
          ref={withdrawButton}
          type="button"
          aria-expanded={panel === 'withdraw'}
          onClick={() => setPanel(panel === 'withdraw' ? 'none' : 'withdraw')}
        >
          {t('ui.person.withdraw')}
        </button>
        <button
          ref={manualButton}
          type="button"
          aria-expanded={panel === 'manual'}
          onClick={() => setPanel(panel === 'manual' ? 'none' : 'manual')}
        >
          {t('ui.person.manual')}
        </button>
        <button
          ref={eraseButton}
          type="button"
          className="danger"
          aria-expanded={panel === 'erase'}
          onClick={() => setPanel(panel === 'erase' ? 'none' : 'erase')}
        >
          {t('ui.erase.open')}
        </button>
        <DoneMessage message={done} inline />
      </div>
      {panel === 'withdraw' && (
        <WithdrawForm
          personId={person.id}
          channelIds={channelsOfYear.map((answer) => answer.channelId)}
          channelLabel={channelLabel}
          onCancel={closePanel}
          onSaved={(records) =>
            void saved(
              t('ui.person.withdrawn', {
                channels: records.map((record) => channelLabel(record.channelId)).join(', '),
              }),
            )
          }
        />
      )}
      {panel === 'manual' && (
        <ManualForm
          personId={person.id}
          channelIds={activeChannels.map((channel) => channel.id)}
          channelLabel={channelLabel}
          onCancel={closePanel}
          onSaved={(record) =>
            void saved(
              t('ui.person.manualSaved', {
                channel: channelLabel(record.channelId),
                status: t(`consent.status.${record.status}`),
              }),
            )
          }
        />
      )}
      {panel === 'erase' && (
        <EraseForm
          personId={person.id}
          name={displayName(person)}
          channelLabel={channelLabel}
          onCancel={closePanel}
          onErased={onBack}
        />
      )}
      <ErrorAlert error={consent.error} />

      {withdrawn.length > 0 && (
        <TakedownSection
          personId={person.id}
          channelIds={withdrawn.map((answer) => answer.channelId)}
          channelLabel={channelLabel}
          headingId={`${ids}-takedown`}
        />
      )}
      <WherePublished personId={person.id} channelLabel={channelLabel} />

      <ConsentHistory history={data.history} channelLabel={channelLabel} />
    </section>
  );
}
