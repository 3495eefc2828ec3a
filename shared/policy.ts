// The decision rules of the product brief, as one pure function: for a photo, a channel and a date, may it be
// published as is, published with regions hidden, or not at all — and why, per person. Main uses it to export,
// the renderer to preview live. Doubt hides; a hidden person who cannot be hidden well blocks the photo.
import { boxArea, growBox, type Box } from './geometry';
import type { PhotoReviewReason } from './library';

export type HideStyle = 'mask' | 'pixelate';

export interface PolicySettings {
  /** Solid mask by default: blurred and pixelated faces can be re-identified by recognition models. */
  readonly hideStyle: HideStyle;
  /** Extra margin around a hidden region (hair, ears), as a share of its width and height on each side. */
  readonly maskMargin: number;
  /** A hidden person whose region covers more than this share of the photo is its main subject: block it. */
  readonly maxHiddenAreaShare: number;
  /** More hidden people than this and the photo is blocked. */
  readonly maxHiddenPeople: number;
  /**
   * A clip: a hidden person larger than maxHiddenAreaShare in at least this share of its frames is its main subject
   * (shared/clipPolicy.ts says why 0.2).
   */
  readonly clipMainSubjectShare: number;
}

export const DEFAULT_POLICY_SETTINGS: PolicySettings = {
  hideStyle: 'mask',
  maskMargin: 0.2,
  maxHiddenAreaShare: 0.1,
  maxHiddenPeople: 5,
  clipMainSubjectShare: 0.2,
};

export type ConsentStatus = 'granted' | 'refused' | 'not_returned' | 'withdrawn' | 'none';

export interface PolicyConsent {
  readonly status: ConsentStatus;
  /** The consent record version this answer rests on (null when there is no record). */
  readonly recordId: number | null;
}

export type RegionIdentity =
  | {
      readonly kind: 'person';
      readonly personId: number;
      readonly name: string;
      readonly consent: PolicyConsent;
      /** Marked "never publish": the photo is blocked, not masked. */
      readonly protected?: boolean;
    }
  | {
      readonly kind: 'ambiguous';
      readonly name: string;
      readonly candidateCount: number;
      /** One of the people this name may be is marked "never publish". */
      readonly protectedCandidate?: boolean;
    }
  | {
      readonly kind: 'unmatched';
      readonly name: string;
      /** The name is close to someone marked "never publish" (a suggestion nobody confirmed). */
      readonly protectedSuspect?: boolean;
    }
  | { readonly kind: 'unknown' };

export interface DecisionRegion {
  /** null for a name without a box (PersonInImage, a People/ tag). */
  readonly id: number | null;
  readonly box: Box | null;
  readonly kind: 'face' | 'pet' | 'other';
  readonly source: 'file' | 'detector' | 'user';
  readonly dismissed: boolean;
  readonly identity: RegionIdentity;
}

export interface DecisionInput {
  readonly regions: readonly DecisionRegion[];
  /** Whether the face detector has looked at this photo (so untagged faces are regions too). */
  readonly facesChecked: boolean;
  readonly channelLabel: string;
  readonly schoolYear: string;
  /**
   * A user's override of an overridable block, with the reason the audit trail records. A protected person's block
   * yields only to a privacy officer's override (`byPrivacyOfficer`, established by the caller from the role).
   */
  readonly override?: { readonly reason: string; readonly byPrivacyOfficer?: boolean } | null;
  /** Why indexing put the photo on review whatever its consent says (unreadable metadata, stale regions). */
  readonly review?: readonly PhotoReviewReason[];
}

export type DecisionStatus = 'publish' | 'hide' | 'blocked' | 'needs_review';

export type ReasonCode =
  | 'policy.visible'
  | 'policy.refused'
  | 'policy.notReturned'
  | 'policy.noRecord'
  | 'policy.withdrawn'
  | 'policy.ambiguous'
  | 'policy.unmatched'
  | 'policy.unknownFace'
  | 'policy.unnamedRegion'
  | 'policy.protected'
  | 'policy.block.protected'
  | 'policy.block.protectedSuspect'
  | 'policy.block.mainSubject'
  | 'policy.block.mainSubjectUnknown'
  | 'policy.block.tooMany'
  | 'policy.block.noBox'
  | 'policy.block.noBoxUnknown'
  | 'policy.review.facesNotChecked'
  | 'policy.review.metadataUnreadable'
  | 'policy.review.staleRegions'
  | 'policy.review.staleRegionsUnknown'
  | 'policy.overridden'
  | 'policy.overriddenByPrivacyOfficer'
  | 'policy.clip.mainSubject'
  | 'policy.clip.mainSubjectUnknown'
  | 'policy.clip.tooMany'
  | 'policy.clip.noTrack'
  | 'policy.clip.notScanned';

