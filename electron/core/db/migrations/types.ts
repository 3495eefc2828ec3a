import type { WritableDb } from '../connection';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Runs inside a transaction that also sets PRAGMA user_version. */
  up(db: WritableDb): void;
}
