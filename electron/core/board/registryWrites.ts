// Registry writes in board mode: refresh the local copy, plan on it with the consent domain's own planners (the same
// checks and previews as on a laptop), then commit the plan to the board in one transaction with its audit event on
// the board's trail — under the school's registry lock, and only when the registry is still the version the copy
// was read at (else: refresh, plan again, up to a few times) — and bring the copy up to date: an import takes the
// rows the board returned for its writes over (the copy plus those is the registry at the version the write left,
// read under the same lock), the smaller writes refresh the copy. Roles are the database's:
// a user who may not write the registry gets board.notAllowed from the server's grants and row-level security.
import type { ConsentRecord, Person, SchoolYearId } from '../../../shared/consent';
import type { ConsentMapping } from '../../../shared/consentImport';
import { AppError } from '../../../shared/errors';
import type { JsonValue } from '../../../shared/types';
import type { AuditInput } from '../audit';
import {
  consentImportEvent,
  getPerson,
  getRecord,
  manualConsentEvent,
  planConsentImport,
  planManualConsent,
  planProtection,
  planWithdrawal,
  protectionEvent,
  pseudonymOf,
  refuseImportCommit,
  withdrawalEvent,
  type CommitOptions,
  type CopiedImport,
  type CopiedImportPerson,
  type CopiedPerson,
  type CopiedRecord,
  type ConsentImportResult,
  type ConsentListSource,
  type ManualChangeInput,
  type ProtectionChange,
  type WithdrawInput,
} from '../consent';
import type { WritableDb } from '../db';
import { boardError, type BoardSql } from './connection';
import {
  insertBoardImport,
  insertBoardImportPeople,
  insertBoardImportRecords,
  insertBoardPeople,
  insertBoardRecord,
  lockRegistry,
  updateBoardPeople,
  updateBoardProtected,
  type BoardPersonData,
} from './registryWriteRepository';
import { boardActor } from './server';
import { readChannelsAndReasons, registryVersion } from './registryReadRepository';
import { refreshBoardSnapshot, takeOverBoardWrites, type BoardSnapshot } from './snapshot';
import { boardAudited } from './trail';

export interface BoardRegistryContext {
  /** The workstation's database: its local copy of the registry is planned on and refreshed. */
  readonly db: WritableDb;
  /** The session's connection to the board. */
  readonly sql: BoardSql;
  /** The display name recorded beside the database user in the trail. */
  readonly displayName?: string | undefined;
  /** How often to plan again when another workstation changed the registry meanwhile (default 5). */
  readonly attempts?: number | undefined;
  /** Called as each step of a write ends, and awaited (the bench's breakdown of where the time goes; tests). */
  readonly onStep?: ((step: BoardWriteStep) => void | Promise<void>) | undefined;
}

/** The steps of a write: the copy checked against the board, the plan on it, the board's transaction, the copy. */
export type BoardWriteStep = 'refresh' | 'plan' | 'board' | 'copy';

/** Thrown inside the transaction when the registry moved on since the copy was read: plan again. */
class CopyOutdated extends Error {}

type Log = (input: AuditInput) => void;

/** The rows a commit wrote, as the board returned them (in the copy's shape). */
interface WrittenRows {
  readonly people: CopiedPerson[];
  readonly imports: CopiedImport[];
  readonly importPeople: CopiedImportPerson[];
  readonly records: CopiedRecord[];
}

/**
 * How the copy learns the commit: `refresh` reads the school's registry again afterwards; `take-over` means the
 * commit puts every row it writes in `written`, and the copy takes those over (snapshot.ts, takeOverBoardWrites).
 */
type AfterCommit = 'refresh' | 'take-over';

