// Where the registry's writes go when it is not this laptop's own: a board's shared registry (board mode). The
// board domain provides it; the IPC handlers and the CLI route the writes to it, and read this computer's copy.
import type { Channel, ConsentRecord, Person, SchoolYearId } from '../../../shared/consent';
import type { AddChannelInput, RenameChannelInput, RetireChannelInput } from './channels';
import type { ConsentMapping } from '../../../shared/consentImport';
import type { CommitOptions, ConsentImportResult } from './importer';
import type { ManualChangeInput, WithdrawInput } from './manualChanges';
import type { ProtectionChange } from './protection';
import type { ConsentListSource } from './source';

export interface SharedRegistry {
  /** Brings this computer's copy up to date (before a preview, so it shows the registry as it is). */
  refresh(): Promise<void>;
  importList(
    source: Pick<ConsentListSource, 'fileName' | 'sha256' | 'rows'>,
    mapping: Readonly<ConsentMapping>,
    schoolYear: SchoolYearId,
    options: CommitOptions,
  ): Promise<ConsentImportResult>;
  recordManualConsent(input: Readonly<ManualChangeInput>): Promise<ConsentRecord>;
  withdrawConsent(input: Readonly<WithdrawInput>): Promise<ConsentRecord[]>;
  setPersonProtected(change: Readonly<ProtectionChange>): Promise<Person>;
  /** The school's channels on the board (its administrator and the board's privacy officer only). */
  addChannel(input: Readonly<AddChannelInput>): Promise<Channel>;
  renameChannel(input: Readonly<RenameChannelInput>): Promise<Channel>;
  retireChannel(input: Readonly<RetireChannelInput>): Promise<Channel>;
  deleteChannel(input: { readonly id: string }): Promise<void>;
}

/** The shared registry in board mode, null on a single laptop: asked at every call (connecting changes it). */
export type SharedRegistryRoute = () => SharedRegistry | null;
