// The status basis (shared/policyStatus.ts) against decidePhoto itself, over 20,000 generated photos that exercise
// every rule: consent granted, refused, not returned, withdrawn, missing or granted without a record; protected
// people, protected candidates and suspects; ambiguous and unmatched names; unknown faces and unnamed regions;
// guests (an unknown identity), pets, dismissed regions, names without a box (alone or beside a box of the same
// person), main subjects, too many people, faces not checked, review reasons; every kind of override, by a user and by
// a privacy officer; and settings of every size. The status must be decidePhoto's, always — also when a status
// split from its settings is put under other settings.
import { describe, expect, it } from 'vitest';
import type { Box } from '../../shared/geometry';
import {
  decidePhoto,
  statusWithOverride,
  type ConsentStatus,
  type DecisionInput,
  type DecisionRegion,
  type PolicyConsent,
  type PolicySettings,
  type RegionIdentity,
} from '../../shared/policy';
import {
  settingsFreeFromBasis,
  settingsFreeOf,
  statusBasis,
  statusFromBasis,
  statusUnderSettings,
} from '../../shared/policyStatus';
import { seededRandom, type SeededRandom } from '../helpers/seededRandom';

const STATUSES: readonly ConsentStatus[] = [
  'granted',
  'granted',
  'granted',
  'refused',
  'not_returned',
  'withdrawn',
  'none',
];
const NAMES = ['Zoë Bakker', 'Sem de Vries', 'Noah Jansen', 'Lotte Vos', 'zoë bakker '];

function generatedPhoto(random: SeededRandom) {
  // One consent answer per person (as a context asks it once), some granted without a record.
  const consent = new Map<number, PolicyConsent>();
  const consentOf = (personId: number): PolicyConsent => {
    let answer = consent.get(personId);
    if (!answer) {
      const status = random.pick(STATUSES);
      answer = { status, recordId: status === 'none' || random.int(12) === 0 ? null : 100 + personId };
      consent.set(personId, answer);
    }
    return answer;
  };
  const identity = (): RegionIdentity => {
    const name = random.pick(NAMES);
    switch (random.int(7)) {
      case 0:
      case 1:
      case 2: {
        const personId = 1 + random.int(6);
        return { kind: 'person', personId, name, consent: consentOf(personId), protected: random.int(10) === 0 };
      }
      case 3:
        return { kind: 'ambiguous', name, candidateCount: 2 + random.int(2), protectedCandidate: random.int(8) === 0 };
      case 4:
        return { kind: 'unmatched', name, protectedSuspect: random.int(8) === 0 };
      default:
        return { kind: 'unknown' };
    }
  };
  const box = (): Box | null => {
    if (random.int(8) === 0) return null;
    const w = random.int(4) === 0 ? 0.2 + random.next() * 0.6 : 0.01 + random.next() * 0.2;
    const h = random.int(4) === 0 ? 0.2 + random.next() * 0.6 : 0.01 + random.next() * 0.2;
    return { x: random.next() * (1 - w), y: random.next() * (1 - h), w, h };
  };
  const regions: DecisionRegion[] = Array.from({ length: random.int(9) }, (_, i) => ({
    id: random.int(10) === 0 ? null : i + 1,
    box: box(),
    kind: random.pick(['face', 'face', 'face', 'pet', 'other'] as const),
    source: random.pick(['file', 'detector', 'user'] as const),
    dismissed: random.int(10) === 0,
    identity: identity(),
  }));
  const input: DecisionInput = {
    regions,
    facesChecked: random.int(6) !== 0,
    channelLabel: 'sociale media',
    schoolYear: '2026-2027',
    review:
      random.int(8) === 0
        ? [{ code: random.pick(['metadataUnreadable', 'staleRegions'] as const), params: { names: '' } }]
        : [],
  };
  const settings: PolicySettings = {
    hideStyle: random.pick(['mask', 'pixelate'] as const),
    maskMargin: random.next() * 0.5,
    maxHiddenAreaShare: random.pick([0, 0.01, 0.05, 0.1, 0.3, 1]),
    maxHiddenPeople: random.int(7),
    clipMainSubjectShare: random.pick([0.1, 0.2, 0.5]),
  };
  const reason = random.pick([null, '', '   ', 'Toestemming mondeling bevestigd']);
  const byPrivacyOfficer = random.int(2) === 0;
  return { input, settings, consentOf, reason, byPrivacyOfficer };
}

describe('the status basis', () => {
  it("gives decidePhoto's status for every generated photo, with and without an override", () => {
    const random = seededRandom(20261130);
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i += 1) {
      const { input, settings, consentOf, reason, byPrivacyOfficer } = generatedPhoto(random);
      const fast = statusFromBasis(statusBasis(input), consentOf, settings);
      const full = decidePhoto(input, settings);
      expect(fast, `photo ${i}`).toEqual({
        status: full.status,
        overridable: full.overridable,
        officerOverridable: full.officerOverridable,
      });
      // Split from the settings, by either way, then put under other settings: decidePhoto's status under those.
      const free = settingsFreeOf(full);
      expect(settingsFreeFromBasis(statusBasis(input), consentOf), `photo ${i} settings-free`).toEqual(free);
      const other = generatedPhoto(random).settings;
      expect(statusUnderSettings(free, other), `photo ${i} other settings`).toBe(decidePhoto(input, other).status);
      expect(statusUnderSettings(free, settings), `photo ${i} same settings`).toBe(full.status);
      const overridden = decidePhoto(
        { ...input, override: reason === null ? null : { reason, byPrivacyOfficer } },
        settings,
      );
      expect(statusWithOverride(fast, reason, byPrivacyOfficer), `photo ${i} overridden`).toBe(overridden.status);
      seen.add(`${full.status}:${full.blockers.map((blocker) => blocker.code).join(',')}`);
      seen.add(overridden.status + (overridden.overridden ? ':overridden' : ''));
    }
    // Every outcome and every kind of blocker came up.
    for (const status of ['publish', 'hide', 'blocked', 'needs_review', 'hide:overridden']) {
      expect(
        [...seen].some((key) => key.startsWith(status)),
        status,
      ).toBe(true);
    }
    const blockers = [...seen].join(',');
    for (const code of [
      'policy.block.noBox',
      'policy.block.noBoxUnknown',
      'policy.block.protected',
      'policy.block.protectedSuspect',
      'policy.block.mainSubject',
      'policy.block.mainSubjectUnknown',
      'policy.block.tooMany',
      'policy.review.facesNotChecked',
      'policy.review.metadataUnreadable',
      'policy.review.staleRegionsUnknown',
    ]) {
      expect(blockers, code).toContain(code);
    }
  });

  it('reads no consent answer it is not asked for: the placeholder in the input does not count', () => {
    const region: DecisionRegion = {
      id: 1,
      box: { x: 0.1, y: 0.1, w: 0.05, h: 0.05 },
      kind: 'face',
      source: 'file',
      dismissed: false,
      identity: { kind: 'person', personId: 7, name: 'Zoë Bakker', consent: { status: 'granted', recordId: 1 } },
    };
    const basis = statusBasis({ regions: [region], facesChecked: true });
    const settings: PolicySettings = {
      hideStyle: 'mask',
      maskMargin: 0.2,
      maxHiddenAreaShare: 0.1,
      maxHiddenPeople: 5,
      clipMainSubjectShare: 0.2,
    };
    expect(statusFromBasis(basis, () => ({ status: 'withdrawn', recordId: 3 }), settings).status).toBe('hide');
    expect(statusFromBasis(basis, () => ({ status: 'granted', recordId: 3 }), settings).status).toBe('publish');
  });
});
