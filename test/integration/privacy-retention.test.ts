// Retention lists: pupils on no consent list of this or last school year (for longer than the chosen months), and
// export records older than the chosen years, pruned on request with the trail still verifying.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditTrail, listAuditEvents } from '../../electron/core/audit';
import { openDatabase } from '../../electron/core/db';
import { exportsDueForPruning, leaversDueForErasure, pruneOldExports } from '../../electron/core/privacy';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const actor = { os: 'fg', name: 'Privacy' };

/** A registry with imports over three school years, as the importer stores them. */
function registry() {
  const db = openDatabase(path.join(tempDir(), 'r.sqlite'));
  db.exec(`
    INSERT INTO school_years (id, starts_on, ends_on) VALUES
      ('2024-2025', '2024-08-01', '2025-07-31'), ('2025-2026', '2025-08-01', '2026-07-31'),
      ('2026-2027', '2026-08-01', '2027-07-31');
    INSERT INTO people (id, kind, external_key, roepnaam, achternaam, class_name, created_at, updated_at) VALUES
      (1, 'pupil', '2001', 'Stays', 'Here', '8', '2024-09-01', '2024-09-01'),
      (2, 'pupil', '2002', 'Left', 'In2025', '8', '2024-09-01', '2024-09-01'),
      (3, 'pupil', '2003', 'Left', 'LastYear', '8', '2024-09-01', '2024-09-01'),
      (4, 'staff', 'juf@school.nl', 'Juf', 'Staff', NULL, '2024-09-01', '2024-09-01'),
      (5, 'pupil', '2005', 'Added', 'ByHand', NULL, '2024-01-01', '2024-01-01');
    INSERT INTO consent_imports (id, school_year, file_name, file_sha256, mapping, counts, actor, imported_at) VALUES
      (1, '2024-2025', 'a.csv', '${'a'.repeat(64)}', '{}', '{}', 'x', '2024-09-01T08:00:00Z'),
      (2, '2025-2026', 'b.csv', '${'b'.repeat(64)}', '{}', '{}', 'x', '2025-09-01T08:00:00Z'),
      (3, '2026-2027', 'c.csv', '${'c'.repeat(64)}', '{}', '{}', 'x', '2026-09-01T08:00:00Z');
    INSERT INTO consent_import_people (import_id, person_id, row_number) VALUES
      (1, 1, 2), (1, 2, 3), (1, 3, 4), (2, 1, 2), (2, 3, 3), (3, 1, 2);
    INSERT INTO channels (id, label_nl, label_en, created_at) VALUES ('krant', 'Krant', 'Paper', 'x')
      ON CONFLICT DO NOTHING;
    INSERT INTO exports (id, channel_id, publish_date, school_year, out_dir, settings, state, actor, started_at) VALUES
      (1, 'krant', '2019-05-01', '2018-2019', '/old', '{}', 'done', 'x', '2019-05-01'),
      (2, 'krant', '2026-05-01', '2025-2026', '/new', '{}', 'done', 'x', '2026-05-01');
  `);
  return db;
}

describe('retention', () => {
  it('lists pupils on no list of this or last school year, after the chosen months', () => {
    const db = registry();
    const today = new Date('2027-03-01T12:00:00Z');
    // 2026-2027 and 2025-2026 count: pupil 2 (last listed 2024-09) and pupil 5 (never listed, added 2024-01) left.
    expect(leaversDueForErasure(db, 12, today).map((c) => [c.person.externalKey, c.lastListedAt])).toEqual([
      ['2002', '2024-09-01T08:00:00Z'],
      ['2005', null],
    ]);
    // Pupil 3 was on last year's list: not a leaver yet. With 36 months, pupil 2 is not due yet either.
    expect(leaversDueForErasure(db, 36, today).map((c) => c.person.externalKey)).toEqual(['2005']);
    expect(() => leaversDueForErasure(db, -1, today)).toThrow(
      expect.objectContaining({ code: 'privacy.retention.monthsInvalid' }),
    );
  });

  it('prunes export records older than the chosen years, logged, and the trail verifies', () => {
    const db = registry();
    const today = new Date('2027-03-01T12:00:00Z');
    expect(exportsDueForPruning(db, 5, today).map((row) => row.id)).toEqual([1]);
    expect(pruneOldExports(db, actor, 5, today).map((row) => row.id)).toEqual([1]);
    expect(db.prepare('SELECT id FROM exports').pluck().all()).toEqual([2]);
    expect(listAuditEvents(db, { limit: 1 })[0]).toMatchObject({
      action: 'exports.pruned',
      details: { exportIds: [1] },
    });
    expect(verifyAuditTrail(db)).toMatchObject({ ok: true, count: 1 });
    expect(pruneOldExports(db, actor, 5, today)).toEqual([]);
  });
});
