// The decision for one photo in words: its status, why it is blocked, and why each person is visible or hidden.
import type { MessageKey } from '../../../../../shared/i18n';
import type { Decision, DecisionReason } from '../../../../../shared/policy';
import { useI18n } from '../../../i18n';
import { statusTone } from '../decisions';

export function DecisionPanel({ decision, title }: { decision: Decision; title: string }) {
  const { t } = useI18n();
  return (
    <section className="panel decision" aria-label={title}>
      <h3>{title}</h3>
      <p>
        <span className={`badge ${statusTone(decision.status)}`}>{t(`policy.status.${decision.status}`)}</span>
      </p>
      {decision.blockers.length > 0 && (
        <>
          <h4>{t('ui.photo.blockers')}</h4>
          <ul>
            {decision.blockers.map((reason, index) => (
              <li key={index}>
                <ReasonText reason={reason} />
              </li>
            ))}
          </ul>
        </>
      )}
      {decision.reasons.length > 0 && (
        <>
          <h4>{t('ui.photo.reasons')}</h4>
          <ul>
            {decision.reasons.map((reason, index) => (
              <li key={index} className={reason.code === 'policy.visible' ? 'ok' : 'error'}>
                <ReasonText reason={reason} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function ReasonText({ reason }: { reason: DecisionReason }) {
  const { t } = useI18n();
  return <>{t(reason.code as MessageKey, reason.params)}</>;
}