export interface DecisionReason {
  readonly code: ReasonCode;
  readonly params: Readonly<Record<string, string | number>>;
  readonly regionId: number | null;
}

export interface HiddenRegion {
  readonly regionId: number | null;
  readonly box: Box;
  /** The box plus the margin: what gets burned out. */
  readonly maskBox: Box;
}

export interface VisiblePerson {
  readonly personId: number;
  readonly consentRecordId: number;
  readonly regionIds: readonly number[];
}

export interface Decision {
  readonly status: DecisionStatus;
  readonly hidden: readonly HiddenRegion[];
  readonly visible: readonly VisiblePerson[];
  /** One reason per person or region: why visible, why hidden. */
  readonly reasons: readonly DecisionReason[];
  /** Why the photo is blocked or needs review; empty otherwise. */
  readonly blockers: readonly DecisionReason[];
  /** Whether a user may override the block (with a reason). */
  readonly overridable: boolean;
  /** Whether a privacy officer (only) may override it, with a reason: a protected person's block. */
  readonly officerOverridable: boolean;
  readonly overridden: boolean;
}

/** The longest reason an override may carry (the audit trail keeps it whole). */
export const OVERRIDE_REASON_MAX = 500;

/** An override's reason as it counts: trimmed; an empty one (or only spaces) overrides nothing. */
export function overrideReasonOf(reason: string | null | undefined): string | null {
  const text = reason?.trim() ?? '';
  return text === '' ? null : text;
}

/**
 * The status a decision takes when a user overrides it with this reason, as decidePhoto would decide it: only an
 * overridable block (a hidden main subject, too many hidden people) becomes 'hide'; a person without a box to hide
 * and a photo whose faces were not checked stay as they are.
 */
export function statusWithOverride(
  decision: Pick<Decision, 'status' | 'overridable'> & Partial<Pick<Decision, 'officerOverridable'>>,
  reason: string | null | undefined,
  byPrivacyOfficer = false,
): DecisionStatus {
  const may = decision.overridable || (decision.officerOverridable === true && byPrivacyOfficer);
  return decision.status === 'blocked' && may && overrideReasonOf(reason) !== null ? 'hide' : decision.status;
}

const HIDE_REASON: Record<Exclude<ConsentStatus, 'granted'>, ReasonCode> = {
  refused: 'policy.refused',
  not_returned: 'policy.notReturned',
  none: 'policy.noRecord',
  withdrawn: 'policy.withdrawn',
};

export interface Judgement {
  readonly visible: boolean;
  readonly reason: DecisionReason;
  readonly name: string;
}

/** Why a region's person is visible or hidden (the reason in words, the name for blocks); clips judge tracks with it. */
export function judge(
  region: Pick<DecisionRegion, 'id' | 'source' | 'identity'>,
  input: Pick<DecisionInput, 'channelLabel' | 'schoolYear'>,
): Judgement {
  const regionId = region.id;
  const common = { channel: input.channelLabel, year: input.schoolYear };
  const identity = region.identity;
  switch (identity.kind) {
    case 'person': {
      const { status } = identity.consent;
      if (identity.protected) {
        // Whatever the consent says: never visible (and the photo is blocked, see decidePhoto).
        return {
          visible: false,
          name: identity.name,
          reason: { code: 'policy.protected', params: { name: identity.name }, regionId },
        };
      }
      if (consentShows(identity.consent)) {
        return {
          visible: true,
          name: identity.name,
          reason: { code: 'policy.visible', params: { name: identity.name, ...common }, regionId },
        };
      }
      const code = status === 'granted' ? 'policy.noRecord' : HIDE_REASON[status];
      return {
        visible: false,
        name: identity.name,
        reason: { code, params: { name: identity.name, ...common }, regionId },
      };
    }
    case 'ambiguous':
      return {
        visible: false,
        name: identity.name,
        reason: { code: 'policy.ambiguous', params: { name: identity.name, count: identity.candidateCount }, regionId },
      };
    case 'unmatched':
      return {
        visible: false,
        name: identity.name,
        reason: { code: 'policy.unmatched', params: { name: identity.name }, regionId },
      };
    case 'unknown':
      return {
        visible: false,
        name: '',
        reason: {
          code: region.source === 'detector' ? 'policy.unknownFace' : 'policy.unnamedRegion',
          params: {},
          regionId,
        },
      };
  }
}

