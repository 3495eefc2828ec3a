// Issue 12, item 1: a renderer that misbehaves cannot make main read or write a path of its choosing. Each case
// performs the attack against the real IPC handlers (and core, for the CLI's own paths) and checks what happened.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../shared/errors';
import type { FileChoice, FilePurpose } from '../../shared/ipc/ui';
import { openCore, type CoreContext } from '../../electron/core/context';
import { readConsentList } from '../../electron/core/consent';
import { checkPathFor, FileHandles, readRegularFile, writeGrantedFile } from '../../electron/core/files';
import { createIpcRouter, type HandlerEnvironment } from '../../electron/core/ipc';
import { startExport } from '../../electron/core/publish';
import { indexedSchool } from '../helpers/school';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const BASHRC = '# the user’s own shell start-up file\nexport PATH="$HOME/bin:$PATH"\n';

function setup(env: Partial<HandlerEnvironment> = {}) {
  const core = openCore({ dataDir: tempDir(), osUser: 'aanvaller' });
  cores.push(core);
  const router = createIpcRouter(core, { mediaBaseUrl: 'x', ...env });
  const invoke = (method: string, params: unknown) => router.invoke(method, params);
  const check = (purpose: FilePurpose, file: string) =>
    router.invoke('checkPath', { purpose, path: file }) as Promise<ApiResponse<FileChoice>>;
  const handle = async (purpose: FilePurpose, file: string) => {
    const answer = await check(purpose, file);
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    return answer.value.handle;
  };
  return { core, invoke, check, handle };
}

/** A home folder with a .bashrc, as the attack in the issue found it. */
function home(): { dir: string; bashrc: string } {
  const dir = tempDir('fotowacht-home-');
  const bashrc = path.join(dir, '.bashrc');
  writeFileSync(bashrc, BASHRC);
  return { dir, bashrc };
}

