import { describe, expect, it } from 'vitest';
import type { Box } from '../../shared/geometry';
import {
  decidePhoto,
  DEFAULT_POLICY_SETTINGS,
  type ConsentStatus,
  type DecisionInput,
  type DecisionRegion,
  type RegionIdentity,
} from '../../shared/policy';
import { translate } from '../../shared/i18n';

const small: Box = { x: 0.4, y: 0.3, w: 0.05, h: 0.08 };
let nextId = 1;

function region(identity: RegionIdentity, extra: Partial<DecisionRegion> = {}): DecisionRegion {
  return { id: nextId++, box: small, kind: 'face', source: 'file', dismissed: false, identity, ...extra };
}

function person(
  personId: number,
  name: string,
  status: ConsentStatus,
  recordId: number | null = status === 'none' ? null : 100 + personId,
): RegionIdentity {
  return { kind: 'person', personId, name, consent: { status, recordId } };
}

function decide(regions: DecisionRegion[], extra: Partial<DecisionInput> = {}) {
  return decidePhoto({ regions, facesChecked: true, channelLabel: 'sociale media', schoolYear: '2026-2027', ...extra });
}

describe('decidePhoto — rule 1: visible only with granted consent for this channel and year', () => {
  it('publishes a photo of people who all consented, citing the consent records', () => {
    const decision = decide([
      region(person(1, 'Zoë Bakker', 'granted')),
      region(person(2, "Sem van 't Hof", 'granted')),
    ]);
    expect(decision.status).toBe('publish');
    expect(decision.hidden).toEqual([]);
    expect(decision.visible.map((v) => [v.personId, v.consentRecordId])).toEqual([
      [1, 101],
      [2, 102],
    ]);
    expect(decision.reasons[0]).toMatchObject({
      code: 'policy.visible',
      params: { name: 'Zoë Bakker', channel: 'sociale media', year: '2026-2027' },
    });
  });

  it('never treats "granted" without a record to rest on as consent', () => {
    expect(decide([region(person(1, 'Zoë Bakker', 'granted', null))]).status).toBe('hide');
  });
});

describe('decidePhoto — rule 2: everyone else is hidden, with the reason in words', () => {
  it.each<[string, RegionIdentity, DecisionRegion['source'], string]>([
    ['refused', person(3, 'Daniëlle de Groot', 'refused'), 'file', 'policy.refused'],
    ['not returned', person(4, 'Noor Jansen', 'not_returned'), 'file', 'policy.notReturned'],
    ['no record (also last year’s consent)', person(5, 'Bram ter Horst', 'none'), 'file', 'policy.noRecord'],
    ['withdrawn', person(6, 'Fleur van Dijk', 'withdrawn'), 'file', 'policy.withdrawn'],
    ['an ambiguous name', { kind: 'ambiguous', name: 'Noah Jansen', candidateCount: 2 }, 'file', 'policy.ambiguous'],
    ['a name not in the registry (a guest)', { kind: 'unmatched', name: 'Oma Truus' }, 'file', 'policy.unmatched'],
    ['an untagged face found by the detector', { kind: 'unknown' }, 'detector', 'policy.unknownFace'],
    ['a region without a name', { kind: 'unknown' }, 'file', 'policy.unnamedRegion'],
    ['a box a user drew without naming anyone', { kind: 'unknown' }, 'user', 'policy.unnamedRegion'],
  ])('hides %s', (_case, identity, source, code) => {
    const decision = decide([region(person(1, 'Zoë Bakker', 'granted')), region(identity, { source })]);
    expect(decision.status).toBe('hide');
    expect(decision.hidden).toHaveLength(1);
    expect(decision.visible.map((v) => v.personId)).toEqual([1]);
    expect(decision.reasons[1]!.code).toBe(code);
  });

  it('says how many people share an ambiguous name', () => {
    const decision = decide([region({ kind: 'ambiguous', name: 'Noah Jansen', candidateCount: 2 })]);
    expect(decision.reasons[0]).toMatchObject({ code: 'policy.ambiguous', params: { name: 'Noah Jansen', count: 2 } });
  });
});

describe('decidePhoto — rule 3: hidden regions are masked with a margin', () => {
  it('grows the mask by the margin on every side and keeps it inside the photo', () => {
    const box = { x: 0.9, y: 0.0, w: 0.1, h: 0.1 };
    const decision = decidePhoto(
      {
        regions: [region(person(1, 'Zoë', 'refused'), { box })],
        facesChecked: true,
        channelLabel: 'website',
        schoolYear: '2026-2027',
      },
      { ...DEFAULT_POLICY_SETTINGS, maskMargin: 0.25 },
    );
    const mask = decision.hidden[0]!.maskBox;
    expect(mask.x).toBeCloseTo(0.875);
    expect(mask.y).toBe(0);
    expect(mask.x + mask.w).toBe(1);
    expect(mask.h).toBeCloseTo(0.125);
  });
});

