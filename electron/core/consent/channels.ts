// Channels: the publication purposes a consent form asks about. Added, renamed, retired; never deleted once used.
import { CHANNEL_ID, channelIdFromLabel, type Channel } from '../../../shared/consent';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../audit';
import { audited } from '../audit';
import type { ReadableDb, WritableDb } from '../db';
import {
  deleteChannelRow,
  findChannel,
  insertChannel,
  selectChannels,
  updateChannelLabels,
  updateChannelRetiredAt,
} from './repository';

/** Every channel, retired ones too (old records refer to them), in the order the form lists them. */
export function listChannels(
  db: ReadableDb,
  options: { readonly includeRetired?: boolean | undefined } = {},
): Channel[] {
  return selectChannels(db).filter((channel) => options.includeRetired !== false || channel.retiredAt === null);
}

export function getChannel(db: ReadableDb, id: string): Channel {
  const channel = findChannel(db, id);
  if (!channel) throw new AppError('consent.channel.notFound', { channel: id });
  return channel;
}

function cleanLabel(label: string, field: string): string {
  const text = label.replace(/\s+/g, ' ').trim();
  if (text === '' || text.length > 80) throw new AppError('consent.channel.badLabel', { field });
  return text;
}

export interface AddChannelInput {
  readonly id?: string | undefined;
  readonly labelNl: string;
  readonly labelEn?: string | undefined;
  readonly exportLongSide?: number | null | undefined;
}

export function addChannel(db: WritableDb, actor: Actor, input: Readonly<AddChannelInput>): Channel {
  const labelNl = cleanLabel(input.labelNl, 'labelNl');
  const labelEn = input.labelEn === undefined ? labelNl : cleanLabel(input.labelEn, 'labelEn');
  const id = input.id ?? channelIdFromLabel(labelNl);
  if (!CHANNEL_ID.test(id)) throw new AppError('consent.channel.badId', { channel: id });
  return audited(db, actor, (log) => {
    if (findChannel(db, id)) throw new AppError('consent.channel.exists', { channel: id });
    insertChannel(db, {
      id,
      labelNl,
      labelEn,
      exportLongSide: input.exportLongSide ?? null,
      createdAt: new Date().toISOString(),
    });
    log({ action: 'channel.add', subject: `channel:${id}`, details: { id, labelNl, labelEn } });
    return getChannel(db, id);
  });
}

export function renameChannel(
  db: WritableDb,
  actor: Actor,
  input: { readonly id: string; readonly labelNl?: string | undefined; readonly labelEn?: string | undefined },
): Channel {
  return audited(db, actor, (log) => {
    const before = getChannel(db, input.id);
    const labelNl = input.labelNl === undefined ? before.labelNl : cleanLabel(input.labelNl, 'labelNl');
    const labelEn = input.labelEn === undefined ? before.labelEn : cleanLabel(input.labelEn, 'labelEn');
    if (labelNl === before.labelNl && labelEn === before.labelEn) return before;
    updateChannelLabels(db, input.id, labelNl, labelEn);
    log({
      action: 'channel.rename',
      subject: `channel:${input.id}`,
      details: { from: { labelNl: before.labelNl, labelEn: before.labelEn }, to: { labelNl, labelEn } },
    });
    return getChannel(db, input.id);
  });
}

/** Retires a channel (no new imports or exports for it); its records stay. `retired: false` brings it back. */
export function retireChannel(
  db: WritableDb,
  actor: Actor,
  input: { readonly id: string; readonly retired?: boolean },
): Channel {
  const retire = input.retired !== false;
  return audited(db, actor, (log) => {
    const before = getChannel(db, input.id);
    if ((before.retiredAt !== null) === retire) return before;
    updateChannelRetiredAt(db, input.id, retire ? new Date().toISOString() : null);
    log({
      action: retire ? 'channel.retire' : 'channel.reinstate',
      subject: `channel:${input.id}`,
      details: { id: input.id, used: before.used },
    });
    return getChannel(db, input.id);
  });
}

/**
 * Deletes a channel that was never used: no consent record and no export refers to it. A used channel can only be
 * retired, so that every old record and export keeps the channel it names. The database's foreign keys decide what
 * "used" means, so a table that starts to refer to channels is covered without a change here.
 */
export function deleteChannel(db: WritableDb, actor: Actor, input: { readonly id: string }): void {
  audited(db, actor, (log) => {
    const channel = getChannel(db, input.id);
    if (deleteChannelRow(db, input.id) === 'inUse') throw new AppError('consent.channel.inUse', { channel: input.id });
    log({
      action: 'channel.delete',
      subject: `channel:${input.id}`,
      details: { id: input.id, labelNl: channel.labelNl, labelEn: channel.labelEn },
    });
  });
}