/** The same person (or the same unresolved name) named twice: a box and a keyword, say. */
export function identityKey(identity: RegionIdentity): string | null {
  switch (identity.kind) {
    case 'person':
      return `person:${identity.personId}`;
    case 'ambiguous':
    case 'unmatched':
      return `name:${identity.name.trim().toLowerCase()}`;
    case 'unknown':
      return null;
  }
}

/** The block a protected person (or a name that may be one) puts on the photo; null for everyone else. */
export function protectedBlocker(identity: RegionIdentity): DecisionReason | null {
  if (identity.kind === 'person' && identity.protected) {
    return { code: 'policy.block.protected', params: { name: identity.name }, regionId: null };
  }
  if (
    (identity.kind === 'ambiguous' && identity.protectedCandidate) ||
    (identity.kind === 'unmatched' && identity.protectedSuspect)
  ) {
    return { code: 'policy.block.protectedSuspect', params: { name: identity.name }, regionId: null };
  }
  return null;
}

/** A review reason from indexing in the words of the decision: whose boxes are stale, or "an unknown face". */
function reviewReason(reason: PhotoReviewReason): DecisionReason {
  if (reason.code === 'metadataUnreadable')
    return { code: 'policy.review.metadataUnreadable', params: {}, regionId: null };
  const names = typeof reason.params.names === 'string' ? reason.params.names : '';
  return {
    code: names ? 'policy.review.staleRegions' : 'policy.review.staleRegionsUnknown',
    params: { ...reason.params, names },
    regionId: null,
  };
}

/** Whether a consent answer lets its person be seen: granted, resting on a record. */
export function consentShows(consent: PolicyConsent): boolean {
  return consent.status === 'granted' && consent.recordId !== null;
}

/** The regions the rules weigh, each a person (decidePhoto and the status basis of policyStatus.ts alike). */
export function consideredRegions(regions: readonly DecisionRegion[]): DecisionRegion[] {
  // Pets are not people; an unnamed region that is not a face says nothing about a person; dismissed detections are gone.
  const people = regions.filter(
    (region) =>
      !region.dismissed && region.kind !== 'pet' && !(region.kind === 'other' && region.identity.kind === 'unknown'),
  );
  const boxedIdentities = new Set(people.filter((region) => region.box).map((region) => identityKey(region.identity)));
  // A name without a box adds nothing when the same person also has a box on this photo.
  return people.filter((region) => region.box || !boxedIdentities.has(identityKey(region.identity)));
}

