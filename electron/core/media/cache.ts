// The media cache at rest: thumbnails and previews show the children unmasked, so they are kept sealed with
// AES-256-GCM under a key derived from the database key (HKDF), and opened only to be shown. A sealed file that was
// altered does not open.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

const MAGIC = Buffer.from('FWM1', 'latin1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface MediaCipher {
  seal(plain: Buffer): Buffer;
  /** The picture, or media.unreadable when the file is not sealed with this key or was altered. */
  open(sealed: Buffer): Buffer;
}

export function isSealedMedia(bytes: Buffer): boolean {
  return bytes.length >= MAGIC.length + IV_BYTES + TAG_BYTES && bytes.subarray(0, MAGIC.length).equals(MAGIC);
}

/** The cipher of a data folder's media, from its database key (64 hex characters). */
export function mediaCipher(databaseKeyHex: string): MediaCipher {
  const key = Buffer.from(
    hkdfSync('sha256', Buffer.from(databaseKeyHex, 'hex'), 'fotowacht-media', 'media-cache-v1', 32),
  );
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(MAGIC);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      if (!isSealedMedia(sealed)) throw new AppError('media.unreadable', {});
      const iv = sealed.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
      const tag = sealed.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(MAGIC);
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(sealed.subarray(MAGIC.length + IV_BYTES + TAG_BYTES)), decipher.final()]);
      } catch {
        throw new AppError('media.unreadable', {});
      }
    },
  };
}

/** Seals every plain file an older version left in these media folders; returns how many. */
export function sealPlainMedia(folders: readonly string[], cipher: MediaCipher): number {
  let sealed = 0;
  for (const folder of folders) {
    let entries;
    try {
      entries = readdirSync(folder, { recursive: true, withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      const bytes = readFileSync(file);
      if (isSealedMedia(bytes)) continue;
      const temp = `${file}.sealing`;
      writeFileSync(temp, cipher.seal(bytes), { mode: 0o600 });
      renameSync(temp, file);
      sealed += 1;
    }
  }
  return sealed;
}
