// Who is privacy officer on this laptop. A single laptop has no accounts of its own: the role is bound to the
// operating-system user (Actor.os), set deliberately — the user types the account name again to confirm — and every
// grant or revoke is an audit event. The first privacy officer names themself; after that only a privacy officer
// grants or revokes. It is a logged statement of who answers for overrides, not a lock against the laptop's own
// user (a school board's shared database enforces roles itself).
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { audited, type Actor } from '../audit';
import type { ReadableDb, WritableDb } from '../db';
import { readSetting, writeSetting } from './repository';

const KEY = 'roles.privacyOfficers';
const OS_USER = z.string().trim().min(1).max(256);
const STORED = z.array(OS_USER);

/** The OS users who are privacy officer, in the order they were named. */
export function privacyOfficers(db: ReadableDb): string[] {
  const parsed = STORED.safeParse(readSetting(db, KEY));
  // A damaged value names nobody: the strict side (nobody may override a protected pupil's block).
  return parsed.success ? parsed.data : [];
}

export function isPrivacyOfficer(db: ReadableDb, actor: Actor): boolean {
  return privacyOfficers(db).includes(actor.os);
}

export interface PrivacyOfficerChange {
  /** The OS user to name or to take the role from. */
  readonly osUser: string;
  /** The same OS user name typed again: the role is never given by a stray click. */
  readonly confirm: string;
}

function checked(change: Readonly<PrivacyOfficerChange>): string {
  const osUser = OS_USER.safeParse(change.osUser);
  if (!osUser.success) throw new AppError('roles.osUserInvalid', { value: String(change.osUser) });
  if (change.confirm.trim() !== osUser.data) throw new AppError('roles.confirmMismatch', { osUser: osUser.data });
  return osUser.data;
}

/**
 * Names an OS user privacy officer. With nobody named yet, only the acting user may name themself; once someone
 * is, only a privacy officer names another.
 */
export function grantPrivacyOfficer(db: WritableDb, actor: Actor, change: Readonly<PrivacyOfficerChange>): string[] {
  const osUser = checked(change);
  return audited(db, actor, (log) => {
    const officers = privacyOfficers(db);
    if (officers.length === 0 && osUser !== actor.os) throw new AppError('roles.firstIsSelf', { osUser: actor.os });
    if (officers.length > 0 && !officers.includes(actor.os)) throw new AppError('roles.notPrivacyOfficer', {});
    if (officers.includes(osUser)) return officers;
    const next = [...officers, osUser];
    writeSetting(db, KEY, next);
    log({ action: 'role.grant', subject: 'role:privacyOfficer', details: { role: 'privacyOfficer', osUser } });
    return next;
  });
}

/** Takes the role from an OS user (a privacy officer only; one may step down themself). */
export function revokePrivacyOfficer(db: WritableDb, actor: Actor, change: Readonly<PrivacyOfficerChange>): string[] {
  const osUser = checked(change);
  return audited(db, actor, (log) => {
    const officers = privacyOfficers(db);
    if (!officers.includes(actor.os)) throw new AppError('roles.notPrivacyOfficer', {});
    if (!officers.includes(osUser)) return officers;
    const next = officers.filter((officer) => officer !== osUser);
    writeSetting(db, KEY, next);
    log({ action: 'role.revoke', subject: 'role:privacyOfficer', details: { role: 'privacyOfficer', osUser } });
    return next;
  });
}
