// XMP sidecars beside the photos: which name a photo's sidecar has (the convention already in the folder, else
// `IMG_0001.xmp` as Lightroom and digiKam read it), reading one safely for the indexer, and writing the names
// Fotowacht knows into them for an event that opted in — as a job, each photo's original never touched, an existing
// sidecar merged, written to a temporary file and renamed, links never followed. Logged as one audit event.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Box } from '../../../shared/geometry';
import { displayName } from '../../../shared/names';
import { effectiveRegions } from '../../../shared/people';
import { audited } from '../audit';
import type { CoreContext } from '../context';
import type { ReadableDb } from '../db';
import { diskError } from '../fsErrors';
import type { JobHandle } from '../jobs';
import { currentPeopleDirectory, regionsOfPhoto } from '../people';
import * as picks from './pickRepository';
import { getPhotoInfo } from './photoRepository';
import { sidecarsEnabled } from './picks';
import { PHOTO_EXTENSIONS } from './scan';
import { sidecarXmp, type SidecarRegion } from './sidecarXmp';
import { MAX_XML_LENGTH } from './xml';

export const SIDECAR_JOB_KIND = 'library.sidecars';

/**
 * The sidecar of a photo among the names in its folder: `IMG_0001.jpg.xmp` or `IMG_0001.xmp` when one is there
 * (any case); else `IMG_0001.jpg.xmp` when the folder already uses that style or another photo shares the stem
 * (`IMG_0001.heic` beside `IMG_0001.jpg`), else `IMG_0001.xmp`.
 */
export function sidecarNameFor(photoName: string, folderNames: readonly string[]): string {
  const extension = path.extname(photoName);
  const stem = photoName.slice(0, photoName.length - extension.length);
  const byLower = new Map(folderNames.map((name) => [name.toLowerCase(), name]));
  const digiKam = byLower.get(`${photoName}.xmp`.toLowerCase());
  if (digiKam) return digiKam;
  const stemShared = folderNames.some(
    (name) =>
      name !== photoName &&
      PHOTO_EXTENSIONS.has(path.extname(name).toLowerCase()) &&
      name.slice(0, name.length - path.extname(name).length).toLowerCase() === stem.toLowerCase(),
  );
  const lightroom = byLower.get(`${stem}.xmp`.toLowerCase());
  if (lightroom && !stemShared) return lightroom;
  const folderUsesDigiKam = folderNames.some((name) =>
    /\.xmp$/i.test(name) ? PHOTO_EXTENSIONS.has(path.extname(name.slice(0, -4)).toLowerCase()) : false,
  );
  return folderUsesDigiKam || stemShared ? `${photoName}.xmp` : `${stem}.xmp`;
}

/** The names in a folder ([] when it cannot be listed). */
export async function folderNames(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch {
    return [];
  }
}

type Existing = { readonly text: string; readonly mode: number } | null;

/**
 * An existing sidecar's text, opened without following a link and only when it is a regular file of XMP size;
 * null when there is none. A link or another kind of file is an AppError naming the photo.
 */
export async function readSidecar(file: string, label: string): Promise<Existing> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP' || code === 'EMLINK') throw new AppError('library.sidecar.link', { file: label });
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new AppError('library.sidecar.notRegular', { file: label });
    if (info.size > MAX_XML_LENGTH) throw new AppError('library.sidecar.unreadable', { file: label });
    return { text: await handle.readFile('utf8'), mode: info.mode & 0o777 };
  } finally {
    await handle.close();
  }
}

/** A photo's sidecar text for the indexer, or null (none, a link, unreadable): never fails the photo. */
export async function sidecarTextOf(photoPath: string, names: readonly string[]): Promise<string | null> {
  const file = path.join(path.dirname(photoPath), sidecarNameFor(path.basename(photoPath), names));
  try {
    return (await readSidecar(file, file))?.text ?? null;
  } catch {
    return null;
  }
}

/** Inverse of orientBox (regions.ts): a box as the viewer sees it, back on the stored pixels. */
export function storedFrameBox(box: Box, orientation: number): Box {
  const { x, y, w, h } = box;
  switch (orientation) {
    case 2:
      return { x: 1 - x - w, y, w, h };
    case 3:
      return { x: 1 - x - w, y: 1 - y - h, w, h };
    case 4:
      return { x, y: 1 - y - h, w, h };
    case 5:
      return { x: y, y: x, w: h, h: w };
    case 6: // viewed turned 90° clockwise: stored is turned back
      return { x: y, y: 1 - x - w, w: h, h: w };
    case 7:
      return { x: 1 - y - h, y: 1 - x - w, w: h, h: w };
    case 8:
      return { x: 1 - y - h, y: x, w: h, h: w };
    default:
      return box;
  }
}

