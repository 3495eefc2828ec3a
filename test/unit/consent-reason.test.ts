// The reason rule of a manual change or a withdrawal: one rule, in shared/, that the registry and the screen use.
import { describe, expect, it } from 'vitest';
import { CONSENT_REASON_MAX, CONSENT_REASON_MIN, consentReasonProblem, foldReason } from '../../shared/consent';

describe('consent reasons', () => {
  it('fold white space as the history keeps them', () => {
    expect(foldReason('  formulier\n\n  te laat\tingeleverd ')).toBe('formulier te laat ingeleverd');
  });

  it('need at least the minimum length after folding', () => {
    expect(CONSENT_REASON_MIN).toBe(3);
    expect(consentReasonProblem('')).toEqual({ code: 'consent.reason.required', params: {} });
    expect(consentReasonProblem('  ab  ')).toEqual({ code: 'consent.reason.required', params: {} });
    expect(consentReasonProblem('a \n b')).toBeNull();
    expect(consentReasonProblem('abc')).toBeNull();
  });

  it('refuse more than the maximum length, naming it', () => {
    expect(CONSENT_REASON_MAX).toBe(500);
    expect(consentReasonProblem('x'.repeat(500))).toBeNull();
    expect(consentReasonProblem(`  ${'x'.repeat(500)}  `)).toBeNull();
    expect(consentReasonProblem('x'.repeat(501))).toEqual({ code: 'consent.reason.tooLong', params: { max: 500 } });
  });
});
