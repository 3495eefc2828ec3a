// Lists the people who run consent need: pupils turning 16 (from then on they sign themselves, and a parent's
// signature no longer grants a new consent year) and, per school year and class, who still has to return a form,
// who refused everything and who withdrew. The rules are pure here; main reads the registry and fills them in.
import {
  addDays,
  schoolYearBounds,
  schoolYearOf,
  sixteenthBirthday,
  type ConsentStatus,
  type SchoolYearId,
  type Signer,
} from './consent';

/** A person as the lists show them. */
export interface ListedPerson {
  readonly personId: number;
  readonly key: string | null;
  readonly name: string;
  readonly roepnaam: string | null;
  readonly tussenvoegsel: string | null;
  readonly achternaam: string;
  readonly className: string | null;
  readonly birthDate: string | null;
}

export interface ChannelState {
  readonly channelId: string;
  readonly status: ConsentStatus | 'none';
}

// ---------------------------------------------------------------- turning 16

/** How many days ahead the turning-16 list looks by default. */
export const TURNING_SIXTEEN_DAYS = 30;

/** The last form a person signed (a list or a change by hand; a withdrawal is not a form). */
export interface SignedForm {
  readonly signedOn: string;
  readonly signedBy: Signer | null;
  readonly schoolYear: SchoolYearId;
}

export type TurningSixteenWhen = 'soon' | 'turned';

export interface TurningSixteenItem {
  readonly person: ListedPerson;
  readonly sixteenthBirthday: string;
  readonly when: TurningSixteenWhen;
  /** Days from the day asked about to the 16th birthday: negative once it has passed. */
  readonly daysUntil: number;
  readonly lastForm: SignedForm | null;
  /** Their consent per channel on the day asked about. */
  readonly consents: readonly ChannelState[];
}

function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * Whether a pupil belongs on the turning-16 list on `today`: 'soon' when the 16th birthday is after today and at
 * most `withinDays` ahead; 'turned' when it is today or past and their last signed form is older than it (with no
 * form at all: when they turned 16 in the current school year). Null otherwise.
 */
export function turningSixteenWhen(
  birthDate: string,
  lastFormOn: string | null,
  today: string,
  withinDays: number = TURNING_SIXTEEN_DAYS,
): TurningSixteenWhen | null {
  const birthday = sixteenthBirthday(birthDate);
  if (birthday > today) return birthday <= addDays(today, withinDays) ? 'soon' : null;
  if (lastFormOn !== null) return lastFormOn < birthday ? 'turned' : null;
  return birthday >= schoolYearBounds(schoolYearOf(today)).startsOn ? 'turned' : null;
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

// ---------------------------------------------------------------- renewal

/** Why a pupil is on the renewal list of a school year. */
export type RenewalReason = 'noForm' | 'refusedAll' | 'withdrew';
export const RENEWAL_REASONS: readonly RenewalReason[] = ['noForm', 'refusedAll', 'withdrew'];

export interface RenewalEntry {
  readonly person: ListedPerson;
  readonly reason: RenewalReason;
  /** The newest answer per channel in the school year ('none': no record). */
  readonly channels: readonly ChannelState[];
}

export interface RenewalClass {
  /** The class as the registry holds it; '' for pupils without one. */
  readonly className: string;
  readonly pupils: number;
  readonly entries: readonly RenewalEntry[];
}

export interface RenewalLists {
  readonly schoolYear: SchoolYearId;
  readonly channels: readonly string[];
  readonly classes: readonly RenewalClass[];
}

/**
 * The renewal reason from the newest answer per channel of a school year: any withdrawal → 'withdrew'; nothing but
 * "not returned" or no record → 'noForm'; a form that grants nothing and refuses something → 'refusedAll'.
 */
export function renewalReason(statuses: readonly (ConsentStatus | 'none')[]): RenewalReason | null {
  if (statuses.includes('withdrawn')) return 'withdrew';
  if (statuses.every((status) => status === 'none' || status === 'not_returned')) return 'noForm';
  if (!statuses.includes('granted') && statuses.includes('refused')) return 'refusedAll';
  return null;
}
