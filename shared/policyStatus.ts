// A photo's decision status without its reasons, in two steps: what does not depend on consent or the settings (the
// status basis, worked out once per photo and kept), then the status for a channel's consent answers and the
// settings (cheap: the library's counts for 20,000 photos on a new channel or after a setting changed). It follows
// decidePhoto (policy.ts) rule for rule, on the same considered regions; test/unit/policy-status.test.ts compares
// the two over generated photos.
import {
  consentShows,
  consideredRegions,
  protectedBlocker,
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

const PLAIN = { overridable: false, officerOverridable: false } as const;

/**
 * The status decidePhoto gives the photo without an override (with one: statusWithOverride of this), for the given
 * consent answers and settings.
 */
export function statusFromBasis(
  basis: StatusBasis,
  consentOf: (personId: number) => PolicyConsent,
  settings: PolicySettings,
): BasisStatus {
  let hiddenPeople = 0;
  let noBox = false;
  let tooLarge = false;
  for (const region of basis.regions) {
    if (region.personId !== null && consentShows(consentOf(region.personId))) continue;
    hiddenPeople += 1;
    if (region.area === null) noBox = true;
    else if (region.area > settings.maxHiddenAreaShare) tooLarge = true;
  }
  if (noBox) return { status: 'blocked', ...PLAIN };
  if (basis.protectedPerson) return { status: 'blocked', overridable: false, officerOverridable: !basis.review };
  if (basis.review) return { status: 'needs_review', ...PLAIN };
  if (tooLarge || hiddenPeople > settings.maxHiddenPeople) {
    return { status: 'blocked', overridable: true, officerOverridable: false };
  }
  return { status: hiddenPeople > 0 ? 'hide' : 'publish', ...PLAIN };
}
