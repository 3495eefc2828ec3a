// Manual consent changes and withdrawals: each planned against the registry (checks, the version before) and then
// written with its audit event — on this laptop's registry here, on a board's registry by the board domain, which
// plans on its local copy with the same functions and writes the same events.
import {
  CONSENT_REASON_MAX,
  CONSENT_REASON_MIN,
  currentSchoolYear,
  formCountsFrom,
  isValidIsoDay,
  localDay,
  parentGrantVoidFrom,
  schoolYearOf,
  type Channel,
  type ConsentAnswer,
  type ConsentRecord,
  type ListConsentStatus,
  type Person,
  type SchoolYearId,
  type Signer,
} from '../../../shared/consent';
import { AppError } from '../../../shared/errors';
import { actorLabel, audited, type Actor, type AuditInput } from '../audit';
import type { ReadableDb, WritableDb } from '../db';
import { getChannel } from './channels';
import { channelsWithRecords, recordWriter } from './recordsRepository';
import { consentOn, ensureSchoolYear, getPerson, getRecord } from './registry';
import { pseudonymOf } from './repository';

/** A day given by a person ('YYYY-MM-DD'), not in the future; default: now (a timestamp). */
function effectiveMoment(date: string | undefined, now: Date): string {
  if (date === undefined) return now.toISOString();
  if (!isValidIsoDay(date)) throw new AppError('consent.date.invalid', { value: date });
  if (date > localDay(now)) throw new AppError('consent.date.future', { value: date });
  return date;
}

function cleanReason(reason: string): string {
  const text = reason.replace(/\s+/g, ' ').trim();
  if (text.length < CONSENT_REASON_MIN) throw new AppError('consent.reason.required', {});
  if (text.length > CONSENT_REASON_MAX) throw new AppError('consent.reason.tooLong', { max: CONSENT_REASON_MAX });
  return text;
}

export interface ManualChangeInput {
  readonly personId: number;
  readonly channelId: string;
  readonly status: ListConsentStatus;
  /** Default: the school year of `date`, else the current one. */
  readonly schoolYear?: SchoolYearId | undefined;
  readonly signedBy?: Signer | null | undefined;
  readonly signedOn?: string | null | undefined;
  /** The day it takes effect ('YYYY-MM-DD'); default now. */
  readonly date?: string | undefined;
  readonly reason: string;
}

/** From the 16th birthday on a parent's or guardian's signature grants no new consent year, by hand neither. */
function refuseVoidParentGrant(
  person: Person,
  input: Readonly<ManualChangeInput>,
  schoolYear: SchoolYearId,
  day: string,
): void {
  if (input.status !== 'granted' || person.birthDate === null) return;
  if (input.signedBy !== 'parent' && input.signedBy !== 'guardian') return;
  const countsFrom = formCountsFrom(input.signedOn ?? day, schoolYear);
  const birthday = parentGrantVoidFrom(person.birthDate, countsFrom);
  if (birthday !== null) throw new AppError('consent.manual.parentCannotGrant', { birthday, date: countsFrom });
}

/** A manual change, checked against the registry: what to write and what it replaces. */
export interface PlannedManualChange {
  readonly person: Person;
  readonly channel: Channel;
  readonly schoolYear: SchoolYearId;
  readonly status: ListConsentStatus;
  readonly signedBy: Signer | null;
  readonly signedOn: string | null;
  readonly effectiveFrom: string;
  readonly reason: string;
  readonly before: ConsentAnswer;
}

export function planManualConsent(
  db: ReadableDb,
  input: Readonly<ManualChangeInput>,
  now = new Date(),
): PlannedManualChange {
  const reason = cleanReason(input.reason);
  const effectiveFrom = effectiveMoment(input.date, now);
  const schoolYear = input.schoolYear ?? (input.date ? schoolYearOf(input.date) : currentSchoolYear(now));
  if (input.signedOn !== undefined && input.signedOn !== null && !isValidIsoDay(input.signedOn)) {
    throw new AppError('consent.date.invalid', { value: input.signedOn });
  }
  const person = getPerson(db, input.personId);
  const channel = getChannel(db, input.channelId);
  if (channel.retiredAt) throw new AppError('consent.channel.retired', { channel: channel.id });
  refuseVoidParentGrant(person, input, schoolYear, effectiveFrom.slice(0, 10));
  return {
    person,
    channel,
    schoolYear,
    status: input.status,
    signedBy: input.signedBy ?? null,
    signedOn: input.signedOn ?? null,
    effectiveFrom,
    reason,
    before: consentOn(db, person.id, channel.id, now),
  };
}

