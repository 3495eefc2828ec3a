// Anchors: the trail's head written down outside the database (every export manifest, every report, a signed
// checkpoint). An attacker who can write the database can re-seal the whole chain, but cannot change an anchor
// a privacy officer already holds: verifying against it names truncation and re-sealing behind it.
import { AppError } from '../../../shared/errors';
import type { AuditAnchor } from '../../../shared/types';
import type { ReadableDb } from '../db';
import { lastAuditRow } from './repository';
import { GENESIS_HASH } from './trail';

const HASH = /^[0-9a-f]{64}$/;

/** The trail's head now: the newest event's sequence number and hash (seq 0 and the genesis hash when empty). */
export function currentAuditHead(db: ReadableDb): AuditAnchor {
  const last = lastAuditRow(db);
  return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
}

/** How an anchor is written for people to copy: `12:ab34…` (seq, colon, hash). */
export function formatAnchor(anchor: Readonly<AuditAnchor>): string {
  return `${anchor.seq}:${anchor.hash}`;
}

function validAnchor(seq: unknown, hash: unknown): AuditAnchor | null {
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return null;
  if (typeof hash !== 'string' || !HASH.test(hash)) return null;
  return { seq, hash };
}

/** `<seq>:<hash>` as given on the command line. */
export function parseAnchor(text: string): AuditAnchor {
  const match = /^\s*(\d{1,15}):([0-9a-fA-F]{64})\s*$/.exec(text);
  const anchor = match ? validAnchor(Number(match[1]), match[2]!.toLowerCase()) : null;
  if (!anchor) throw new AppError('audit.anchor.invalid', { value: text.slice(0, 100) });
  return anchor;
}

/** The CSV row that carries the head in manifests and reports: first cell `audit_head`, second `<seq>:<hash>`. */
export const ANCHOR_CSV_LABEL = 'audit_head';

/**
 * The anchor in a file Fotowacht wrote: a manifest.json or a JSON report (`auditHead`), a checkpoint (`seq`, `hash`),
 * or a CSV manifest or report (the `audit_head` row).
 */
export function anchorFromFileText(text: string, file: string): AuditAnchor {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new AppError('audit.anchor.fileInvalid', { path: file });
    }
    const record = (parsed ?? {}) as Record<string, unknown>;
    const head = (record.auditHead ?? record) as Record<string, unknown>;
    const anchor = validAnchor(head.seq, head.hash);
    if (anchor) return anchor;
    throw new AppError('audit.anchor.fileInvalid', { path: file });
  }
  const row = new RegExp(`^"?${ANCHOR_CSV_LABEL}"?[,;]"?(\\d{1,15}):([0-9a-f]{64})"?`, 'm').exec(trimmed);
  const anchor = row ? validAnchor(Number(row[1]), row[2]) : null;
  if (!anchor) throw new AppError('audit.anchor.fileInvalid', { path: file });
  return anchor;
}
