// Signed checkpoints: the privacy officer's Ed25519 key (Node's own crypto, no home-made signatures) signs the
// trail's head, so a checkpoint file proves which head existed at that moment. The private key never lives in the
// data folder: whoever can write the database must not be able to sign a re-sealed trail.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { canonicalJson } from '../../../shared/canonicalJson';
import { AppError } from '../../../shared/errors';
import type { AuditAnchor } from '../../../shared/types';
import type { ReadableDb, WritableDb } from '../db';
import type { Actor } from './actor';
import { currentAuditHead } from './anchor';
import { audited } from './audited';

export const CHECKPOINT_FORMAT = 'fotowacht-audit-checkpoint/1';
export const PRIVATE_KEY_FILE = 'fotowacht-audit-private.pem';
export const PUBLIC_KEY_FILE = 'fotowacht-audit-public.pem';

export interface AuditCheckpoint extends AuditAnchor {
  readonly format: typeof CHECKPOINT_FORMAT;
  /** When the checkpoint was made (ISO 8601, UTC). */
  readonly at: string;
  /** `sha256:` and the SHA-256 of the public key (SPKI DER), to compare with the key the officer keeps. */
  readonly keyFingerprint: string;
  readonly publicKey: string;
  /** Ed25519 signature (base64) over the canonical JSON of format, seq, hash, at and keyFingerprint. */
  readonly signature: string;
}

const checkpointSchema = z
  .object({
    format: z.literal(CHECKPOINT_FORMAT),
    seq: z.number().int().min(0),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.string().min(1).max(64),
    keyFingerprint: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    publicKey: z.string().min(1).max(2000),
    signature: z.string().min(1).max(200),
  })
  .strict();

function isInside(dir: string, candidate: string): boolean {
  const real = (p: string): string => {
    // The folder to write may not exist yet: resolve the nearest existing parent.
    let current = path.resolve(p);
    const rest: string[] = [];
    while (!existsSync(current)) {
      rest.unshift(path.basename(current));
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    return path.join(realpathSync(current), ...rest);
  };
  const relative = path.relative(real(dir), real(candidate));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export function keyFingerprint(publicKey: KeyObject): string {
  return `sha256:${createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')}`;
}

export interface GeneratedKeys {
  readonly privateKeyPath: string;
  readonly publicKeyPath: string;
  readonly fingerprint: string;
}

/** Makes an Ed25519 key pair in `outDir` (never inside the data folder; never over existing key files). */
export function generateCheckpointKeys(outDir: string, dataDir: string): GeneratedKeys {
  if (isInside(dataDir, outDir)) throw new AppError('audit.key.insideDataDir', { dir: path.resolve(outDir) });
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const privateKeyPath = path.resolve(outDir, PRIVATE_KEY_FILE);
  const publicKeyPath = path.resolve(outDir, PUBLIC_KEY_FILE);
  for (const file of [privateKeyPath, publicKeyPath])
    if (existsSync(file)) throw new AppError('audit.key.exists', { path: file });
  writeFileSync(privateKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  writeFileSync(publicKeyPath, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644, flag: 'wx' });
  return { privateKeyPath, publicKeyPath, fingerprint: keyFingerprint(publicKey) };
}

function signedPayload(checkpoint: Omit<AuditCheckpoint, 'signature' | 'publicKey'>): Buffer {
  return Buffer.from(
    canonicalJson({
      format: checkpoint.format,
      seq: checkpoint.seq,
      hash: checkpoint.hash,
      at: checkpoint.at,
      keyFingerprint: checkpoint.keyFingerprint,
    }),
    'utf8',
  );
}

function privateKeyFrom(pem: string | Buffer): KeyObject {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch {
    // fall through to the error below
  }
  throw new AppError('audit.key.invalid', {});
}

function publicKeyFrom(pem: string | Buffer): KeyObject {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch {
    // fall through to the error below
  }
  throw new AppError('audit.key.invalid', {});
}

/** Signs the trail's head now with the officer's private key (PEM). */
export function createCheckpoint(
  db: ReadableDb,
  privateKeyPem: string | Buffer,
  now: Date = new Date(),
): AuditCheckpoint {
  return signCheckpoint(currentAuditHead(db), privateKeyPem, now);
}

/** Signs a given head (a board's trail, read from its server) with the officer's private key (PEM). */
export function signCheckpoint(
  head: Readonly<AuditAnchor>,
  privateKeyPem: string | Buffer,
  now: Date = new Date(),
): AuditCheckpoint {
  const privateKey = privateKeyFrom(privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  const unsigned = {
    format: CHECKPOINT_FORMAT,
    seq: head.seq,
    hash: head.hash,
    at: now.toISOString(),
    keyFingerprint: keyFingerprint(publicKey),
  } as const;
  const signature = sign(null, signedPayload(unsigned), privateKey).toString('base64');
  return { ...unsigned, publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), signature };
}

export function checkpointFileText(checkpoint: Readonly<AuditCheckpoint>): string {
  return `${JSON.stringify(checkpoint, null, 2)}\n`;
}

export interface CheckedCheckpoint {
  readonly anchor: AuditAnchor;
  readonly at: string;
  readonly keyFingerprint: string;
  /** True when the caller named the public key to trust; false when only the key inside the file was used. */
  readonly trustedKey: boolean;
}

/**
 * Reads a checkpoint and checks its signature: with `publicKeyPem`, against that key (the file's fingerprint must be
 * that key's); without, against the key in the file, whose fingerprint the caller shows to be compared by a person.
 * Anything edited after signing, or signed by another key, is refused.
 */
export function checkCheckpoint(text: string, file: string, publicKeyPem?: string | Buffer): CheckedCheckpoint {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new AppError('audit.checkpoint.invalid', { path: file });
  }
  const result = checkpointSchema.safeParse(parsed);
  if (!result.success) throw new AppError('audit.checkpoint.invalid', { path: file });
  const checkpoint = result.data;
  const embedded = publicKeyFrom(checkpoint.publicKey);
  const trusted = publicKeyPem === undefined ? embedded : publicKeyFrom(publicKeyPem);
  const fingerprint = keyFingerprint(trusted);
  if (fingerprint !== checkpoint.keyFingerprint || keyFingerprint(embedded) !== fingerprint)
    throw new AppError('audit.checkpoint.wrongKey', { path: file, fingerprint: checkpoint.keyFingerprint });
  const signature = Buffer.from(checkpoint.signature, 'base64');
  if (!verify(null, signedPayload(checkpoint), trusted, signature))
    throw new AppError('audit.checkpoint.signatureInvalid', { path: file });
  return {
    anchor: { seq: checkpoint.seq, hash: checkpoint.hash },
    at: checkpoint.at,
    keyFingerprint: fingerprint,
    trustedKey: publicKeyPem !== undefined,
  };
}

/**
 * Logs `audit.checkpoint` once the signed file is written (the checkpoint signs the head before this event). The
 * CLI and the Logboek page both come here.
 */
export function logCheckpoint(db: WritableDb, actor: Actor, signed: Readonly<AuditCheckpoint>): void {
  audited(db, actor, (log) =>
    log({
      action: 'audit.checkpoint',
      subject: `audit:${signed.seq}`,
      details: { seq: signed.seq, hash: signed.hash, keyFingerprint: signed.keyFingerprint },
    }),
  );
}
