// Who is acting: the operating-system user plus the display name set in the app.
import { userInfo } from 'node:os';
import type { Actor } from './audit/trail';
import type { Db } from './db/connection';
import { getSettings } from './settings/settings';

export function osUserName(): string {
  try {
    return userInfo().username || process.env.USER || process.env.USERNAME || 'unknown';
  } catch {
    return process.env.USER || process.env.USERNAME || 'unknown';
  }
}

export function currentActor(db: Db, os: string = osUserName()): Actor {
  return { os, name: getSettings(db).displayName };
}
