// Who is acting: the operating-system user plus the display name set in the app. Every audit event and every
// record that says who made it names an actor the same way.
import { userInfo } from 'node:os';

export interface Actor {
  /** The operating-system user running Fotowacht. */
  readonly os: string;
  /** The display name set in the app (may be empty). */
  readonly name: string;
}

export function osUserName(): string {
  try {
    return userInfo().username || process.env.USER || process.env.USERNAME || 'unknown';
  } catch {
    return process.env.USER || process.env.USERNAME || 'unknown';
  }
}

/** How an actor is written into records: 'Display Name (osuser)', or the OS user alone when no name is set. */
export function actorLabel(actor: Actor): string {
  const name = actor.name.trim();
  return name ? `${name} (${actor.os})` : actor.os;
}
