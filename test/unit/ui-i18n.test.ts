// The screens' texts: both languages have the same keys, every error code the window methods raise has a
// sentence, and every audit action the core writes has a name on the audit screen.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMessageKey } from '../../shared/i18n';
import { uiEn, uiNl, uiParts } from '../../shared/i18n/ui';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(path.join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [readFileSync(path.join(dir, entry.name), 'utf8')]
        : [],
  );
}

describe('UI texts', () => {
  it('have the same keys in Dutch and English', () => {
    expect(Object.keys(uiEn).sort()).toEqual(Object.keys(uiNl).sort());
  });

  it('have the same keys in Dutch and English per screen, and each key in one screen file only', () => {
    let keys = 0;
    for (const [screen, { nl, en }] of Object.entries(uiParts)) {
      expect(Object.keys(en).sort(), screen).toEqual(Object.keys(nl).sort());
      keys += Object.keys(nl).length;
    }
    expect(keys).toBe(Object.keys(uiNl).length);
  });

  it('name every error the window methods raise', () => {
    for (const source of sources(path.resolve('electron/core/ui'))) {
      for (const match of source.matchAll(/AppError\('([\w.]+)'/g)) {
        expect(isMessageKey(`error.${match[1]}`), match[1]).toBe(true);
      }
    }
  });

  it('name every audit action the core writes', () => {
    const actions = new Set<string>();
    for (const source of sources(path.resolve('electron/core'))) {
      // Every quoted action name on a line that sets an audit event's action (ternaries included).
      for (const line of source.split('\n').filter((text) => /\baction: /.test(text))) {
        for (const match of line.matchAll(/'([a-z]+(?:\.[a-zA-Z]+)+)'/g)) actions.add(match[1]!);
      }
    }
    // Written from a template: `export.${state}`.
    for (const state of ['cancelled', 'failed']) actions.add(`export.${state}`);
    expect(actions.size).toBeGreaterThanOrEqual(9);
    for (const action of actions) expect(isMessageKey(`ui.audit.action.${action}`), action).toBe(true);
  });
});
