// Every error code the consent core can raise (thrown or as a row issue) has a sentence in Dutch and English.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMessageKey } from '../../shared/i18n';
import { consentEn, consentNl } from '../../shared/i18n/consent';

const CORE = path.resolve('electron/core/consent');

describe('consent texts', () => {
  it('cover every error code in electron/core/consent', () => {
    const codes = new Set<string>();
    for (const file of readdirSync(CORE).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(path.join(CORE, file), 'utf8');
      for (const match of source.matchAll(/'(consent\.[a-zA-Z]+\.[a-zA-Z]+)'/g)) codes.add(match[1]!);
    }
    expect(codes.size).toBeGreaterThan(30);
    for (const code of codes) expect(isMessageKey(`error.${code}`), code).toBe(true);
  });

  it('have the same keys in both languages', () => {
    expect(Object.keys(consentEn).sort()).toEqual(Object.keys(consentNl).sort());
  });
});
