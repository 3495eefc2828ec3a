// Erasing a person (privacy officer, AVG art. 17): first what is still published with them, then a reason and an
// explicit confirmation. Afterwards the registry keeps only a pseudonymous shell; the audit trail still verifies.
import { useId, useState, type FormEvent } from 'react';
import type { ErasureView } from '../../../../../shared/ipc/privacy';
import { call } from '../../../api';
import { Busy } from '../../../components/Busy';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useAction } from '../../../components/useAction';
import { useQuery } from '../../../components/useQuery';
import { useI18n } from '../../../i18n';

export function EraseForm({
  personId,
  name,
  channelLabel,
  onCancel,
  onErased,
}: {
  personId: number;
  name: string;
  channelLabel: (id: string) => string;
  onCancel: () => void;
  onErased: (result: ErasureView) => void;
}) {
  const { t } = useI18n();
  const ids = useId();
  const preview = useQuery(`erase-${personId}`, () => call('previewErasure', { personId }));
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const erasing = useAction();
  const published = preview.data?.published ?? null;

  async function erase(event: FormEvent) {
    event.preventDefault();
    if (!confirmed || reason.trim().length < 3) return;
    const done = await erasing.run(() => call('erasePerson', { personId, reason: reason.trim(), confirm: true }), {
      busy: 'ui.erase.busy',
    });
    if (done) onErased(done.value);
  }

  return (
    <form className="panel form" aria-labelledby={`${ids}-title`} onSubmit={(event) => void erase(event)}>
      <h3 id={`${ids}-title`}>{t('ui.erase.title', { name })}</h3>
      <p>{t('ui.erase.intro')}</p>
      {published === null ? (
        <p>{t('common.loading')}</p>
      ) : published.length === 0 ? (
        <p role="status">{t('ui.erase.nothingPublished')}</p>
      ) : (
        <>
          <p role="status">{t('ui.erase.published', { count: published.length })}</p>
          <ul className="publications">
            {published.map((row) => (
              <li key={`${row.exportId}-${row.outputName}`}>
                {row.publishDate} · {channelLabel(row.channelId)} ·{' '}
                <code className="break">{`${row.outDir}/${row.outputName}`}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      <label className="field">
        <span>{t('ui.erase.reason')}</span>
        <textarea
          name="eraseReason"
          value={reason}
          required
          minLength={3}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          name="eraseConfirm"
          checked={confirmed}
          onChange={(e) => setConfirmed(e.target.checked)}
        />
        <span>{t('ui.erase.confirm')}</span>
      </label>
      <div className="actions">
        <button
          type="submit"
          className="primary danger"
          disabled={!confirmed || reason.trim().length < 3 || erasing.busy || published === null}
        >
          {t('ui.erase.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('ui.cancel')}
        </button>
      </div>
      <Busy label={erasing.busyLabel} />
      <ErrorAlert error={erasing.error ?? preview.error} />
    </form>
  );
}
