// fotowacht consent protect / unprotect / turning-16 / missing and fotowacht privacy-officer, as an administrator
// and a privacy officer run them: results as JSON, files written, failures as exit codes.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fotowacht } from '../helpers/cli';
import { LIST_2025, LIST_2026, writeRulesList } from '../helpers/consentRules';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

function school(): string {
  const dataDir = tempDir();
  const dir = tempDir();
  for (const [rows, year] of [
    [LIST_2025, '2025-2026'],
    [LIST_2026, '2026-2027'],
  ] as const) {
    const file = writeRulesList(dir, rows, `lijst-${year}.csv`);
    const imported = fotowacht(['consent', 'import', file, '--year', year, '--only-valid', '--data-dir', dataDir]);
    expect(imported.code, imported.stderr).toBe(0);
    if (year === '2026-2027') {
      // The preview names whom the "Vertrouwelijk" column marks, and why Noah is marked too.
      expect(imported.stdout).toContain('To be marked never publish:');
      expect(imported.stdout).toMatch(/1001\s+Zoë Bakker/);
      expect(imported.stdout).toContain('unclear value for "never publish"');
    }
  }
  return dataDir;
}

describe('fotowacht consent rules', { timeout: 180_000 }, () => {
  it('missing: per class as JSON, CSV and PDF; an unknown class fails', () => {
    const dataDir = school();
    const dir = tempDir();
    const csv = path.join(dir, 'missing.csv');
    const pdf = path.join(dir, 'missing.pdf');
    const run = fotowacht([
      'consent',
      'missing',
      '--year',
      '2026-2027',
      '--class',
      '6B',
      '--csv',
      csv,
      '--pdf',
      pdf,
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const doc = run.json<{
      classes: Array<{ className: string; entries: Array<{ reason: string; person: { key: string } }> }>;
      csv: string;
      pdf: string;
    }>();
    expect(doc.classes.map((g) => g.className)).toEqual(['6B']);
    expect(doc.classes[0]!.entries.map((e) => [e.person.key, e.reason])).toEqual([
      ['1005', 'noForm'],
      ['1003', 'noForm'],
      ['1006', 'noForm'],
    ]);
    expect(doc.csv).toBe(csv);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFFclass,student number,first name,name prefix,last name,reason,')).toBe(true);
    expect(text).toContain(",'=cmd|' /C calc'!A0,");
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    if (hasPdftotext) {
      const pdfText = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
      expect(pdfText).toContain('Class / group 6B');
      expect(pdfText).toContain('No form returned (3)');
    } else console.warn('pdftotext (poppler-utils) is not installed: the PDF text is not read back');

    // Never over an existing file without --force; an unknown class is a failure.
    const again = fotowacht(['consent', 'missing', '--year', '2026-2027', '--csv', csv, '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    const unknown = fotowacht(['consent', 'missing', '--year', '2026-2027', '--class', '9Z', '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr + unknown.stdout).toContain('9Z');

    const dutch = fotowacht(['consent', 'missing', '--year', '2026-2027', '--lang', 'nl', '--data-dir', dataDir]);
    expect(dutch.code).toBe(0);
    expect(dutch.stdout).toContain('Klas 6A: 1 van 2 leerlingen');
    expect(dutch.stdout).toContain("Overal geen toestemming: Sem van 't Hof (1002)");
  });

  it('turning-16: JSON and text for a day; a bad day fails', () => {
    const dataDir = school();
    const run = fotowacht(['consent', 'turning-16', '--date', '2026-09-15', '--json', '--data-dir', dataDir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json<Array<{ person: { key: string }; when: string; daysUntil: number }>>()).toMatchObject([
      { person: { key: '1002' }, when: 'soon', daysUntil: 5 },
    ]);
    const text = fotowacht(['consent', 'turning-16', '--date', '2026-10-01', '--lang', 'nl', '--data-dir', dataDir]);
    expect(text.stdout).toContain("Sem van 't Hof (1002, 6A) werd 16 op 2026-09-20, 11 dagen geleden");
    expect(text.stdout).toContain('laatste formulier 2026-09-01, getekend door');
    expect(fotowacht(['consent', 'turning-16', '--date', '2026-02-30', '--data-dir', dataDir]).code).toBe(1);
    expect(fotowacht(['consent', 'turning-16', '--days', 'veel', '--data-dir', dataDir]).code).toBe(1);
  });

  it('protect, unprotect and the privacy officer role', () => {
    const dataDir = school();
    expect(fotowacht(['consent', 'protect', '1002', '--reason', 'Pleeggezin', '--data-dir', dataDir]).code).toBe(0);
    const shown = fotowacht(['consent', 'show', '1002', '--json', '--data-dir', dataDir]);
    expect(shown.json<{ person: { protected: boolean } }>().person.protected).toBe(true);

    // Not a privacy officer yet: taking the mark off is refused.
    const refused = fotowacht(['consent', 'unprotect', '1002', '--reason', 'Opgelost', '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    const who = fotowacht(['privacy-officer', 'show', '--json', '--data-dir', dataDir]).json<{ you: string }>();
    // The confirmation must repeat the user name.
    expect(fotowacht(['privacy-officer', 'grant', who.you, '--confirm', 'iemand', '--data-dir', dataDir]).code).toBe(1);
    const granted = fotowacht([
      'privacy-officer',
      'grant',
      who.you,
      '--confirm',
      who.you,
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(granted.code, granted.stderr).toBe(0);
    expect(granted.json<{ officers: string[] }>().officers).toEqual([who.you]);
    expect(fotowacht(['consent', 'unprotect', '1002', '--data-dir', dataDir]).code).not.toBe(0); // --reason required
    const off = fotowacht(['consent', 'unprotect', '1002', '--reason', 'Opgelost', '--json', '--data-dir', dataDir]);
    expect(off.code, off.stderr).toBe(0);
    expect(off.json<{ person: { protected: boolean } }>().person.protected).toBe(false);
    expect(fotowacht(['privacy-officer', 'grant', '--help']).stdout).toContain('--confirm');
  });
});
