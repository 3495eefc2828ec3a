import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../electron/core/audit/trail';
import { openCore } from '../../electron/core/context';
import { latestSchemaVersion } from '../../electron/core/db/connection';
import { createIpcRouter } from '../../electron/core/ipc/handlers';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

describe('settings through the IPC handlers', () => {
  it('are Dutch with no name at first, kept across restarts, and every change is in the audit trail', async () => {
    const dataDir = tempDir();
    const core = openCore({ dataDir, osUser: 'jdevries' });
    const router = createIpcRouter(core, { mediaBaseUrl: 'fotowacht-media://' });
    expect(await router.invoke('getSettings', {})).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(DEFAULT_SETTINGS).toMatchObject({
      displayName: '',
      language: 'nl',
      hideStyle: 'mask',
      maxHiddenAreaShare: 0.1,
    });
    expect(await router.invoke('updateSettings', { displayName: 'Juf de Vries', language: 'en' })).toEqual({
      ok: true,
      value: { ...DEFAULT_SETTINGS, displayName: 'Juf de Vries', language: 'en' },
    });
    // Saving the same values again changes nothing and logs nothing.
    await router.invoke('updateSettings', { displayName: 'Juf de Vries' });
    await core.close();

    const reopened = openCore({ dataDir, osUser: 'jdevries' });
    const again = createIpcRouter(reopened, { mediaBaseUrl: 'fotowacht-media://' });
    expect(await again.invoke('getSettings', {})).toEqual({
      ok: true,
      value: { ...DEFAULT_SETTINGS, displayName: 'Juf de Vries', language: 'en' },
    });
    const events = listAuditEvents(reopened.db, { limit: 10 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'settings.update',
      actorOs: 'jdevries',
      actorName: 'Juf de Vries',
      details: { displayName: 'Juf de Vries', language: 'en' },
    });
    expect(await again.invoke('verifyAuditTrail', {})).toMatchObject({ ok: true, value: { ok: true, count: 1 } });
    const info = await again.invoke('getAppInfo', {});
    expect(info).toMatchObject({
      ok: true,
      value: { dataDir, schemaVersion: latestSchemaVersion(), osUser: 'jdevries', mediaBaseUrl: 'fotowacht-media://' },
    });
    await reopened.close();
  });

  it('refuses values out of range with a code, and keeps valid hide settings', async () => {
    const core = openCore({ dataDir: tempDir() });
    const router = createIpcRouter(core, { mediaBaseUrl: 'x' });
    expect(await router.invoke('updateSettings', { displayName: 'x'.repeat(81) })).toMatchObject({
      ok: false,
      error: { code: 'ipc.invalidParams' },
    });
    await core.close();
  });
});
