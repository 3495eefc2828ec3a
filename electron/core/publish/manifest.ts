// The export's manifest, written last: per file (photo or clip) the source and output hashes, the decision, how many
// regions or tracks were hidden, for a clip whether its sound was kept, and the consent record versions the visible
// people rest on — ids, no names.
import { createHash } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DecisionStatus } from '../../../shared/policy';
import type { ExportBoardMark } from '../../../shared/publish';
import type { AuditAnchor } from '../../../shared/types';
import { ANCHOR_CSV_LABEL, formatAnchor } from '../audit';
import { toCsv } from '../csv';

export interface ManifestEntry {
  readonly kind: 'photo' | 'clip';
  readonly outputName: string | null;
  readonly sourceSha256: string;
  readonly outputSha256: string | null;
  readonly decision: DecisionStatus;
  readonly overridden: boolean;
  /** A photo's hidden regions; a clip's hidden tracks (each masked in every frame it may be on screen). */
  readonly hiddenRegions: number;
  /** A written clip: whether its sound was kept (the export's choice); null for photos and clips not written. */
  readonly audioKept: boolean | null;
  readonly visiblePeople: ReadonlyArray<{ readonly personId: number; readonly consentRecordId: number }>;
  readonly problems: readonly string[];
}

export interface Manifest {
  readonly exportId: number;
  readonly channel: string;
  readonly date: string;
  readonly schoolYear: string;
  readonly createdAt: string;
  readonly settings: Readonly<Record<string, string | number | boolean | null>>;
  readonly files: readonly ManifestEntry[];
  /** The audit trail's head when the manifest was written: an anchor (`fotowacht audit verify --anchor-file`). */
  readonly auditHead: AuditAnchor;
  /**
   * Board mode: which copy of the board's registry the decisions read (refresh time, content hash, user), and whether
   * the server was there ('online') or the user allowed the snapshot ('snapshot').
   */
  readonly board?: Omit<ExportBoardMark, 'exportId'> | undefined;
}

export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_CSV = 'manifest.csv';

async function writeAtomically(file: string, content: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.fotowacht-tmp-${path.basename(file)}`);
  try {
    await writeFile(temp, content, 'utf8');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Writes manifest.csv and manifest.json (last); returns the SHA-256 of manifest.json. */
export async function writeManifest(outDir: string, manifest: Manifest): Promise<string> {
  const csv = toCsv(
    [
      'file',
      'source_sha256',
      'output_sha256',
      'decision',
      'overridden',
      'hidden_regions',
      'consent_record_ids',
      'problems',
      'kind',
      'audio',
    ],
    manifest.files.map((entry) => [
      entry.outputName ?? '',
      entry.sourceSha256,
      entry.outputSha256 ?? '',
      entry.decision,
      entry.overridden ? 'yes' : 'no',
      String(entry.hiddenRegions),
      entry.visiblePeople.map((person) => `${person.personId}:${person.consentRecordId}`).join(' '),
      entry.problems.join(' '),
      entry.kind,
      entry.audioKept === null ? '' : entry.audioKept ? 'kept' : 'removed',
    ]),
    // Last row: the audit trail's head, so the CSV alone is an anchor too.
    [[ANCHOR_CSV_LABEL, formatAnchor(manifest.auditHead)]],
  );
  await writeAtomically(path.join(outDir, MANIFEST_CSV), csv);
  const json = `${JSON.stringify(manifest, null, 2)}\n`;
  await writeAtomically(path.join(outDir, MANIFEST_JSON), json);
  return createHash('sha256').update(json, 'utf8').digest('hex');
}
