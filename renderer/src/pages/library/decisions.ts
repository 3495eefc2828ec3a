// Decisions of a set of photos for the chosen channel and date, as the library and publish screens show them.
import type { DecisionStatus } from '../../../../shared/policy';
import type { ApiResult } from '../../../../shared/ipc';

export { hasUntaggedFace, namesIn, type StatusCounts as CountsPerStatus } from '../../../../shared/decisionFilter';

export type PhotoDecisions = ApiResult<'decidePhotos'>;

export const STATUS_ORDER: readonly DecisionStatus[] = ['publish', 'hide', 'blocked', 'needs_review'];

/** green ready, amber will be hidden, red blocked or needs review */
export function statusTone(status: DecisionStatus): 'ok' | 'warn' | 'bad' {
  return status === 'publish' ? 'ok' : status === 'hide' ? 'warn' : 'bad';
}

/** How many photos (or clips) have each status. */
export function countByStatus(
  decisions: ReadonlyArray<{ readonly decision: { readonly status: DecisionStatus } }>,
): Record<DecisionStatus, number> {
  const counts: Record<DecisionStatus, number> = { publish: 0, hide: 0, blocked: 0, needs_review: 0 };
  for (const { decision } of decisions) counts[decision.status] += 1;
  return counts;
}
