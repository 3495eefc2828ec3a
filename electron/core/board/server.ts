// Setting a board up, for its IT person: the schema, roles and policies (init), schools, and one login role per user
// mapped to their schools. Each step is an event in the board's trail, by the role that ran it.
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../audit';
import type { BoardSql } from './connection';
import { BOARD_ROLES, boardSchemaVersion, latestBoardSchemaVersion, migrateBoard } from './migrations';
import {
  createLoginRole,
  insertBoardUser,
  insertSchool,
  roleExists,
  schoolsByCode,
  sessionUser,
  type BoardRoleKind,
  type SchoolRow,
} from './repository';
import { boardAudited } from './trail';

export const BOARD_ROLE_KINDS = Object.keys(BOARD_ROLES) as BoardRoleKind[];

/** The signed-in role: in board mode the audit actor is the database user, whatever the operating system says. */
export async function boardActor(sql: BoardSql, displayName = ''): Promise<Actor> {
  return { os: await sessionUser(sql), name: displayName };
}

export interface BoardInitResult {
  readonly schemaVersion: number;
  readonly applied: number[];
  readonly roles: readonly string[];
}

export async function initBoard(sql: BoardSql): Promise<BoardInitResult> {
  let applied: number[];
  try {
    applied = await migrateBoard(sql);
  } catch (error) {
    if ((error as { code?: unknown }).code === '42501')
      throw new AppError('board.initNotAllowed', { detail: (error as Error).message.slice(0, 200) });
    throw error;
  }
  const schemaVersion = await boardSchemaVersion(sql);
  if (applied.length > 0) {
    const actor = await boardActor(sql);
    await boardAudited(sql, actor, async (log) =>
      log({ action: 'board.migrate', subject: 'board', details: { applied, schemaVersion } }),
    );
  }
  return { schemaVersion, applied, roles: Object.values(BOARD_ROLES) };
}

async function requireSchema(sql: BoardSql): Promise<void> {
  const version = await boardSchemaVersion(sql);
  if (version === 0) throw new AppError('board.notInitialised', {});
  const known = latestBoardSchemaVersion();
  if (version > known) throw new AppError('board.newerSchema', { found: version, known });
}

const SCHOOL_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

export async function addSchool(sql: BoardSql, code: string, name: string): Promise<SchoolRow> {
  await requireSchema(sql);
  if (!SCHOOL_CODE.test(code)) throw new AppError('board.schoolCodeInvalid', { code: code.slice(0, 40) });
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw new AppError('board.schoolNameInvalid', {});
  if ((await schoolsByCode(sql, [code])).length > 0) throw new AppError('board.schoolExists', { code });
  const actor = await boardActor(sql);
  return boardAudited(sql, actor, async (log) => {
    const school = await insertSchool(sql, code, trimmed);
    log({ action: 'board.school.add', subject: `school:${code}`, details: { code, id: school.id } });
    return school;
  });
}

/** Lower-case login names: no quoting surprises, and never a name PostgreSQL or Fotowacht reserves. */
const ROLE_NAME = /^[a-z][a-z0-9_.-]{1,62}$/;

export interface AddUserInput {
  readonly roleName: string;
  readonly kind: string;
  /** School codes: one or more for school administrators and communications staff; none for the board roles. */
  readonly schools: readonly string[];
  /** The user's first password; made up (and returned once) when not given. */
  readonly password?: string | undefined;
}

export interface AddUserResult {
  readonly roleName: string;
  readonly kind: BoardRoleKind;
  readonly schools: string[];
  /** Only when Fotowacht made it up: hand it to the user, it is not shown again. */
  readonly password?: string;
}

export async function addUser(sql: BoardSql, input: Readonly<AddUserInput>): Promise<AddUserResult> {
  await requireSchema(sql);
  const { roleName } = input;
  if (!ROLE_NAME.test(roleName) || roleName.startsWith('pg_') || roleName.startsWith('fotowacht'))
    throw new AppError('board.userNameInvalid', { name: roleName.slice(0, 70) });
  if (!(BOARD_ROLE_KINDS as readonly string[]).includes(input.kind))
    throw new AppError('board.roleInvalid', { role: input.kind.slice(0, 40), roles: BOARD_ROLE_KINDS.join(', ') });
  const kind = input.kind as BoardRoleKind;
  const perSchool = kind === 'school_admin' || kind === 'communications';
  const codes = [...new Set(input.schools)];
  if (perSchool && codes.length === 0) throw new AppError('board.schoolRequired', { role: kind });
  if (!perSchool && codes.length > 0) throw new AppError('board.schoolNotForRole', { role: kind });
  const schools = await schoolsByCode(sql, codes);
  const unknown = codes.find((code) => !schools.some((school) => school.code === code));
  if (unknown !== undefined) throw new AppError('board.schoolUnknown', { code: unknown });
  if (await roleExists(sql, roleName)) throw new AppError('board.userExists', { name: roleName });
  if (input.password !== undefined && input.password.length < 12) throw new AppError('board.passwordTooShort', {});
  const password = input.password ?? randomBytes(18).toString('base64url');
  const actor = await boardActor(sql);
  await boardAudited(sql, actor, async (log) => {
    await createLoginRole(sql, roleName, password, kind);
    await insertBoardUser(
      sql,
      roleName,
      kind,
      schools.map((school) => school.id),
    );
    log({ action: 'board.user.add', subject: `user:${roleName}`, details: { kind, schools: codes } });
  });
  return { roleName, kind, schools: codes, ...(input.password === undefined ? { password } : {}) };
}
