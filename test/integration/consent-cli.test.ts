// fotowacht consent / channels on the command line, as an administrator runs them.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fotowacht } from '../helpers/cli';
import { writeWindows1252Csv } from '../helpers/consentLists';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

describe('fotowacht consent', { timeout: 120_000 }, () => {
  it('imports: errors stop everything, --only-valid saves the rest, show and withdraw follow', () => {
    const dataDir = tempDir();
    const dir = tempDir();
    const file = writeWindows1252Csv(dir);
    appendFileSync(file, '1006;Lieke;Lieke;;Visser;7B;01-01-2013;misschien;ja;ja;ja;ja\r\n');
    const year = ['--year', '2026-2027', '--data-dir', dataDir];

    const refused = fotowacht(['consent', 'import', file, ...year, '--lang', 'nl']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Tekenset windows-1252, scheidingsteken “;”');
    expect(refused.stdout).toContain('Kopregel: rij 4');
    expect(refused.stdout).toContain('Beeldmateriaal website → kanaal website');
    expect(refused.stdout).toContain("1003  Sem van 't Hof  6A");
    expect(refused.stdout).toContain('rij 10, kolom “Beeldmateriaal website”, waarde “misschien”: onbekende waarde');
    expect(refused.stdout).toContain('Niets opgeslagen: 1 fouten in 1 rijen');

    const dry = fotowacht(['consent', 'import', file, ...year, '--dry-run', '--only-valid', '--json']);
    expect(dry.code).toBe(0);
    const dryDoc = dry.json<{
      committed: boolean;
      preview: { counts: { validRows: number }; errors: unknown[] };
    }>();
    expect(dryDoc.committed).toBe(false);
    expect(dryDoc.preview.counts.validRows).toBe(5);
    expect(dryDoc.preview.errors).toEqual([
      {
        severity: 'error',
        row: 10,
        column: 'Beeldmateriaal website',
        value: 'misschien',
        code: 'consent.row.unknownValue',
        params: {},
      },
    ]);

    const mappingFile = path.join(dir, 'mapping.json');
    const saved = fotowacht(['consent', 'import', file, ...year, '--only-valid', '--save-mapping', mappingFile]);
    expect(saved.code).toBe(0);
    expect(saved.stdout).toContain('Rows with errors left out: 10.');
    expect(saved.stdout).toContain('Saved as import 1: 25 new consent versions.');
    expect(JSON.parse(readFileSync(mappingFile, 'utf8'))).toMatchObject({ headerRow: 4, personKind: 'pupil' });

    const withdraw = fotowacht([
      'consent',
      'withdraw',
      '1002',
      '--channel',
      'website',
      '--reason',
      'Moeder belde',
      '--data-dir',
      dataDir,
      '--lang',
      'nl',
    ]);
    expect(withdraw.code).toBe(0);
    expect(withdraw.stdout).toContain('Ingetrokken: 1002 Zoë Bakker, website');

    const show = fotowacht(['consent', 'show', '1002', '--data-dir', dataDir]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Zoë Bakker — pupil 1002');
    expect(show.stdout).toMatch(/School website: withdrawn \(version 2, record \d+\)/);
    expect(show.stdout).toContain('reason: Moeder belde');
    expect(show.stdout).toContain('import 1 (toestemming-2026-2027.csv');

    const unknown = fotowacht(['consent', 'show', '9999', '--data-dir', dataDir, '--json']);
    expect(unknown.code).toBe(1);
    expect(unknown.json()).toEqual({
      ok: false,
      error: { code: 'consent.person.notFound', params: { person: '9999' } },
    });
  });

  it('takes a corrected mapping.json, and refuses a broken one', () => {
    const dataDir = tempDir();
    const dir = tempDir();
    const file = writeWindows1252Csv(dir);
    const mappingFile = path.join(dir, 'mapping.json');
    writeFileSync(
      mappingFile,
      JSON.stringify({
        headerRow: 4,
        personKind: 'pupil',
        fields: { studentNumber: 'Leerlingnummer', roepnaam: 'Roepnaam', achternaam: 'Achternaam', className: 'Klas' },
        channels: { 'Beeldmateriaal website': 'website' },
      }),
    );
    const run = fotowacht([
      'consent',
      'import',
      file,
      '--year',
      '2026-2027',
      '--mapping',
      mappingFile,
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({
      committed: true,
      recordsWritten: 5,
      preview: { counts: { newPeople: 5 } },
    });

    writeFileSync(mappingFile, JSON.stringify({ headerRow: 'vier', fields: {} }));
    const broken = fotowacht(['consent', 'import', file, '--mapping', mappingFile, '--data-dir', dataDir]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('The mapping file');
  });

  it('manages channels and has help in both languages', () => {
    const dataDir = tempDir();
    const added = fotowacht(['channels', 'add', 'Jaarboek', '--en', 'Yearbook', '--data-dir', dataDir]);
    expect(added.stdout).toContain('Channel jaarboek added: Jaarboek / Yearbook.');
    const list = fotowacht(['channels', 'list', '--data-dir', dataDir, '--lang', 'nl']);
    expect(list.stdout).toContain('jaarboek  Jaarboek / Yearbook');
    expect(fotowacht(['consent', 'import', '--help']).stdout).toContain('--only-valid');
    expect(fotowacht(['consent', 'import', '--help', '--lang', 'nl']).stdout).toContain('sla de goede rijen op');
  });
});
