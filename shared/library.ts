// Types of the photo library: roots, events, photos and the people regions read from their metadata.

import type { Box } from './geometry';
import type { PhotoRegion, RegionKind } from './people';

export type { Box } from './geometry';
export type { RegionKind, RegionSource } from './people';

/** Where a region came from in the file's metadata. */
export type RegionNamespace =
  | 'mwg-rs'
  | 'MP'
  | 'Iptc4xmpExt:ImageRegion'
  | 'Iptc4xmpExt:PersonInImage'
  | 'Iptc4xmpExt:PersonInImageWDetails'
  | 'digiKam:TagsList'
  | 'lr:hierarchicalSubject'
  | 'MicrosoftPhoto:LastKeywordXMP';

/** A person (or pet, or other area) found in a file's metadata; `box` is null for a name without a region. */
export interface FileRegion {
  readonly namespace: RegionNamespace;
  readonly kind: RegionKind;
  readonly box: Box | null;
  readonly name: string;
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface LibraryRoot {
  readonly id: number;
  readonly path: string;
  readonly addedAt: string;
  readonly events: number;
  readonly photos: number;
  readonly errors: number;
}

export interface LibraryEvent {
  readonly id: number;
  readonly rootId: number;
  readonly name: string;
  readonly folderPath: string;
  readonly photos: number;
  /** Video clips in this event (issue 15): reviewed and published with its photos. */
  readonly clips: number;
  readonly regions: number;
  readonly names: number;
  readonly errors: number;
  /** Photos picked for publication in this event. */
  readonly picks: number;
  /** Whether names are written back to XMP sidecars next to this event's photos (opt-in). */
  readonly writeSidecars: boolean;
}

/** What picking or unpicking photos did: how many changed, and the event's picks after it. */
export interface PickResult {
  readonly changed: number;
  readonly picks: number;
}

/**
 * Why indexing put a photo on "needs review" whatever its consent says: its metadata block could not be read (its
 * people may be missing), or its people regions were written for an image of another shape (boxes misplaced).
 */
export type PhotoReviewCode = 'metadataUnreadable' | 'staleRegions';

export interface PhotoReviewReason {
  readonly code: PhotoReviewCode;
  readonly params: Readonly<Record<string, string | number>>;
}

/** A photo as the library knows it: its content, size and metadata, and where its files are. */
export interface PhotoInfo {
  readonly hash: string;
  readonly format: string;
  readonly width: number;
  readonly height: number;
  readonly orientation: number;
  readonly displayWidth: number;
  readonly displayHeight: number;
  readonly takenAt: string | null;
  readonly cameraMake: string | null;
  readonly cameraModel: string | null;
  /** The camera body's serial number (EXIF), kept to tell two cameras of one model apart in bursts; never exported. */
  readonly cameraSerial: string | null;
  readonly artist: string | null;
  readonly copyright: string | null;
  readonly hasGps: boolean;
  readonly keywords: readonly string[];
  /** Paths of this photo's files (the same content may sit in several folders). */
  readonly paths: readonly string[];
}

/** A photo with its regions (the people in it that count: dismissed and covered ones left out), as screens show it. */
export interface Photo extends PhotoInfo {
  readonly regions: readonly PhotoRegion[];
}

export interface PhotoPage {
  readonly total: number;
  readonly photos: readonly Photo[];
}

export interface IndexError {
  readonly path: string;
  readonly code: string;
  readonly params: Readonly<Record<string, string | number | boolean | null>>;
}

/** What an index job reports when it ends. */
export interface IndexSummary {
  readonly rootId: number;
  readonly root: string;
  readonly files: number;
  readonly indexed: number;
  readonly unchanged: number;
  readonly moved: number;
  readonly removed: number;
  readonly photos: number;
  /** Video clips with a file inside the indexed folder (issue 15). */
  readonly videos: number;
  readonly events: number;
  readonly regions: number;
  readonly names: number;
  readonly errors: readonly IndexError[];
  /** Photos indexed but put on "needs review" (unreadable metadata, stale regions); relative paths. */
  readonly warnings: readonly IndexError[];
}

/** A video clip as the library knows it (issue 15): what its container says, and where its files are. */
export interface VideoInfo {
  readonly hash: string;
  readonly container: string;
  readonly videoCodec: string;
  readonly durationSeconds: number;
  readonly frameRate: number;
  readonly width: number;
  readonly height: number;
  /** Degrees clockwise a player turns the frames. */
  readonly rotation: number;
  readonly displayWidth: number;
  readonly displayHeight: number;
  readonly takenAt: string | null;
  readonly cameraMake: string | null;
  readonly cameraModel: string | null;
  readonly hasGps: boolean;
  readonly hasAudio: boolean;
  readonly otherStreams: number;
  readonly title: string | null;
  readonly comment: string | null;
  readonly keywords: readonly string[];
  /** Names of people the file or its XMP sidecar carries (frames have no boxes: names only). */
  readonly people: readonly string[];
  /** Preview frames beside the poster, in the previews cache as `<hash>-<n>.jpg` (n from 1). */
  readonly previewFrames: number;
  readonly paths: readonly string[];
}