export async function onBoardRegistry<Plan, Result>(
  context: Readonly<BoardRegistryContext>,
  plan: (snapshot: BoardSnapshot) => Plan,
  commit: (plan: Plan, snapshot: BoardSnapshot, log: Log, written: WrittenRows) => Promise<Result>,
  after: AfterCommit = 'refresh',
): Promise<Result> {
  const { db, sql } = context;
  const attempts = context.attempts ?? 5;
  const step = context.onStep ?? (() => undefined);
  const actor = await boardActor(sql, context.displayName ?? '');
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const { snapshot } = await refreshBoardSnapshot(db, sql);
    await step('refresh');
    const planned = plan(snapshot);
    await step('plan');
    const written: WrittenRows = { people: [], imports: [], importPeople: [], records: [] };
    let result: Result;
    // With a take-over: the school's channels and reasons, and the version, as the write left them.
    let board: (Awaited<ReturnType<typeof readChannelsAndReasons>> & { version: number }) | null;
    try {
      [result, board] = await boardAudited(sql, actor, async (log) => {
        const version = await lockRegistry(sql, snapshot.schoolId);
        if (version === null) throw new AppError('board.notAllowed', { detail: `school ${snapshot.schoolCode}` });
        if (version !== snapshot.registryVersion) throw new CopyOutdated();
        const committed = await commit(planned, snapshot, log, written);
        // Still under the lock: the registry is the copy plus these writes, at this version.
        if (after === 'refresh') return [committed, null] as const;
        const rest = await readChannelsAndReasons(sql, snapshot.schoolId);
        return [committed, { ...rest, version: await registryVersion(sql, snapshot.schoolId) }] as const;
      });
    } catch (error) {
      if (error instanceof CopyOutdated) continue;
      throw boardError(error, '');
    }
    await step('board');
    // The copy takes the rows over unless it changed since it was planned on (another process of this workstation
    // refreshed it meanwhile): then it is read again.
    const taken =
      board !== null &&
      takeOverBoardWrites(
        db,
        snapshot,
        { ...written, people: lastOfEach(written.people), channels: board.channels, reasons: board.reasons },
        board.version,
      );
    if (!taken) await refreshBoardSnapshot(db, sql);
    await step('copy');
    return result;
  }
  throw new AppError('board.registryBusy', { attempts });
}

/** Each person once, as the last write returned them. */
function lastOfEach(people: readonly CopiedPerson[]): CopiedPerson[] {
  return [...new Map(people.map((person) => [person.id, person])).values()];
}

function personData(row: Readonly<BoardPersonData>): BoardPersonData {
  return {
    key: row.key,
    roepnaam: row.roepnaam,
    voornamen: row.voornamen,
    tussenvoegsel: row.tussenvoegsel,
    achternaam: row.achternaam,
    className: row.className,
    birthDate: row.birthDate,
  };
}

/** A consent import into the board's registry of the copy's school: all rows in one transaction, or nothing. */
export async function boardConsentImport(
  context: Readonly<BoardRegistryContext>,
  source: Pick<ConsentListSource, 'fileName' | 'sha256' | 'rows'>,
  mapping: Readonly<ConsentMapping>,
  schoolYear: SchoolYearId,
  options: CommitOptions = {},
): Promise<ConsentImportResult> {
  const at = (options.now ?? new Date()).toISOString();
  return onBoardRegistry(
    context,
    () => {
      const plan = planConsentImport(context.db, source, mapping, schoolYear, options);
      refuseImportCommit(plan, source.fileName, options);
      return plan;
    },
    async (plan, snapshot, log, written) => {
      const { sql } = context;
      const schoolId = snapshot.schoolId;
      const consentImport = await insertBoardImport(sql, {
        schoolId,
        schoolYear,
        fileName: source.fileName,
        fileSha256: source.sha256,
        mapping: mapping as unknown as JsonValue,
        counts: plan.preview.counts as unknown as JsonValue,
        at,
      });
      const importId = consentImport.id;
      written.imports.push(consentImport);
      const made = await insertBoardPeople(
        sql,
        schoolId,
        mapping.personKind,
        plan.rows.filter((row) => row.personId === null).map((row) => personData(row.list)),
        at,
      );
      written.people.push(...made);
      written.people.push(
        ...(await updateBoardPeople(
          sql,
          schoolId,
          plan.rows
            .filter((row) => row.personId !== null && row.personChanged)
            .map((row) => ({ ...personData(row.list), id: row.personId as number })),
          at,
        )),
      );
      const madeByKey = new Map(made.map((person) => [person.externalKey, person]));
      const people = plan.rows.map((row) => {
        const fresh = madeByKey.get(row.list.key);
        const id = row.personId ?? fresh?.id;
        if (id === undefined) throw new Error(`the board returned no id for row ${row.list.row}`);
        return { row, id, pseudonym: fresh?.pseudonym ?? pseudonymOf(context.db, id) };
      });
      written.importPeople.push(
        ...(await insertBoardImportPeople(
          sql,
          schoolId,
          importId,
          people.map(({ row, id }) => ({ personId: id, rowNumber: row.list.row })),
        )),
      );
      const marked = people.filter(({ row }) => row.protect);
      written.people.push(
        ...(await updateBoardProtected(
          sql,
          schoolId,
          marked.map(({ id }) => id),
          true,
          at,
        )),
      );
      for (const { row, pseudonym } of marked)
        log(protectionEvent({ pseudonym, externalKey: row.list.key }, true, { source: 'import', reason: null }));
      const records = await insertBoardImportRecords(
        sql,
        { schoolId, schoolYear, importId, at },
        people.flatMap(({ row, id }) =>
          row.writes.map((write) => ({
            personId: id,
            channelId: write.channelId,
            version: write.version,
            status: write.status,
            signedBy: row.list.signedBy,
            signedOn: row.list.signedOn,
          })),
        ),
      );
      written.records.push(...records);
      const recordsWritten = records.length;
      log(consentImportEvent(plan.preview, importId, recordsWritten, Boolean(options.onlyValid)));
      return { importId, preview: plan.preview, recordsWritten };
    },
    'take-over',
  );
}

