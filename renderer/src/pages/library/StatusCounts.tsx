import type { DecisionStatus } from '../../../../shared/policy';
import { useI18n } from '../../i18n';
import { STATUS_ORDER, statusTone } from './decisions';

/** The four status counts as coloured badges: green ready, amber hidden, red blocked or needs review. */
export function StatusCounts({ counts }: { counts: Record<DecisionStatus, number> }) {
  const { t } = useI18n();
  return (
    <span className="chips status-counts">
      {STATUS_ORDER.map((status) => (
        <span
          key={status}
          className={`badge ${statusTone(status)}${counts[status] === 0 ? ' zero' : ''}`}
          data-status={status}
        >
          {counts[status]} {t(`ui.status.${status}`)}
        </span>
      ))}
    </span>
  );
}
