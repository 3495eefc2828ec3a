// User settings kept in the database (display name, language, how hidden people are hidden); every change is
// an audit event.
import type { PolicySettings } from '../../../shared/policy';
import { DEFAULT_SETTINGS, settingsValueSchemas } from '../../../shared/settings';
import type { Settings } from '../../../shared/types';
import { appendAuditEvent, type Actor } from '../audit/trail';
import type { Db } from '../db/connection';

/** The decision rules' settings, as stored. */
export function policySettings(db: Db): PolicySettings {
  const { hideStyle, maskMargin, maxHiddenAreaShare, maxHiddenPeople } = getSettings(db);
  return { hideStyle, maskMargin, maxHiddenAreaShare, maxHiddenPeople };
}

export function getSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>;
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    if (!Object.prototype.hasOwnProperty.call(settingsValueSchemas, row.key)) continue;
    const parsed = settingsValueSchemas[row.key as keyof Settings].safeParse(JSON.parse(row.value));
    // A damaged value falls back to the default rather than breaking the app.
    if (parsed.success) settings[row.key] = parsed.data;
  }
  return settings as unknown as Settings;
}

export function updateSettings(db: Db, actor: Actor, patch: Partial<Settings>): Settings {
  return db.transaction(() => {
    const before = getSettings(db);
    const changed: Partial<Record<keyof Settings, unknown>> = {};
    const upsert = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    for (const key of Object.keys(patch) as Array<keyof Settings>) {
      const value = settingsValueSchemas[key].parse(patch[key]);
      if (value === before[key]) continue;
      upsert.run(key, JSON.stringify(value));
      changed[key] = value;
    }
    if (Object.keys(changed).length > 0) {
      // The actor as it is after the change, so a newly set display name shows from this event on.
      const after = getSettings(db);
      appendAuditEvent(
        db,
        { os: actor.os, name: after.displayName },
        {
          action: 'settings.update',
          subject: 'settings',
          details: changed as Record<string, string | number>,
        },
      );
    }
    return getSettings(db);
  })();
}
