// The real test files kept outside the repository (../shared/realworld, ../shared/models, next to the checkout)
// and the guard for the tests that read them: on a clone without them those tests are reported skipped, with
// the missing folder in their name, instead of failing or throwing while the file loads.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'vitest';

/** ../shared by default; FOTOWACHT_SHARED_DIR points elsewhere (e.g. at nothing, to see the tests skip). */
export const SHARED_DIR = path.resolve(process.env.FOTOWACHT_SHARED_DIR || '../shared');
/** Real photos with people regions written by real programs, and truth.json (exiftool's reading). */
export const REALWORLD_PHOTOS = path.join(SHARED_DIR, 'realworld', 'photos');
/** Real photos with faces, and truth.json (hand-checked face boxes). */
export const REALWORLD_FACES = path.join(SHARED_DIR, 'realworld', 'faces');
/** The optional YuNet face model (not shipped with the app). */
export const YUNET_FILE = path.join(SHARED_DIR, 'models', 'face_detection_yunet_2023mar.onnx');

/** How a path is named in a skip message: relative to the repository when it is nearby, else in full. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith(`..${path.sep}..`) || path.isAbsolute(relative) ? file : relative;
}

/**
 * Undefined when every path exists; else `skipped: needs <first missing part> (absent)`, naming the outermost
 * missing folder below the shared folder (../shared/realworld rather than ../shared/realworld/faces/truth.json).
 */
export function missingShared(...needed: readonly string[]): string | undefined {
  for (const file of needed) {
    const parts = path.relative(SHARED_DIR, file).split(path.sep);
    for (let depth = 1; depth <= parts.length; depth += 1) {
      const part = path.join(SHARED_DIR, ...parts.slice(0, depth));
      if (!existsSync(part)) return `skipped: needs ${shown(part)} (absent)`;
    }
  }
  return undefined;
}

/** How many skipped describeNeeding blocks are being collected right now (their bodies run to list the tests). */
let collectingSkipped = 0;

/**
 * `describe` for tests that read files from the shared folder. When one is absent the block is skipped, its name
 * carries the reason and the reason is printed once. The body still runs to list its tests (as skipped), so it
 * must not read the files itself: read them in the tests or in hooks.
 */
export function describeNeeding(...needed: readonly string[]): (name: string, body: () => void) => void {
  const note = missingShared(...needed);
  return (name, body) => {
    if (note === undefined) {
      describe(name, body);
      return;
    }
    console.log(`${name}: ${note}`);
    // Inside a block that is skipped already, a second describe.skip would leave its tests "pending" instead of
    // skipped in vitest's counts: the outer skip covers them, the name still says what else is missing.
    if (collectingSkipped > 0) {
      describe(`${name} — ${note}`, body);
      return;
    }
    describe.skip(`${name} — ${note}`, () => {
      collectingSkipped += 1;
      try {
        body();
      } finally {
        collectingSkipped -= 1;
      }
    });
  };
}
