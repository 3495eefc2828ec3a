// The decision for photos on a channel and date, built in one place for the library grid, the publish summary and
// the export alike: the same rules, the same consent answers, the channel named in the user's language.
import { isValidIsoDay, schoolYearOf, type Channel } from '../../../shared/consent';
import { AppError } from '../../../shared/errors';
import { decidePhoto, type Decision, type PolicyConsent, type PolicySettings } from '../../../shared/policy';
import type { PhotoRegion } from '../../../shared/people';
import { consentOn, getChannel } from '../consent';
import type { ReadableDb } from '../db';
import { chosenPhotos, chosenPhotosOfEvent, eventExists, photoHashesOfEvent, type ChosenPhoto } from '../library';
import {
  currentPeopleDirectory,
  decisionRegions,
  eventClasses,
  namesOnPhotos,
  regionsOfPhotos,
  type PeopleDirectory,
} from '../people';
import { getSettings, policySettings } from '../settings';

export interface DecisionContext {
  readonly directory: PeopleDirectory;
  readonly channel: Channel;
  /** The channel's name in the user's language, for the reasons shown. */
  readonly channelLabel: string;
  readonly date: string;
  readonly schoolYear: string;
  readonly settings: PolicySettings;
  /** Consent answers per person, asked once per context. */
  readonly consent: Map<number, PolicyConsent>;
  /** Classes recognised per event, worked out once per context. */
  readonly classes: Map<number, string[]>;
  /** Whether the overrides given come from a privacy officer (only they lift a protected person's block). */
  readonly privacyOfficer: boolean;
  /** When set, every person whose consent a decision asks for is added (the kept statuses note whom they rest on). */
  readonly consulted?: Set<number> | undefined;
}

/** The channel to publish on: it must exist and not be retired. */
export function publishChannel(db: ReadableDb, id: string): Channel {
  const channel = getChannel(db, id);
  if (channel.retiredAt) throw new AppError('publish.channelRetired', { channel: id });
  return channel;
}

export function decisionContext(
  db: ReadableDb,
  channelId: string,
  date: string,
  options: { readonly privacyOfficer?: boolean } = {},
): DecisionContext {
  if (!isValidIsoDay(date)) throw new AppError('publish.dateInvalid', { value: date });
  const channel = publishChannel(db, channelId);
  return {
    directory: currentPeopleDirectory(db),
    channel,
    channelLabel: getSettings(db).language === 'en' ? channel.labelEn : channel.labelNl,
    date,
    schoolYear: schoolYearOf(date),
    settings: policySettings(db),
    consent: new Map(),
    classes: new Map(),
    privacyOfficer: options.privacyOfficer === true,
  };
}

export interface Selection {
  readonly eventId?: number | undefined;
  readonly photoHashes?: readonly string[] | undefined;
}

/**
 * The photos a decision or an export takes: the chosen ones, or a whole event. Every chosen photo must be known.
 * None is an error unless `allowEmpty` (the export has clips), also when nothing but clips was chosen.
 */
export function selectPhotos(
  db: ReadableDb,
  selection: Selection,
  options: { readonly allowEmpty?: boolean } = {},
): ChosenPhoto[] {
  let photos: ChosenPhoto[];
  if (selection.photoHashes && selection.photoHashes.length > 0) {
    const wanted = [...new Set(selection.photoHashes)];
    photos = chosenPhotos(db, wanted);
    const found = new Set(photos.map((photo) => photo.hash));
    const missing = wanted.find((hash) => !found.has(hash));
    if (missing) throw new AppError('publish.photoUnknown', { photo: missing });
  } else if (selection.eventId !== undefined) {
    if (!eventExists(db, selection.eventId)) throw new AppError('publish.eventUnknown', { event: selection.eventId });
    photos = chosenPhotosOfEvent(db, selection.eventId);
  } else if (options.allowEmpty) {
    photos = [];
  } else {
    throw new AppError('publish.nothingChosen', {});
  }
  if (photos.length === 0 && !options.allowEmpty) throw new AppError('publish.nothingToExport', {});
  return photos;
}

/** The classes of the people recognised by name in an event: they settle ambiguous names on its photos. */
export function classesOfEvent(db: ReadableDb, context: DecisionContext, eventId: number): string[] {
  let classes = context.classes.get(eventId);
  if (!classes) {
    classes = eventClasses(context.directory, namesOnPhotos(db, photoHashesOfEvent(db, eventId)));
    context.classes.set(eventId, classes);
  }
  return classes;
}

/** A person's consent on the context's channel and date, asked once per context. */
export function consentAnswer(db: ReadableDb, context: DecisionContext, personId: number): PolicyConsent {
  let answer = context.consent.get(personId);
  if (!answer) {
    const found = consentOn(db, personId, context.channel.id, context.date);
    answer = { status: found.status, recordId: found.recordId };
    context.consent.set(personId, answer);
  }
  return answer;
}

/** The decision for one photo, given its regions; `override` is the user's reason for overriding a block. */
export function decideOne(
  db: ReadableDb,
  context: DecisionContext,
  photo: ChosenPhoto,
  regions: readonly PhotoRegion[],
  override?: string,
): Decision {
  const lookup = (personId: number): PolicyConsent => {
    context.consulted?.add(personId);
    return consentAnswer(db, context, personId);
  };
  return decidePhoto(
    {
      regions: decisionRegions(context.directory, regions, classesOfEvent(db, context, photo.eventId), lookup),
      facesChecked: photo.facesChecked,
      channelLabel: context.channelLabel,
      schoolYear: context.schoolYear,
      override: override ? { reason: override, byPrivacyOfficer: context.privacyOfficer } : null,
      review: photo.reviewReasons,
    },
    context.settings,
  );
}

/** Decisions for many photos: their regions in a few queries, names matched once, consent asked once per person. */
export function decideMany(
  db: ReadableDb,
  context: DecisionContext,
  photos: readonly ChosenPhoto[],
  overrides: Readonly<Record<string, string>> = {},
): Array<{ readonly photo: ChosenPhoto; readonly decision: Decision }> {
  const regions = regionsOfPhotos(
    db,
    photos.map((photo) => photo.hash),
  );
  return photos.map((photo) => ({
    photo,
    decision: decideOne(db, context, photo, regions.get(photo.hash) ?? [], overrides[photo.hash]),
  }));
}