/** A manual change on the board: a new version with its reason, planned on the copy. */
export async function boardRecordManualConsent(
  context: Readonly<BoardRegistryContext>,
  input: Readonly<ManualChangeInput>,
  now = new Date(),
): Promise<ConsentRecord> {
  const id = await onBoardRegistry(
    context,
    () => planManualConsent(context.db, input, now),
    async (plan, snapshot, log) => {
      const recordId = await insertBoardRecord(context.sql, {
        schoolId: snapshot.schoolId,
        personId: plan.person.id,
        schoolYear: plan.schoolYear,
        channelId: plan.channel.id,
        status: plan.status,
        signedBy: plan.signedBy,
        signedOn: plan.signedOn,
        effectiveFrom: plan.effectiveFrom,
        source: 'manual',
        reason: plan.reason,
      });
      log(manualConsentEvent(plan, pseudonymOf(context.db, plan.person.id), recordId));
      return recordId;
    },
  );
  return getRecord(context.db, id);
}

/** A withdrawal on the board: one new version per channel, planned on the copy. */
export async function boardWithdrawConsent(
  context: Readonly<BoardRegistryContext>,
  input: Readonly<WithdrawInput>,
  now = new Date(),
): Promise<ConsentRecord[]> {
  const ids = await onBoardRegistry(
    context,
    () => planWithdrawal(context.db, input, now),
    async (plan, snapshot, log) => {
      const pseudonym = pseudonymOf(context.db, plan.person.id);
      const made: number[] = [];
      for (const channel of plan.channels) {
        const recordId = await insertBoardRecord(context.sql, {
          schoolId: snapshot.schoolId,
          personId: plan.person.id,
          schoolYear: plan.schoolYear,
          channelId: channel.channelId,
          status: 'withdrawn',
          signedBy: null,
          signedOn: null,
          effectiveFrom: plan.effectiveFrom,
          source: 'withdrawal',
          reason: plan.reason,
        });
        log(withdrawalEvent(plan, channel, pseudonym, recordId));
        made.push(recordId);
      }
      return made;
    },
  );
  return ids.map((id) => getRecord(context.db, id));
}

/**
 * Sets the never-publish mark on the board, or takes it off — which the board's database allows its privacy officer
 * only (others get board.notAllowed).
 */
export async function boardSetPersonProtected(
  context: Readonly<BoardRegistryContext>,
  change: Readonly<ProtectionChange>,
  now = new Date(),
): Promise<Person> {
  await onBoardRegistry(
    context,
    () => planProtection(context.db, change),
    async (plan, snapshot, log) => {
      if (!plan) return;
      const changed = await updateBoardProtected(
        context.sql,
        snapshot.schoolId,
        [plan.person.id],
        change.protected,
        now.toISOString(),
      );
      if (changed.length !== 1) throw new AppError('board.notAllowed', { detail: `person ${plan.person.id}` });
      log(
        protectionEvent(
          { pseudonym: pseudonymOf(context.db, plan.person.id), externalKey: plan.person.externalKey },
          change.protected,
          { source: 'manual', reason: plan.reason },
        ),
      );
    },
  );
  return getPerson(context.db, change.personId);
}
