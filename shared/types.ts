// Domain types shared by main, renderer and CLI. Pure TypeScript: no Node, Electron or DOM.
import type { ErrorParams, SerializedError } from './errors';

export type Language = 'nl' | 'en';
export const LANGUAGES: readonly Language[] = ['nl', 'en'];

export interface Settings {
  readonly displayName: string;
  readonly language: Language;
  /** How hidden people are made unrecognisable: a solid mask (default) or strong pixelation. */
  readonly hideStyle: 'mask' | 'pixelate';
  /** Margin around a hidden region, as a share of its size on each side. */
  readonly maskMargin: number;
  /** A hidden person covering more than this share of the photo blocks it. */
  readonly maxHiddenAreaShare: number;
  /** More hidden people than this blocks the photo. */
  readonly maxHiddenPeople: number;
  /** A hidden person larger than maxHiddenAreaShare in at least this share of a clip's frames blocks the clip. */
  readonly clipMainSubjectShare: number;
  /** Per channel id, the credit fields an export keeps from the source photo (none by default: all is stripped). */
  readonly exportCredits: Readonly<Record<string, readonly CreditField[]>>;
  /** Warn before an export about photos without a known photographer or copyright notice. */
  readonly flagMissingCredit: boolean;
}

/** Credit fields an export may keep: creator (EXIF Artist, XMP dc:creator), copyright notice (EXIF Copyright,
 * XMP dc:rights), credit line (XMP photoshop:Credit, IPTC Credit Line). */
export type CreditField = 'creator' | 'copyright' | 'credit';
export const CREDIT_FIELDS: readonly CreditField[] = ['creator', 'copyright', 'credit'];

export interface AppInfo {
  readonly version: string;
  readonly dataDir: string;
  readonly schemaVersion: number;
  /** Base URL under which generated media (thumbnails, previews) are served, ending in '/'. */
  readonly mediaBaseUrl: string;
  readonly osUser: string;
}

export type JobState = 'queued' | 'running' | 'done' | 'cancelled' | 'failed';
export type JobItemOutcome = 'done' | 'failed' | 'skipped';

export interface JobItemError {
  readonly item: string;
  readonly code: string;
  readonly params: ErrorParams;
}

export interface FrameProgress {
  readonly done: number;
  /** The frames the clip's length promises (an estimate until the last is written). */
  readonly total: number;
  readonly frameRate: number;
}

export interface JobProgress {
  readonly jobId: string;
  readonly kind: string;
  readonly state: JobState;
  /** null while the job is still finding out how much work there is (scanning a folder). */
  readonly total: number | null;
  readonly done: number;
  readonly failed: number;
  readonly skipped: number;
  readonly current: string | null;
  /** Frames of the current clip written so far and in all, at its frame rate (a clip's export); absent otherwise. */
  readonly frames?: FrameProgress | null;
  readonly errors: readonly JobItemError[];
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly result: unknown;
  readonly error: SerializedError | null;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface AuditEvent {
  readonly seq: number;
  readonly at: string;
  readonly actorOs: string;
  readonly actorName: string;
  readonly action: string;
  readonly subject: string;
  readonly details: JsonValue;
  readonly prevHash: string;
  readonly hash: string;
  /**
   * Personal details kept outside the chain (a student number, a free-text reason); the chain holds a salted
   * commitment to them. Absent when the event has none; null when they were erased.
   */
  readonly personal?: JsonValue | null;
}

/** What the audit filters can choose from: the actions in the trail, and each OS user with their latest name. */
export interface AuditFacets {
  readonly actions: readonly string[];
  readonly actors: ReadonlyArray<{ readonly os: string; readonly name: string }>;
}

/** A point of the trail held outside the database (a manifest, a report, a signed checkpoint): seq 0 is the start. */
export interface AuditAnchor {
  readonly seq: number;
  readonly hash: string;
}

export type AuditVerification =
  | {
      readonly ok: true;
      readonly count: number;
      readonly headHash: string;
      /** How many anchors from outside the database were checked (only when some were given). */
      readonly anchors?: number;
      /** Events whose personal details were erased: their seal still holds, their details are gone. */
      readonly detailsErased?: number;
    }
  | {
      readonly ok: false;
      readonly count: number;
      readonly firstBadSeq: number;
      /**
       * truncated: the trail ends before an anchored event; resealed: an anchored event is no longer the same;
       * details: personal details outside the chain no longer match their commitment.
       */
      readonly reason: 'hash' | 'chain' | 'sequence' | 'head' | 'truncated' | 'resealed' | 'details';
    };
