import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/canonicalJson';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text for the same value built in another order', () => {
    expect(canonicalJson({ x: 1, y: [1, 2] })).toBe(canonicalJson({ y: [1, 2], x: 1 }));
  });

  it('keeps array order and escapes strings as JSON does', () => {
    expect(canonicalJson(['b', 'a', 'Zoë "de" \\'])).toBe('["b","a","Zoë \\"de\\" \\\\"]');
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
  });
});
