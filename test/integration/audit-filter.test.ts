// The audit trail's filters (action, actor, words, date range) and paging with beforeSeq, as the audit screen uses them;
// and the window's chooseFile method without a native dialog.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAuditEvent, auditFacets, listAuditEvents } from '../../electron/core/audit/trail';
import { openCore } from '../../electron/core/context';
import { createIpcRouter } from '../../electron/core/ipc/handlers';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

describe('audit trail filters', () => {
  it('filters by action, actor, words (LIKE wildcards taken literally) and dates, newest first, paged', async () => {
    const core = openCore({ dataDir: tempDir(), osUser: 'admin' });
    try {
      const { db } = core;
      const at = (day: number) => new Date(Date.UTC(2026, 9, day, 12));
      appendAuditEvent(
        db,
        { os: 'anna', name: 'Anna' },
        { action: 'consent.import', subject: 'import:1', details: { fileName: 'lijst_100%.csv' } },
        at(1),
      );
      appendAuditEvent(db, { os: 'piet', name: '' }, { action: 'channel.add', subject: 'channel:jaarboek' }, at(2));
      appendAuditEvent(
        db,
        { os: 'anna', name: 'Anna B.' },
        { action: 'consent.withdraw', subject: 'person:3', details: { reason: 'Zoë verhuist' } },
        at(3),
      );
      appendAuditEvent(db, { os: 'piet', name: '' }, { action: 'channel.add', subject: 'channel:krant' }, at(4));

      const seqs = (query: Parameters<typeof listAuditEvents>[1]) => listAuditEvents(db, query).map((e) => e.seq);
      expect(seqs({ limit: 10 })).toEqual([4, 3, 2, 1]);
      expect(seqs({ limit: 10, action: 'channel.add' })).toEqual([4, 2]);
      expect(seqs({ limit: 10, actorOs: 'anna' })).toEqual([3, 1]);
      expect(seqs({ limit: 10, search: 'KRANT' })).toEqual([4]);
      expect(seqs({ limit: 10, search: 'anna person' })).toEqual([3]);
      expect(seqs({ limit: 10, search: 'Zoë' })).toEqual([3]);
      expect(seqs({ limit: 10, search: '100%' })).toEqual([1]);
      expect(seqs({ limit: 10, search: '_' })).toEqual([1]);
      expect(seqs({ limit: 10, search: '%' })).toEqual([1]);
      expect(seqs({ limit: 10, from: at(2).toISOString(), to: at(4).toISOString() })).toEqual([3, 2]);
      expect(seqs({ limit: 1, action: 'channel.add' })).toEqual([4]);
      expect(seqs({ limit: 1, action: 'channel.add', beforeSeq: 4 })).toEqual([2]);

      expect(auditFacets(db)).toEqual({
        actions: ['channel.add', 'consent.import', 'consent.withdraw'],
        actors: [
          { os: 'anna', name: 'Anna B.' },
          { os: 'piet', name: '' },
        ],
      });

      // Over IPC: the filters are validated; a date that is not an ISO timestamp is refused with a code.
      const router = createIpcRouter(core, { mediaBaseUrl: 'test://' });
      await expect(router.invoke('listAuditEvents', { action: 'channel.add' })).resolves.toMatchObject({
        ok: true,
        value: [{ seq: 4 }, { seq: 2 }],
      });
      await expect(router.invoke('listAuditEvents', { from: '1 oktober' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'ipc.invalidParams' },
      });
      await expect(router.invoke('listAuditFacets', {})).resolves.toMatchObject({ ok: true });
    } finally {
      await core.close();
    }
  });
});

describe('chooseFile', () => {
  it('says there is no file picker without a shell dialog, and answers the shell dialog’s path as a handle', async () => {
    const core = openCore({ dataDir: tempDir(), osUser: 'admin' });
    const chosen = path.join(tempDir(), 'toestemming.csv');
    writeFileSync(chosen, 'Leerlingnummer;Naam\n1001;Zoë\n');
    try {
      const bare = createIpcRouter(core, { mediaBaseUrl: 'test://' });
      await expect(bare.invoke('chooseFile', { purpose: 'consentList' })).resolves.toEqual({
        ok: false,
        error: { code: 'ui.chooseFile.unavailable', params: {} },
      });
      const asked: string[] = [];
      const shell = createIpcRouter(core, {
        mediaBaseUrl: 'test://',
        chooseFile: async (purpose) => {
          asked.push(purpose);
          return asked.length === 1 ? chosen : null;
        },
      });
      await expect(shell.invoke('chooseFile', { purpose: 'consentList' })).resolves.toEqual({
        ok: true,
        value: { choice: { handle: expect.stringMatching(/^fh-[0-9a-f]{32}$/), path: chosen } },
      });
      await expect(shell.invoke('chooseFile', { purpose: 'consentList' })).resolves.toEqual({
        ok: true,
        value: { choice: null },
      });
      await expect(shell.invoke('chooseFile', { purpose: 'anything' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'ipc.invalidParams' },
      });
      expect(asked).toEqual(['consentList', 'consentList']);
    } finally {
      await core.close();
    }
  });
});
