// IPC methods of the consent registry: channels, people, consent imports, history, withdrawals.
import { z } from 'zod';
import {
  CHANNEL_ID,
  type Channel,
  type ConsentAnswer,
  type ConsentRecord,
  type PersonConsent,
  type PersonListItem,
  type SchoolYearId,
} from '../consent';
import { PERSON_FIELDS, type ConsentImportPreview, type ConsentMapping, type PersonField } from '../consentImport';
import { method, noParams } from './method';
import { fileHandle } from './ui';

const schoolYear = z.string().regex(/^\d{4}-\d{4}$/);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const channelId = z.string().regex(CHANNEL_ID);
/** A list main has read once: a consent import's own name for it, so the sheet can change and preview repeat. */
const listId = z.string().regex(/^list-[0-9a-f]{32}$/);
const reason = z.string().trim().min(3).max(500);
const header = z.string().max(200);

/** A column mapping as the user confirms it, or as mapping.json holds it. */
export const consentMappingSchema = z
  .object({
    headerRow: z.number().int().min(1).max(100_000),
    personKind: z.enum(['pupil', 'staff']),
    fields: z.partialRecord(z.enum(PERSON_FIELDS as unknown as [PersonField, ...PersonField[]]), header),
    channels: z.record(header, channelId),
  })
  .strict() satisfies z.ZodType<ConsentMapping>;

/** What reading a list gives the mapping screen. */
export interface ConsentFileInfo {
  readonly fileName: string;
  readonly fileSha256: string;
  readonly format: 'csv' | 'xlsx';
  readonly encoding: string | null;
  readonly delimiter: string | null;
  readonly sheetNames: readonly string[];
  readonly sheet: string | null;
  readonly rowCount: number;
  readonly headers: readonly string[];
  /** The first rows of the file (titles, header and a few data rows), as text. */
  readonly sampleRows: readonly (readonly string[])[];
  readonly proposedMapping: ConsentMapping;
  readonly schoolYear: SchoolYearId;
}

export interface ConsentImportPreviewResult extends ConsentImportPreview {
  /** Hand back to commitConsentImport: the same file (same SHA-256) and mapping, as previewed. */
  readonly token: string;
}

export interface ConsentImportCommitResult {
  readonly importId: number;
  readonly recordsWritten: number;
  readonly preview: ConsentImportPreview;
}

export const consentContract = {
  /**
   * Reads a list: first by a consentList handle (chooseFile or checkPath), then by `list`, main's name for the
   * file it read (another sheet, the preview).
   */
  readConsentFile: method<ConsentFileInfo & { readonly list: string }>()(
    z.union([
      z.object({ file: fileHandle, sheet: z.string().max(200).optional() }).strict(),
      z.object({ list: listId, sheet: z.string().max(200).optional() }).strict(),
    ]),
  ),
  previewConsentImport: method<ConsentImportPreviewResult>()(
    z
      .object({
        list: listId,
        sheet: z.string().max(200).optional(),
        schoolYear: schoolYear.optional(),
        mapping: consentMappingSchema,
      })
      .strict(),
  ),
  commitConsentImport: method<ConsentImportCommitResult>()(
    z.object({ token: z.string().min(1).max(100), onlyValid: z.boolean().default(false) }).strict(),
  ),
  listPeople: method<PersonListItem[]>()(
    z
      .object({
        search: z.string().max(200).optional(),
        className: z.string().max(100).optional(),
        kind: z.enum(['pupil', 'staff', 'guest']).optional(),
        limit: z.number().int().min(1).max(5000).default(500),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
  ),
  listClasses: method<string[]>()(noParams),
  getPersonConsent: method<PersonConsent>()(
    z.object({ personId: z.number().int().min(1), at: z.string().max(40).optional() }).strict(),
  ),
  getConsentOn: method<ConsentAnswer>()(
    z.object({ personId: z.number().int().min(1), channelId, at: z.string().min(10).max(40) }).strict(),
  ),
  recordManualConsent: method<ConsentRecord>()(
    z
      .object({
        personId: z.number().int().min(1),
        channelId,
        status: z.enum(['granted', 'refused', 'not_returned']),
        schoolYear: schoolYear.optional(),
        signedBy: z.enum(['parent', 'guardian', 'self']).nullable().optional(),
        signedOn: isoDay.nullable().optional(),
        date: isoDay.optional(),
        reason,
      })
      .strict(),
  ),
  withdrawConsent: method<ConsentRecord[]>()(
    z
      .object({
        personId: z.number().int().min(1),
        channelId: z.union([channelId, z.literal('all')]),
        date: isoDay.optional(),
        reason,
      })
      .strict(),
  ),
  listChannels: method<Channel[]>()(z.object({ includeRetired: z.boolean().default(true) }).strict()),
  addChannel: method<Channel>()(
    z
      .object({
        id: channelId.optional(),
        labelNl: z.string().trim().min(1).max(80),
        labelEn: z.string().trim().min(1).max(80).optional(),
        exportLongSide: z.number().int().min(100).max(20_000).nullable().optional(),
      })
      .strict(),
  ),
  renameChannel: method<Channel>()(
    z
      .object({
        id: channelId,
        labelNl: z.string().trim().min(1).max(80).optional(),
        labelEn: z.string().trim().min(1).max(80).optional(),
      })
      .strict(),
  ),
  retireChannel: method<Channel>()(z.object({ id: channelId, retired: z.boolean().default(true) }).strict()),
  deleteChannel: method<{ deleted: true }>()(z.object({ id: channelId }).strict()),
};
