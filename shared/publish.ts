// Types of the publish step shared by main, renderer and CLI.
import type { CaptionFinding } from './captionCheck';
import type { ClipDecision } from './clipPolicy';
import type { Decision, DecisionStatus } from './policy';

export interface ExportRequest {
  readonly channelId: string;
  /** The publication date, YYYY-MM-DD: consent is judged for this day and its school year. */
  readonly date: string;
  readonly eventId?: number | undefined;
  readonly photoHashes?: readonly string[] | undefined;
  /**
   * Clips to export. Without them, an export of an event (whole or its picks: picks are of photos) takes every clip
   * of the event; an export of photos chosen one by one takes none.
   */
  readonly videoHashes?: readonly string[] | undefined;
  /** Keep the clips' sound (re-encoded). Off by default: voices and spoken names are personal data. Logged. */
  readonly keepAudio?: boolean | undefined;
  readonly outDir: string;
  /** Overrides of overridable blocks: photo or clip hash → the user's reason. */
  readonly overrides?: Readonly<Record<string, string>> | undefined;
  /** The post's caption: checked for names and contact details, recorded with the export (see the README). */
  readonly caption?: string | undefined;
  /**
   * Board mode, server unreachable: the user allows the export on this computer's snapshot of the registry (no older
   * than the set age). The manifest and the audit event name the snapshot.
   */
  readonly allowSnapshot?: boolean | undefined;
}

export type ExportItemState = 'done' | 'failed' | 'skipped';

export interface ExportItemSummary {
  readonly photoHash: string;
  readonly sourceName: string;
  readonly outputName: string | null;
  readonly decision: DecisionStatus;
  readonly state: ExportItemState;
  readonly hiddenCount: number;
  /** Codes (and params) of why a photo was blocked, needs review, or failed its leak check. */
  readonly problems: readonly { readonly code: string; readonly params: Readonly<Record<string, string | number>> }[];
}

export interface ExportClipSummary {
  readonly videoHash: string;
  readonly sourceName: string;
  readonly outputName: string | null;
  readonly decision: DecisionStatus;
  readonly state: ExportItemState;
  readonly hiddenTracks: number;
  readonly audioKept: boolean;
  /** Frames written (null when the clip was not written). */
  readonly frames: number | null;
  readonly problems: ExportItemSummary['problems'];
}

export interface ExportSummary {
  readonly exportId: number;
  readonly outDir: string;
  readonly channelId: string;
  readonly date: string;
  readonly schoolYear: string;
  readonly exported: number;
  readonly hiddenRegions: number;
  readonly blocked: number;
  readonly needsReview: number;
  readonly failed: number;
  readonly manifestSha256: string;
  readonly items: readonly ExportItemSummary[];
  /** The clips decided on (their counts are in exported, blocked, needsReview and failed too). */
  readonly clips: readonly ExportClipSummary[];
  readonly hiddenTracks: number;
  readonly keepAudio: boolean;
  /** The caption's check (null without a caption). */
  readonly caption?: { readonly sha256: string; readonly findings: readonly CaptionFinding[] } | null;
  /** Board mode: recorded on the board now ('online', with its id there) or made on a snapshot, recorded later. */
  readonly board?: ExportBoardMark | null;
}

/** How a board-mode export rested on the board's registry (also in its manifest). */
export interface ExportBoardMark {
  readonly mode: 'online' | 'snapshot';
  readonly exportId: number | null;
  readonly school: string;
  /** The copy of the registry the decisions read: its refresh time, content hash and board user. */
  readonly snapshot: { readonly refreshedAt: string; readonly hash: string; readonly user: string };
}

export interface ClipDecisionView {
  readonly videoHash: string;
  /** The first of its files' names, for the person exporting. */
  readonly sourceName: string;
  readonly durationSeconds: number;
  readonly hasAudio: boolean;
  readonly decision: ClipDecision;
}

export interface PhotoDecisionView {
  readonly photoHash: string;
  readonly decision: Decision;
}
