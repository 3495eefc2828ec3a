// One registry scenario — imports, a withdrawal, a manual grant, a never-publish mark — run against a laptop's
// SQLite registry or a board workstation's PostgreSQL registry, and the registry it leaves, in store-neutral form
// (people by student number, versions by person, year, channel and number; no ids, no pseudonyms).
import { createHash } from 'node:crypto';
import type { ConsentRecord, Person, SchoolYearId } from '../../shared/consent';
import { proposeMapping, type ConsentMapping } from '../../shared/consentImport';
import type {
  CommitOptions,
  ConsentImportResult,
  ConsentListSource,
  ManualChangeInput,
  ProtectionChange,
  WithdrawInput,
} from '../../electron/core/consent';
import { listChannels } from '../../electron/core/consent';
import type { ReadableDb } from '../../electron/core/db';
import { MAGISTER_HEADER, toCsv } from './consentLists';

export type ListSource = Pick<ConsentListSource, 'fileName' | 'sha256' | 'rows'>;

/** A registry to run the scenario on: the laptop's own, or a board's through a workstation. */
export interface RegistryUnderTest {
  /** Where the registry is read: the laptop's database, or the workstation's copy. */
  readonly db: ReadableDb;
  importList(
    source: ListSource,
    mapping: ConsentMapping,
    year: SchoolYearId,
    options: CommitOptions,
  ): Promise<ConsentImportResult>;
  withdraw(input: WithdrawInput, now: Date): Promise<ConsentRecord[]>;
  manual(input: ManualChangeInput, now: Date): Promise<ConsentRecord>;
  protect(change: ProtectionChange, now: Date): Promise<Person>;
}

export const YEAR = '2026-2027';
const HEADER = [...MAGISTER_HEADER, 'Vertrouwelijk'];

export function listOf(fileName: string, rows: readonly (readonly string[])[]): ListSource {
  const all = [HEADER, ...rows];
  return { fileName, sha256: createHash('sha256').update(toCsv(all)).digest('hex'), rows: all };
}

export const FIRST_LIST = listOf('toestemming-sept.csv', [
  ['1001', 'Daniëlle', 'Daniëlle Maria', '', 'de Vries', '5B', '14-03-2015', 'ja', 'nee', 'ja', '', '', ''],
  ['1002', 'Zoë', 'Zoë', '', 'Bakker', '5B', '01-12-2014', 'ja', 'ja', '', 'x', 'ja', 'ja'],
  ['1003', 'Sem', 'Sem Johannes', "van 't", 'Hof', '6A', '20-05-2013', 'nee', '', 'ja', 'n', '1', ''],
]);

export const SECOND_LIST = listOf('toestemming-okt.csv', [
  ['1001', 'Daniëlle', 'Daniëlle Maria', '', 'de Vries', '5B', '14-03-2015', 'ja', 'nee', 'ja', '', '', ''],
  ['1002', 'Zoë', 'Zoë', '', 'Bakker', '6B', '01-12-2014', 'ja', 'nee', '', 'x', 'ja', 'ja'],
  ['1003', 'Sem', 'Sem Johannes', "van 't", 'Hof', '6A', '20-05-2013', 'ja', '', 'ja', 'n', '1', ''],
  ['1004', 'Noah', 'Noah', '', 'Jansen', '6A', '07-07-2013', 'nee', 'nee', 'nee', 'nee', 'nee', ''],
]);

export function mappingFor(db: ReadableDb, source: ListSource): ConsentMapping {
  return proposeMapping(source.rows, listChannels(db));
}

/** The scenario, step by step; `personId` finds a person by student number in the registry under test. */
export async function runScenario(registry: RegistryUnderTest, personId: (key: string) => number): Promise<void> {
  const mapping = mappingFor(registry.db, FIRST_LIST);
  await registry.importList(FIRST_LIST, mapping, YEAR, { today: '2026-09-15', now: new Date('2026-09-15T10:00:00Z') });
  await registry.withdraw(
    { personId: personId('1001'), channelId: 'website', reason: 'Brief van ouders' },
    new Date('2026-10-01T12:00:00Z'),
  );
  await registry.manual(
    {
      personId: personId('1003'),
      channelId: 'social',
      status: 'granted',
      signedBy: 'parent',
      signedOn: '2026-10-02',
      reason: 'Formulier later ingeleverd',
    },
    new Date('2026-10-02T09:00:00Z'),
  );
  await registry.protect(
    { personId: personId('1003'), protected: true, reason: 'Uitspraak van de rechter' },
    new Date('2026-10-03T09:00:00Z'),
  );
  await registry.importList(SECOND_LIST, mapping, YEAR, { today: '2026-10-05', now: new Date('2026-10-05T10:00:00Z') });
}

/** The registry in store-neutral form. */
export function registryOf(db: ReadableDb) {
  return {
    people: db
      .prepare(
        `SELECT kind, external_key, roepnaam, voornamen, tussenvoegsel, achternaam, class_name, birth_date, protected,
           erased_at FROM people ORDER BY external_key`,
      )
      .all(),
    channels: db
      .prepare('SELECT id, label_nl, label_en, sort_order, export_long_side, retired_at FROM channels ORDER BY id')
      .all(),
    records: db
      .prepare(
        `SELECT p.external_key AS person, r.school_year, r.channel_id, r.version, r.status, r.signed_by, r.signed_on,
           r.effective_from, r.source, i.file_sha256 AS import, cr.reason
         FROM consent_records r JOIN people p ON p.id = r.person_id
         LEFT JOIN consent_imports i ON i.id = r.import_id LEFT JOIN consent_reasons cr ON cr.record_id = r.id
         ORDER BY 1, 2, 3, 4`,
      )
      .all(),
    imports: db
      .prepare('SELECT school_year, file_name, file_sha256, mapping, counts FROM consent_imports ORDER BY id')
      .all(),
    listed: db
      .prepare(
        `SELECT i.file_sha256 AS import, p.external_key AS person, ip.row_number FROM consent_import_people ip
         JOIN consent_imports i ON i.id = ip.import_id JOIN people p ON p.id = ip.person_id ORDER BY 1, 2`,
      )
      .all(),
  };
}

/** Audit details without what names a store's own rows (ids, pseudonyms) or is salted (the personal commitment). */
export function neutralEvent(action: string, details: string): unknown {
  const parsed = JSON.parse(details) as Record<string, unknown>;
  const { person: _person, recordId: _recordId, importId: _importId, personal: _salted, renamed, ...rest } = parsed;
  return {
    action,
    ...rest,
    ...(Array.isArray(renamed) ? { renamed: renamed.map((r: { from: string; to: string }) => [r.from, r.to]) } : {}),
  };
}
