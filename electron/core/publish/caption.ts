// The caption of a post checked against the registry (shared/captionCheck.ts), and what the export's audit event
// keeps of it: the text in the chain only when it names nobody; beside the chain (erasable) when it names only
// people visible in the export; its hash alone when it names someone who is hidden or not in the export at all.
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { CaptionIndex, checkCaption, type CaptionFinding } from '../../../shared/captionCheck';
import type { JsonValue } from '../../../shared/types';
import type { AuditInput } from '../audit';
import { allPeople, peopleFingerprint, pseudonymOf } from '../consent';
import type { ReadableDb } from '../db';

/** Longest caption checked (a long Facebook post); the IPC and the CLI refuse longer ones. */
export const CAPTION_MAX_LENGTH = 10_000;

let cached: { readonly db: ReadableDb; readonly fingerprint: string; readonly index: CaptionIndex } | null = null;

function captionIndex(db: ReadableDb): CaptionIndex {
  const fingerprint = peopleFingerprint(db);
  if (cached?.db === db && cached.fingerprint === fingerprint) return cached.index;
  const index = new CaptionIndex(
    allPeople(db).map((person) => ({
      id: person.id,
      roepnaam: person.roepnaam,
      voornamen: person.voornamen,
      tussenvoegsel: person.tussenvoegsel,
      achternaam: person.achternaam,
      className: person.className,
      externalKey: person.externalKey,
    })),
  );
  cached = { db, fingerprint, index };
  return index;
}

/** What in the caption identifies someone of the school, with the rule per finding. */
export function checkCaptionText(db: ReadableDb, text: string): CaptionFinding[] {
  return checkCaption(text, captionIndex(db));
}

export interface CaptionResult {
  readonly sha256: string;
  readonly findings: readonly CaptionFinding[];
}

export function captionResult(db: ReadableDb, text: string): CaptionResult {
  if (text.length > CAPTION_MAX_LENGTH)
    throw new AppError('caption.tooLong', { length: text.length, max: CAPTION_MAX_LENGTH });
  return { sha256: createHash('sha256').update(text, 'utf8').digest('hex'), findings: checkCaptionText(db, text) };
}

/**
 * The caption's part of the export's audit event. `visible` are the people visible in the exported files; a
 * caption that names anyone else keeps only its hash.
 */
export function captionAuditParts(
  db: ReadableDb,
  text: string,
  result: CaptionResult,
  visible: ReadonlySet<number>,
): { readonly details: JsonValue; readonly personal: AuditInput['personal'] } {
  const named = [...new Set(result.findings.flatMap((finding) => finding.personIds))];
  const namesHidden = named.some((personId) => !visible.has(personId));
  const stored = result.findings.length === 0 ? 'chain' : namesHidden ? 'hashOnly' : 'personal';
  const details: JsonValue = {
    sha256: result.sha256,
    length: text.length,
    stored,
    findings: result.findings.map((finding) => ({
      rule: finding.rule,
      people: finding.personIds.map((personId) => pseudonymOf(db, personId)),
    })),
    ...(stored === 'chain' ? { text } : {}),
  };
  const personal =
    stored === 'personal'
      ? { about: named.map((personId) => pseudonymOf(db, personId)), details: { caption: text } }
      : undefined;
  return { details, personal };
}