/** The chain names the person by pseudonym; the number and the free-text reason go outside it, erasable. */
export function manualConsentEvent(
  plan: Readonly<PlannedManualChange>,
  pseudonym: string,
  recordId: number,
): AuditInput {
  return {
    action: 'consent.manual',
    subject: `person:${pseudonym}`,
    details: {
      person: pseudonym,
      channel: plan.channel.id,
      schoolYear: plan.schoolYear,
      from: plan.before.schoolYear === plan.schoolYear ? plan.before.status : null,
      to: plan.status,
      effectiveFrom: plan.effectiveFrom,
      recordId,
    },
    personal: { about: [pseudonym], details: { key: plan.person.externalKey, reason: plan.reason } },
  };
}

/** A manual change (a paper form handed in late, a correction): a new version with actor and reason. */
export function recordManualConsent(
  db: WritableDb,
  actor: Actor,
  input: Readonly<ManualChangeInput>,
  now = new Date(),
): ConsentRecord {
  return audited(
    db,
    actor,
    (log) => {
      const plan = planManualConsent(db, input, now);
      ensureSchoolYear(db, plan.schoolYear);
      const id = recordWriter(db)({
        personId: plan.person.id,
        schoolYear: plan.schoolYear,
        channelId: plan.channel.id,
        status: plan.status,
        signedBy: plan.signedBy,
        signedOn: plan.signedOn,
        effectiveFrom: plan.effectiveFrom,
        source: 'manual',
        importId: null,
        reason: plan.reason,
        actor: actorLabel(actor),
        recordedAt: now.toISOString(),
      });
      log(manualConsentEvent(plan, pseudonymOf(db, plan.person.id), id));
      return getRecord(db, id);
    },
    { now },
  );
}

export interface WithdrawInput {
  readonly personId: number;
  /** One channel, or every channel the person has a record for in that school year. */
  readonly channelId: string | 'all';
  /** The day it takes effect ('YYYY-MM-DD', today or earlier); default now. */
  readonly date?: string | undefined;
  readonly reason: string;
}

/** A withdrawal, checked against the registry: the channels it covers, each with the answer it replaces. */
export interface PlannedWithdrawal {
  readonly person: Person;
  readonly schoolYear: SchoolYearId;
  readonly effectiveFrom: string;
  readonly reason: string;
  readonly channels: ReadonlyArray<{ readonly channelId: string; readonly before: ConsentAnswer }>;
}

export function planWithdrawal(db: ReadableDb, input: Readonly<WithdrawInput>, now = new Date()): PlannedWithdrawal {
  const reason = cleanReason(input.reason);
  const effectiveFrom = effectiveMoment(input.date, now);
  const schoolYear = schoolYearOf(input.date ?? now);
  const person = getPerson(db, input.personId);
  const channelIds =
    input.channelId === 'all' ? channelsWithRecords(db, person.id, schoolYear) : [getChannel(db, input.channelId).id];
  if (channelIds.length === 0) {
    throw new AppError('consent.withdraw.nothing', { person: person.externalKey ?? '' });
  }
  return {
    person,
    schoolYear,
    effectiveFrom,
    reason,
    channels: channelIds.map((channelId) => ({ channelId, before: consentOn(db, person.id, channelId, now) })),
  };
}

export function withdrawalEvent(
  plan: Readonly<PlannedWithdrawal>,
  channel: PlannedWithdrawal['channels'][number],
  pseudonym: string,
  recordId: number,
): AuditInput {
  return {
    action: 'consent.withdraw',
    subject: `person:${pseudonym}`,
    details: {
      person: pseudonym,
      channel: channel.channelId,
      schoolYear: plan.schoolYear,
      from: channel.before.schoolYear === plan.schoolYear ? channel.before.status : null,
      effectiveFrom: plan.effectiveFrom,
      recordId,
    },
    personal: { about: [pseudonym], details: { key: plan.person.externalKey, reason: plan.reason } },
  };
}

/**
 * A withdrawal: takes effect at once (or from the given day), for the school year of that day. It stays until a
 * person records a new consent by hand; a later import does not undo it.
 */
export function withdrawConsent(
  db: WritableDb,
  actor: Actor,
  input: Readonly<WithdrawInput>,
  now = new Date(),
): ConsentRecord[] {
  return audited(
    db,
    actor,
    (log) => {
      const plan = planWithdrawal(db, input, now);
      ensureSchoolYear(db, plan.schoolYear);
      const write = recordWriter(db);
      const records: ConsentRecord[] = [];
      for (const channel of plan.channels) {
        const id = write({
          personId: plan.person.id,
          schoolYear: plan.schoolYear,
          channelId: channel.channelId,
          status: 'withdrawn',
          signedBy: null,
          signedOn: null,
          effectiveFrom: plan.effectiveFrom,
          source: 'withdrawal',
          importId: null,
          reason: plan.reason,
          actor: actorLabel(actor),
          recordedAt: now.toISOString(),
        });
        log(withdrawalEvent(plan, channel, pseudonymOf(db, plan.person.id), id));
        records.push(getRecord(db, id));
      }
      return records;
    },
    { now },
  );
}
