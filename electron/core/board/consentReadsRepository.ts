// The consent registry's reads for decisions (consent/consentReads.ts) from the board's PostgreSQL database: one
// query for all the people of a photo set, under the signed-in user's row-level security.
import type { ConsentReads, RecordInEffect } from '../consent';
import type { BoardSql } from './connection';

export function postgresConsentReads(sql: BoardSql): ConsentReads {
  return {
    async recordsInEffect(personIds, channelId, cut) {
      const found = new Map<number, RecordInEffect>();
      if (personIds.length === 0) return found;
      const op = cut.op === '<' ? '<' : '<=';
      const { rows } = await sql.query<{
        person_id: string;
        id: string;
        status: RecordInEffect['status'];
        version: number;
      }>(
        `SELECT DISTINCT ON (person_id) person_id::text, id::text, status, version
           FROM fotowacht.consent_records
          WHERE person_id = ANY ($1::bigint[]) AND channel_id = $2 AND school_year = $3 AND effective_from COLLATE "C" ${op} $4
          ORDER BY person_id, version DESC`,
        [personIds, channelId, cut.schoolYear, cut.value],
      );
      for (const row of rows)
        found.set(Number(row.person_id), { id: Number(row.id), status: row.status, version: row.version });
      return found;
    },
  };
}
