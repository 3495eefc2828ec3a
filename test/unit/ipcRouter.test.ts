import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors';
import { ipcContract } from '../../shared/ipc';
import { IpcRouter } from '../../electron/core/ipc/router';
import { DEFAULT_SETTINGS } from '../../shared/settings';

const settings = { ...DEFAULT_SETTINGS, displayName: 'Juf Anna' };

describe('IpcRouter', () => {
  it('refuses a second handler for the same method', () => {
    const router = new IpcRouter().handle('getSettings', () => settings);
    expect(() => router.handle('getSettings', () => settings)).toThrow(/already registered/);
  });

  it('refuses methods that are not in the contract', () => {
    expect(() => new IpcRouter().handle('dropDatabase' as 'getSettings', () => settings)).toThrow(
      /not in the contract/,
    );
  });

  it('knows when a contract method has no handler', () => {
    expect(() => new IpcRouter().handle('getSettings', () => settings).assertComplete()).toThrow(/updateSettings/);
  });

  it('validates params before the handler runs', async () => {
    const handler = vi.fn(() => settings);
    const router = new IpcRouter().handle('updateSettings', handler);
    const bad = await router.invoke('updateSettings', { language: 'fr', extra: true });
    expect(bad).toEqual({
      ok: false,
      error: { code: 'ipc.invalidParams', params: expect.objectContaining({ method: 'updateSettings' }) },
    });
    expect(handler).not.toHaveBeenCalled();
    expect(await router.invoke('updateSettings', { displayName: '  Juf Anna ' })).toEqual({
      ok: true,
      value: settings,
    });
    expect(handler).toHaveBeenCalledWith({ displayName: 'Juf Anna' });
  });

  it('answers unknown methods with a code, including prototype names', async () => {
    const router = new IpcRouter();
    expect(await router.invoke('constructor', {})).toEqual({
      ok: false,
      error: { code: 'ipc.unknownMethod', params: { method: 'constructor' } },
    });
    expect(await router.invoke(42, {})).toMatchObject({ ok: false, error: { code: 'ipc.unknownMethod' } });
  });

  it('passes AppErrors as code and params, and hides other errors behind "internal"', async () => {
    const unexpected = vi.fn();
    const router = new IpcRouter({ onUnexpectedError: unexpected })
      .handle('getSettings', () => {
        throw new AppError('db.newerSchema', { found: 3, known: 1 });
      })
      .handle('listJobs', () => {
        throw new Error('secret stack at /home/juf/code.ts:12');
      });
    expect(await router.invoke('getSettings', {})).toEqual({
      ok: false,
      error: { code: 'db.newerSchema', params: { found: 3, known: 1 } },
    });
    const internal = await router.invoke('listJobs', {});
    expect(internal).toEqual({ ok: false, error: { code: 'internal', params: {} } });
    expect(JSON.stringify(internal)).not.toContain('secret');
    expect(unexpected).toHaveBeenCalledOnce();
  });

  it('has a params schema for every method of the contract', () => {
    for (const [name, entry] of Object.entries(ipcContract)) expect(entry.params, name).toBeDefined();
  });
});