describe('saving a report or takedown list', () => {
  it('refuses the .bashrc attack: a display name $(touch …) saved as a report named .bashrc over an existing file', async () => {
    const { dir, bashrc } = home();
    const marker = path.join(dir, 'pwned');
    const asked: string[] = [];
    const { invoke, check } = setup({
      // Even a person who would say yes to "replace?" is never asked: the name is refused first.
      confirmOverwrite: async (file) => {
        asked.push(file);
        return true;
      },
    });
    expect(await invoke('updateSettings', { displayName: `$(touch ${marker})` })).toMatchObject({ ok: true });

    // The renderer names the path itself: no method takes a path any more.
    const today = new Date().toISOString().slice(0, 10);
    const report = { from: '2026-01-01', to: today, format: 'csv' };
    expect(await invoke('saveAuditReport', { ...report, path: bashrc })).toMatchObject({
      ok: false,
      error: { code: 'ipc.invalidParams' },
    });
    expect(await invoke('saveAuditReport', { ...report, file: bashrc })).toMatchObject({
      ok: false,
      error: { code: 'ipc.invalidParams' },
    });
    // It asks main for a handle to .bashrc: refused for its name (a report is .csv or .pdf), before any question.
    for (const purpose of ['auditReportCsv', 'auditReportPdf', 'takedownCsv'] as const) {
      expect(await check(purpose, bashrc)).toMatchObject({ ok: false, error: { code: 'files.save.badType' } });
    }
    // A made-up handle, or one guessed in the right format, stands for nothing.
    expect(await invoke('saveAuditReport', { ...report, file: `fh-${'0'.repeat(32)}` })).toMatchObject({
      ok: false,
      error: { code: 'files.handle.unknown' },
    });
    // A .csv link to .bashrc is not replaced either, confirmed or not (the link would be followed).
    const link = path.join(dir, 'logboek.csv');
    symlinkSync(bashrc, link);
    expect(await check('auditReportCsv', link)).toMatchObject({ ok: false, error: { code: 'files.save.notAFile' } });

    expect(asked).toEqual([]);
    expect(readFileSync(bashrc, 'utf8')).toBe(BASHRC);
    // And the file did not become a script: bash reading it creates nothing.
    execFileSync('bash', ['--noprofile', '--norc', '-c', `source ${JSON.stringify(bashrc)}`]);
    expect(existsSync(marker)).toBe(false);
  });

  it('writes a new file by its handle once; an existing one only after the person confirms outside the renderer', async () => {
    const { dir } = home();
    const target = path.join(dir, 'logboek.csv');
    const answers = [false, true];
    const { invoke, check, handle } = setup({ confirmOverwrite: async () => answers.shift() ?? false });
    const today = new Date().toISOString().slice(0, 10);
    const report = { from: '2026-01-01', to: today, format: 'csv' };

    const file = await handle('auditReportCsv', target);
    expect(await invoke('saveAuditReport', { ...report, file })).toMatchObject({ ok: true, value: { path: target } });
    const first = readFileSync(target, 'utf8');
    // Single use: the same handle again writes nothing.
    expect(await invoke('saveAuditReport', { ...report, file })).toMatchObject({
      ok: false,
      error: { code: 'files.handle.unknown' },
    });
    // The file exists now: the person says no, then yes.
    expect(await check('auditReportCsv', target)).toMatchObject({ ok: false, error: { code: 'files.save.exists' } });
    const replace = await check('auditReportCsv', target);
    expect(replace).toMatchObject({ ok: true, value: { path: target, replaces: true } });
    writeFileSync(target, 'old');
    const value = (replace as { value: FileChoice }).value;
    expect(await invoke('saveAuditReport', { ...report, file: value.handle })).toMatchObject({ ok: true });
    expect(readFileSync(target, 'utf8')).toBe(first);

    // A handle for one purpose does not do another: a takedown CSV handle saves no audit report (and is spent).
    const takedown = await handle('takedownCsv', path.join(dir, 'offline.csv'));
    expect(await invoke('saveAuditReport', { ...report, file: takedown })).toMatchObject({
      ok: false,
      error: { code: 'files.handle.wrongPurpose' },
    });
    expect(await invoke('saveTakedownCsv', { personId: 1, file: takedown })).toMatchObject({
      ok: false,
      error: { code: 'files.handle.unknown' },
    });
    expect(existsSync(path.join(dir, 'offline.csv'))).toBe(false);
  });

  it('without a native question (browser, tests) an existing file is refused, and a link planted after the check is not followed', async () => {
    const { dir, bashrc } = home();
    const { check } = setup();
    const existing = path.join(dir, 'bestaat.csv');
    writeFileSync(existing, 'x');
    expect(await check('takedownCsv', existing)).toMatchObject({ ok: false, error: { code: 'files.save.exists' } });

    // Checked while new; a link to .bashrc put in its place before the write: the exclusive create refuses it.
    const target = path.join(dir, 'later.csv');
    const grant = await checkPathFor('takedownCsv', target);
    symlinkSync(bashrc, target);
    await expect(writeGrantedFile(grant, '$(touch pwned)\n')).rejects.toMatchObject({ code: 'files.save.exists' });
    expect(readFileSync(bashrc, 'utf8')).toBe(BASHRC);
  });
});

