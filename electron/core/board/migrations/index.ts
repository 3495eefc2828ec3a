// The ordered list of a board database's migrations and the runner that applies them. Append only: a released
// migration is never edited. Versions are recorded in fotowacht.schema_migrations (PostgreSQL has no user_version).
import { AppError } from '../../../../shared/errors';
import type { BoardSql } from '../connection';
import { boardMigration001 } from './001-board';
import { boardMigration002 } from './002-registry';
import { boardMigration003 } from './003-workstation-events';
import { boardMigration004 } from './004-laptop-segments';
import { boardMigration005 } from './005-erasure-clips';
import type { BoardMigration } from './types';

export type { BoardMigration } from './types';
export { BOARD_ROLES } from './001-board';

export const boardMigrations: readonly BoardMigration[] = [
  boardMigration001,
  boardMigration002,
  boardMigration003,
  boardMigration004,
  boardMigration005,
];

/** The lock that keeps two `server init` runs from migrating at once. */
const MIGRATION_LOCK = 7_416_011;

export function latestBoardSchemaVersion(migrations: readonly BoardMigration[] = boardMigrations): number {
  return migrations.at(-1)?.version ?? 0;
}

/** The board schema's version: 0 when the database has none yet. */
export async function boardSchemaVersion(sql: BoardSql): Promise<number> {
  const table = await sql.query<{ exists: boolean }>(
    "SELECT to_regclass('fotowacht.schema_migrations') IS NOT NULL AS exists",
  );
  if (!table.rows[0]?.exists) return 0;
  const { rows } = await sql.query<{ version: number | null }>(
    'SELECT max(version)::int AS version FROM fotowacht.schema_migrations',
  );
  return rows[0]?.version ?? 0;
}

/**
 * Brings the board schema up to date, each migration in its own transaction together with its record. A database
 * migrated by a newer Fotowacht is refused. Returns the versions applied now.
 */
export async function migrateBoard(
  sql: BoardSql,
  migrations: readonly BoardMigration[] = boardMigrations,
): Promise<number[]> {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`board migration ${migration.name} is out of order`);
  });
  const applied: number[] = [];
  for (;;) {
    await sql.query('BEGIN');
    try {
      await sql.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await sql.query(`
        CREATE SCHEMA IF NOT EXISTS fotowacht;
        CREATE TABLE IF NOT EXISTS fotowacht.schema_migrations (
          version int PRIMARY KEY,
          name text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now(),
          applied_by text NOT NULL DEFAULT session_user
        );
      `);
      const current = await boardSchemaVersion(sql);
      const latest = latestBoardSchemaVersion(migrations);
      if (current > latest) throw new AppError('board.newerSchema', { found: current, known: latest });
      const next = migrations[current];
      if (!next) {
        await sql.query('COMMIT');
        return applied;
      }
      await sql.query('SET LOCAL search_path = fotowacht, pg_catalog');
      await next.up(sql);
      await sql.query('INSERT INTO fotowacht.schema_migrations (version, name) VALUES ($1, $2)', [
        next.version,
        next.name,
      ]);
      await sql.query('COMMIT');
      applied.push(next.version);
    } catch (error) {
      await sql.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}
