// The database at rest: encrypted with a key from the OS key store (or FOTOWACHT_DB_KEY / a key file for scripts),
// unreadable without it; a plain database of an older version encrypted once with every row kept.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAuditEvent, listAuditEvents, verifyAuditTrail } from '../../electron/core/audit';
import { openCore, type CoreContext } from '../../electron/core/context';
import { DB_KEY_ENV, isPlainDatabaseFile, openDatabase, PLAIN_KEY_FILE, type KeyStore } from '../../electron/core/db';
import { useTempDirs } from '../helpers/tempDir';
import { memoryKeyStore } from '../helpers/keyStore';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

/** A key store in memory, like the OS one. */

const brokenStore: KeyStore = {
  name: 'broken',
  get: () => {
    throw new Error('Couldn’t access platform storage');
  },
  set: () => {
    throw new Error('Couldn’t access platform storage');
  },
};

/** No key in the environment: the key store decides. */
const noKeyEnv: Record<string, string | undefined> = {};

function addPupil(core: CoreContext, name: string, number: string): void {
  core.db
    .prepare(
      `INSERT INTO people (kind, external_key, roepnaam, achternaam, class_name, birth_date, created_at, updated_at)
       VALUES ('pupil', ?, ?, 'Bakker', 'Groep 7', '2015-03-04', '2026-09-01T08:00:00Z', '2026-09-01T08:00:00Z')`,
    )
    .run(number, name);
}

function bytesOf(file: string): Buffer {
  return existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
}

describe('the encrypted database', () => {
  it('keeps no readable name or number on disk, and cannot be opened without its key', async () => {
    const store = memoryKeyStore();
    const dataDir = tempDir();
    const core = openCore({ dataDir, env: noKeyEnv, keyStore: store });
    cores.push(core);
    expect(core.keySource).toBe('keyStore');
    expect(store.entries.size).toBe(1);
    addPupil(core, 'Zoë', '4711-0815');
    const file = core.paths.database;
    for (const bytes of [bytesOf(file), bytesOf(`${file}-wal`)]) {
      expect(bytes.includes(Buffer.from('Bakker'))).toBe(false);
      expect(bytes.includes(Buffer.from('4711-0815'))).toBe(false);
    }
    expect(readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    expect(isPlainDatabaseFile(file)).toBe(false);
    await core.close();
    cores.pop();

    // Without the key: not a database. With another key: refused with a code.
    const bare = new Database(file);
    expect(() => bare.prepare('SELECT count(*) FROM people').get()).toThrow(/not a database/);
    bare.close();
    expect(() => openDatabase(file, { key: 'ab'.repeat(32) })).toThrow(/db\.keyWrong/);

    // The same key store opens it again with the same key: the pupil is there.
    const again = openCore({ dataDir, env: noKeyEnv, keyStore: store });
    cores.push(again);
    expect(again.db.prepare('SELECT roepnaam FROM people').pluck().get()).toBe('Zoë');
    expect(store.entries.size).toBe(1);
  });

  it('refuses to make up a new key for an encrypted database whose key is gone', async () => {
    const dataDir = tempDir();
    const first = openCore({ dataDir, env: noKeyEnv, keyStore: memoryKeyStore() });
    await first.close();
    expect(() => openCore({ dataDir, env: noKeyEnv, keyStore: memoryKeyStore() })).toThrow(/db\.keyMissing/);
  });

  it('takes the key from FOTOWACHT_DB_KEY or FOTOWACHT_DB_KEY_FILE for scripts, and refuses a malformed one', async () => {
    const key = 'c0ffee'.repeat(10) + 'c0ff';
    const dataDir = tempDir();
    const core = openCore({ dataDir, env: { [DB_KEY_ENV]: key }, keyStore: brokenStore });
    expect(core.keySource).toBe('env');
    await core.close();
    const keyFile = path.join(tempDir(), 'db.key');
    writeFileSync(keyFile, `${key}\n`);
    const byFile = openCore({ dataDir, env: { FOTOWACHT_DB_KEY_FILE: keyFile }, keyStore: brokenStore });
    expect(byFile.keySource).toBe('keyFile');
    await byFile.close();
    expect(() => openCore({ dataDir: tempDir(), env: { [DB_KEY_ENV]: 'geheim' } })).toThrow(/db\.keyInvalid/);
  });

  it('without a key store, keeps the key in a plain file only when the user opted in', async () => {
    const dataDir = tempDir();
    expect(() => openCore({ dataDir, env: noKeyEnv, keyStore: brokenStore })).toThrow(/db\.keyStoreUnavailable/);
    expect(existsSync(path.join(dataDir, 'fotowacht.sqlite'))).toBe(false);
    const core = openCore({ dataDir, env: { FOTOWACHT_ALLOW_PLAIN_KEY: '1' }, keyStore: brokenStore });
    cores.push(core);
    expect(core.keySource).toBe('plainFile');
    const keyFile = path.join(dataDir, PLAIN_KEY_FILE);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(isPlainDatabaseFile(core.paths.database)).toBe(false);
  });

  it('encrypts a plain database of an older version once, keeping every row and a verifiable trail', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'fotowacht.sqlite');
    const plain = openDatabase(file);
    plain
      .prepare(
        `INSERT INTO people (kind, external_key, roepnaam, achternaam, created_at, updated_at)
         VALUES ('pupil', '1001', 'Sem', 'van ''t Hof', '2026-09-01T08:00:00Z', '2026-09-01T08:00:00Z')`,
      )
      .run();
    for (let i = 0; i < 25; i++)
      appendAuditEvent(plain, { os: 'juf', name: '' }, { action: 'consent.manual', subject: `person:${i}` });
    const tables = plain
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    const countsBefore = tables.map((t) => plain.prepare(`SELECT count(*) FROM "${t}"`).pluck().get());
    plain.close();
    expect(isPlainDatabaseFile(file)).toBe(true);

    const store = memoryKeyStore();
    const core = openCore({ dataDir, env: noKeyEnv, keyStore: store });
    cores.push(core);
    expect(isPlainDatabaseFile(file)).toBe(false);
    expect(existsSync(`${file}.encrypting`)).toBe(false);
    expect(bytesOf(file).includes(Buffer.from("van 't Hof"))).toBe(false);
    const countsAfter = tables.map((t) => core.db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get());
    // The same rows, plus the one audit event that says the database was encrypted.
    expect(countsAfter[tables.indexOf('audit_events')]).toBe(26);
    countsAfter[tables.indexOf('audit_events')] = 25;
    countsAfter[tables.indexOf('audit_head')] = countsBefore[tables.indexOf('audit_head')];
    expect(countsAfter).toEqual(countsBefore);
    expect(listAuditEvents(core.db, { limit: 1 })[0]).toMatchObject({
      action: 'db.encrypted',
      details: { keySource: 'keyStore' },
    });
    expect(verifyAuditTrail(core.db)).toMatchObject({ ok: true, count: 26 });
  });
});