export function decidePhoto(input: DecisionInput, settings: PolicySettings = DEFAULT_POLICY_SETTINGS): Decision {
  const considered = consideredRegions(input.regions);

  const reasons: DecisionReason[] = [];
  const hidden: HiddenRegion[] = [];
  const visibleByPerson = new Map<number, { consentRecordId: number; regionIds: number[] }>();
  const hardBlockers: DecisionReason[] = [];
  const softBlockers: DecisionReason[] = [];
  // Protected people block the photo whatever masking could do: clothing, context and the event identify them.
  const protectedBlockers = new Map<string, DecisionReason>();
  let hiddenPeople = 0;

  for (const region of considered) {
    const blocker = protectedBlocker(region.identity);
    if (blocker) protectedBlockers.set(`${blocker.code}|${identityKey(region.identity) ?? ''}`, blocker);
    const judgement = judge(region, input);
    reasons.push(judgement.reason);
    if (judgement.visible && region.identity.kind === 'person') {
      const entry = visibleByPerson.get(region.identity.personId) ?? {
        consentRecordId: region.identity.consent.recordId!,
        regionIds: [],
      };
      if (region.id !== null) entry.regionIds.push(region.id);
      visibleByPerson.set(region.identity.personId, entry);
      continue;
    }
    hiddenPeople += 1;
    if (!region.box) {
      // Someone who must be hidden, but nobody knows where on the photo: a person has to draw the box.
      hardBlockers.push({
        code: judgement.name ? 'policy.block.noBox' : 'policy.block.noBoxUnknown',
        params: { name: judgement.name },
        regionId: null,
      });
      continue;
    }
    hidden.push({ regionId: region.id, box: region.box, maskBox: growBox(region.box, settings.maskMargin) });
    const share = boxArea(region.box);
    if (share > settings.maxHiddenAreaShare) {
      softBlockers.push({
        // A detector box nobody named is still someone: "an unknown face", never an empty name.
        code: judgement.name ? 'policy.block.mainSubject' : 'policy.block.mainSubjectUnknown',
        params: {
          name: judgement.name,
          share: Math.round(share * 100),
          max: Math.round(settings.maxHiddenAreaShare * 100),
        },
        regionId: region.id,
      });
    }
  }
  if (hiddenPeople > settings.maxHiddenPeople) {
    softBlockers.push({
      code: 'policy.block.tooMany',
      params: { count: hiddenPeople, max: settings.maxHiddenPeople },
      regionId: null,
    });
  }

  const visible: VisiblePerson[] = [...visibleByPerson.entries()].map(([personId, entry]) => ({ personId, ...entry }));
  const review = (input.review ?? []).map(reviewReason);
  if (!input.facesChecked) review.unshift({ code: 'policy.review.facesNotChecked', params: {}, regionId: null });
  const outcome = settleDecision(
    { hard: hardBlockers, protectedReasons: [...protectedBlockers.values()], review, soft: softBlockers },
    input.override,
    hidden.length > 0,
  );
  return { hidden, visible, reasons, ...outcome };
}

/** What may stop a photo or clip from going out, by kind (the kinds settle in this order, see settleDecision). */
export interface Blockers {
  /** Someone must be hidden and nobody knows where: no override lifts it. */
  readonly hard: readonly DecisionReason[];
  readonly protectedReasons: readonly DecisionReason[];
  /** Not checked yet or read wrong: a person must look first. */
  readonly review: readonly DecisionReason[];
  /** Hiding would ruin it (main subject, too many): a user's reason lifts it. */
  readonly soft: readonly DecisionReason[];
}

export type DecisionOutcome = Pick<
  Decision,
  'status' | 'blockers' | 'overridable' | 'officerOverridable' | 'overridden'
>;

/** The status the rules reach from what blocks and the override given; `hides` when someone is hidden. */
export function settleDecision(
  blockers: Blockers,
  override: DecisionInput['override'],
  hides: boolean,
): DecisionOutcome {
  const { hard, protectedReasons, review, soft } = blockers;
  const overrideReason = overrideReasonOf(override?.reason);
  const notOverridable = { overridable: false, officerOverridable: false, overridden: false } as const;
  if (hard.length > 0) {
    return { status: 'blocked', blockers: [...hard, ...protectedReasons, ...soft], ...notOverridable };
  }
  // Only a privacy officer's reason lifts a protected person's block, and only once nothing is left to review.
  const officerOverride = overrideReason !== null && override?.byPrivacyOfficer === true;
  if (protectedReasons.length > 0 && (!officerOverride || review.length > 0)) {
    return {
      status: 'blocked',
      blockers: [...protectedReasons, ...review, ...soft],
      overridable: false,
      officerOverridable: review.length === 0,
      overridden: false,
    };
  }
  if (review.length > 0) return { status: 'needs_review', blockers: [...review, ...soft], ...notOverridable };
  if (soft.length > 0 || protectedReasons.length > 0) {
    if (overrideReason) {
      const code = protectedReasons.length > 0 ? 'policy.overriddenByPrivacyOfficer' : 'policy.overridden';
      return {
        status: 'hide',
        blockers: [...protectedReasons, ...soft, { code, params: { reason: overrideReason }, regionId: null }],
        overridable: protectedReasons.length === 0,
        officerOverridable: protectedReasons.length > 0,
        overridden: true,
      };
    }
    return { status: 'blocked', blockers: soft, overridable: true, officerOverridable: false, overridden: false };
  }
  return { status: hides ? 'hide' : 'publish', blockers: [], ...notOverridable };
}
