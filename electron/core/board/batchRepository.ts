// SQL of inserting many rows at once into a board table: one array parameter per column (unnest), in batches.
import type { BoardSql } from './connection';

/** One column of a batch insert: its name and PostgreSQL type. */
export type Column = readonly [name: string, type: string];

/** Rows per statement: arrays of this size keep a statement's parameters small. */
export const BATCH = 5000;

/**
 * Inserts rows in batches, one array parameter per column. `overriding`: the rows bring their own ids, reserved
 * beforehand from the table's identity sequence (so the laptop's id → board id map is known without guessing).
 */
export async function insertRows(
  sql: BoardSql,
  table: string,
  columns: readonly Column[],
  rows: readonly (readonly unknown[])[],
  options: { readonly overriding?: boolean; readonly onConflict?: string } = {},
): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const arrays = columns.map((_, index) => batch.map((row) => row[index] ?? null));
    const { rowCount } = await sql.query(
      `INSERT INTO fotowacht.${table} (${columns.map(([name]) => name).join(', ')})
       ${options.overriding ? 'OVERRIDING SYSTEM VALUE' : ''}
       SELECT * FROM unnest(${columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')})
       ${options.onConflict ?? ''}`,
      arrays,
    );
    inserted += rowCount ?? 0;
  }
  return inserted;
}
