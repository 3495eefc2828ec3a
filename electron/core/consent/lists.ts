// The turning-16 list and the renewal lists, read from the registry (the rules are in shared/consentLists.ts).
import {
  displayName,
  isSchoolYearId,
  isValidIsoDay,
  localDay,
  sixteenthBirthday,
  type Person,
} from '../../../shared/consent';
import {
  daysBetween,
  renewalReason,
  TURNING_SIXTEEN_DAYS,
  turningSixteenWhen,
  type ListedPerson,
  type RenewalClass,
  type RenewalEntry,
  type RenewalLists,
  type TurningSixteenItem,
} from '../../../shared/consentLists';
import { AppError } from '../../../shared/errors';
import type { ReadableDb } from '../db';
import { listChannels } from './channels';
import { lastSignedForms } from './listsRepository';
import { latestRecordsOfYear } from './recordsRepository';
import { consentOn } from './registry';
import { selectAllPeople, selectPeople } from './repository';

export function listedPerson(person: Readonly<Person>): ListedPerson {
  return {
    personId: person.id,
    key: person.externalKey,
    name: displayName(person),
    roepnaam: person.roepnaam,
    tussenvoegsel: person.tussenvoegsel,
    achternaam: person.achternaam,
    className: person.className,
    birthDate: person.birthDate,
  };
}

export interface TurningSixteenQuery {
  /** The day asked about ('YYYY-MM-DD'); default today. */
  readonly date?: string | undefined;
  /** How many days ahead; default 30. */
  readonly withinDays?: number | undefined;
}

/** Pupils who turn 16 within the window, or did since their last signed form, with their consent on the day. */
export function turningSixteen(db: ReadableDb, query: TurningSixteenQuery = {}): TurningSixteenItem[] {
  const today = query.date ?? localDay(new Date());
  if (!isValidIsoDay(today)) throw new AppError('consent.date.invalid', { value: today });
  const withinDays = query.withinDays ?? TURNING_SIXTEEN_DAYS;
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 366) {
    throw new AppError('consent.lists.daysInvalid', { value: String(withinDays) });
  }
  const forms = lastSignedForms(db);
  const channels = listChannels(db).filter((channel) => !channel.retiredAt);
  const items: TurningSixteenItem[] = [];
  for (const person of selectAllPeople(db, 'pupil')) {
    if (!person.birthDate) continue;
    const lastForm = forms.get(person.id) ?? null;
    const when = turningSixteenWhen(person.birthDate, lastForm?.signedOn ?? null, today, withinDays);
    if (when === null) continue;
    const birthday = sixteenthBirthday(person.birthDate);
    items.push({
      person: listedPerson(person),
      sixteenthBirthday: birthday,
      when,
      daysUntil: daysBetween(today, birthday),
      lastForm,
      consents: channels.map((channel) => ({
        channelId: channel.id,
        status: consentOn(db, person.id, channel.id, today).status,
      })),
    });
  }
  return items.sort(
    (a, b) => a.sixteenthBirthday.localeCompare(b.sixteenthBirthday) || a.person.personId - b.person.personId,
  );
}

export interface RenewalQuery {
  readonly schoolYear: string;
  /** One class; default every class. */
  readonly className?: string | undefined;
}

/** Per class: the pupils of a school year without a form, who refused everything, who withdrew. */
export function renewalLists(db: ReadableDb, query: RenewalQuery): RenewalLists {
  if (!isSchoolYearId(query.schoolYear)) throw new AppError('consent.year.invalid', { year: query.schoolYear });
  const channels = listChannels(db)
    .filter((channel) => !channel.retiredAt)
    .map((channel) => channel.id);
  const latest = latestRecordsOfYear(db, query.schoolYear);
  const pupils = selectPeople(db, { kind: 'pupil', className: query.className });
  if (query.className !== undefined && pupils.length === 0) {
    throw new AppError('consent.lists.classUnknown', { className: query.className });
  }
  const byClass = new Map<string, { pupils: number; entries: RenewalEntry[] }>();
  for (const person of pupils) {
    const className = person.className ?? '';
    const group = byClass.get(className) ?? { pupils: 0, entries: [] };
    byClass.set(className, group);
    group.pupils += 1;
    const states = channels.map((channelId) => ({
      channelId,
      status: latest.get(`${person.id}|${channelId}`)?.status ?? ('none' as const),
    }));
    const reason = renewalReason(states.map((state) => state.status));
    if (reason) group.entries.push({ person: listedPerson(person), reason, channels: states });
  }
  const classes: RenewalClass[] = [...byClass.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'nl', { numeric: true }))
    .map(([className, group]) => ({ className, pupils: group.pupils, entries: group.entries }));
  return { schoolYear: query.schoolYear, channels, classes };
}
