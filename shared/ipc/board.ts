// IPC methods of board mode in Instellingen: the workstation's connection to its school board's database (status,
// connect, disconnect). The password goes to main once, for the key store, and never comes back.
import { z } from 'zod';
import type { SerializedError } from '../errors';
import { method, noParams } from './method';
import { fileHandle } from './ui';

export const BOARD_TLS_MODES = ['disable', 'prefer', 'require', 'verify-full'] as const;
export type BoardTlsMode = (typeof BOARD_TLS_MODES)[number];

/** What Instellingen shows of board mode. */
export interface BoardStatusView {
  /** Board mode as recorded by connect; null in single-laptop mode. */
  readonly connection: {
    readonly url: string;
    readonly user: string;
    readonly role: string;
    readonly tls: BoardTlsMode;
    readonly caFile: string | null;
    readonly schools: readonly string[];
    readonly connectedAt: string;
  } | null;
  /** Asked of the server just now (probe): reachable, and whether encrypted; null when not asked or single mode. */
  readonly reachable: boolean | null;
  readonly encrypted: boolean | null;
  readonly verified: boolean | null;
  /** Why the server could not be reached (an error code with params), when it could not. */
  readonly problem: SerializedError | null;
  /** The local copy of the registry: when it was refreshed, its hash, its school. */
  readonly snapshot: {
    readonly refreshedAt: string;
    readonly contentHash: string;
    readonly schoolCode: string;
    readonly ageMinutes: number;
  } | null;
  /** How old the copy may be for an export while the server is unreachable (hours). */
  readonly snapshotMaxAgeHours: number;
}

export const boardContract = {
  /** Board mode, the copy's age and (probe) whether the server answers now. */
  getBoardStatus: method<BoardStatusView>()(z.object({ probe: z.boolean() }).strict()),
  /** Connects this computer to the board (as `fotowacht connect`): tested, password to the key store, logged. */
  connectBoard: method<BoardStatusView>()(
    z
      .object({
        host: z.string().trim().min(1).max(255),
        port: z.number().int().min(1).max(65535),
        database: z.string().trim().min(1).max(63),
        user: z.string().trim().min(1).max(63),
        password: z.string().min(1).max(1024),
        tls: z.enum(BOARD_TLS_MODES),
        caFile: fileHandle.optional(),
      })
      .strict(),
  ),
  /** Back to single-laptop mode (logged); the key store's password is removed. */
  disconnectBoard: method<BoardStatusView>()(noParams),
};
