// The laptop's side of `fotowacht board migrate`: once the board holds its rows, the laptop renumbers its registry and
// everything that points at it (regions, export records, clip tracks) to the board's ids in one logged transaction,
// and records the move in a setting (which segment of the board's trail its logbook became).
import { audited, type Actor } from '../audit';
import { renumberRegistry } from '../consent';
import { deferForeignKeys, type ReadableDb, type WritableDb } from '../db';
import { renumberVideoTrackPeople } from '../library';
import { renumberRegionPeople } from '../people';
import { renumberExportPeople } from '../publish';
import { readSetting, writeSetting } from '../settings';

/** The local setting that records the move (absent on a laptop that was never migrated). */
export const MIGRATED_SETTING = 'board.migrated';

export interface MigratedSetting {
  readonly school: string;
  readonly segmentId: number;
  readonly firstHash: string;
  readonly at: string;
}

export function readMigrated(db: ReadableDb): MigratedSetting | null {
  const value = readSetting(db, MIGRATED_SETTING) as Partial<MigratedSetting> | null;
  return value && typeof value.segmentId === 'number' && typeof value.firstHash === 'string'
    ? (value as MigratedSetting)
    : null;
}

/** The laptop's registry and what points at it, renumbered to the board's ids, in one logged local transaction. */
export function adoptBoardIds(
  options: Readonly<{ db: WritableDb; actor: Actor; school: string }>,
  maps: { people: Map<number, number>; imports: Map<number, number>; records: Map<number, number> },
  segment: { id: number; firstHash: string; counts: Readonly<Record<string, number>> | null },
): void {
  audited(options.db, options.actor, (log) => {
    deferForeignKeys(options.db);
    renumberRegistry(options.db, maps);
    renumberRegionPeople(options.db, maps.people);
    renumberExportPeople(options.db, maps.people, maps.records);
    renumberVideoTrackPeople(options.db, maps.people);
    const setting: MigratedSetting = {
      school: options.school,
      segmentId: segment.id,
      firstHash: segment.firstHash,
      at: new Date().toISOString(),
    };
    writeSetting(options.db, MIGRATED_SETTING, setting);
    log({
      action: 'board.migrated',
      subject: `school:${options.school}`,
      details: {
        segment: segment.id,
        firstHash: segment.firstHash,
        people: maps.people.size,
        records: maps.records.size,
        imports: maps.imports.size,
        ...(segment.counts ? { counts: { ...segment.counts } } : {}),
      },
    });
  });
}
