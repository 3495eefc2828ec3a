// IPC methods of the publish step: who is in a photo, the decision per channel, export, and the privacy officer's
// questions (where published, takedown list, audit report).
import { z } from 'zod';
import type { CaptionFinding } from '../captionCheck';
import type { StatusCounts } from '../decisionFilter';
import type { Decision } from '../policy';
import type { ClipDecisionView, ExportSummary } from '../publish';
import type { AuditVerification } from '../types';
import { method } from './method';
import { fileHandle } from './ui';

const hash = z.string().regex(/^[0-9a-f]{64}$/);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const channelId = z.string().min(1).max(40);
const id = z.number().int().positive();

/** Photos to decide on or export: a whole event or chosen photos. */
const selection = {
  eventId: id.optional(),
  photoHashes: z.array(hash).max(20_000).optional(),
};

/** Clips to decide on or export: the chosen ones, else an event's (see shared/publish.ts ExportRequest). */
const clipSelection = { videoHashes: z.array(hash).max(5_000).optional() };

/** The library grid's filters (shared/decisionFilter.ts). */
const decisionFilter = z
  .object({
    status: z.enum(['publish', 'hide', 'blocked', 'needs_review']).optional(),
    person: z.string().max(200).optional(),
    untagged: z.boolean().optional(),
    picked: z.boolean().optional(),
  })
  .strict();

/** One page of an event's photos with their decisions: only these photos are decided in full. */
export interface DecisionPageView {
  /** Photos in the event. */
  readonly total: number;
  /** Photos the filter keeps (the total without a filter). */
  readonly matching: number;
  readonly offset: number;
  readonly items: Array<{ photoHash: string; decision: Decision }>;
}

export interface PublicationView {
  readonly exportId: number;
  readonly channelId: string;
  readonly publishDate: string;
  readonly schoolYear: string;
  readonly exportedAt: string;
  readonly outDir: string;
  readonly outputName: string;
  readonly outputSha256: string;
  /** The source's content hash: a photo's, or a clip's for an exported clip. */
  readonly photoHash: string;
  readonly consentRecordId: number;
}

export interface ExportListItem {
  readonly exportId: number;
  readonly channelId: string;
  readonly publishDate: string;
  readonly outDir: string;
  readonly state: 'running' | 'done' | 'failed' | 'cancelled';
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly exported: number;
  readonly manifestSha256: string | null;
}

export const publishContract = {
  decidePhotos: method<Array<{ photoHash: string; decision: Decision }>>()(
    z
      .object({ channelId, date: day, ...selection, overrides: z.record(hash, z.string().max(500)).optional() })
      .strict(),
  ),
  /** The clips of an export's selection, each with its decision (track by track) on the channel and date. */
  decideClips: method<ClipDecisionView[]>()(
    z
      .object({
        channelId,
        date: day,
        ...selection,
        ...clipSelection,
        overrides: z.record(hash, z.string().max(500)).optional(),
      })
      .strict(),
  ),
  /** The library's counts per status for an event: worked out off the main process, only the counts cross IPC. */
  countDecisions: method<StatusCounts>()(z.object({ channelId, date: day, eventId: id }).strict()),
  /** A page of the library grid (in file order, filtered), each photo with its decision. */
  decidePhotoPage: method<DecisionPageView>()(
    z
      .object({
        channelId,
        date: day,
        eventId: id,
        offset: z.number().int().min(0).max(1_000_000),
        limit: z.number().int().min(1).max(1000),
        filter: decisionFilter.optional(),
      })
      .strict(),
  ),
  /** The hashes of an event's photos a filter keeps, in grid order (to publish what the grid shows). */
  filteredPhotoHashes: method<string[]>()(
    z.object({ channelId, date: day, eventId: id, filter: decisionFilter }).strict(),
  ),
  startExport: method<{ jobId: string }>()(
    z
      .object({
        channelId,
        date: day,
        ...selection,
        ...clipSelection,
        /** Keep the clips' sound: an explicit choice, off by default, logged with the export. */
        keepAudio: z.boolean().optional(),
        /** A handle for an export folder (checkPath or chooseFile, purpose exportFolder). */
        outDir: fileHandle,
        overrides: z.record(hash, z.string().trim().min(1).max(500)).optional(),
        caption: z.string().max(10_000).optional(),
        /** Board mode: the server cannot be reached and the user allows this computer's snapshot of the registry. */
        allowSnapshot: z.boolean().optional(),
      })
      .strict(),
  ),
  /** Photos of the selection without a known photographer or copyright (when the school asks for the warning). */
  photosWithoutCredit: method<{ enabled: boolean; photos: Array<{ photoHash: string; name: string }> }>()(
    z.object(selection).strict(),
  ),
  /** The post's caption checked for names, student numbers, class plus name, e-mail addresses and phone numbers. */
  checkCaption: method<CaptionFinding[]>()(z.object({ text: z.string().max(10_000) }).strict()),
  getExportResult: method<ExportSummary | null>()(z.object({ jobId: z.string().min(1).max(64) }).strict()),
  listExports: method<ExportListItem[]>()(z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict()),
  wherePublished: method<PublicationView[]>()(z.object({ personId: id }).strict()),
  takedownList: method<PublicationView[]>()(
    z.object({ personId: id, channelIds: z.array(channelId).max(50).optional() }).strict(),
  ),
  saveTakedownCsv: method<{ path: string; rows: number }>()(
    z.object({ personId: id, channelIds: z.array(channelId).max(50).optional(), file: fileHandle }).strict(),
  ),
  saveAuditReport: method<{ path: string; events: number; verification: AuditVerification }>()(
    z.object({ from: day, to: day, format: z.enum(['csv', 'pdf']), file: fileHandle }).strict(),
  ),
};
