// The override rule the publish screen shows before an export must be the one decidePhoto applies during it.
import { describe, expect, it } from 'vitest';
import type { Box } from '../../shared/geometry';
import {
  decidePhoto,
  overrideReasonOf,
  statusWithOverride,
  type DecisionInput,
  type DecisionRegion,
} from '../../shared/policy';

const small: Box = { x: 0.4, y: 0.3, w: 0.05, h: 0.08 };
const large: Box = { x: 0.1, y: 0.1, w: 0.6, h: 0.6 };

function refused(id: number, box: Box | null): DecisionRegion {
  return {
    id,
    box,
    kind: 'face',
    source: 'file',
    dismissed: false,
    identity: { kind: 'person', personId: id, name: `P${id}`, consent: { status: 'refused', recordId: 100 + id } },
  };
}

const cases: Record<string, Pick<DecisionInput, 'regions' | 'facesChecked'>> = {
  'a hidden main subject': { regions: [refused(1, large)], facesChecked: true },
  'too many hidden people': {
    regions: [1, 2, 3, 4, 5, 6].map((id) => refused(id, small)),
    facesChecked: true,
  },
  'a hidden person without a box': { regions: [refused(1, null)], facesChecked: true },
  'faces not checked': { regions: [refused(1, large)], facesChecked: false },
  'one small hidden person': { regions: [refused(1, small)], facesChecked: true },
};

describe('overrides', () => {
  it('count only with a reason that has text', () => {
    expect(overrideReasonOf(undefined)).toBeNull();
    expect(overrideReasonOf('   ')).toBeNull();
    expect(overrideReasonOf('  persfoto, ouders akkoord ')).toBe('persfoto, ouders akkoord');
  });

  for (const [name, input] of Object.entries(cases)) {
    it(`give the status decidePhoto gives: ${name}`, () => {
      const base = { ...input, channelLabel: 'website', schoolYear: '2026-2027' };
      const without = decidePhoto(base);
      for (const reason of ['', '  ', 'met toestemming van de ouders']) {
        const withOverride = decidePhoto({ ...base, override: { reason } });
        expect(statusWithOverride(without, reason)).toBe(withOverride.status);
      }
    });
  }

  it('turn an overridable block into hiding and leave a hard block alone', () => {
    expect(statusWithOverride({ status: 'blocked', overridable: true }, 'reden')).toBe('hide');
    expect(statusWithOverride({ status: 'blocked', overridable: false }, 'reden')).toBe('blocked');
    expect(statusWithOverride({ status: 'needs_review', overridable: false }, 'reden')).toBe('needs_review');
    expect(statusWithOverride({ status: 'blocked', overridable: true }, ' ')).toBe('blocked');
  });
});
