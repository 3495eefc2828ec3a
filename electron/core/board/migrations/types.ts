import type { BoardSql } from '../connection';

/** A migration of a board's PostgreSQL schema, numbered like the local SQLite ones. */
export interface BoardMigration {
  readonly version: number;
  readonly name: string;
  /** Runs inside a transaction that also records it in fotowacht.schema_migrations; search_path is fotowacht. */
  up(sql: BoardSql): Promise<void>;
}
