import { useCallback, useEffect, useState } from 'react';
import type { SerializedError } from '../../../shared/errors';
import type { AuditEvent, AuditVerification } from '../../../shared/types';
import { call, errorOf } from '../api';
import { useI18n } from '../i18n';

export function AuditPage() {
  const { t, tError, formatDateTime } = useI18n();
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<SerializedError | null>(null);

  const load = useCallback(() => {
    call('listAuditEvents', { limit: 200 }).then(setEvents, (caught: unknown) => setError(errorOf(caught)));
  }, []);
  useEffect(load, [load]);

  async function verify() {
    setError(null);
    try {
      setVerification(await call('verifyAuditTrail', {}));
    } catch (caught) {
      setError(errorOf(caught));
    }
  }

  return (
    <section className="page">
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <div className="actions">
        <button type="button" onClick={verify}>
          {t('audit.verify')}
        </button>
        {verification && (
          <span role="status" className={verification.ok ? 'ok' : 'error'}>
            {verification.ok
              ? t('audit.verify.ok', { count: verification.count, head: verification.headHash.slice(0, 12) })
              : t('audit.verify.bad', {
                  seq: verification.firstBadSeq,
                  reason: t(`audit.reason.${verification.reason}`),
                })}
          </span>
        )}
      </div>
      {error && (
        <p role="alert" className="error">
          {tError(error)}
        </p>
      )}
      {events === null ? (
        <p>{t('common.loading')}</p>
      ) : events.length === 0 ? (
        <p className="empty">{t('audit.empty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('audit.col.seq')}</th>
              <th>{t('audit.col.at')}</th>
              <th>{t('audit.col.actor')}</th>
              <th>{t('audit.col.action')}</th>
              <th>{t('audit.col.subject')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.seq}>
                <td>{event.seq}</td>
                <td>{formatDateTime(event.at)}</td>
                <td>{event.actorName ? `${event.actorName} (${event.actorOs})` : event.actorOs}</td>
                <td>
                  <code>{event.action}</code>
                </td>
                <td>{event.subject}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
