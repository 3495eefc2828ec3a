// User settings kept in the database (display name, language, how hidden people are hidden); every change is
// an audit event.
import type { PolicySettings } from '../../../shared/policy';
import { DEFAULT_SETTINGS, settingsValueSchemas } from '../../../shared/settings';
import type { JsonValue, Settings } from '../../../shared/types';
import type { Actor } from '../audit';
import { audited } from '../audit';
import type { ReadableDb, WritableDb } from '../db';
import { readAllSettings, writeSetting } from './repository';

/** The decision rules' settings, as stored. */
export function policySettings(db: ReadableDb): PolicySettings {
  const { hideStyle, maskMargin, maxHiddenAreaShare, maxHiddenPeople, clipMainSubjectShare } = getSettings(db);
  return { hideStyle, maskMargin, maxHiddenAreaShare, maxHiddenPeople, clipMainSubjectShare };
}

export function getSettings(db: ReadableDb): Settings {
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, value] of readAllSettings(db)) {
    if (!Object.prototype.hasOwnProperty.call(settingsValueSchemas, key)) continue;
    const parsed = settingsValueSchemas[key as keyof Settings].safeParse(value);
    // A damaged value falls back to the default rather than breaking the app.
    if (parsed.success) settings[key] = parsed.data;
  }
  return settings as unknown as Settings;
}

export function updateSettings(db: WritableDb, actor: Actor, patch: Partial<Settings>): Settings {
  const before = getSettings(db);
  const changed: Partial<Record<keyof Settings, unknown>> = {};
  for (const key of Object.keys(patch) as Array<keyof Settings>) {
    const value = settingsValueSchemas[key].parse(patch[key]);
    // Objects (the credit fields per channel) compare by content.
    if (JSON.stringify(value) !== JSON.stringify(before[key])) changed[key] = value;
  }
  if (Object.keys(changed).length === 0) return before;
  const displayName = (changed.displayName as string | undefined) ?? before.displayName;
  // The actor as it is after the change, so a newly set display name shows from this event on.
  return audited(db, { os: actor.os, name: displayName }, (log) => {
    for (const [key, value] of Object.entries(changed)) writeSetting(db, key, value);
    log({ action: 'settings.update', subject: 'settings', details: changed as Record<string, JsonValue> });
    return getSettings(db);
  });
}
