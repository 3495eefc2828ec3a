// What a laptop's registry and a board school's registry say, keyed by pseudonym so they compare across the
// renumbering of `fotowacht board migrate` (test/integration/board/migrate-laptop.test.ts).
import type { BoardConnection } from '../../electron/core/board';
import type { CoreContext } from '../../electron/core/context';

/** What a laptop's registry says, keyed by pseudonym so it compares across renumbering. */
export function registryView(core: CoreContext) {
  const db = core.db;
  return {
    people: db
      .prepare(
        `SELECT pseudonym, kind, external_key, roepnaam, tussenvoegsel, achternaam, class_name, birth_date, erased_at,
           protected = 1 AS protected FROM people ORDER BY pseudonym`,
      )
      .all(),
    history: db
      .prepare(
        `SELECT p.pseudonym, r.school_year, r.channel_id, r.version, r.status, r.signed_by, r.signed_on,
           r.effective_from, r.source, r.actor, cr.reason, i.file_sha256 AS import_sha256
         FROM consent_records r JOIN people p ON p.id = r.person_id
         LEFT JOIN consent_reasons cr ON cr.record_id = r.id LEFT JOIN consent_imports i ON i.id = r.import_id
         ORDER BY p.pseudonym, r.school_year, r.channel_id, r.version`,
      )
      .all(),
    listed: db
      .prepare(
        `SELECT i.file_sha256, p.pseudonym, ip.row_number FROM consent_import_people ip
         JOIN consent_imports i ON i.id = ip.import_id JOIN people p ON p.id = ip.person_id ORDER BY 1, 2`,
      )
      .all(),
    regions: db
      .prepare('SELECT r.id, p.pseudonym FROM regions r JOIN people p ON p.id = r.person_id ORDER BY r.id')
      .all() as Array<{ id: number; pseudonym: string }>,
    visible: db
      .prepare(
        `SELECT e.photo_hash, p.pseudonym, r.version, r.channel_id FROM export_item_people v
         JOIN export_items e ON e.id = v.export_item_id JOIN people p ON p.id = v.person_id
         JOIN consent_records r ON r.id = v.consent_record_id ORDER BY 1, 2`,
      )
      .all(),
  };
}

/** The same view of one school on the board. */
export async function boardView(sql: BoardConnection['client'], school: string) {
  const q = async (text: string) => (await sql.query(text, [school])).rows;
  const S = '(SELECT id FROM fotowacht.schools WHERE code = $1)';
  return {
    people: await q(
      `SELECT pseudonym, kind, external_key, roepnaam, tussenvoegsel, achternaam, class_name,
         to_char(birth_date, 'YYYY-MM-DD') AS birth_date, erased_at, protected::int AS protected
       FROM fotowacht.people WHERE school_id = ${S} ORDER BY pseudonym COLLATE "C"`,
    ),
    history: await q(
      `SELECT p.pseudonym, r.school_year, r.channel_id, r.version, r.status, r.signed_by, r.signed_on,
         r.effective_from, r.source, r.actor, cr.reason, i.file_sha256 AS import_sha256
       FROM fotowacht.consent_records r JOIN fotowacht.people p ON p.id = r.person_id
       LEFT JOIN fotowacht.consent_reasons cr ON cr.record_id = r.id
       LEFT JOIN fotowacht.consent_imports i ON i.id = r.import_id
       WHERE r.school_id = ${S} ORDER BY p.pseudonym COLLATE "C", r.school_year, r.channel_id COLLATE "C", r.version`,
    ),
    listed: await q(
      `SELECT i.file_sha256, p.pseudonym, ip.row_number FROM fotowacht.consent_import_people ip
       JOIN fotowacht.consent_imports i ON i.id = ip.import_id JOIN fotowacht.people p ON p.id = ip.person_id
       WHERE ip.school_id = ${S} ORDER BY 1, 2`,
    ),
    visible: await q(
      `SELECT e.photo_hash, p.pseudonym, r.version, r.channel_id FROM fotowacht.export_item_people v
       JOIN fotowacht.export_items e ON e.id = v.export_item_id JOIN fotowacht.people p ON p.id = v.person_id
       JOIN fotowacht.consent_records r ON r.id = v.consent_record_id
       WHERE v.school_id = ${S} ORDER BY 1, 2`,
    ),
  };
}
