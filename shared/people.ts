// How a region on a photo is matched to the registry, as the photo screen shows it.
import type { Box } from './geometry';

export interface PersonRef {
  readonly personId: number;
  readonly name: string;
  readonly className: string | null;
}

export type RegionMatchStatus = 'linked' | 'matched' | 'ambiguous' | 'unmatched' | 'unknown';

export interface RegionMatchView {
  readonly regionId: number;
  readonly name: string;
  readonly box: Box | null;
  readonly source: 'file' | 'detector' | 'user';
  readonly kind: 'face' | 'pet' | 'other';
  readonly dismissed: boolean;
  readonly classHint: string | null;
  readonly status: RegionMatchStatus;
  /** The person this region is (linked by a user, or matched exactly by name). */
  readonly person: PersonRef | null;
  /** Several people with this exact name. */
  readonly candidates: readonly PersonRef[];
  /** Close names: a person must confirm one. */
  readonly suggestions: ReadonlyArray<PersonRef & { readonly score: number }>;
  /** The person a user linked this name to on another photo of the same event. */
  readonly offered: PersonRef | null;
}
