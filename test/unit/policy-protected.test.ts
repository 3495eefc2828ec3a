// Protected pupils in the decision rule: blocked, not masked — even when masking would hide them well — and only a
// privacy officer's override with a reason lifts the block (the photo then goes out with them masked).
import { describe, expect, it } from 'vitest';
import type { Box } from '../../shared/geometry';
import {
  decidePhoto,
  statusWithOverride,
  type DecisionInput,
  type DecisionRegion,
  type RegionIdentity,
} from '../../shared/policy';

const small: Box = { x: 0.4, y: 0.3, w: 0.05, h: 0.08 };
const granted = { status: 'granted' as const, recordId: 7 };

function region(id: number, identity: RegionIdentity, box: Box | null = small): DecisionRegion {
  return { id, box, kind: 'face', source: 'file', dismissed: false, identity };
}

const zoe = (isProtected: boolean): RegionIdentity => ({
  kind: 'person',
  personId: 1,
  name: 'Zoë Bakker',
  consent: granted,
  protected: isProtected,
});
const bram: RegionIdentity = { kind: 'person', personId: 2, name: 'Bram ter Horst', consent: granted };

function input(regions: DecisionRegion[], extra: Partial<DecisionInput> = {}): DecisionInput {
  return { regions, facesChecked: true, channelLabel: 'social media', schoolYear: '2026-2027', ...extra };
}

describe('a protected person', () => {
  it('is never visible, whatever their consent, and blocks a photo that masking would otherwise save', () => {
    // Unprotected, with consent, a small face: the photo goes out as is.
    expect(decidePhoto(input([region(1, zoe(false)), region(2, bram)])).status).toBe('publish');
    const decision = decidePhoto(input([region(1, zoe(true)), region(2, bram)]));
    expect(decision).toMatchObject({
      status: 'blocked',
      overridable: false,
      officerOverridable: true,
      overridden: false,
    });
    expect(decision.blockers.map((b) => b.code)).toEqual(['policy.block.protected']);
    expect(decision.reasons.find((r) => r.regionId === 1)?.code).toBe('policy.protected');
    expect(decision.visible.map((v) => v.personId)).toEqual([2]);
    // Masking would hide the small face (it is among the hidden regions) — and the photo is still blocked.
    expect(decision.hidden.map((h) => h.regionId)).toEqual([1]);
  });

  it('blocks when named without a box too (a keyword), and that block no override lifts', () => {
    const decision = decidePhoto(
      input([region(1, zoe(true), null)], { override: { reason: 'toestemming rechter', byPrivacyOfficer: true } }),
    );
    expect(decision).toMatchObject({ status: 'blocked', overridable: false, officerOverridable: false });
    expect(decision.blockers.map((b) => b.code)).toEqual(['policy.block.noBox', 'policy.block.protected']);
  });

  it('refuses an override without the privacy officer role, and one without a reason', () => {
    const regions = [region(1, zoe(true)), region(2, bram)];
    for (const override of [
      { reason: 'ouders akkoord' },
      { reason: 'ouders akkoord', byPrivacyOfficer: false },
      { reason: '   ', byPrivacyOfficer: true },
      { reason: '', byPrivacyOfficer: true },
    ]) {
      const decision = decidePhoto(input(regions, { override }));
      expect(decision, JSON.stringify(override)).toMatchObject({ status: 'blocked', overridden: false });
    }
    expect(statusWithOverride(decidePhoto(input(regions)), 'ouders akkoord')).toBe('blocked');
    expect(statusWithOverride(decidePhoto(input(regions)), '  ', true)).toBe('blocked');
  });

  it("yields to a privacy officer's reason: published with the protected person masked, the reason recorded", () => {
    const regions = [region(1, zoe(true)), region(2, bram)];
    const decision = decidePhoto(
      input(regions, { override: { reason: 'achterin, onherkenbaar', byPrivacyOfficer: true } }),
    );
    expect(decision).toMatchObject({ status: 'hide', overridden: true, officerOverridable: true, overridable: false });
    expect(decision.hidden.map((h) => h.regionId)).toEqual([1]);
    expect(decision.blockers.map((b) => b.code)).toEqual([
      'policy.block.protected',
      'policy.overriddenByPrivacyOfficer',
    ]);
    expect(statusWithOverride(decidePhoto(input(regions)), 'achterin, onherkenbaar', true)).toBe(decision.status);
  });

  it('is not overridable while the photo still needs review (faces not checked)', () => {
    const decision = decidePhoto(
      input([region(1, zoe(true))], { facesChecked: false, override: { reason: 'reden', byPrivacyOfficer: true } }),
    );
    expect(decision).toMatchObject({ status: 'blocked', officerOverridable: false, overridden: false });
    expect(decision.blockers.map((b) => b.code)).toEqual(['policy.block.protected', 'policy.review.facesNotChecked']);
  });

  it('blocks a name that may be them: an ambiguous name with a protected candidate, a close name nobody confirmed', () => {
    const ambiguous = decidePhoto(
      input([region(1, { kind: 'ambiguous', name: 'Noah Jansen', candidateCount: 2, protectedCandidate: true })]),
    );
    expect(ambiguous.status).toBe('blocked');
    expect(ambiguous.blockers.map((b) => b.code)).toEqual(['policy.block.protectedSuspect']);
    const suggested = decidePhoto(input([region(1, { kind: 'unmatched', name: 'Zoe Baker', protectedSuspect: true })]));
    expect(suggested.blockers.map((b) => b.code)).toEqual(['policy.block.protectedSuspect']);
    // The same names without a protected person behind them are hidden, not blocked.
    expect(decidePhoto(input([region(1, { kind: 'unmatched', name: 'Zoe Baker' })])).status).toBe('hide');
  });

  it('keeps the ordinary override rule for everyone else', () => {
    const large: Box = { x: 0.1, y: 0.1, w: 0.6, h: 0.6 };
    const refused = region(
      3,
      { kind: 'person', personId: 3, name: 'Sem', consent: { status: 'refused', recordId: 9 } },
      large,
    );
    const decision = decidePhoto(input([refused], { override: { reason: 'persfoto' } }));
    expect(decision).toMatchObject({ status: 'hide', overridden: true, overridable: true, officerOverridable: false });
    expect(decision.blockers.at(-1)?.code).toBe('policy.overridden');
  });
});
