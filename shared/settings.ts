// What each setting may hold: one schema used by the IPC contract (validating the renderer's input) and by
// the settings store (validating what it reads back).
import { z } from 'zod';
import { DEFAULT_POLICY_SETTINGS } from './policy';
import { CREDIT_FIELDS, LANGUAGES, type CreditField, type Language, type Settings } from './types';

export const settingsValueSchemas = {
  displayName: z.string().trim().max(80),
  language: z.enum(LANGUAGES as [Language, ...Language[]]),
  hideStyle: z.enum(['mask', 'pixelate']),
  maskMargin: z.number().min(0).max(1),
  maxHiddenAreaShare: z.number().gt(0).max(1),
  maxHiddenPeople: z.number().int().min(0).max(100),
  clipMainSubjectShare: z.number().gt(0).max(1),
  exportCredits: z.record(
    z.string().regex(/^[a-z0-9_-]{1,40}$/),
    z.array(z.enum(CREDIT_FIELDS as [CreditField, ...CreditField[]])).max(CREDIT_FIELDS.length),
  ),
  flagMissingCredit: z.boolean(),
} satisfies Record<keyof Settings, z.ZodType>;

export const DEFAULT_SETTINGS: Settings = {
  displayName: '',
  language: 'nl',
  ...DEFAULT_POLICY_SETTINGS,
  exportCredits: {},
  flagMissingCredit: false,
};

/** The credit fields an export for `channelId` keeps, in a fixed order, each once. */
export function creditFieldsFor(settings: Pick<Settings, 'exportCredits'>, channelId: string): CreditField[] {
  const chosen = settings.exportCredits[channelId] ?? [];
  return CREDIT_FIELDS.filter((field) => chosen.includes(field));
}
