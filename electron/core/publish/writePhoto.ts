// One publish-ready file: the photo opened by its content hash, resized for the channel, hidden regions baked in,
// written to the staging folder, read back and checked for leaks, then moved into the export folder.
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HideStyle, HiddenRegion } from '../../../shared/policy';
import type { CreditField } from '../../../shared/types';
import type { ReadableDb } from '../db';
import { openLibraryPhoto } from '../library';
import { chosenCredits, readSourceCredits, withCredits } from './credits';
import { checkPublishedFile, type LeakFinding } from './leakCheck';
import { renderPublishImage } from './redact';
import { moveIntoPlace } from './staging';

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface PhotoToWrite {
  readonly photoHash: string;
  readonly outputName: string;
  readonly hide: readonly HiddenRegion[];
}

export interface WriteSettings {
  readonly longSide: number | null;
  readonly hideStyle: HideStyle;
  readonly stagingDir: string;
  readonly outDir: string;
  /** Every way a registry name may be written: none may appear in the file's bytes. */
  readonly names: readonly string[];
  /** Credit fields the school keeps for this channel (none: every metadata block is stripped). */
  readonly creditFields?: readonly CreditField[] | undefined;
}

export type WriteOutcome =
  | { readonly state: 'done'; readonly outputSha256: string }
  | { readonly state: 'leak'; readonly findings: readonly LeakFinding[] }
  | { readonly state: 'cancelled' };

export async function writePublishedPhoto(
  db: ReadableDb,
  photo: PhotoToWrite,
  settings: WriteSettings,
  signal: AbortSignal,
): Promise<WriteOutcome> {
  const temp = path.join(settings.stagingDir, photo.outputName);
  try {
    const source = await openLibraryPhoto(db, photo.photoHash);
    const rendered = await renderPublishImage(source.pipeline(), {
      longSide: settings.longSide,
      hide: photo.hide,
      hideStyle: settings.hideStyle,
    });
    if (signal.aborted) return { state: 'cancelled' };
    const fields = settings.creditFields ?? [];
    const credits = fields.length > 0 ? chosenCredits(await readSourceCredits(source.buffer), fields) : {};
    const jpeg = withCredits(rendered.jpeg, credits);
    await writeFile(temp, jpeg);
    const findings = await checkPublishedFile({
      file: await readFile(temp),
      names: settings.names,
      hidden: rendered.maskRects.map((maskRect, i) => ({ maskRect, regionRect: rendered.regionRects[i]! })),
      hideStyle: settings.hideStyle,
      credits,
    });
    if (findings.length > 0) return { state: 'leak', findings };
    if (signal.aborted) return { state: 'cancelled' };
    await moveIntoPlace(temp, settings.outDir, photo.outputName);
    return { state: 'done', outputSha256: sha256(jpeg) };
  } finally {
    await rm(temp, { force: true });
  }
}
