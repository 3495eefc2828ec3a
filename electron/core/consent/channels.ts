// Channels: the publication purposes a consent form asks about. Added, renamed, retired; never deleted once used.
import { CHANNEL_ID, channelIdFromLabel, type Channel } from '../../../shared/consent';
import { AppError } from '../../../shared/errors';
import { audited, type Actor, type AuditInput } from '../audit';
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

/** A new channel, checked against the registry (a copy in board mode): its id and labels, or a coded refusal. */
export interface PlannedChannel {
  readonly id: string;
  readonly labelNl: string;
  readonly labelEn: string;
  readonly exportLongSide: number | null;
}

export function planAddChannel(db: ReadableDb, input: Readonly<AddChannelInput>): PlannedChannel {
  const labelNl = cleanLabel(input.labelNl, 'labelNl');
  const labelEn = input.labelEn === undefined ? labelNl : cleanLabel(input.labelEn, 'labelEn');
  const id = input.id ?? channelIdFromLabel(labelNl);
  if (!CHANNEL_ID.test(id)) throw new AppError('consent.channel.badId', { channel: id });
  if (findChannel(db, id)) throw new AppError('consent.channel.exists', { channel: id });
  return { id, labelNl, labelEn, exportLongSide: input.exportLongSide ?? null };
}

export function channelAddEvent(plan: Readonly<PlannedChannel>): AuditInput {
  return {
    action: 'channel.add',
    subject: `channel:${plan.id}`,
    details: { id: plan.id, labelNl: plan.labelNl, labelEn: plan.labelEn },
  };
}

export function addChannel(db: WritableDb, actor: Actor, input: Readonly<AddChannelInput>): Channel {
  return audited(db, actor, (log) => {
    const plan = planAddChannel(db, input);
    insertChannel(db, { ...plan, createdAt: new Date().toISOString() });
    log(channelAddEvent(plan));
    return getChannel(db, plan.id);
  });
}

export interface RenameChannelInput {
  readonly id: string;
  readonly labelNl?: string | undefined;
  readonly labelEn?: string | undefined;
}

/** A rename checked against the registry; null when the labels stay as they are (nothing to do or log). */
export interface PlannedRename {
  readonly before: Channel;
  readonly labelNl: string;
  readonly labelEn: string;
}

export function planRenameChannel(db: ReadableDb, input: Readonly<RenameChannelInput>): PlannedRename | null {
  const before = getChannel(db, input.id);
  const labelNl = input.labelNl === undefined ? before.labelNl : cleanLabel(input.labelNl, 'labelNl');
  const labelEn = input.labelEn === undefined ? before.labelEn : cleanLabel(input.labelEn, 'labelEn');
  if (labelNl === before.labelNl && labelEn === before.labelEn) return null;
  return { before, labelNl, labelEn };
}

export function channelRenameEvent(plan: Readonly<PlannedRename>): AuditInput {
  return {
    action: 'channel.rename',
    subject: `channel:${plan.before.id}`,
    details: {
      from: { labelNl: plan.before.labelNl, labelEn: plan.before.labelEn },
      to: { labelNl: plan.labelNl, labelEn: plan.labelEn },
    },
  };
}

export function renameChannel(db: WritableDb, actor: Actor, input: Readonly<RenameChannelInput>): Channel {
  return audited(db, actor, (log) => {
    const plan = planRenameChannel(db, input);
    if (!plan) return getChannel(db, input.id);
    updateChannelLabels(db, input.id, plan.labelNl, plan.labelEn);
    log(channelRenameEvent(plan));
    return getChannel(db, input.id);
  });
}

export interface RetireChannelInput {
  readonly id: string;
  readonly retired?: boolean;
}

/** Retiring or bringing back, checked against the registry; null when the channel is so already. */
export interface PlannedRetire {
  readonly before: Channel;
  readonly retire: boolean;
}

export function planRetireChannel(db: ReadableDb, input: Readonly<RetireChannelInput>): PlannedRetire | null {
  const retire = input.retired !== false;
  const before = getChannel(db, input.id);
  return (before.retiredAt !== null) === retire ? null : { before, retire };
}

export function channelRetireEvent(plan: Readonly<PlannedRetire>): AuditInput {
  return {
    action: plan.retire ? 'channel.retire' : 'channel.reinstate',
    subject: `channel:${plan.before.id}`,
    details: { id: plan.before.id, used: plan.before.used },
  };
}

/** Retires a channel (no new imports or exports for it); its records stay. `retired: false` brings it back. */
export function retireChannel(db: WritableDb, actor: Actor, input: Readonly<RetireChannelInput>): Channel {
  return audited(db, actor, (log) => {
    const plan = planRetireChannel(db, input);
    if (!plan) return getChannel(db, input.id);
    updateChannelRetiredAt(db, input.id, plan.retire ? new Date().toISOString() : null);
    log(channelRetireEvent(plan));
    return getChannel(db, input.id);
  });
}

export function channelDeleteEvent(channel: Readonly<Channel>): AuditInput {
  return {
    action: 'channel.delete',
    subject: `channel:${channel.id}`,
    details: { id: channel.id, labelNl: channel.labelNl, labelEn: channel.labelEn },
  };
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
    log(channelDeleteEvent(channel));
  });
}
