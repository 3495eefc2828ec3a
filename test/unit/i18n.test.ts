import { describe, expect, it } from 'vitest';
import { describeError, messageKeys, translate } from '../../shared/i18n';
import { en } from '../../shared/i18n/en';
import { nl } from '../../shared/i18n/nl';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('translation tables', () => {
  it('have the same keys in Dutch and English', () => {
    expect(messageKeys('en').sort()).toEqual(messageKeys('nl').sort());
  });

  it('have no empty text and the same placeholders in both languages', () => {
    for (const key of messageKeys('nl')) {
      expect(nl[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(nl[key]));
    }
  });

  it('fills in parameters', () => {
    expect(translate('nl', 'jobs.progress', { done: 3, total: 10 })).toBe('3 van 10');
    expect(translate('en', 'jobs.progress', { done: 3, total: 10 })).toBe('3 of 10');
  });

  it('turns error codes into sentences, and unknown codes into a generic one naming the code', () => {
    expect(describeError('en', { code: 'db.newerSchema', params: { found: 9, known: 1 } })).toContain('schema 9');
    expect(describeError('nl', { code: 'nobody.knows', params: {} })).toBe('Er ging iets mis (nobody.knows).');
  });
});
