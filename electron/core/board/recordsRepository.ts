// SQL (PostgreSQL) of what workstations record on the board besides the registry: the keys of the local events they
// appended to the trail, the links of photo regions to people that decisions rely on, and exports with their items
// and the people visible in each file. Row-level security decides which school's rows a user may write.
import type { BoardSql } from './connection';

/** The local hash recorded under this workstation event's key, or null when it was never appended. */
export async function findWorkstationEvent(
  sql: BoardSql,
  workstation: string,
  localSeq: number,
): Promise<string | null> {
  const { rows } = await sql.query<{ local_hash: string }>(
    'SELECT local_hash FROM fotowacht.workstation_events WHERE workstation = $1 AND local_seq = $2',
    [workstation, localSeq],
  );
  return rows[0]?.local_hash ?? null;
}

export async function insertWorkstationEvent(
  sql: BoardSql,
  workstation: string,
  localSeq: number,
  localHash: string,
  boardSeq: number,
): Promise<void> {
  await sql.query(
    'INSERT INTO fotowacht.workstation_events (workstation, local_seq, local_hash, board_seq) VALUES ($1, $2, $3, $4)',
    [workstation, localSeq, localHash, boardSeq],
  );
}

export interface RegionLinkRow {
  readonly photoHash: string;
  readonly regionKey: string;
  /** The board's person id; null: the region is linked to nobody (any more). */
  readonly personId: number | null;
}

/** Records the link in the person's school (or, for an unlink, the school of whom it was linked to before). */
export async function upsertRegionLink(sql: BoardSql, link: Readonly<RegionLinkRow>, schoolId: number): Promise<void> {
  await sql.query(
    `INSERT INTO fotowacht.region_links (school_id, photo_hash, region_key, person_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (school_id, photo_hash, region_key)
       DO UPDATE SET person_id = excluded.person_id, linked_by = session_user, linked_at = now()`,
    [schoolId, link.photoHash, link.regionKey, link.personId],
  );
}

/** Board ids and schools of people known by pseudonym (only those this user may see). */
export async function peopleByPseudonym(
  sql: BoardSql,
  pseudonyms: readonly string[],
): Promise<Map<string, { id: number; schoolId: number }>> {
  const { rows } = await sql.query<{ pseudonym: string; id: number; school_id: number }>(
    'SELECT pseudonym, id::int AS id, school_id::int AS school_id FROM fotowacht.people WHERE pseudonym = ANY ($1)',
    [pseudonyms],
  );
  return new Map(rows.map((row) => [row.pseudonym, { id: row.id, schoolId: row.school_id }]));
}

export async function schoolIdByCode(sql: BoardSql, code: string): Promise<number | null> {
  const { rows } = await sql.query<{ id: number }>('SELECT id::int AS id FROM fotowacht.schools WHERE code = $1', [
    code,
  ]);
  return rows[0]?.id ?? null;
}

export interface BoardExportRow {
  readonly schoolId: number;
  readonly channelId: string;
  readonly publishDate: string;
  readonly schoolYear: string;
  readonly workstation: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly state: 'done' | 'failed' | 'cancelled';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly manifestSha256: string | null;
}

export async function insertBoardExport(sql: BoardSql, row: Readonly<BoardExportRow>): Promise<number> {
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO fotowacht.exports (school_id, channel_id, publish_date, school_year, workstation, settings, state,
       started_at, finished_at, manifest_sha256)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id::int AS id`,
    [
      row.schoolId,
      row.channelId,
      row.publishDate,
      row.schoolYear,
      row.workstation,
      JSON.stringify(row.settings),
      row.state,
      row.startedAt,
      row.finishedAt,
      row.manifestSha256,
    ],
  );
  return rows[0]!.id;
}

export interface BoardExportItemRow {
  readonly photoHash: string;
  readonly outputName: string | null;
  readonly outputSha256: string | null;
  readonly decision: string;
  readonly overrideReason: string | null;
  readonly hiddenCount: number;
  readonly state: string;
  readonly errorCode: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly visible: ReadonlyArray<{ readonly personId: number; readonly consentRecordId: number }>;
}

/** One item and the people visible in its file, on the consent version each rested on. */
export async function insertBoardExportItem(
  sql: BoardSql,
  schoolId: number,
  exportId: number,
  item: Readonly<BoardExportItemRow>,
): Promise<number> {
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO fotowacht.export_items (school_id, export_id, photo_hash, output_name, output_sha256, decision,
       override_reason, hidden_count, state, error_code, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id::int AS id`,
    [
      schoolId,
      exportId,
      item.photoHash,
      item.outputName,
      item.outputSha256,
      item.decision,
      item.overrideReason,
      item.hiddenCount,
      item.state,
      item.errorCode,
      JSON.stringify(item.details),
    ],
  );
  const itemId = rows[0]!.id;
  for (const person of item.visible)
    await sql.query(
      `INSERT INTO fotowacht.export_item_people (school_id, export_item_id, person_id, consent_record_id)
       VALUES ($1, $2, $3, $4)`,
      [schoolId, itemId, person.personId, person.consentRecordId],
    );
  return itemId;
}