describe('reading a consent list or a face model', () => {
  it('refuses a FIFO named lijst.csv at once instead of hanging, in the app and through the CLI path', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'lijst.csv');
    execFileSync('mkfifo', [fifo]);
    const { check } = setup();
    const started = Date.now();
    expect(await check('consentList', fifo)).toMatchObject({ ok: false, error: { code: 'files.read.notRegular' } });
    await expect(readConsentList(fifo)).rejects.toMatchObject({ code: 'files.read.notRegular' });
    expect(Date.now() - started).toBeLessThan(2000);
  }, 10_000);

  it('never reads /dev/zero: not by name, not through a .csv link, not through the CLI’s plain path', async () => {
    const dir = tempDir();
    const link = path.join(dir, 'zero.csv');
    symlinkSync('/dev/zero', link);
    const { check } = setup();
    expect(await check('consentList', '/dev/zero')).toMatchObject({ ok: false, error: { code: 'files.read.badType' } });
    expect(await check('consentList', link)).toMatchObject({ ok: false, error: { code: 'files.read.linkElsewhere' } });
    // Core's reader, as the CLI uses it: fstat on the opened descriptor says "device", nothing is read.
    await expect(readRegularFile('/dev/zero', 1024)).rejects.toMatchObject({ code: 'files.read.notRegular' });
    await expect(readConsentList(link)).rejects.toMatchObject({ code: 'files.read.notRegular' });
  });

  it('refuses a link x.txt → /etc/passwd, and follows a link to a real list of the right type', async () => {
    const dir = tempDir();
    const passwd = path.join(dir, 'x.txt');
    symlinkSync('/etc/passwd', passwd);
    const realList = path.join(dir, 'echt', 'lijst.csv');
    mkdirSync(path.dirname(realList));
    writeFileSync(realList, 'Leerlingnummer;Roepnaam;Achternaam;Website\n1001;Zoë;Jansen;ja\n');
    const shortcut = path.join(dir, 'snelkoppeling.csv');
    symlinkSync(realList, shortcut);
    const { invoke, check } = setup();

    expect(await check('consentList', passwd)).toMatchObject({
      ok: false,
      error: { code: 'files.read.linkElsewhere', params: { path: passwd } },
    });
    expect(await invoke('readConsentFile', { path: passwd })).toMatchObject({
      ok: false,
      error: { code: 'ipc.invalidParams' },
    });
    const chosen = await check('consentList', shortcut);
    expect(chosen).toMatchObject({ ok: true, value: { path: realList } });
    const read = await invoke('readConsentFile', { file: (chosen as { value: FileChoice }).value.handle });
    expect(read).toMatchObject({ ok: true, value: { fileName: 'lijst.csv', rowCount: 2 } });
  });

  it('checks the size before reading: a 51 MiB list is refused by its fstat size', async () => {
    const big = path.join(tempDir(), 'groot.csv');
    writeFileSync(big, '');
    truncateSync(big, 51 * 1024 * 1024);
    const { check } = setup();
    expect(await check('consentList', big)).toMatchObject({
      ok: false,
      error: { code: 'files.read.tooLarge', params: { size: 51 * 1024 * 1024 } },
    });
    await expect(readConsentList(big)).rejects.toMatchObject({ code: 'consent.file.tooLarge' });
  });

  it('takes a face model by handle only: no path, no other file type, and it no longer tells whether a path exists', async () => {
    const { invoke, check } = setup();
    expect(await invoke('setFaceModelPath', { path: '/etc/shadow' })).toMatchObject({
      ok: false,
      error: { code: 'ipc.invalidParams' },
    });
    expect(await check('faceModel', '/etc/shadow')).toMatchObject({ ok: false, error: { code: 'files.read.badType' } });
    expect(await check('faceModel', '/etc/missing.onnx')).toMatchObject({
      ok: false,
      error: { code: 'files.notFound' },
    });
  });
});

