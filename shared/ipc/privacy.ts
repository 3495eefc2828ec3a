// IPC methods of privacy: erasing a person (first what is still published, then the erasure).
import { z } from 'zod';
import type { PublicationView } from './publish';
import { method } from './method';

const id = z.number().int().positive();

export interface ErasurePreviewView {
  readonly personId: number;
  readonly pseudonym: string;
  readonly published: readonly PublicationView[];
}

export interface ErasureView extends ErasurePreviewView {
  readonly regionsUnlinked: number;
  /** Face tracks in clips that were named as the person: now guest tracks (still hidden). */
  readonly videoTracksUnlinked: number;
  readonly tagsRemoved: number;
  readonly keywordsRemoved: number;
  readonly consentReasonsRemoved: number;
  readonly auditDetailsErased: readonly number[];
}

export const privacyContract = {
  /** What erasing this person would leave published (the takedown list); refuses a person already erased. */
  previewErasure: method<ErasurePreviewView>()(z.object({ personId: id }).strict()),
  /** Erases the person (the privacy officer confirmed after the preview). */
  erasePerson: method<ErasureView>()(
    z.object({ personId: id, reason: z.string().trim().min(3).max(500), confirm: z.literal(true) }).strict(),
  ),
};
