// What the board records of an export made in board mode: per photo its outcome and who was visible on which consent
// version, and the links of regions to people those decisions relied on (by the region's key, the same on every
// workstation with the photo). Ids are the board's: in board mode the local registry is a copy with its ids.
import type { Decision } from '../../../shared/policy';
import type { ExportItemSummary } from '../../../shared/publish';
import { regionKey, type BoardExportClipRow, type BoardExportRecord, type SnapshotMark } from '../board';
import type { ReadableDb } from '../db';
import { regionsOfPhoto } from '../people';
import type { ClipOutcome } from './clipItems';

export interface BoardItem {
  readonly photo: { readonly hash: string };
  readonly decision: Decision;
  readonly state: ExportItemSummary['state'];
  readonly output: { readonly name: string; readonly sha256: string } | null;
  readonly problems: ExportItemSummary['problems'];
  readonly override: string | null;
}

/** By the photo's place in the export. */
export type BoardItems = Map<number, BoardItem>;

export interface BoardRecordInput {
  readonly exportId: number;
  readonly exportSettings: Readonly<Record<string, unknown>> & {
    readonly channel: string;
    readonly date: string;
    readonly schoolYear: string;
  };
  readonly startedAt: string;
  readonly manifestSha256: string;
  readonly items: BoardItems;
  /** The export's clips, in order, and the override reasons asked for (by the clip's hash). */
  readonly clips?: readonly ClipOutcome[] | undefined;
  readonly overrides?: Readonly<Record<string, string>> | undefined;
  readonly offline: boolean;
}

/** A clip's row on the board, from its outcome (the same fields as its local export_clips row). */
function boardClip(outcome: Readonly<ClipOutcome>, input: Readonly<BoardRecordInput>): BoardExportClipRow {
  const { summary, manifest } = outcome;
  const override = manifest.overridden ? (input.overrides?.[summary.videoHash] ?? null) : null;
  return {
    videoHash: summary.videoHash,
    outputName: manifest.outputName,
    outputSha256: manifest.outputSha256,
    decision: summary.decision,
    // The reason is free text that may name a pupil: only online, where the board keeps it beside the record.
    overrideReason: input.offline ? null : override,
    hiddenTracks: summary.hiddenTracks,
    audioKept: summary.audioKept,
    frames: summary.frames,
    state: summary.state,
    errorCode: summary.problems[0]?.code ?? null,
    details: { problems: summary.problems.map((problem) => ({ code: problem.code })) },
    visible: summary.state === 'done' ? manifest.visiblePeople : [],
  };
}

export function boardExportRecord(
  db: ReadableDb,
  schoolCode: string,
  board: { readonly snapshot: SnapshotMark },
  input: Readonly<BoardRecordInput>,
): BoardExportRecord {
  const ordered = [...input.items.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
  const regionLinks: Array<{ photoHash: string; regionKey: string; personId: number }> = [];
  for (const item of ordered) {
    if (item.state !== 'done' || item.decision.visible.length === 0) continue;
    const regions = new Map(regionsOfPhoto(db, item.photo.hash).map((region) => [region.id, region]));
    for (const person of item.decision.visible)
      for (const regionId of person.regionIds) {
        const region = regions.get(regionId);
        if (region)
          regionLinks.push({ photoHash: item.photo.hash, regionKey: regionKey(region), personId: person.personId });
      }
  }
  return {
    schoolCode,
    localExportId: input.exportId,
    channelId: input.exportSettings.channel,
    publishDate: input.exportSettings.date,
    schoolYear: input.exportSettings.schoolYear,
    settings: input.exportSettings,
    startedAt: input.startedAt,
    finishedAt: new Date().toISOString(),
    manifestSha256: input.manifestSha256,
    items: ordered.map((item) => ({
      photoHash: item.photo.hash,
      outputName: item.output?.name ?? null,
      outputSha256: item.output?.sha256 ?? null,
      decision: item.decision.status,
      // The reason is free text that may name a pupil: only online, where the board keeps it beside the record.
      overrideReason: item.decision.overridden && !input.offline ? item.override : null,
      hiddenCount: item.decision.hidden.length,
      state: item.state,
      errorCode: item.problems[0]?.code ?? null,
      details: { problems: item.problems.map((problem) => ({ code: problem.code })) },
      visible:
        item.state === 'done'
          ? item.decision.visible.map((person) => ({
              personId: person.personId,
              consentRecordId: person.consentRecordId,
            }))
          : [],
    })),
    clips: (input.clips ?? []).map((clip) => boardClip(clip, input)),
    regionLinks,
    snapshot: board.snapshot,
    offline: input.offline,
  };
}
