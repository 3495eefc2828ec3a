// Where-published and the takedown list in board mode (issue 16): every export on the board the user may see (row-level
// security decides), from every workstation, photos and clips — not only this computer's own. On a laptop: its own.
import { boardPublicationsOf, inBoardMode, openBoardSession } from '../board';
import type { CoreContext } from '../context';
import type { KeyStore } from '../db';
import { takedownList, type Publication } from './publications';

export async function publicationsOfPerson(
  core: CoreContext,
  personId: number,
  channelIds: readonly string[] = [],
  keyStore?: KeyStore,
): Promise<Publication[]> {
  if (!inBoardMode(core.db)) return takedownList(core.db, { personId, channelIds });
  const session = await openBoardSession({
    db: core.db,
    dataDir: core.paths.root,
    ...(keyStore ? { keyStore } : {}),
  });
  if (!session) return takedownList(core.db, { personId, channelIds });
  try {
    const rows = await boardPublicationsOf(session.connection.client, personId);
    const wanted = new Set(channelIds);
    return wanted.size > 0 ? rows.filter((row) => wanted.has(row.channelId)) : rows;
  } finally {
    await session.close();
  }
}