/**
 * The named boxes of a photo: a linked person's registry name, else the name its file gave; unnamed faces are left
 * out, and so is a box linked to a person no longer in the registry (erased: their name is never written back).
 */
export function namedRegions(db: ReadableDb, hash: string, orientation: number): SidecarRegion[] {
  const people = currentPeopleDirectory(db).people;
  const out: SidecarRegion[] = [];
  for (const region of effectiveRegions(regionsOfPhoto(db, hash))) {
    if (!region.box) continue;
    const person = region.personId !== null ? people.get(region.personId) : undefined;
    if (region.personId !== null && !person) continue;
    const name = person ? displayName(person) : region.source === 'file' ? region.name.trim() : '';
    if (name) out.push({ name, box: storedFrameBox(region.box, orientation) });
  }
  return out;
}

export type SidecarOutcome = 'written' | 'merged' | 'unchanged' | 'nothing';

/** Writes one photo file's sidecar (merged with an existing one); the photo itself is never opened for writing. */
export async function writeSidecar(
  photoPath: string,
  label: string,
  content: Parameters<typeof sidecarXmp>[1],
  names: readonly string[],
): Promise<SidecarOutcome> {
  if (content.regions.length === 0) return 'nothing';
  const folder = path.dirname(photoPath);
  const target = path.join(folder, sidecarNameFor(path.basename(photoPath), names));
  const existing = await readSidecar(target, label);
  let text: string;
  try {
    text = sidecarXmp(existing?.text ?? null, content);
  } catch {
    throw new AppError('library.sidecar.unreadable', { file: label });
  }
  if (existing && existing.text === text) return 'unchanged';
  // A hidden temporary name in the same folder (the indexer skips it), created new (never an existing file or link).
  const temporary = path.join(folder, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { flag: 'wx', mode: existing?.mode ?? 0o644 });
    // rename replaces a link at the target itself, never the file it points to.
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw (
      diskError(error, { file: label }) ??
      new AppError('library.sidecar.writeFailed', {
        file: label,
        detail: (error as NodeJS.ErrnoException).code ?? 'error',
      })
    );
  }
  return existing ? 'merged' : 'written';
}

export interface SidecarSummary {
  readonly eventId: number;
  readonly files: number;
  readonly written: number;
  readonly merged: number;
  readonly unchanged: number;
  /** Photo files with no named box: nothing to write. */
  readonly skipped: number;
  /** Including sidecars left alone because they were links, not regular files, or unreadable. */
  readonly failed: number;
}

/** Writes the sidecars of an event (opted in) as a job: progress per photo file, cancel, one audit event at the end. */
export function startSidecarJob(core: CoreContext, eventId: number): JobHandle<SidecarSummary> {
  if (!sidecarsEnabled(core.db, eventId)) throw new AppError('library.sidecars.notEnabled', { event: eventId });
  const files = picks.eventFiles(core.db, eventId);
  return core.jobs.start({
    kind: SIDECAR_JOB_KIND,
    concurrency: 2,
    run: async (ctx) => {
      ctx.setTotal(files.length);
      const counts = { written: 0, merged: 0, unchanged: 0, skipped: 0, failed: 0 };
      const listings = new Map<string, Promise<string[]>>();
      const namesIn = (folder: string) => {
        let names = listings.get(folder);
        if (!names) listings.set(folder, (names = folderNames(folder)));
        return names;
      };
      await ctx.forEach(
        files,
        async (file) => {
          const label = path.basename(file.path);
          const photo = getPhotoInfo(core.db, file.hash);
          if (!photo) return 'skipped';
          const names = await namesIn(path.dirname(file.path));
          const content = {
            width: photo.width,
            height: photo.height,
            regions: namedRegions(core.db, file.hash, photo.orientation),
          };
          try {
            const outcome = await writeSidecar(file.path, label, content, names);
            if (outcome === 'nothing') counts.skipped += 1;
            else counts[outcome] += 1;
            return outcome === 'nothing' ? 'skipped' : 'done';
          } catch (error) {
            counts.failed += 1;
            throw error;
          }
        },
        { label: (file) => path.basename(file.path) },
      );
      const summary: SidecarSummary = { eventId, files: files.length, ...counts };
      audited(core.db, core.actor(), (log) =>
        log({ action: 'library.sidecars.written', subject: `event:${eventId}`, details: { ...summary } }),
      );
      return summary;
    },
  });
}