describe('the media cache at rest', () => {
  it('seals thumbnails and previews, refuses an altered or foreign one, and seals what an older version left', async () => {
    const { mediaCipher, sealPlainMedia, isSealedMedia } = await import('../../electron/core/media');
    const sharp = (await import('sharp')).default;
    const picture = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer();
    const cipher = mediaCipher('11'.repeat(32));
    const sealed = cipher.seal(picture);
    expect(isSealedMedia(sealed)).toBe(true);
    expect(sealed.includes(picture.subarray(0, 64))).toBe(false);
    expect(cipher.open(sealed).equals(picture)).toBe(true);
    const altered = Buffer.from(sealed);
    altered.writeUInt8(altered.readUInt8(altered.length - 1) ^ 1, altered.length - 1);
    expect(() => cipher.open(altered)).toThrow(/media\.unreadable/);
    expect(() => mediaCipher('22'.repeat(32)).open(sealed)).toThrow(/media\.unreadable/);
    expect(() => cipher.open(picture)).toThrow(/media\.unreadable/);

    const folder = path.join(tempDir(), 'thumbs');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(folder, 'ab'), { recursive: true });
    writeFileSync(path.join(folder, 'ab', 'old.jpg'), picture);
    writeFileSync(path.join(folder, 'ab', 'new.jpg'), sealed);
    expect(sealPlainMedia([folder], cipher)).toBe(1);
    for (const name of ['old.jpg', 'new.jpg'])
      expect(cipher.open(readFileSync(path.join(folder, 'ab', name))).equals(picture)).toBe(true);
  });
});
