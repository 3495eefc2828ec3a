// Decodes a photo file for the face detector as the app does: the library's decoder (HEIC too), then the
// detector's scale. The app opens photos by content hash; tests and benches start from a file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeForDetection, type DecodedImage } from '../../electron/core/faces';
import { decodePhoto } from '../../electron/core/library';

export async function decodeFileForDetection(
  file: string,
  options: { readonly scaleFor?: (width: number, height: number) => number } = {},
): Promise<DecodedImage> {
  const photo = await decodePhoto(await readFile(file), path.basename(file));
  return decodeForDetection(photo, path.basename(file), options);
}
