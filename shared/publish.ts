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