describe('folders', () => {
  it(
    'refuses an export folder holding only .git or .env, in the app and in core (the CLI)',
    { timeout: 60_000 },
    async () => {
      const { invoke, check } = setup();
      const school = await indexedSchool(tempDir(), tempDir());
      cores.push(school.core);
      const request = { channelId: 'social', date: '2026-10-01', eventId: school.eventId };
      for (const dotFile of ['.git', '.env']) {
        const dir = tempDir();
        if (dotFile === '.git') mkdirSync(path.join(dir, '.git'));
        else writeFileSync(path.join(dir, '.env'), 'SECRET=1\n');
        expect(await check('exportFolder', dir)).toMatchObject({
          ok: false,
          error: { code: 'files.export.notEmpty', params: { files: 1, examples: dotFile } },
        });
        expect(() => startExport(school.core, { ...request, outDir: dir })).toThrow(/publish\.outDirNotEmpty/);
      }
      // A path is no handle; a new folder is made only inside a folder that exists, never a chain of folders.
      const deep = path.join(tempDir(), 'a', 'b', 'c');
      expect(await invoke('startExport', { ...request, outDir: deep })).toMatchObject({
        ok: false,
        error: { code: 'ipc.invalidParams' },
      });
      expect(await check('exportFolder', deep)).toMatchObject({ ok: false, error: { code: 'files.notFound' } });
      expect(await check('exportFolder', '/etc/fotowacht-export')).toMatchObject({
        ok: false,
        error: { code: 'files.folder.system' },
      });
      const hidden = path.join(tempDir(), '.ssh', 'export');
      mkdirSync(path.dirname(hidden));
      expect(await check('exportFolder', hidden)).toMatchObject({ ok: false, error: { code: 'files.folder.hidden' } });
      const fresh = path.join(tempDir(), 'nieuw');
      expect(await check('exportFolder', fresh)).toMatchObject({ ok: true, value: { path: fresh } });
      expect(existsSync(fresh)).toBe(false);
    },
  );

  it('indexes only a folder checked as a photo folder: not by path, not /etc, not a hidden folder, not a file', async () => {
    const { invoke, check } = setup();
    const keys = path.join(tempDir(), '.ssh');
    mkdirSync(keys);
    writeFileSync(path.join(keys, 'id_ed25519'), 'secret');
    expect(await invoke('addLibraryFolder', { folder: keys })).toMatchObject({
      ok: false,
      error: { code: 'ipc.invalidParams' },
    });
    expect(await check('eventFolder', keys)).toMatchObject({ ok: false, error: { code: 'files.folder.hidden' } });
    expect(await check('eventFolder', '/etc')).toMatchObject({ ok: false, error: { code: 'files.folder.system' } });
    expect(await check('eventFolder', '/')).toMatchObject({ ok: false, error: { code: 'files.folder.system' } });
    expect(await check('eventFolder', '/etc/passwd')).toMatchObject({
      ok: false,
      error: { code: 'files.folder.system' },
    });
    const file = path.join(tempDir(), 'foto.jpg');
    writeFileSync(file, 'x');
    expect(await check('eventFolder', file)).toMatchObject({ ok: false, error: { code: 'files.folder.notAFolder' } });
    expect(await check('eventFolder', 'relatief/pad')).toMatchObject({
      ok: false,
      error: { code: 'files.path.notAbsolute' },
    });
  });
});

describe('handles', () => {
  it('are single-use, bound to their purpose, and forgotten after an hour', () => {
    const handles = new FileHandles();
    const grant = { purpose: 'takedownCsv', path: '/tmp/x.csv', overwrite: false } as const;
    const once = handles.issue(grant, 0);
    expect(once).toEqual({ handle: expect.stringMatching(/^fh-[0-9a-f]{32}$/), path: '/tmp/x.csv' });
    expect(handles.take(once.handle, 'takedownCsv', 1)).toEqual(grant);
    expect(() => handles.take(once.handle, 'takedownCsv', 2)).toThrow(/files\.handle\.unknown/);
    const other = handles.issue(grant, 0);
    expect(() => handles.take(other.handle, 'auditReportCsv', 1)).toThrow(/files\.handle\.wrongPurpose/);
    expect(() => handles.take(other.handle, 'takedownCsv', 1)).toThrow(/files\.handle\.unknown/);
    const late = handles.issue(grant, 0);
    expect(() => handles.take(late.handle, 'takedownCsv', 60 * 60 * 1000 + 1)).toThrow(/files\.handle\.unknown/);
  });
});
