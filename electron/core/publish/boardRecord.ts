// What the board records of an export made in board mode: per photo its outcome and who was visible on which consent
// version, and the links of regions to people those decisions relied on (by the region's key, the same on every
// workstation with the photo). Ids are the board's: in board mode the local registry is a copy with its ids.
import type { Decision } from '../../../shared/policy';
import type { ExportItemSummary } from '../../../shared/publish';
import { regionKey, type BoardExportRecord, type SnapshotMark } from '../board';
import type { ReadableDb } from '../db';
import { regionsOfPhoto } from '../people';

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
  readonly offline: boolean;
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
    regionLinks,
    snapshot: board.snapshot,
    offline: input.offline,
  };
}
