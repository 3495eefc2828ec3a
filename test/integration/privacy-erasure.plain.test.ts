// Erasure scrubs the bytes themselves, not only the rows: on an unencrypted database (as an older version kept it,
// or as the encryption would leave it to anyone holding the key) no byte of the name, the number or the reason is
// left in the file, its free pages or its WAL after erasePerson.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../electron/core/audit';
import { withdrawConsent } from '../../electron/core/consent';
import { openDatabase } from '../../electron/core/db';
import { erasePerson } from '../../electron/core/privacy';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const actor = { os: 'fg', name: 'Privacy' };
const SECRETS = ['Xandra', 'Quaadvliet', '7310452', 'Verhuisd naar Quaadvliet-oord'];

function bytesFound(file: string): string[] {
  const found: string[] = [];
  for (const name of [file, `${file}-wal`]) {
    if (!existsSync(name)) continue;
    const bytes = readFileSync(name);
    for (const secret of SECRETS)
      if (bytes.includes(Buffer.from(secret, 'utf8'))) found.push(`${path.basename(name)}: ${secret}`);
  }
  return found;
}

describe('erasure on an unencrypted database', () => {
  it('leaves no byte of name, number or reason in the file, its free pages or its WAL', () => {
    const file = path.join(tempDir(), 'plain.sqlite');
    const db = openDatabase(file);
    db.exec(`
      INSERT INTO school_years (id, starts_on, ends_on) VALUES ('2026-2027', '2026-08-01', '2027-07-31');
      INSERT INTO consent_imports (id, school_year, file_name, file_sha256, mapping, counts, actor, imported_at)
        VALUES (1, '2026-2027', 'lijst.csv', '${'c'.repeat(64)}', '{}', '{}', 'x', 'x');
      INSERT INTO photos (hash, format, width, height, display_width, display_height, keywords, indexed_at)
        VALUES ('${'a'.repeat(64)}', 'jpeg', 600, 400, 600, 400, '[]', 'x');
      INSERT INTO people (id, kind, external_key, roepnaam, voornamen, achternaam, class_name, birth_date, created_at, updated_at)
        VALUES (9, 'pupil', '7310452', 'Xandra', 'Xandra Maria', 'Quaadvliet', '6A', '2014-04-04', 'x', 'x');
      INSERT INTO consent_records (person_id, school_year, channel_id, version, status, signed_by, signed_on,
          effective_from, source, import_id, actor, recorded_at)
        VALUES (9, '2026-2027', 'website', 1, 'granted', 'parent', '2026-09-01', '2026-09-01', 'import', 1, 'x', 'x');
      INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, name, raw, person_id, created_at)
        VALUES ('${'a'.repeat(64)}', 'file', 'mwg-rs', 'face', 0.6, 0.2, 0.05, 0.07, 'Xandra Quaadvliet',
                '{"tagPath":"People/Xandra Quaadvliet"}', 9, 'x');
      UPDATE photos SET keywords = '["sport","People/Xandra Quaadvliet"]';
    `);
    withdrawConsent(db, actor, { personId: 9, channelId: 'website', reason: 'Verhuisd naar Quaadvliet-oord' });
    // Many rows around it, so the person's bytes share pages with others (what VACUUM must rewrite).
    const filler = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    for (let i = 0; i < 500; i += 1) filler.run(`filler.${i}`, JSON.stringify('x'.repeat(200)));
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(bytesFound(file).length).toBeGreaterThan(0);

    const result = erasePerson(db, actor, 9, 'Verzoek ouders');
    expect(result).toMatchObject({ regionsUnlinked: 1, tagsRemoved: 1, keywordsRemoved: 1, consentReasonsRemoved: 1 });
    expect(bytesFound(file)).toEqual([]);
    expect(verifyAuditTrail(db)).toMatchObject({ ok: true, count: 2, detailsErased: 1 });
    db.close();
    expect(bytesFound(file)).toEqual([]);
  });
});
