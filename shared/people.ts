// People in photos: a region (where someone is on a photo), the one rule for which regions count, and how a
// region is matched to the consent registry, as the photo screen shows it.
import { coveredDetections } from './faces';
import type { Box } from './geometry';

export type RegionKind = 'face' | 'pet' | 'other';
/** Where a region came from: the file's own metadata, the face detector, or a user drawing it. */
export type RegionSource = 'file' | 'detector' | 'user';

/** A region of a photo as stored: normalised 0..1, top-left based, in the orientation a viewer sees. */
export interface PhotoRegion {
  readonly id: number;
  readonly photoHash: string;
  readonly source: RegionSource;
  /** The metadata namespace it was read from ('mwg-rs', 'MP', …) or Fotowacht's own for detected and drawn ones. */
  readonly namespace: string;
  readonly kind: RegionKind;
  /** Null for a name without a box (PersonInImage, a People/ tag). */
  readonly box: Box | null;
  readonly name: string;
  /** The class a hierarchical tag put the name under ('People/Groep 7/Sem' → 'Groep 7'), a hint for matching. */
  readonly classHint: string | null;
  readonly score: number | null;
  /** The person a user linked this region to. */
  readonly personId: number | null;
  readonly createdAt: string;
  readonly createdBy: string | null;
  readonly dismissedAt: string | null;
  readonly dismissedBy: string | null;
  /** A user said "guest / not known" in the event review: nobody to name, hidden like any unknown face. */
  readonly guestAt: string | null;
  readonly guestBy: string | null;
}

/**
 * The regions that count for a photo — for the decision, the photo screen and the CLI alike: from the file, drawn
 * by a user, and detected faces that no file or drawn region covers (checked here, so the order of indexing and
 * detecting does not matter), minus everything a user dismissed.
 */
export function effectiveRegions<R extends Pick<PhotoRegion, 'source' | 'box' | 'dismissedAt'>>(
  regions: readonly R[],
): R[] {
  const live = regions.filter((r) => r.dismissedAt === null);
  const given = live.filter((r) => r.source !== 'detector' && r.box !== null).map((r) => r.box!);
  const detected = live.filter((r) => r.source === 'detector' && r.box !== null);
  const covered = coveredDetections(
    detected.map((r) => r.box!),
    given,
  );
  const dropped = new Set(detected.filter((_, index) => covered[index]));
  return live.filter((r) => !dropped.has(r));
}

export interface PersonRef {
  readonly personId: number;
  readonly name: string;
  readonly className: string | null;
}

/** The people of one photo as the photo screen shows them. */
export interface PhotoPeople {
  readonly photoHash: string;
  /** The face detector (model id@version) that searched this photo, or null when none has yet. */
  readonly detectedWith: string | null;
  readonly detectedAt: string | null;
  /** Every region, dismissed ones too (marked), each with who it is. */
  readonly regions: readonly RegionMatchView[];
}

export type RegionMatchStatus = 'linked' | 'matched' | 'ambiguous' | 'unmatched' | 'unknown';

export interface RegionMatchView {
  readonly regionId: number;
  readonly name: string;
  readonly box: Box | null;
  readonly source: 'file' | 'detector' | 'user';
  readonly kind: 'face' | 'pet' | 'other';
  /** The detector's confidence, for detected faces. */
  readonly score: number | null;
  readonly dismissed: boolean;
  /** Whether this region counts for the decision (not dismissed, not a detection a tag already covers). */
  readonly counted: boolean;
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
