// Connecting to a board's PostgreSQL server with node-postgres. TLS like libpq's sslmode: 'prefer' (the default)
// tries an encrypted connection first and falls back to plain only when the server says it offers no TLS;
// 'require' refuses plain; 'verify-full' also checks the server's certificate against a CA file and its host name;
// 'disable' never encrypts. 'prefer' and 'require' encrypt without checking the certificate (as libpq does), so
// they protect against listening, not against a server that pretends: use verify-full with the board's CA for that.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import pg from 'pg';
import { AppError } from '../../../shared/errors';

export type TlsMode = 'disable' | 'prefer' | 'require' | 'verify-full';
export const TLS_MODES: readonly TlsMode[] = ['disable', 'prefer', 'require', 'verify-full'];

/** A connection to the board's database (one session: a transaction runs on it from BEGIN to COMMIT). */
export type BoardSql = pg.ClientBase;

export interface BoardConnection {
  readonly client: pg.Client;
  /** Whether this connection is encrypted. */
  readonly tls: boolean;
  /** Whether the server's certificate was checked (verify-full). */
  readonly verified: boolean;
  close(): Promise<void>;
}

export interface BoardConnectOptions {
  /** postgres://user[:password]@host[:port]/database[?sslmode=…&sslrootcert=…] */
  readonly url: string;
  /** Overrides the URL's password (from the key store or stdin). */
  readonly password?: string | undefined;
  /** Overrides the URL's sslmode. */
  readonly tls?: TlsMode | undefined;
  /** CA certificate file for verify-full (overrides the URL's sslrootcert). */
  readonly caFile?: string | undefined;
  readonly connectTimeoutMs?: number;
}

export interface ParsedBoardUrl {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string | undefined;
  readonly tls: TlsMode;
  readonly caFile: string | undefined;
}

/** Parses a postgres:// URL; the error never repeats the URL (it may hold a password). */
export function parseBoardUrl(url: string): ParsedBoardUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('board.urlInvalid', {});
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new AppError('board.urlInvalid', {});
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  const user = decodeURIComponent(parsed.username);
  if (!parsed.hostname || !database || !user) throw new AppError('board.urlInvalid', {});
  const sslmode = parsed.searchParams.get('sslmode') ?? 'prefer';
  if (!(TLS_MODES as readonly string[]).includes(sslmode))
    throw new AppError('board.tlsModeInvalid', { mode: sslmode });
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : 5432,
    database,
    user,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    tls: sslmode as TlsMode,
    caFile: parsed.searchParams.get('sslrootcert') ?? undefined,
  };
}

/** The URL without its password: what settings and messages may show. */
export function redactedBoardUrl(target: Readonly<ParsedBoardUrl>): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const query = target.tls === 'prefer' ? '' : `?sslmode=${target.tls}`;
  return `postgres://${encodeURIComponent(target.user)}@${host}:${target.port}/${encodeURIComponent(target.database)}${query}`;
}

/** What went wrong, as a code a user can act on (no password, no URL). */
export function boardError(error: unknown, host: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT')
    return new AppError('board.unreachable', { host });
  if (/timeout/i.test(message)) return new AppError('board.unreachable', { host });
  if (code === '28P01' || code === '28000') return new AppError('board.authFailed', { host });
  if (code === '3D000') return new AppError('board.noDatabase', { host });
  if (code === '42501') return new AppError('board.notAllowed', { detail: message.slice(0, 200) });
  if (/does not support SSL/i.test(message)) return new AppError('board.tlsUnavailable', { host });
  if (/certificate|self[- ]signed|unable to verify/i.test(message))
    return new AppError('board.tlsCertificate', { host, detail: message.slice(0, 200) });
  return new AppError('board.serverError', {
    code: typeof code === 'string' ? code : '',
    detail: message.slice(0, 200),
  });
}

async function attempt(
  target: ParsedBoardUrl,
  password: string | undefined,
  ssl: pg.ClientConfig['ssl'],
  timeoutMs: number,
): Promise<pg.Client> {
  const client = new pg.Client({
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    ...(password === undefined ? {} : { password }),
    ssl,
    connectionTimeoutMillis: timeoutMs,
    application_name: 'fotowacht',
  });
  // An error after connecting (server gone) must not crash the process: the next query reports it.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

export async function connectBoard(options: Readonly<BoardConnectOptions>): Promise<BoardConnection> {
  const target = parseBoardUrl(options.url);
  const mode = options.tls ?? target.tls;
  const password = options.password ?? target.password;
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  const caFile = options.caFile ?? target.caFile;
  let ssl: pg.ClientConfig['ssl'] = false;
  if (mode === 'verify-full') {
    if (!caFile) throw new AppError('board.caFileMissing', {});
    let ca: string;
    try {
      ca = readFileSync(caFile, 'utf8');
    } catch {
      throw new AppError('board.caFileUnreadable', { path: caFile });
    }
    // SNI takes a host name only; for an address the certificate is still checked against its IP entries.
    ssl = { rejectUnauthorized: true, ca, ...(isIP(target.host) ? {} : { servername: target.host }) };
  } else if (mode !== 'disable') ssl = { rejectUnauthorized: false };
  let client: pg.Client;
  let tls = ssl !== false;
  try {
    try {
      client = await attempt(target, password, ssl, timeoutMs);
    } catch (error) {
      const noTls = error instanceof Error && /does not support SSL/i.test(error.message);
      if (mode !== 'prefer' || !noTls) throw error;
      client = await attempt(target, password, false, timeoutMs);
      tls = false;
    }
  } catch (error) {
    throw boardError(error, target.host);
  }
  return {
    client,
    tls,
    verified: mode === 'verify-full',
    close: async () => {
      await client.end().catch(() => undefined);
    },
  };
}

/** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(sql: BoardSql, work: () => Promise<T>): Promise<T> {
  await sql.query('BEGIN');
  try {
    const result = await work();
    await sql.query('COMMIT');
    return result;
  } catch (error) {
    await sql.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
