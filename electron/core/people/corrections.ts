// A user's corrections of the regions on a photo: "not a person" for a detected or drawn face, and a face the
// detector missed, drawn by hand. Never deletes; every correction is in the audit trail.
import { AppError } from '../../../shared/errors';
import type { Box } from '../../../shared/geometry';
import type { PhotoRegion } from '../../../shared/people';
import { actorLabel, type Actor } from '../audit';
import { audited } from '../audit';
import type { WritableDb } from '../db';
import * as repo from './repository';

interface Acting {
  readonly db: WritableDb;
  actor(): Actor;
}

/**
 * "Not a person": marks a detected (or drawn) face as dismissed. The dismissal survives re-detection. Regions from
 * the file are tags, not detections: not dismissed here.
 */
export function dismissFaceRegion(core: Acting, regionId: number, reason = 'notAPerson'): PhotoRegion {
  const actor = core.actor();
  return audited(core.db, actor, (log) => {
    const region = repo.getRegion(core.db, regionId);
    if (!region) throw new AppError('faces.regionNotFound', { region: regionId });
    if (region.source === 'file') throw new AppError('faces.cannotDismissFileRegion', { region: regionId });
    if (region.dismissedAt !== null) return region;
    repo.markRegionDismissed(core.db, regionId, new Date().toISOString(), actorLabel(actor));
    log({
      action: 'faces.dismiss',
      subject: `photo:${region.photoHash}`,
      details: {
        region: regionId,
        source: region.source,
        reason,
        box: region.box ? { ...region.box } : null,
        score: region.score,
      },
    });
    return repo.getRegion(core.db, regionId)!;
  });
}

/** The review's undo of "not a person": the region counts again (and is hidden again until someone names it). */
export function restoreFaceRegion(core: Acting, regionId: number): PhotoRegion {
  const actor = core.actor();
  return audited(core.db, actor, (log) => {
    const region = repo.getRegion(core.db, regionId);
    if (!region) throw new AppError('faces.regionNotFound', { region: regionId });
    if (region.dismissedAt === null) return region;
    repo.clearRegionDismissed(core.db, regionId);
    log({ action: 'faces.restore', subject: `photo:${region.photoHash}`, details: { region: regionId } });
    return repo.getRegion(core.db, regionId)!;
  });
}

/**
 * "Guest / not known" (or its undo with `guest` false): someone is there whom the school does not name — a parent,
 * a visitor. The region stays and stays hidden; it only leaves the list of faces still to name.
 */
export function markRegionGuest(core: Acting, regionId: number, guest: boolean): PhotoRegion {
  const actor = core.actor();
  return audited(core.db, actor, (log) => {
    const region = repo.getRegion(core.db, regionId);
    if (!region) throw new AppError('faces.regionNotFound', { region: regionId });
    if ((region.guestAt !== null) === guest) return region;
    repo.setRegionGuest(core.db, regionId, guest ? { at: new Date().toISOString(), by: actorLabel(actor) } : null);
    log({
      action: guest ? 'people.guest' : 'people.unguest',
      subject: `photo:${region.photoHash}`,
      details: { region: regionId, source: region.source },
    });
    return repo.getRegion(core.db, regionId)!;
  });
}

/** Smallest drawn face side, normalised: below this the box is a slip of the mouse. */
const MIN_DRAWN = 0.002;

function isForeignKeyError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Adds a face a user drew (a missed face): a region with source 'user', in the audit trail. */
export function addDrawnFace(core: Acting, photoHash: string, box: Box): PhotoRegion {
  const clamped = {
    x: Math.max(0, box.x),
    y: Math.max(0, box.y),
    w: Math.min(1, box.x + box.w) - Math.max(0, box.x),
    h: Math.min(1, box.y + box.h) - Math.max(0, box.y),
  };
  if (!(clamped.w >= MIN_DRAWN && clamped.h >= MIN_DRAWN)) throw new AppError('faces.boxTooSmall', {});
  const actor = core.actor();
  return audited(core.db, actor, (log) => {
    let id: number;
    try {
      id = repo.insertUserRegion(core.db, photoHash, clamped, new Date().toISOString(), actorLabel(actor));
    } catch (error) {
      // regions.photo_hash references photos: the database knows whether the photo exists.
      if (isForeignKeyError(error)) throw new AppError('faces.photoNotFound', { photo: photoHash });
      throw error;
    }
    log({ action: 'faces.draw', subject: `photo:${photoHash}`, details: { region: id, box: clamped } });
    return repo.getRegion(core.db, id)!;
  });
}