describe('decidePhoto — rule 4: blocked when hiding would ruin the photo or not protect the person', () => {
  it('blocks when a hidden person is the main subject', () => {
    const decision = decide([region(person(1, 'Zoë', 'refused'), { box: { x: 0.2, y: 0.1, w: 0.4, h: 0.5 } })]);
    expect(decision).toMatchObject({ status: 'blocked', overridable: true });
    expect(decision.blockers[0]).toMatchObject({
      code: 'policy.block.mainSubject',
      params: { name: 'Zoë', share: 20, max: 10 },
    });
  });

  it('uses the configured share', () => {
    const regions = [region(person(1, 'Zoë', 'refused'), { box: { x: 0, y: 0, w: 0.35, h: 0.35 } })];
    expect(decide(regions).status).toBe('blocked');
    const lenient = decidePhoto(
      { regions, facesChecked: true, channelLabel: 'x', schoolYear: '2026-2027' },
      { ...DEFAULT_POLICY_SETTINGS, maxHiddenAreaShare: 0.2 },
    );
    expect(lenient.status).toBe('hide');
  });

  it('blocks when too many people must be hidden', () => {
    const regions = Array.from({ length: 6 }, () => region({ kind: 'unknown' }, { source: 'detector' }));
    const decision = decide(regions);
    expect(decision.status).toBe('blocked');
    expect(decision.blockers).toEqual([{ code: 'policy.block.tooMany', params: { count: 6, max: 5 }, regionId: null }]);
    expect(decide(regions.slice(0, 5)).status).toBe('hide');
  });

  it('lets a user override such a block only with a reason — the regions are still hidden', () => {
    const regions = [region(person(1, 'Zoë', 'refused'), { box: { x: 0.2, y: 0.1, w: 0.4, h: 0.5 } })];
    expect(decide(regions, { override: { reason: '   ' } }).status).toBe('blocked');
    const overridden = decide(regions, { override: { reason: 'Zoë staat op de rug gezien; ouders akkoord gegeven' } });
    expect(overridden).toMatchObject({ status: 'hide', overridden: true });
    expect(overridden.hidden).toHaveLength(1);
    expect(overridden.blockers.at(-1)).toMatchObject({ code: 'policy.overridden' });
  });

  it('blocks without override when someone must be hidden but has no box on the photo', () => {
    const decision = decide([region(person(1, 'Zoë', 'refused'), { id: null, box: null })], {
      override: { reason: 'toch doen' },
    });
    expect(decision).toMatchObject({ status: 'blocked', overridable: false, overridden: false });
    expect(decision.blockers[0]).toMatchObject({ code: 'policy.block.noBox', params: { name: 'Zoë' } });
  });
});

describe('decidePhoto — doubt: unchecked photos are never "publish"', () => {
  it('a photo without regions and without a face-detection result needs review', () => {
    expect(decide([], { facesChecked: false })).toMatchObject({
      status: 'needs_review',
      blockers: [{ code: 'policy.review.facesNotChecked' }],
    });
  });

  it('a tagged photo the detector has not seen needs review too (someone untagged may be on it)', () => {
    expect(decide([region(person(1, 'Zoë', 'granted'))], { facesChecked: false }).status).toBe('needs_review');
  });

  it('a checked photo with no people on it may be published', () => {
    expect(decide([], { facesChecked: true }).status).toBe('publish');
  });
});

describe('decidePhoto — what does not count', () => {
  it('ignores dismissed detections, pets and unnamed non-face regions', () => {
    const decision = decide([
      region({ kind: 'unknown' }, { source: 'detector', dismissed: true }),
      region({ kind: 'unknown' }, { kind: 'pet' }),
      region({ kind: 'unknown' }, { kind: 'other' }),
      region(person(1, 'Zoë', 'granted')),
    ]);
    expect(decision.status).toBe('publish');
    expect(decision.reasons).toHaveLength(1);
  });

  it('counts a name without a box once when the same person also has a box', () => {
    const boxed = region(person(1, 'Zoë', 'refused'));
    const decision = decide([boxed, region(person(1, 'Zoë', 'refused'), { id: null, box: null, source: 'file' })]);
    expect(decision.status).toBe('hide');
    expect(decision.reasons).toHaveLength(1);
  });

  it('lets a consented person named without a box be visible', () => {
    const decision = decide([region(person(1, 'Zoë', 'granted'), { id: null, box: null })]);
    expect(decision.status).toBe('publish');
    expect(decision.visible).toEqual([{ personId: 1, consentRecordId: 101, regionIds: [] }]);
  });
});

describe('decidePhoto — every block and review reason names the person or says "an unknown face"', () => {
  it('an unnamed detector box that is the main subject is "an unknown face", never an empty name', () => {
    const decision = decide([
      region({ kind: 'unknown' }, { source: 'detector', box: { x: 0.1, y: 0.1, w: 0.5, h: 0.5 } }),
    ]);
    expect(decision.status).toBe('blocked');
    const blocker = decision.blockers[0]!;
    expect(blocker.code).toBe('policy.block.mainSubjectUnknown');
    expect(translate('en', blocker.code, blocker.params)).toBe(
      'an unknown face must be hidden but is the main subject (25% of the photo, limit 10%)',
    );
    expect(translate('nl', blocker.code, blocker.params)).toMatch(/^een onbekend gezicht moet onherkenbaar worden/);
  });

  it('puts a photo with review reasons from indexing on needs review, not overridable, even with an override', () => {
    const decision = decide([region(person(1, 'Zoë Bakker', 'granted'))], {
      review: [{ code: 'metadataUnreadable', params: {} }],
      override: { reason: 'gecontroleerd' },
    });
    expect(decision).toMatchObject({ status: 'needs_review', overridable: false, overridden: false });
    expect(decision.blockers.map((blocker) => blocker.code)).toEqual(['policy.review.metadataUnreadable']);
  });

  it('every reason code the policy can give has Dutch and English text', () => {
    for (const blocker of [
      ...decide([region({ kind: 'unknown' }, { source: 'detector', box: null })]).blockers,
      ...decide([], {
        review: [{ code: 'staleRegions', params: { names: '', statedWidth: 4, statedHeight: 3, width: 3, height: 4 } }],
      }).blockers,
    ]) {
      for (const language of ['nl', 'en'] as const) {
        const text = translate(language, blocker.code, blocker.params);
        expect(text).not.toMatch(/\{|\s—\s\s|^\s/);
        expect(text).toMatch(/onbekend|unknown/);
      }
    }
  });
});
