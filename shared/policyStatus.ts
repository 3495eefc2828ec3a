// A photo's decision status without its reasons, in two steps: what does not depend on consent or the settings (the
// status basis, worked out once per photo and kept), then the status for a channel's consent answers and the
// settings (cheap: the library's counts for 20,000 photos on a new channel or after a setting changed). It follows
// decidePhoto (policy.ts) rule for rule, on the same considered regions; test/unit/policy-status.test.ts compares
// the two over generated photos. A status also splits into what rests on the settings and what does not
// (SettingsFreeStatus), so that kept statuses outlive a changed setting.
import {
  consentShows,
  consideredRegions,
  protectedBlocker,
  type Decision,
  type DecisionInput,
  type DecisionStatus,
  type PolicyConsent,
  type PolicySettings,
} from './policy';
import { boxArea } from './geometry';

export interface StatusBasisRegion {
  /** The person whose granted consent shows this region; null when it is hidden whatever any consent says. */
  readonly personId: number | null;
  /** The share of the photo its box covers; null when it has no box. */
  readonly area: number | null;
}

export interface StatusBasis {
  /** The regions the rules weigh (a person each). */
  readonly regions: readonly StatusBasisRegion[];
  /** A protected person (or a name that may be one) is on the photo. */
  readonly protectedPerson: boolean;
  /** Indexing or the face detector left something to review. */
  readonly review: boolean;
}

/** The status basis of a photo: its input's consent answers are not read (any placeholder will do). */
export function statusBasis(input: Pick<DecisionInput, 'regions' | 'facesChecked' | 'review'>): StatusBasis {
  let protectedPerson = false;
  const regions = consideredRegions(input.regions).map((region): StatusBasisRegion => {
    const identity = region.identity;
    if (protectedBlocker(identity)) protectedPerson = true;
    const shownBy = identity.kind === 'person' && !identity.protected ? identity.personId : null;
    return { personId: shownBy, area: region.box ? boxArea(region.box) : null };
  });
  return { regions, protectedPerson, review: !input.facesChecked || (input.review ?? []).length > 0 };
}

export interface BasisStatus {
  readonly status: DecisionStatus;
  readonly overridable: boolean;
  readonly officerOverridable: boolean;
}

/**
 * A status as far as it does not rest on the settings: what the library keeps per photo, so that a changed setting
 * needs no photo decided again (statusUnderSettings).
 */
export interface SettingsFreeStatus {
  /** The status whatever the settings (a person without a box, a protected person, a review); null when they decide. */
  readonly fixed: DecisionStatus | null;
  /** People to hide, all with a box (0 when `fixed`). */
  readonly hiddenPeople: number;
  /** The share of the photo the largest box to hide covers (0 when none, or when `fixed`). */
  readonly largestHidden: number;
}

const PLAIN = { overridable: false, officerOverridable: false } as const;

function weigh(basis: StatusBasis, consentOf: (personId: number) => PolicyConsent) {
  let hiddenPeople = 0;
  let noBox = false;
  let largest = 0;
  for (const region of basis.regions) {
    if (region.personId !== null && consentShows(consentOf(region.personId))) continue;
    hiddenPeople += 1;
    if (region.area === null) noBox = true;
    else largest = Math.max(largest, region.area);
  }
  return { hiddenPeople, noBox, largest };
}

/**
 * The status decidePhoto gives the photo without an override (with one: statusWithOverride of this), for the given
 * consent answers and settings.
 */
export function statusFromBasis(
  basis: StatusBasis,
  consentOf: (personId: number) => PolicyConsent,
  settings: PolicySettings,
): BasisStatus {
  const { hiddenPeople, noBox, largest } = weigh(basis, consentOf);
  if (noBox) return { status: 'blocked', ...PLAIN };
  if (basis.protectedPerson) return { status: 'blocked', overridable: false, officerOverridable: !basis.review };
  if (basis.review) return { status: 'needs_review', ...PLAIN };
  if (largest > settings.maxHiddenAreaShare || hiddenPeople > settings.maxHiddenPeople) {
    return { status: 'blocked', overridable: true, officerOverridable: false };
  }
  return { status: hiddenPeople > 0 ? 'hide' : 'publish', ...PLAIN };
}

/** The settings-free status of a photo, from its basis and the consent answers. */
export function settingsFreeFromBasis(
  basis: StatusBasis,
  consentOf: (personId: number) => PolicyConsent,
): SettingsFreeStatus {
  const { hiddenPeople, noBox, largest } = weigh(basis, consentOf);
  const fixed = noBox || basis.protectedPerson ? 'blocked' : basis.review ? 'needs_review' : null;
  return fixed ? { fixed, hiddenPeople: 0, largestHidden: 0 } : { fixed, hiddenPeople, largestHidden: largest };
}

/** The settings-free status of a decision decidePhoto made without an override. */
export function settingsFreeOf(decision: Pick<Decision, 'status' | 'overridable' | 'hidden'>): SettingsFreeStatus {
  // Only the thresholds' blocks may be overridden by any user: such a decision, or one without a block, is open.
  const open = decision.status === 'publish' || decision.status === 'hide' || decision.overridable;
  if (!open) return { fixed: decision.status, hiddenPeople: 0, largestHidden: 0 };
  return {
    fixed: null,
    hiddenPeople: decision.hidden.length,
    largestHidden: decision.hidden.reduce((largest, region) => Math.max(largest, boxArea(region.box)), 0),
  };
}

/** The status under these settings (decidePhoto's, without an override). */
export function statusUnderSettings(free: SettingsFreeStatus, settings: PolicySettings): DecisionStatus {
  if (free.fixed !== null) return free.fixed;
  if (free.largestHidden > settings.maxHiddenAreaShare || free.hiddenPeople > settings.maxHiddenPeople) {
    return 'blocked';
  }
  return free.hiddenPeople > 0 ? 'hide' : 'publish';
}
