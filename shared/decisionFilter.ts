// The library's view of decisions: counts per status and the grid's filters (status, person, untagged faces, picks), one
// definition for main (which filters and counts an event's photos) and the renderer.
import type { Decision, DecisionStatus } from './policy';

export type StatusCounts = Record<DecisionStatus, number>;

/** The channel the library shows decisions for until someone picks another (today being the day). */
export const DEFAULT_CHANNEL_ID = 'social';

export interface DecisionFilter {
  readonly status?: DecisionStatus | undefined;
  /** Part of a name, any case: photos whose decision speaks of someone with it. */
  readonly person?: string | undefined;
  /** Only photos with a face or region without a name. */
  readonly untagged?: boolean | undefined;
  /** Only the event's picks (not a property of the decision: main reads the event's picks for it). */
  readonly picked?: boolean | undefined;
}

/** What the filters and counts need of a decision, small enough to keep for every photo of an event. */
export interface DecisionSummary {
  readonly status: DecisionStatus;
  /** Names of the people the decision speaks of (visible or hidden), lower case. */
  readonly names: string;
  readonly untagged: boolean;
}

export function zeroCounts(): StatusCounts {
  return { publish: 0, hide: 0, blocked: 0, needs_review: 0 };
}

export function countByStatus(items: Iterable<{ readonly status: DecisionStatus }>): StatusCounts {
  const counts = zeroCounts();
  for (const { status } of items) counts[status] += 1;
  return counts;
}

/** Names of the people a decision speaks of (visible or hidden), lower case, for the person filter. */
export function namesIn(decision: Pick<Decision, 'reasons'>): string {
  return decision.reasons
    .map((reason) => String(reason.params.name ?? ''))
    .join(' ')
    .toLocaleLowerCase();
}

export function hasUntaggedFace(decision: Pick<Decision, 'reasons'>): boolean {
  return decision.reasons.some(
    (reason) => reason.code === 'policy.unknownFace' || reason.code === 'policy.unnamedRegion',
  );
}

export function summariseDecision(decision: Decision): DecisionSummary {
  return { status: decision.status, names: namesIn(decision), untagged: hasUntaggedFace(decision) };
}

export function isFiltered(filter: Readonly<DecisionFilter>): boolean {
  return filtersDecisions(filter) || !!filter.picked;
}

/** Whether the filter asks about decisions (status, person, untagged faces), so every photo must be decided. */
export function filtersDecisions(filter: Readonly<DecisionFilter>): boolean {
  return !!filter.status || !!filter.person?.trim() || !!filter.untagged;
}

export function matchesFilter(summary: Readonly<DecisionSummary>, filter: Readonly<DecisionFilter>): boolean {
  const person = filter.person?.trim().toLocaleLowerCase() ?? '';
  return (
    (!filter.status || summary.status === filter.status) &&
    (!person || summary.names.includes(person)) &&
    (!filter.untagged || summary.untagged)
  );
}
