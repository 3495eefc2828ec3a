// The tests' digest filter (test/helpers/clearText.ts) takes out only runs of hex that a digest makes: a student
// number or name written in clear next to them is still found.
import { describe, expect, it } from 'vitest';
import { withoutDigests } from '../helpers/clearText';

describe('withoutDigests', () => {
  it('removes a digest that holds 1001 by chance, keeps a number written in clear', () => {
    const digest = '795fdb2f371001bcf9c60447ad80f80f73edadf8a59ce9d055388e2c92f7a3df';
    expect(withoutDigests(JSON.stringify({ personal: digest }))).not.toContain('1001');
    expect(withoutDigests(JSON.stringify({ personal: digest, key: '1001' }))).toContain('"key":"1001"');
    expect(withoutDigests(`person:1001 ${digest}`)).toBe('person:1001 #');
    expect(withoutDigests('Zoë Bakker, groep 7b')).toBe('Zoë Bakker, groep 7b');
  });
});
