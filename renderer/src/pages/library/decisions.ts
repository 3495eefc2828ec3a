// Decisions of a set of photos for the chosen channel and date, as the library and publish screens show them.
import type { DecisionStatus } from '../../../../shared/policy';
import type { ApiResult } from '../../../../shared/ipc';

export type PhotoDecisions = ApiResult<'decidePhotos'>;

export const STATUS_ORDER: readonly DecisionStatus[] = ['publish', 'hide', 'blocked', 'needs_review'];

/** green ready, amber will be hidden, red blocked or needs review */
export function statusTone(status: DecisionStatus): 'ok' | 'warn' | 'bad' {
  return status === 'publish' ? 'ok' : status === 'hide' ? 'warn' : 'bad';
}

export function countByStatus(decisions: PhotoDecisions): Record<DecisionStatus, number> {
  const counts: Record<DecisionStatus, number> = { publish: 0, hide: 0, blocked: 0, needs_review: 0 };
  for (const { decision } of decisions) counts[decision.status] += 1;
  return counts;
}

/** Names of the people a decision speaks of (visible or hidden), lower case, for the person filter. */
export function namesIn(decision: PhotoDecisions[number]['decision']): string {
  return decision.reasons
    .map((reason) => String(reason.params.name ?? ''))
    .join(' ')
    .toLocaleLowerCase();
}

export function hasUntaggedFace(decision: PhotoDecisions[number]['decision']): boolean {
  return decision.reasons.some(
    (reason) => reason.code === 'policy.unknownFace' || reason.code === 'policy.unnamedRegion',
  );
}
