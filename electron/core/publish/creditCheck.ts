// Before an export: the chosen photos whose files name no photographer and no copyright holder (a school setting;
// the protocols ask to respect copyright, and a photo of unknown origin may not be the school's to publish).
import path from 'node:path';
import type { ReadableDb } from '../db';
import { getPhoto } from '../library';
import { getSettings } from '../settings';
import { selectPhotos } from './decisions';

export interface CreditCheck {
  /** Whether the school asked to be warned (Settings → Credits); no photos are listed when not. */
  readonly enabled: boolean;
  readonly photos: ReadonlyArray<{ readonly photoHash: string; readonly name: string }>;
}

export function photosWithoutCredit(
  db: ReadableDb,
  selection: { readonly eventId?: number | undefined; readonly photoHashes?: readonly string[] | undefined },
): CreditCheck {
  if (!getSettings(db).flagMissingCredit) return { enabled: false, photos: [] };
  // Clips carry no credit fields the export keeps: only photos are checked (none is fine: an export of clips).
  const photos = selectPhotos(db, selection, { allowEmpty: true }).flatMap((chosen) => {
    const photo = getPhoto(db, chosen.hash);
    const known = Boolean(photo?.artist?.trim() || photo?.copyright?.trim());
    return known ? [] : [{ photoHash: chosen.hash, name: path.basename(chosen.path) }];
  });
  return { enabled: true, photos };
}
