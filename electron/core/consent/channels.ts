// Channels: the publication purposes a consent form asks about. Added, renamed, retired; never deleted once used.
import { CHANNEL_ID, channelIdFromLabel, type Channel } from '../../../shared/consent';
import { AppError } from '../../../shared/errors';
import { appendAuditEvent, type Actor } from '../audit/trail';
import type { Db, ReadableDb } from '../db/connection';

interface ChannelRow {
  id: string;
  label_nl: string;
  label_en: string;
  sort_order: number;
  export_long_side: number | null;
  created_at: string;
  retired_at: string | null;
  used: number;
}

const SELECT_CHANNELS = `
  SELECT c.*, EXISTS (SELECT 1 FROM consent_records r WHERE r.channel_id = c.id) AS used
  FROM channels c`;

function toChannel(row: ChannelRow): Channel {
  return {
    id: row.id,
    labelNl: row.label_nl,
    labelEn: row.label_en,
    sortOrder: row.sort_order,
    exportLongSide: row.export_long_side,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
    used: row.used === 1,
  };
}

/** Every channel, retired ones too (old records refer to them), in the order the form lists them. */
export function listChannels(db: ReadableDb, options: { includeRetired?: boolean } = {}): Channel[] {
  const rows = db.prepare(`${SELECT_CHANNELS} ORDER BY c.sort_order, c.id`).all() as ChannelRow[];
  return rows.map(toChannel).filter((channel) => options.includeRetired !== false || channel.retiredAt === null);
}

export function getChannel(db: ReadableDb, id: string): Channel {
  const row = db.prepare(`${SELECT_CHANNELS} WHERE c.id = ?`).get(id) as ChannelRow | undefined;
  if (!row) throw new AppError('consent.channel.notFound', { channel: id });
  return toChannel(row);
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

export function addChannel(db: Db, actor: Actor, input: AddChannelInput): Channel {
  const labelNl = cleanLabel(input.labelNl, 'labelNl');
  const labelEn = input.labelEn === undefined ? labelNl : cleanLabel(input.labelEn, 'labelEn');
  const id = input.id ?? channelIdFromLabel(labelNl);
  if (!CHANNEL_ID.test(id)) throw new AppError('consent.channel.badId', { channel: id });
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM channels WHERE id = ?').get(id)) {
      throw new AppError('consent.channel.exists', { channel: id });
    }
    const sortOrder =
      (db.prepare('SELECT coalesce(max(sort_order), 0) + 1 FROM channels').pluck().get() as number) ?? 1;
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO channels (id, label_nl, label_en, sort_order, export_long_side, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(id, labelNl, labelEn, sortOrder, input.exportLongSide ?? null, now);
    appendAuditEvent(db, actor, {
      action: 'channel.add',
      subject: `channel:${id}`,
      details: { id, labelNl, labelEn },
    });
    return getChannel(db, id);
  })();
}

export function renameChannel(
  db: Db,
  actor: Actor,
  input: { readonly id: string; readonly labelNl?: string | undefined; readonly labelEn?: string | undefined },
): Channel {
  return db.transaction(() => {
    const before = getChannel(db, input.id);
    const labelNl = input.labelNl === undefined ? before.labelNl : cleanLabel(input.labelNl, 'labelNl');
    const labelEn = input.labelEn === undefined ? before.labelEn : cleanLabel(input.labelEn, 'labelEn');
    if (labelNl === before.labelNl && labelEn === before.labelEn) return before;
    db.prepare('UPDATE channels SET label_nl = ?, label_en = ? WHERE id = ?').run(labelNl, labelEn, input.id);
    appendAuditEvent(db, actor, {
      action: 'channel.rename',
      subject: `channel:${input.id}`,
      details: { from: { labelNl: before.labelNl, labelEn: before.labelEn }, to: { labelNl, labelEn } },
    });
    return getChannel(db, input.id);
  })();
}

/** Retires a channel (no new imports or exports for it); its records stay. `retired: false` brings it back. */
export function retireChannel(
  db: Db,
  actor: Actor,
  input: { readonly id: string; readonly retired?: boolean },
): Channel {
  const retire = input.retired !== false;
  return db.transaction(() => {
    const before = getChannel(db, input.id);
    if ((before.retiredAt !== null) === retire) return before;
    db.prepare('UPDATE channels SET retired_at = ? WHERE id = ?').run(
      retire ? new Date().toISOString() : null,
      input.id,
    );
    appendAuditEvent(db, actor, {
      action: retire ? 'channel.retire' : 'channel.reinstate',
      subject: `channel:${input.id}`,
      details: { id: input.id, used: before.used },
    });
    return getChannel(db, input.id);
  })();
}

/**
 * Deletes a channel that was never used: no consent record and no export refers to it. A used channel can only be
 * retired, so that every old record and export keeps the channel it names.
 */
export function deleteChannel(db: Db, actor: Actor, input: { readonly id: string }): void {
  db.transaction(() => {
    const channel = getChannel(db, input.id);
    const exported = db.prepare('SELECT 1 FROM exports WHERE channel_id = ? LIMIT 1').get(input.id) !== undefined;
    if (channel.used || exported) throw new AppError('consent.channel.inUse', { channel: input.id });
    db.prepare('DELETE FROM channels WHERE id = ?').run(input.id);
    appendAuditEvent(db, actor, {
      action: 'channel.delete',
      subject: `channel:${input.id}`,
      details: { id: input.id, labelNl: channel.labelNl, labelEn: channel.labelEn },
    });
  })();
}
