// What each setting may hold: one schema used by the IPC contract (validating the renderer's input) and by
// the settings store (validating what it reads back).
import { z } from 'zod';
import { DEFAULT_POLICY_SETTINGS } from './policy';
import { LANGUAGES, type Language, type Settings } from './types';

export const settingsValueSchemas = {
  displayName: z.string().trim().max(80),
  language: z.enum(LANGUAGES as [Language, ...Language[]]),
  hideStyle: z.enum(['mask', 'pixelate']),
  maskMargin: z.number().min(0).max(1),
  maxHiddenAreaShare: z.number().gt(0).max(1),
  maxHiddenPeople: z.number().int().min(0).max(100),
} satisfies Record<keyof Settings, z.ZodType>;

export const DEFAULT_SETTINGS: Settings = { displayName: '', language: 'nl', ...DEFAULT_POLICY_SETTINGS };
