// SQL of a board's schools and users (login roles mapped to schools). Run by the role that set the board up.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { BoardSql } from './connection';
import { BOARD_ROLES } from './migrations';

export type BoardRoleKind = keyof typeof BOARD_ROLES;

export interface SchoolRow {
  readonly id: number;
  readonly code: string;
  readonly name: string;
}

export async function insertSchool(sql: BoardSql, code: string, name: string): Promise<SchoolRow> {
  const { rows } = await sql.query<SchoolRow>(
    'INSERT INTO fotowacht.schools (code, name) VALUES ($1, $2) RETURNING id::int AS id, code, name',
    [code, name],
  );
  return rows[0] as SchoolRow;
}

export async function schoolsByCode(sql: BoardSql, codes: readonly string[]): Promise<SchoolRow[]> {
  const { rows } = await sql.query<SchoolRow>(
    'SELECT id::int AS id, code, name FROM fotowacht.schools WHERE code = ANY ($1) ORDER BY code',
    [codes],
  );
  return rows;
}

export async function listSchools(sql: BoardSql): Promise<SchoolRow[]> {
  const { rows } = await sql.query<SchoolRow>('SELECT id::int AS id, code, name FROM fotowacht.schools ORDER BY code');
  return rows;
}

export async function roleExists(sql: BoardSql, roleName: string): Promise<boolean> {
  const { rows } = await sql.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [roleName]);
  return rows.length > 0;
}

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677, 4096 iterations), made here so the
 * password itself never reaches the server's statement log or its activity view. Only for printable ASCII, where
 * SASLprep changes nothing; any other password is sent as is and hashed by the server.
 */
export function scramVerifier(password: string): string {
  if (!/^[\x20-\x7e]+$/.test(password)) return password;
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, 4096, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$4096:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** A login role for one person, member of the group role of their kind (its rights come from there). */
export async function createLoginRole(
  sql: BoardSql,
  roleName: string,
  password: string,
  kind: BoardRoleKind,
): Promise<void> {
  const client = sql as BoardSql & { escapeIdentifier(s: string): string; escapeLiteral(s: string): string };
  // CREATE ROLE takes no parameters: the name and the password's verifier are quoted by the driver's escaping.
  await sql.query(
    `CREATE ROLE ${client.escapeIdentifier(roleName)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT
       PASSWORD ${client.escapeLiteral(scramVerifier(password))} IN ROLE ${BOARD_ROLES[kind]}`,
  );
  await sql.query(`ALTER ROLE ${client.escapeIdentifier(roleName)} SET search_path = fotowacht`);
}

export async function insertBoardUser(
  sql: BoardSql,
  roleName: string,
  kind: BoardRoleKind,
  schoolIds: readonly number[],
): Promise<void> {
  await sql.query('INSERT INTO fotowacht.board_users (role_name, kind) VALUES ($1, $2)', [roleName, kind]);
  for (const schoolId of schoolIds)
    await sql.query('INSERT INTO fotowacht.board_user_schools (role_name, school_id) VALUES ($1, $2)', [
      roleName,
      schoolId,
    ]);
}

export interface BoardUserRow {
  readonly roleName: string;
  readonly kind: BoardRoleKind;
  readonly schools: string[];
}

export async function listBoardUsers(sql: BoardSql): Promise<BoardUserRow[]> {
  const { rows } = await sql.query<BoardUserRow>(
    `SELECT u.role_name AS "roleName", u.kind,
            coalesce(array_agg(s.code ORDER BY s.code) FILTER (WHERE s.code IS NOT NULL), '{}') AS schools
       FROM fotowacht.board_users u
       LEFT JOIN fotowacht.board_user_schools us ON us.role_name = u.role_name
       LEFT JOIN fotowacht.schools s ON s.id = us.school_id
      GROUP BY u.role_name, u.kind ORDER BY u.role_name`,
  );
  return rows;
}

/** The signed-in user as the board knows them: kind and schools (null when not a board user). */
export async function currentBoardUser(
  sql: BoardSql,
): Promise<{ roleName: string; kind: string | null; superuser: boolean }> {
  const { rows } = await sql.query<{ roleName: string; kind: string | null; superuser: boolean }>(
    `SELECT session_user AS "roleName",
            (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) AS superuser,
            CASE WHEN pg_has_role(session_user, '${BOARD_ROLES.privacy_officer}', 'MEMBER') THEN 'privacy_officer'
                 WHEN pg_has_role(session_user, '${BOARD_ROLES.school_admin}', 'MEMBER') THEN 'school_admin'
                 WHEN pg_has_role(session_user, '${BOARD_ROLES.communications}', 'MEMBER') THEN 'communications'
                 WHEN pg_has_role(session_user, '${BOARD_ROLES.auditor}', 'MEMBER') THEN 'auditor' END AS kind`,
  );
  return rows[0] ?? { roleName: '', kind: null, superuser: false };
}

export async function sessionUser(sql: BoardSql): Promise<string> {
  const { rows } = await sql.query<{ user: string }>('SELECT session_user AS user');
  return rows[0]?.user ?? '';
}
